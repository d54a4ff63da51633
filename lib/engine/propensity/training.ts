/**
 * Training days and the weighted, sub-sampled logistic fit of the propensity model (SPEC §5.3).
 *
 * Training days, as of day T (every label window t+1 … t+7 ends on or before T, and t has ≥ 30
 * days of data behind it):
 * - the recent weeks t = T − 7 − k·7 (k = 0 … K−1), weighted 2^(−age / 28 days) toward T;
 * - when T is in a 大促 phase (its next 大促 day within its warm-up + 7 days, or the last one
 *   within 7 days), the same phase of earlier 大促 in the history (the same event's previous
 *   occurrence first, then the latest others; three at most): the days at the
 *   same offset from their main day, ± 2 days, weighted as the latest recent week (they are the
 *   days that resemble T, however long ago).
 * Every positive is kept and negatives are sub-sampled (deterministically, by a hash of the
 * customer key and t) to at most `maxRows` rows; a kept row's weight is its day's weight ÷ its
 * sampling rate, so probabilities stay calibrated (the 高潜 threshold 0.3 keeps its meaning).
 *
 * `fitRows` can fit with the positives weighted up (`positiveWeight`): the slopes then follow the
 * buyers' side of the data more closely, which ranks better, and the intercept is refitted
 * afterwards with the true weights (the slopes held), so the mean probability on the training rows
 * equals their purchase rate again — the same guarantee the ÷ sampling rate gives. It can also hold
 * columns at weight 0 (`zeroColumns`), e.g. a day-level column with too few distinct days behind it.
 */
import type { Snapshot } from '../snapshot';
import { PROMO_DAYS, daysSinceLastPromo, nextPromo } from '../promo-calendar';
import { dayNumber } from '../../model';
import { columnStats, purchaseLabels, scoringPopulation, standardize } from './features';
import { promoPhaseOf } from './features-promo';
import { fitLogistic, sigmoid } from './logistic';

const HORIZON = 7;
const HALF_LIFE = 28;
const PHASE_SHIFTS = [-2, 0, 2];
const MATCHED_EVENTS = 3;
const PROMO_NUMS = PROMO_DAYS.map((p) => dayNumber(p.day));

/** A training day and its weight. */
export interface TrainingDay {
  day: number;
  weight: number;
}

/** Whether day t may train a model as of T: its label window ends by T and it has 30 days of data behind it. */
const usable = (t: number, T: number, first: number) => t + HORIZON <= T && t - first >= 29;

/** Earliest day of any contact (implicit order contacts included), or null when there is none. */
export function firstDataDay(snap: Snapshot): number | null {
  let min = Infinity;
  const start = snap.custContactStart, days = snap.custContactDay;
  for (let c = 0; c < snap.customerCount; c++) {
    const j = start[c]!;
    if (j < start[c + 1]! && days[j]! < min) min = days[j]!;
  }
  return min === Infinity ? null : min;
}

/** The recent weekly training days as of T (latest first), weighted toward T. */
export function recentTrainingDays(T: number, first: number, weeks: number, spacing = 7): TrainingDay[] {
  const out: TrainingDay[] = [];
  for (let k = 0; k < weeks; k++) {
    const t = T - HORIZON - k * spacing;
    if (!usable(t, T, first)) break;
    out.push({ day: t, weight: Math.pow(2, -(T - t - HORIZON) / HALF_LIFE) });
  }
  return out;
}

/**
 * Days of earlier 大促 in the same phase as T (see the module comment), latest event first; empty
 * when T is in no 大促 phase or the history has no earlier event with 30 days of data before it.
 */
export function matchedPhaseDays(T: number, first: number, shifts: readonly number[] = PHASE_SHIFTS, events = MATCHED_EVENTS): number[][] {
  const offset = promoPhaseOffset(T);
  if (offset === null) return [];
  const id = (offset <= 0 ? nextPromo(T)?.promo.id : undefined) ?? lastPromoId(T);
  const daysOf = (P: number) => {
    const days = shifts.map((s) => P + offset + s).filter((t) => usable(t, T, first) && Math.abs(t - T) > HORIZON);
    return days.length === shifts.length ? days : null;
  };
  // The same event's previous occurrence first (the comparable one), then the latest others.
  const out: number[][] = [];
  const order = PROMO_NUMS.map((_, i) => i).reverse();
  for (const sameFirst of [true, false])
    for (const i of order) {
      if (out.length >= events) break;
      if ((PROMO_DAYS[i]!.id === id) !== sameFirst) continue;
      const days = daysOf(PROMO_NUMS[i]!);
      if (days && (!sameFirst || out.length === 0)) out.push(days);
    }
  return out;
}

