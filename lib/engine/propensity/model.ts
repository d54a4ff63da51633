/**
 * Purchase-propensity model (SPEC §5.3): P(a non-purchaser buys within the next 7 days).
 *
 * Fitting, as of day T (`asOfDay`), on the shop's own history only:
 * - Training days t = T − 7 − k·7 for k = 0 … K−1 (default K = 8), so every label window
 *   t+1 … t+7 ends on or before T; a day is used only if it has ≥ 30 days of data before it.
 * - Rows at t: the scored population of SPEC §5.3 — users − purchasers of the 30 days ending t —
 *   with features at t (`features.ts`, data up to t only) and label 1 when a paid order (status
 *   as last seen) happens on t+1 … t+7.
 * - Every positive is kept and negatives are sub-sampled (deterministically, by a hash of the
 *   customer key and t) so that at most `maxRows` rows are fitted (default 40 000: ≈1–2 s at
 *   200k customers); kept rows are weighted by 1 / their sampling rate, so the fitted
 *   probabilities stay calibrated and the 高潜 threshold (0.3) keeps its meaning.
 * - Features are standardised with the training rows' means and standard deviations; the model
 *   is L2-regularised logistic regression (`logistic.ts`, λ = 1e-3 on the mean log-loss).
 *
 * Explanation: a customer's contribution of feature j is w_j · (x_j − mean_j) / sd_j, i.e. how far
 * that feature moves the log-odds away from an average training row's. `explain` returns the
 * largest ones by absolute value (positive = pushes towards buying).
 *
 * Fallback (too little history: fewer than 60 days of data up to T, no usable training day, or
 * fewer than 30 positives): the fixed heuristic of `../propensity-fallback.ts`,
 *   p = σ(−3 + 1.5·[cart add in the 7 days ending T] + 0.4·min(contacts in those 7 days, 5)
 *         + 0.5·[fan] + 0.5·min(paid orders up to T, 3) − 0.05·min(days since last contact, 60)),
 * explained by those same terms.
 */
import { FAN, KIND_CART, lowerBound, type Snapshot } from '../snapshot';
import type { PropensityScorer } from '../scorer';
import { fallbackPropensity } from '../propensity-fallback';
import {
  FEATURES,
  FEATURE_COUNT,
  columnStats,
  featureMatrix,
  featureValue,
  purchaseLabels,
  scoringPopulation,
  standardize,
  writeFeatures,
} from './features';
import { fitLogistic, sigmoid } from './logistic';

/** One feature's push on a customer's score, for the side panel. */
export interface PropensityContribution {
  feature: string;
  labelZh: string;
  labelEn: string;
  /** Change in log-odds versus an average customer (positive = more likely to buy). */
  contribution: number;
  /** The customer's value of the feature as counted (days, times, yuan; 0/1 for yes/no), so the panel can say what they did. */
  value?: number;
}

/** Plain-data parameters of a fitted logistic model (JSON-able, e.g. to pass between workers). */
export interface PropensityParams {
  intercept: number;
  weights: number[];
  mean: number[];
  sd: number[];
}

export interface PropensityModel {
  kind: 'logistic' | 'fallback';
  /** Why the fallback heuristic is used (absent for a fitted model). */
  fallbackReason?: string;
  asOfDay: number;
  /** Training days used (day numbers), latest first. */
  trainingDays: number[];
  /** Training rows fitted, and how many were positive. */
  rows: number;
  positives: number;
  params?: PropensityParams;
  /** Scores candidates at `asOfDay` (a PropensityScorer). */
  score: PropensityScorer;
  /** Top contributing features of one customer at `asOfDay`, largest |contribution| first. */
  explain(snap: Snapshot, asOfDay: number, customerIndex: number, top?: number): PropensityContribution[];
}

export interface FitPropensityOptions {
  /** Number of training days (default 8). */
  trainingDays?: number;
  /** Days between training days (default 7). */
  spacing?: number;
  /** Maximum fitted rows after sub-sampling (default 40 000). */
  maxRows?: number;
  /** Fewer days of data up to asOfDay than this → fallback (default 60). */
  minHistoryDays?: number;
  /** Fewer positive rows than this → fallback (default 30). */
  minPositives?: number;
  /** L2 penalty (default 1e-3). */
  l2?: number;
}

