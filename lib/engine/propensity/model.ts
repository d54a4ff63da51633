/**
 * Purchase-propensity model (SPEC §5.3): P(a non-purchaser buys within the next 7 days).
 *
 * Fitting, as of day T (`asOfDay`), on the shop's own history only (nothing after T is read):
 * - Training days (`training.ts`): the recent weeks t = T − 7 − k·7 (k < K), weighted toward T,
 *   plus — when T is in a 大促 phase — the same phase of the two latest earlier 大促 (calendar:
 *   `../promo-calendar.ts`). Every label window t+1 … t+7 ends on or before T. K is 8 in a 大促
 *   phase and 24 outside one (see "Ordinary days" below).
 * - Rows at t: the scored population of SPEC §5.3 — users − purchasers of the 30 days ending t —
 *   with features at t (`features.ts` + `features-promo.ts`: recency and counts by kind, 1 / 3 / 7
 *   day activity, acceleration, the 大促 phase, past 大促 behaviour, activity × phase, the year's
 *   cart adds per visit; outside a 大促 phase, purchases at 大促 against those between them and the
 *   days since the last click) and label 1
 *   when a paid order (status as last seen) happens on t+1 … t+7.
 * - Every positive is kept and negatives are sub-sampled to at most `maxRows` rows (default
 *   40 000; 20 000 on an ordinary day, below); a row's weight is its day's weight ÷ its sampling rate, so probabilities stay
 *   calibrated and the 高潜 threshold (0.3) keeps its meaning.
 * - Features are standardised with the training rows' means and standard deviations; the model
 *   is L2-regularised logistic regression (`logistic.ts`, λ = 1e-3 on the mean log-loss).
 * - Ordinary days (T in no 大促 phase, `inPromoPhase`; session 11, chosen on dev seeds 4–9): 24
 *   recent weeks instead of 8 on a budget of 20 000 rows instead of 40 000 (the fit's time stays
 *   about the same), the day-level 大促 columns (days to the next / since the last 大促, the two
 *   phase flags) held at weight 0, and the positives weighted × 10 in the fit with the intercept
 *   refitted on the true weights (`fitRows`' `positiveWeight`: the training rows' mean
 *   probability is their purchase rate, as before). Why: a day-level column is the same for every
 *   row of a training day, so it can only tell the days apart; over 8 weeks after the 60-day caps
 *   it differed on one or two training days and acted as their dummy, fitting one week's chance
 *   purchase rate and moving the scoring day's whole level by up to ⅓ (dev seed 4, 09-22: mean
 *   score 0.027 against a rate of 0.038). The weighted-up positives make the slopes follow the
 *   buyers' side of the data, which ranks better within a day. In a 大促 phase the recipe is the
 *   one before (there the day-level columns carry the 大促 days' much higher purchase rate).
 * - Self-backtest (`backtest.ts`): on the latest labelled weeks (and the matched phase of the
 *   previous 大促) the recipe is compared with the fallback heuristic, recency alone and the 7-day
 *   contact count; `score` uses the best, Platt-calibrated when it is a baseline (`selection`).
 *
 * Explanation: a customer's contribution of feature j is w_j · (x_j − mean_j) / sd_j, i.e. how far
 * that feature moves the log-odds away from an average training row's. `explain` returns the
 * largest ones by absolute value (positive = pushes towards buying); columns that are the same for
 * every customer of the day (the 大促 phase) come after the customer's own. `reasons` is what the
 * side panel shows: those terms summed into a few groups a merchant reads, each shown only when its
 * arrow agrees with the customer's values against the training mean (`reasons.ts`).
 *
 * Fallback (too little history: fewer than 60 days of data up to T, no usable training day, or
 * fewer than 30 positives): the fixed heuristic of `../propensity-fallback.ts`,
 *   p = σ(−3 + 1.5·[cart add in the 7 days ending T] + 0.4·min(contacts in those 7 days, 5)
 *         + 0.5·[fan] + 0.5·min(paid orders up to T, 3) − 0.05·min(days since last contact, 60)),
 * explained by those same terms.
 */
import type { Snapshot } from '../snapshot';
import type { PropensityScorer } from '../scorer';
import { fallbackPropensity } from '../propensity-fallback';
import {
  BASE_FEATURES,
  BASE_FEATURE_COUNT,
  FEATURES,
  FEATURE_COUNT,
  featureValue,
  writeBaseFeatures,
  writeFeatures,
  type FeatureInfo,
} from './features';
import { DAY_LEVEL_FEATURES } from './features-promo';
import { groupReasons, type PropensityReason } from './reasons';
import { writeFeatureRows } from './features-scoring';
import { sigmoid } from './logistic';
import { fallbackTerms, withSelection } from './selected';
import {
  backtestDays,
  dayRowsMemo,
  firstDataDay,
  fitRows,
  inPromoPhase,
  matchedPhaseDays,
  recentTrainingDays,
  sampleRows,
  type FitRowsOptions,
  type RowWriter,
  type TrainingDay,
} from './training';
import { selectScorer, type BaselineCalibration, type PropensitySelection } from './backtest';