/**
 * T's offset from the 大促 main day it is near (negative before it) when T is in a 大促 phase — its next
 * 大促 day within its warm-up + 7 days, or the last one within 7 days — else null.
 */
function promoPhaseOffset(T: number): number | null {
  const next = nextPromo(T);
  if (next && next.days <= next.promo.warmupDays + HORIZON) return -next.days;
  const since = daysSinceLastPromo(T);
  return since !== null && since <= HORIZON ? since : null;
}

/** Whether T is in a 大促 phase (the days `matchedPhaseDays` matches to earlier 大促; outside them the ordinary recipe fits). */
export function inPromoPhase(T: number): boolean {
  return promoPhaseOffset(T) !== null;
}

/** The kind of calendar phase of day t: the 大促 day in the next 7 days, its warm-up, the week after one, or ordinary. */
function phaseKind(t: number): 'soon' | 'warmup' | 'after' | 'ordinary' {
  const p = promoPhaseOf(t);
  if (p.soon) return 'soon';
  if (p.warmup) return 'warmup';
  const since = daysSinceLastPromo(t);
  return since !== null && since <= HORIZON ? 'after' : 'ordinary';
}

/**
 * Backtest days as of T: the two latest weekly days T − 7k (k ≤ 8) in the same kind of calendar
 * phase as T — a backtest on a 大促 week says little about an ordinary one — filled with the
 * latest weeks when fewer are found; every one with its label window by T and 30 days behind it.
 */
export function backtestDays(T: number, first: number): number[] {
  const weeks: number[] = [];
  for (let k = 1; k <= 8; k++) if (usable(T - 7 * k, T, first)) weeks.push(T - 7 * k);
  const kind = phaseKind(T);
  const same = weeks.filter((t) => phaseKind(t) === kind).slice(0, 2);
  for (const t of weeks) if (same.length < 2 && !same.includes(t)) same.push(t);
  return same.sort((a, b) => b - a);
}

/** The §5.3 population of a day and its labels (computed once per fit, shared by the fit and the backtest). */
export interface DayRows {
  pop: Int32Array;
  labels: Uint8Array;
}

/** A memo of DayRows by day for one snapshot. */
export function dayRowsMemo(snap: Snapshot): (day: number) => DayRows {
  const memo = new Map<number, DayRows>();
  return (day) => {
    let r = memo.get(day);
    if (!r) {
      const pop = scoringPopulation(snap, day);
      r = { pop, labels: purchaseLabels(snap, day, pop, HORIZON) };
      memo.set(day, r);
    }
    return r;
  };
}

/** Id of the latest 大促 on or before T. */
function lastPromoId(T: number): string | undefined {
  let id: string | undefined;
  for (let i = 0; i < PROMO_NUMS.length && PROMO_NUMS[i]! <= T; i++) id = PROMO_DAYS[i]!.id;
  return id;
}

/** Training rows chosen (customer, day, label, weight), before features are written. */
export interface TrainingRows {
  customers: Int32Array;
  days: Int32Array;
  labels: Uint8Array;
  weights: Float64Array;
  positives: number;
}