const HORIZON = 7;

/** Builds a model object from fitted parameters (e.g. received from a worker). */
export function propensityModelFromParams(
  params: PropensityParams,
  meta: { asOfDay: number; trainingDays?: number[]; rows?: number; positives?: number },
): PropensityModel {
  const d = FEATURE_COUNT;
  if (params.weights.length !== d || params.mean.length !== d || params.sd.length !== d)
    throw new Error(`propensity parameters have ${params.weights.length} weights, expected ${d}`);
  const w = Float64Array.from(params.weights), mean = Float64Array.from(params.mean), sd = Float64Array.from(params.sd);
  const score: PropensityScorer = (snap, asOfDay, candidates) => {
    const X = featureMatrix(snap, asOfDay, candidates);
    const out = new Float64Array(candidates.length);
    for (let r = 0; r < candidates.length; r++) {
      let z = params.intercept;
      const o = r * d;
      for (let j = 0; j < d; j++) z += ((X[o + j]! - mean[j]!) / sd[j]!) * w[j]!;
      out[r] = sigmoid(z);
    }
    return out;
  };
  const explain = (snap: Snapshot, asOfDay: number, c: number, top = 5): PropensityContribution[] => {
    const x = new Float64Array(d);
    writeFeatures(snap, c, asOfDay, x, 0);
    const parts = FEATURES.map((f, j) => ({ ...f, contribution: ((x[j]! - mean[j]!) / sd[j]!) * w[j]!, value: featureValue(f.feature, x[j]!) }));
    return rankContributions(parts, top);
  };
  return {
    kind: 'logistic',
    asOfDay: meta.asOfDay,
    trainingDays: meta.trainingDays ?? [],
    rows: meta.rows ?? 0,
    positives: meta.positives ?? 0,
    params,
    score,
    explain,
  };
}

function rankContributions(parts: PropensityContribution[], top: number): PropensityContribution[] {
  return parts
    .filter((p) => p.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, Math.max(0, top));
}

/** The documented fallback heuristic as a model (score + explanation by its own terms). */
export function fallbackPropensityModel(asOfDay: number, reason: string): PropensityModel {
  const explain = (snap: Snapshot, t: number, c: number, top = 5): PropensityContribution[] => {
    const cStart = snap.custContactStart, cDay = snap.custContactDay;
    const lo = cStart[c]!;
    const end = lowerBound(cDay, lo, cStart[c + 1]!, t + 1);
    const recentFrom = lowerBound(cDay, lo, end, t - 6);
    let cart = 0;
    for (let k = recentFrom; k < end; k++) if (snap.contactKind[snap.custContactIdx[k]!] === KIND_CART) cart = 1;
    const silence = end > lo ? t - cDay[end - 1]! : 60;
    const paid = lowerBound(snap.custPaidDay, snap.custPaidStart[c]!, snap.custPaidStart[c + 1]!, t + 1) - snap.custPaidStart[c]!;
    const fan = snap.customerFlags[c]! & FAN ? 1 : 0;
    const parts: PropensityContribution[] = [
      { feature: 'cartAdds7d', labelZh: '近7天加购', labelEn: 'Cart add in the last 7 days', contribution: 1.5 * cart, value: cart },
      { feature: 'contacts7d', labelZh: '近7天互动次数', labelEn: 'Contacts, last 7 days', contribution: 0.4 * Math.min(end - recentFrom, 5), value: end - recentFrom },
      { feature: 'isFan', labelZh: '粉丝', labelEn: 'Fan', contribution: 0.5 * fan, value: fan },
      { feature: 'paidOrders', labelZh: '历史成交订单数', labelEn: 'Past paid orders', contribution: 0.5 * Math.min(paid, 3), value: paid },
      { feature: 'daysSinceLastContact', labelZh: '距上次互动天数', labelEn: 'Days since last contact', contribution: -0.05 * Math.min(silence, 60), value: silence },
    ];
    return rankContributions(parts, top);
  };
  return { kind: 'fallback', fallbackReason: reason, asOfDay, trainingDays: [], rows: 0, positives: 0, score: fallbackPropensity, explain };
}