/** One feature's push on a customer's score, for the side panel. */
export interface PropensityContribution {
  feature: string;
  labelZh: string;
  labelEn: string;
  /** Change in log-odds versus an average customer (positive = more likely to buy). */
  contribution: number;
  /** The customer's value of the feature as counted (days, times, yuan; 0/1 for yes/no), so the panel can say what they did. */
  value?: number;
  /** (value − the model's reference) / its scale, e.g. (x_j − mean_j) / sd_j: where the customer stands, for `reasons`. */
  deviation?: number;
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
  /** What the self-backtest compared and which scorer `score` uses (absent: the fitted model, not backtested). */
  selection?: PropensitySelection;
  /** Platt calibration of the chosen baseline (when `selection.chosen` is not 'model'). */
  calibration?: BaselineCalibration;
  /** Scores candidates at `asOfDay` (a PropensityScorer). */
  score: PropensityScorer;
  /** Top contributing features of one customer at `asOfDay`, largest |contribution| first. */
  explain(snap: Snapshot, asOfDay: number, customerIndex: number, top?: number): PropensityContribution[];
  /** The side panel's reasons for one customer at `asOfDay`: grouped, never against their plain reading (`reasons.ts`). */
  reasons(snap: Snapshot, asOfDay: number, customerIndex: number, top?: number): PropensityReason[];
}

export interface FitPropensityOptions {
  /** Number of recent weekly training days when the fit's day is in a 大促 phase (default 8). */
  trainingDays?: number;
  /** Number of recent weekly training days when it is not (default 24). */
  ordinaryTrainingDays?: number;
  /** Positives' weight in an ordinary day's fit, the intercept refitted after (default 10; 1 = as sampled). */
  ordinaryPositiveWeight?: number;
  /** Maximum fitted rows of an ordinary day's fit (default 20 000; its backtest refit a quarter of it). */
  ordinaryMaxRows?: number;
  /** Days between training days (default 7). */
  spacing?: number;
  /** Maximum fitted rows after sub-sampling when the fit's day is in a 大促 phase (default 40 000). */
  maxRows?: number;
  /** Fewer days of data up to asOfDay than this → fallback (default 60). */
  minHistoryDays?: number;
  /** Fewer positive rows than this → fallback (default 30). */
  minPositives?: number;
  /** L2 penalty (default 1e-3). */
  l2?: number;
  /** Run the self-backtest and score with its winner (default true). */
  backtest?: boolean;
  /** Maximum backtest rows (default 12 000). */
  maxEvalRows?: number;
}

interface FeatureSet {
  features: readonly FeatureInfo[];
  /** Training rows and explanations. */
  write: RowWriter;
  /** Scoring: the rows of candidates[from…to) at day t, `write`'s values (row r at (r − from) · d). */
  writeRows: (snap: Snapshot, t: number, candidates: Int32Array, from: number, to: number, X: Float64Array) => void;
}
const FULL: FeatureSet = { features: FEATURES, write: writeFeatures, writeRows: writeFeatureRows };
const PLAIN: FeatureSet = {
  features: BASE_FEATURES,
  write: writeBaseFeatures,
  writeRows: (snap, t, candidates, from, to, X) => {
    for (let r = from; r < to; r++) writeBaseFeatures(snap, candidates[r]!, t, X, (r - from) * BASE_FEATURE_COUNT);
  },
};
/** Recent weekly training days of a fit outside a 大促 phase (module comment, "Ordinary days"). */
const ORDINARY_WEEKS = 24;
/** Positives' weight in a fit outside a 大促 phase (the intercept refitted on the true weights after). */
const ORDINARY_POSITIVE_WEIGHT = 10;
/** Row budget of a fit outside a 大促 phase: half the 大促 one, so its 24 weeks fit in the time 8 took. */
const ORDINARY_MAX_ROWS = 20_000;
/** The day-level 大促 columns (equal for every customer of a day): held at weight 0 outside a 大促 phase. */
const DAY_LEVEL_COLUMNS: readonly number[] = FEATURES.flatMap((f, j) => (DAY_LEVEL_FEATURES.has(f.feature) ? [j] : []));
/** Candidates scored per block of feature rows (the block's rows are reused: no allocation per candidate). */
const SCORE_BLOCK = 1024;

