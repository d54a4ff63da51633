/** The purchase-propensity scorer's shape, apart from the tiers that use it and the scorers that implement it (no import cycle). */
import type { Snapshot } from './snapshot/types';

/** Purchase-propensity scorer (SPEC §5.3): one probability per candidate, using data up to `asOfDay` only. */
export type PropensityScorer = (snap: Snapshot, asOfDay: number, candidates: Int32Array) => Float64Array;