/** FNV-1a of a string → [0, 1): a per-customer sampling draw that does not depend on indexes. */
function unitHash(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

/** Earliest day of any contact (implicit order contacts included), or null when there is none. */
function firstDataDay(snap: Snapshot): number | null {
  let min = Infinity;
  const start = snap.custContactStart, days = snap.custContactDay;
  for (let c = 0; c < snap.customerCount; c++) {
    const j = start[c]!;
    if (j < start[c + 1]! && days[j]! < min) min = days[j]!;
  }
  return min === Infinity ? null : min;
}

/** Fits the propensity model on the shop's history up to `asOfDay` (falls back to the heuristic when too short). */
export function fitPropensity(snap: Snapshot, asOfDay: number, opts: FitPropensityOptions = {}): PropensityModel {
  const K = opts.trainingDays ?? 8;
  const spacing = opts.spacing ?? 7;
  const maxRows = opts.maxRows ?? 40_000;
  const minHistory = opts.minHistoryDays ?? 60;
  const minPositives = opts.minPositives ?? 30;

  const first = firstDataDay(snap);
  if (first === null || first > asOfDay) return fallbackPropensityModel(asOfDay, 'no data up to this day');
  const history = asOfDay - first + 1;
  if (history < minHistory) return fallbackPropensityModel(asOfDay, `only ${history} days of history (need ${minHistory})`);

  // Populations and labels of every training day (cheap), before choosing rows.
  const days: number[] = [], pops: Int32Array[] = [], labels: Uint8Array[] = [];
  for (let k = 0; k < K; k++) {
    const t = asOfDay - HORIZON - k * spacing;
    if (t - first < 29) break; // need 30 days of data behind t
    const pop = scoringPopulation(snap, t);
    days.push(t);
    pops.push(pop);
    labels.push(purchaseLabels(snap, t, pop, HORIZON));
  }
  let positives = 0, negatives = 0;
  for (const y of labels) for (let r = 0; r < y.length; r++) y[r] ? positives++ : negatives++;
  if (days.length === 0) return fallbackPropensityModel(asOfDay, 'no training day with 30 days of data before it');
  if (positives < minPositives)
    return fallbackPropensityModel(asOfDay, `only ${positives} purchases to learn from (need ${minPositives})`);

  // Sub-sample: keep positives (up to half the budget), fill the rest with negatives.
  const posRate = Math.min(1, maxRows / 2 / positives);
  const keptPos = positives * posRate;
  const negRate = Math.min(1, Math.max(0, maxRows - keptPos) / Math.max(1, negatives));
  const rowsC: number[] = [], rowsT: number[] = [], rowsY: number[] = [], rowsW: number[] = [];
  for (let k = 0; k < days.length; k++) {
    const t = days[k]!, pop = pops[k]!, y = labels[k]!;
    for (let r = 0; r < pop.length; r++) {
      const rate = y[r] ? posRate : negRate;
      if (rate < 1 && unitHash(snap.customerKeys[pop[r]!]!, t) >= rate) continue;
      rowsC.push(pop[r]!);
      rowsT.push(t);
      rowsY.push(y[r]!);
      rowsW.push(1 / rate);
    }
  }
  const n = rowsC.length, d = FEATURE_COUNT;
  const X = new Float64Array(n * d);
  for (let r = 0; r < n; r++) writeFeatures(snap, rowsC[r]!, rowsT[r]!, X, r * d);
  const { mean, sd } = columnStats(X, n, d);
  standardize(X, d, mean, sd);
  const fit = fitLogistic(X, Uint8Array.from(rowsY), d, { l2: opts.l2 ?? 1e-3, weights: Float64Array.from(rowsW) });
  let keptPositives = 0;
  for (const v of rowsY) keptPositives += v;
  return propensityModelFromParams(
    { intercept: fit.intercept, weights: Array.from(fit.weights), mean: Array.from(mean), sd: Array.from(sd) },
    { asOfDay, trainingDays: days, rows: n, positives: keptPositives },
  );
}