/** FNV-1a of a string → [0, 1): a per-customer sampling draw that does not depend on indexes. */
export function unitHash(text: string, salt: number): number {
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

/**
 * The rows of the given days: every positive up to half the budget, negatives filling the rest
 * (by hash), each weighted by its day's weight ÷ its sampling rate. `positivesSeen` counts all.
 */
export function sampleRows(
  snap: Snapshot, days: readonly TrainingDay[], maxRows: number, rowsOf: (day: number) => DayRows = dayRowsMemo(snap),
): TrainingRows & { positivesSeen: number } {
  const pops: Int32Array[] = [], labels: Uint8Array[] = [];
  let positives = 0, negatives = 0;
  for (const { day } of days) {
    const { pop, labels: y } = rowsOf(day);
    pops.push(pop);
    labels.push(y);
    for (let r = 0; r < y.length; r++) y[r] ? positives++ : negatives++;
  }
  const posRate = positives > 0 ? Math.min(1, maxRows / 2 / positives) : 1;
  const negRate = Math.min(1, Math.max(0, maxRows - positives * posRate) / Math.max(1, negatives));
  const cs: number[] = [], ts: number[] = [], ys: number[] = [], ws: number[] = [];
  let kept = 0;
  for (let k = 0; k < days.length; k++) {
    const { day: t, weight } = days[k]!, pop = pops[k]!, y = labels[k]!;
    for (let r = 0; r < pop.length; r++) {
      const rate = y[r] ? posRate : negRate;
      if (rate < 1 && unitHash(snap.customerKeys[pop[r]!]!, t) >= rate) continue;
      cs.push(pop[r]!);
      ts.push(t);
      ys.push(y[r]!);
      ws.push(weight / rate);
      kept += y[r]!;
    }
  }
  return { customers: Int32Array.from(cs), days: Int32Array.from(ts), labels: Uint8Array.from(ys), weights: Float64Array.from(ws), positives: kept, positivesSeen: positives };
}

/** Fitted parameters of a logistic model over standardised columns. */
interface FittedLinear {
  intercept: number;
  weights: number[];
  mean: number[];
  sd: number[];
}

/** Writes the d columns of one (customer, day) row. */
export type RowWriter = (snap: Snapshot, c: number, t: number, out: Float64Array, offset: number) => void;

/** How `fitRows` fits (defaults: every column free, positives at their sampling weight). */
export interface FitRowsOptions {
  /** Columns held at weight 0 (written as 0 on every row, so they neither move the fit nor the score). */
  zeroColumns?: readonly number[];
  /**
   * Positives' weight × this in the fit (default 1); the intercept is then refitted with the true
   * weights, the slopes held, so the training rows' mean probability equals their purchase rate.
   */
  positiveWeight?: number;
}

/** Fits an L2 logistic regression on the rows (columns written by `write`, standardised by the rows' own statistics). */
export function fitRows(snap: Snapshot, rows: TrainingRows, write: RowWriter, d: number, l2: number, opts: FitRowsOptions = {}): FittedLinear {
  const n = rows.labels.length;
  const X = new Float64Array(n * d);
  for (let r = 0; r < n; r++) write(snap, rows.customers[r]!, rows.days[r]!, X, r * d);
  for (const j of opts.zeroColumns ?? []) for (let r = 0; r < n; r++) X[r * d + j] = 0;
  const { mean, sd } = columnStats(X, n, d);
  // Scaled but not centred: zeros stay zeros, so the fit's Hessian skips them (most counts of a
  // row are 0). With an unpenalised intercept the optimum is the same as on centred columns;
  // the intercept is moved back to the centred form the explanations use.
  standardize(X, d, new Float64Array(d), sd);
  const k = opts.positiveWeight ?? 1;
  const weights = k === 1 ? rows.weights : Float64Array.from(rows.weights, (w, r) => (rows.labels[r] ? w * k : w));
  const fit = fitLogistic(X, rows.labels, d, { l2, weights });
  let intercept = k === 1 ? fit.intercept : refitIntercept(X, rows, d, fit.weights, fit.intercept);
  for (let j = 0; j < d; j++) intercept += (fit.weights[j]! * mean[j]!) / sd[j]!;
  return { intercept, weights: Array.from(fit.weights), mean: Array.from(mean), sd: Array.from(sd) };
}

/** The intercept b maximising the rows' weighted likelihood with the slopes held (Newton's method from `start`). */
function refitIntercept(X: Float64Array, rows: TrainingRows, d: number, beta: Float64Array, start: number): number {
  const n = rows.labels.length, w = rows.weights, y = rows.labels;
  const z = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0, o = r * d; j < d; j++) s += X[o + j]! * beta[j]!;
    z[r] = s;
  }
  let b = start;
  for (let it = 0; it < 50; it++) {
    let g = 0, h = 0;
    for (let r = 0; r < n; r++) {
      const p = sigmoid(b + z[r]!);
      g += w[r]! * (p - y[r]!);
      h += w[r]! * p * (1 - p);
    }
    const step = g / Math.max(h, 1e-300);
    b -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return b;
}