/** out[at + r] = the probability of feature row r of X (rows of w.length standardised columns); a small function, so it is optimised early. */
function scoreRows(X: Float64Array, rows: number, intercept: number, w: Float64Array, mean: Float64Array, sd: Float64Array, out: Float64Array, at: number): void {
  const d = w.length;
  for (let r = 0, o = 0; r < rows; r++, o += d) {
    let z = intercept;
    for (let j = 0; j < d; j++) z += ((X[o + j]! - mean[j]!) / sd[j]!) * w[j]!;
    out[at + r] = sigmoid(z);
  }
}

/** A linear model over one feature set (scores and explanations). */
function linearModel(params: PropensityParams, meta: { asOfDay: number; trainingDays?: number[]; rows?: number; positives?: number }, set: FeatureSet): PropensityModel {
  const d = set.features.length;
  if (params.weights.length !== d || params.mean.length !== d || params.sd.length !== d)
    throw new Error(`propensity parameters have ${params.weights.length} weights, expected ${d}`);
  const w = Float64Array.from(params.weights), mean = Float64Array.from(params.mean), sd = Float64Array.from(params.sd);
  const intercept = params.intercept;
  const score: PropensityScorer = (snap, asOfDay, candidates) => {
    const n = candidates.length;
    const X = new Float64Array(Math.min(n, SCORE_BLOCK) * d);
    const out = new Float64Array(n);
    for (let from = 0; from < n; from += SCORE_BLOCK) {
      const to = Math.min(n, from + SCORE_BLOCK);
      set.writeRows(snap, asOfDay, candidates, from, to, X);
      scoreRows(X, to - from, intercept, w, mean, sd, out, from);
    }
    return out;
  };
  const terms = (snap: Snapshot, asOfDay: number, c: number): PropensityContribution[] => {
    const x = new Float64Array(d);
    set.write(snap, c, asOfDay, x, 0);
    return set.features.map((f, j) => {
      const deviation = (x[j]! - mean[j]!) / sd[j]!;
      return { ...f, contribution: deviation * w[j]!, value: featureValue(f.feature, x[j]!), deviation };
    });
  };
  const explain = (snap: Snapshot, asOfDay: number, c: number, top = 5) => rankContributions(terms(snap, asOfDay, c), top);
  const reasons = (snap: Snapshot, asOfDay: number, c: number, top = 3) => groupReasons(terms(snap, asOfDay, c), asOfDay, top);
  return {
    kind: 'logistic',
    asOfDay: meta.asOfDay,
    trainingDays: meta.trainingDays ?? [],
    rows: meta.rows ?? 0,
    positives: meta.positives ?? 0,
    params,
    score,
    explain,
    reasons,
  };
}

/** Builds a model object from fitted parameters (e.g. received from a worker). */
export function propensityModelFromParams(
  params: PropensityParams,
  meta: { asOfDay: number; trainingDays?: number[]; rows?: number; positives?: number },
): PropensityModel {
  return linearModel(params, meta, FULL);
}

/** Largest |contribution| first; the day-level 大促 columns (equal for everyone that day) after the customer's own. */
function rankContributions(parts: PropensityContribution[], top: number): PropensityContribution[] {
  const dayLevel = (p: PropensityContribution) => (DAY_LEVEL_FEATURES.has(p.feature) ? 1 : 0);
  return parts
    .filter((p) => p.contribution !== 0)
    .sort((a, b) => dayLevel(a) - dayLevel(b) || Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, Math.max(0, top));
}

/** The documented fallback heuristic as a model (score + explanation by its own terms). */
export function fallbackPropensityModel(asOfDay: number, reason: string): PropensityModel {
  const explain = (snap: Snapshot, t: number, c: number, top = 5) => rankContributions(fallbackTerms(snap, t, c, 1), top);
  const reasons = (snap: Snapshot, t: number, c: number, top = 3) => groupReasons(fallbackTerms(snap, t, c, 1), t, top);
  return { kind: 'fallback', fallbackReason: reason, asOfDay, trainingDays: [], rows: 0, positives: 0, score: fallbackPropensity, explain, reasons };
}

