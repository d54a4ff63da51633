/**
 * Self-backtest of the propensity model (issue 14): on the shop's own latest labelled weeks, the
 * fitted recipe is compared with the fallback heuristic, recency alone and the 7-day contact count
 * by pooled ROC AUC; the 高潜 score uses the best (ties go to the model). A baseline replaces the
 * model only when the model could be backtested and the backtest has at least `minPositives`
 * purchases (30, as for fitting): with fewer, AUCs differ by chance and the model is kept.
 *
 * Backtest days, as of the fit's day T (`training.ts` backtestDays): the two latest weekly days
 * T − 7k in the same kind of calendar phase as T (ordinary, warm-up, 大促 within 7 days, the week
 * after; the latest weeks when none), and, when T is in a 大促 phase and the history has an
 * earlier 大促, that event's day in the same phase. Every label window ends by T.
 * The model is refitted by the same recipe (same training days, a quarter of the row budget) leaving out
 * every training day within 6 days of a backtest day, so it is scored on rows it never saw —
 * and, like the fit itself, it reads nothing after T (no leakage).
 *
 * Backtest rows: every positive, and negatives sub-sampled at one rate for every day (uniform
 * sub-sampling leaves a pooled AUC unbiased) to at most `maxEvalRows` rows.
 */
import type { Snapshot } from '../snapshot';
import type { PropensityScorer } from '../scorer';
import { fallbackPropensity } from '../propensity-fallback';
import { rocAuc } from './auc';
import { contactCount7dBaseline, recencyBaseline } from './evaluate';
import { fitLogistic } from './logistic';
import type { DayRows } from './training';
import { unitHash } from './training';

/** Which scorer the 高潜 score uses, and why (pooled backtest AUCs). */
export interface PropensitySelection {
  chosen: 'model' | 'fallback' | 'recency' | 'contacts7d';
  auc: { model: number | null; fallback: number | null; recency: number | null; contacts7d: number | null };
  /** Backtest as-of days. */
  days: number[];
  /** Backtest rows (after sub-sampling negatives), and how many of them bought. */
  population: number;
  positives: number;
}

/** A baseline's score mapped to a probability: p = σ(intercept + slope · x), x = the baseline's raw score as `baselineInput` gives it. */
export interface BaselineCalibration {
  slope: number;
  intercept: number;
  /** Mean x over the backtest rows (weighted): explanations say how far a customer is from it. */
  center: number;
}

type Candidate = PropensitySelection['chosen'];
const ORDER: readonly Candidate[] = ['model', 'fallback', 'recency', 'contacts7d'];

/** The candidate baselines' raw scores (monotone in their ranking). */
const BASELINES: Record<Exclude<Candidate, 'model'>, PropensityScorer> = {
  fallback: fallbackPropensity,
  recency: recencyBaseline,
  contacts7d: contactCount7dBaseline,
};

/** A baseline's raw score as the calibration's input (log-odds of the heuristic, log1p of a count, −days). */
function baselineInput(which: Exclude<Candidate, 'model'>, raw: number): number {
  if (which === 'fallback') return Math.log(raw / (1 - raw));
  if (which === 'contacts7d') return Math.log1p(raw);
  return Math.max(raw, -400);
}

/** A baseline as a calibrated scorer. */
export function calibratedBaseline(which: Exclude<Candidate, 'model'>, cal: BaselineCalibration): PropensityScorer {
  const base = BASELINES[which];
  return (snap, day, candidates) => {
    const raw = base(snap, day, candidates);
    const out = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = 1 / (1 + Math.exp(-(cal.intercept + cal.slope * baselineInput(which, raw[i]!))));
    return out;
  };
}

/** Backtest rows of the given days: all positives, negatives sub-sampled at one rate (weights undo it). */
function evalRows(snap: Snapshot, days: readonly number[], rowsOf: (day: number) => DayRows, maxEvalRows: number) {
  let pos = 0, neg = 0;
  for (const t of days) {
    const { labels } = rowsOf(t);
    for (const v of labels) v ? pos++ : neg++;
  }
  const negRate = Math.min(1, Math.max(1, maxEvalRows - pos) / Math.max(1, neg));
  return days.map((t) => {
    const { pop, labels } = rowsOf(t);
    const keep: number[] = [], y: number[] = [];
    for (let r = 0; r < pop.length; r++) {
      if (!labels[r] && negRate < 1 && unitHash(snap.customerKeys[pop[r]!]!, t ^ 0x5bd1) >= negRate) continue;
      keep.push(pop[r]!);
      y.push(labels[r]!);
    }
    return { day: t, customers: Int32Array.from(keep), labels: y, negWeight: 1 / negRate };
  });
}

/**
 * Runs the backtest: `modelScorer` is the recipe refitted without the backtest days (null when it
 * could not be fitted). Returns the selection and, when a baseline wins, its calibration.
 */
export function selectScorer(
  snap: Snapshot,
  days: readonly number[],
  rowsOf: (day: number) => DayRows,
  modelScorer: PropensityScorer | null,
  maxEvalRows: number,
  minPositives: number,
): { selection: PropensitySelection; calibration?: BaselineCalibration } {
  const sets = evalRows(snap, days, rowsOf, maxEvalRows);
  const labels: number[] = [], weights: number[] = [];
  for (const s of sets) for (const v of s.labels) (labels.push(v), weights.push(v ? 1 : s.negWeight));
  const scores = {} as Record<Candidate, number[] | null>;
  for (const name of ORDER) {
    const scorer = name === 'model' ? modelScorer : BASELINES[name];
    if (!scorer) {
      scores[name] = null;
      continue;
    }
    const all: number[] = [];
    for (const s of sets) for (const v of scorer(snap, s.day, s.customers)) all.push(v);
    scores[name] = all;
  }
  const auc = {} as PropensitySelection['auc'];
  for (const name of ORDER) auc[name] = scores[name] ? rocAuc(scores[name], labels) : null;
  let positives = 0;
  for (const v of labels) positives += v;
  // A baseline replaces the fitted model only on evidence: the model backtested, and enough
  // purchases in the backtest for its AUCs to mean something (a few buyers rank by chance).
  let chosen: Candidate = 'model';
  if (auc.model !== null && positives >= minPositives)
    for (const name of ORDER) if ((auc[name] ?? -1) > (auc[chosen] ?? -1)) chosen = name;
  const selection: PropensitySelection = { chosen, auc, days: [...days], population: labels.length, positives };
  if (chosen === 'model') return { selection };
  // Platt scaling of the winner's score on the backtest rows (negatives weighted back up).
  const x = scores[chosen]!.map((v) => baselineInput(chosen, v));
  return { selection, calibration: platt(x, labels, weights) };
}

/** One-feature logistic fit p = σ(a + b·x), weighted. */
function platt(x: number[], y: number[], w: number[]): BaselineCalibration {
  let m = 0, sw = 0;
  for (let i = 0; i < x.length; i++) (m += w[i]! * x[i]!, (sw += w[i]!));
  m /= sw || 1;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += w[i]! * (x[i]! - m) ** 2;
  const s = Math.sqrt(v / (sw || 1)) || 1;
  const fit = fitLogistic(Float64Array.from(x, (xi) => (xi - m) / s), y, 1, { l2: 1e-6, weights: w });
  const slope = fit.weights[0]! / s;
  return { slope, intercept: fit.intercept - slope * m, center: m };
}
