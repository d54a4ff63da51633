/** Runs one registered indicator on a world, as analyzeWindow does (for the per-indicator tests). */
import { buildSnapshot, previousWindow, toRange, type DayWindow, type ReportOptions, type Snapshot } from '@/lib/engine';
import type { AnyIndicator } from '@/lib/engine/indicators';
import type { ShopData } from '@/lib/model';
import { bigWorld } from '../big-world';

/** The hand-computed world of big-world.ts and its window W = 2026-11-01 … 2026-11-30. */
export const BIG = { snap: buildSnapshot(bigWorld()), window: { start: '2026-11-01', end: '2026-11-30' } };

/** The report field and sets of `indicator` for `window` (the world's snapshot or data). */
export function run<I extends AnyIndicator>(indicator: I, world: Snapshot | ShopData, window: DayWindow, opts: ReportOptions = {}): ReturnType<I['compute']> {
  const snap = 'customerCount' in world ? world : buildSnapshot(world);
  const prev = previousWindow(window);
  return indicator.compute({ snap, window, previousWindow: prev, range: toRange(window), previousRange: toRange(prev), opts }) as ReturnType<I['compute']>;
}