/** Training days as of T (`weeks` recent weeks, then the matched 大促 phase), or a fallback reason. */
function trainingPlan(snap: Snapshot, T: number, opts: FitPropensityOptions, withPhase: boolean, weeks = 8): { first: number; recent: TrainingDay[]; matched: number[][] } | string {
  const minHistory = opts.minHistoryDays ?? 60;
  const first = firstDataDay(snap);
  if (first === null || first > T) return 'no data up to this day';
  const history = T - first + 1;
  if (history < minHistory) return `only ${history} days of history (need ${minHistory})`;
  const recent = recentTrainingDays(T, first, weeks, opts.spacing ?? 7);
  const matched = withPhase ? matchedPhaseDays(T, first) : [];
  if (recent.length === 0 && matched.length === 0) return 'no training day with 30 days of data before it';
  return { first, recent, matched };
}

/** Fits the propensity model on the shop's history up to `asOfDay` (falls back to the heuristic when too short). */
export function fitPropensity(snap: Snapshot, asOfDay: number, opts: FitPropensityOptions = {}): PropensityModel {
  const ordinary = !inPromoPhase(asOfDay);
  const weeks = ordinary ? (opts.ordinaryTrainingDays ?? ORDINARY_WEEKS) : (opts.trainingDays ?? 8);
  const plan = trainingPlan(snap, asOfDay, opts, true, weeks);
  if (typeof plan === 'string') return fallbackPropensityModel(asOfDay, plan);
  // The fit and the backtest's refit alike (module comment, "Ordinary days").
  const how: FitRowsOptions = ordinary ? { zeroColumns: DAY_LEVEL_COLUMNS, positiveWeight: opts.ordinaryPositiveWeight ?? ORDINARY_POSITIVE_WEIGHT } : {};
  const maxRows = ordinary ? (opts.ordinaryMaxRows ?? ORDINARY_MAX_ROWS) : (opts.maxRows ?? 40_000), minPositives = opts.minPositives ?? 30, l2 = opts.l2 ?? 1e-3;
  const rowsOf = dayRowsMemo(snap);
  const topWeight = plan.recent[0]?.weight ?? 1;
  const days: TrainingDay[] = [...plan.recent];
  for (const group of plan.matched) for (const day of group) if (!days.some((d) => d.day === day)) days.push({ day, weight: topWeight });
  const rows = sampleRows(snap, days, maxRows, rowsOf);
  if (rows.positivesSeen < minPositives)
    return fallbackPropensityModel(asOfDay, `only ${rows.positivesSeen} purchases to learn from (need ${minPositives})`);
  const model = linearModel(fitRows(snap, rows, FULL.write, FEATURE_COUNT, l2, how), { asOfDay, trainingDays: days.map((d) => d.day), rows: rows.labels.length, positives: rows.positives }, FULL);
  if (opts.backtest === false) return model;

  // Self-backtest: the recipe refitted without the days near the backtest days, scored on them.
  const btDays = backtestDays(asOfDay, plan.first);
  const phaseDay = plan.matched[0]?.[Math.floor(plan.matched[0].length / 2)];
  if (phaseDay !== undefined) btDays.push(phaseDay);
  if (btDays.length === 0) return model;
  const kept = days.filter((d) => btDays.every((e) => Math.abs(d.day - e) >= 7));
  let btScorer: PropensityScorer | null = null;
  if (kept.length > 0) {
    const btRows = sampleRows(snap, kept, Math.round(maxRows / 4), rowsOf);
    if (btRows.positivesSeen >= minPositives) btScorer = linearModel(fitRows(snap, btRows, FULL.write, FEATURE_COUNT, l2, how), { asOfDay }, FULL).score;
  }
  const { selection, calibration } = selectScorer(snap, btDays, rowsOf, btScorer, opts.maxEvalRows ?? 12_000, minPositives);
  return withSelection(model, selection, calibration);
}

/**
 * The pre-大促 model, for comparison (`npm run eval:propensity`): the model as it was before issue 14
 * (commit 58cfe8d's parent) — the base features only, the 8 recent weekly training days
 * unweighted, no calendar, no backtest. (The plain logistic regression is plain-logistic.ts.)
 */
export function fitPrePromoLogistic(snap: Snapshot, asOfDay: number): PropensityModel {
  const plan = trainingPlan(snap, asOfDay, {}, false);
  if (typeof plan === 'string') return fallbackPropensityModel(asOfDay, plan);
  const days = plan.recent.map((d) => ({ day: d.day, weight: 1 }));
  const rows = sampleRows(snap, days, 40_000);
  if (rows.positivesSeen < 30) return fallbackPropensityModel(asOfDay, `only ${rows.positivesSeen} purchases to learn from (need 30)`);
  return linearModel(fitRows(snap, rows, PLAIN.write, BASE_FEATURE_COUNT, 1e-3), { asOfDay, trainingDays: days.map((d) => d.day), rows: rows.labels.length, positives: rows.positives }, PLAIN);
}
