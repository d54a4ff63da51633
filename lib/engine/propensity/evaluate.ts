/**
 * Out-of-sample evaluation of a propensity scorer (SPEC §5.3: "Quality is measured by ROC AUC on
 * later, unseen days"), next to two naive baselines a merchant could use without a model.
 */
import { lowerBound, type Snapshot } from '../snapshot';
import type { PropensityScorer } from '../scorer';
import { purchaseLabels, scoringPopulation } from './features';
import { rocAuc } from './auc';

/** Baseline 1: recency of the last contact up to asOfDay (more recent = higher). */
export const recencyBaseline: PropensityScorer = (snap, asOfDay, candidates) => {
  const out = new Float64Array(candidates.length);
  for (let r = 0; r < candidates.length; r++) {
    const c = candidates[r]!;
    const lo = snap.custContactStart[c]!;
    const end = lowerBound(snap.custContactDay, lo, snap.custContactStart[c + 1]!, asOfDay + 1);
    out[r] = end > lo ? -(asOfDay - snap.custContactDay[end - 1]!) : -1e9;
  }
  return out;
};

/** Baseline 2: number of contacts in the 7 days ending asOfDay. */
export const contactCount7dBaseline: PropensityScorer = (snap, asOfDay, candidates) => {
  const out = new Float64Array(candidates.length);
  for (let r = 0; r < candidates.length; r++) {
    const c = candidates[r]!;
    const lo = snap.custContactStart[c]!;
    const end = lowerBound(snap.custContactDay, lo, snap.custContactStart[c + 1]!, asOfDay + 1);
    out[r] = end - lowerBound(snap.custContactDay, lo, end, asOfDay - 6);
  }
  return out;
};

export interface EvaluationDay {
  day: number;
  population: number;
  positives: number;
  /** AUC per scorer name (null when a class is empty). */
  auc: Record<string, number | null>;
}

export interface Evaluation {
  days: EvaluationDay[];
  /** AUC over all evaluation rows pooled, per scorer name. */
  pooled: Record<string, number | null>;
}

/**
 * Scores the §5.3 population at each evaluation day t (label: paid order on t+1 … t+7) with every
 * scorer and reports per-day and pooled AUCs. Days whose label window passes the data are refused.
 */
export function evaluateScorers(snap: Snapshot, days: readonly number[], scorers: Record<string, PropensityScorer>): Evaluation {
  const names = Object.keys(scorers);
  const pooledScores: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const pooledLabels: number[] = [];
  const out: EvaluationDay[] = [];
  for (const t of days) {
    if (t + 7 > snap.latestDay) throw new Error(`evaluation day ${t}: its 7-day label window passes the latest day with data`);
    const pop = scoringPopulation(snap, t);
    const y = purchaseLabels(snap, t, pop);
    let positives = 0;
    for (const v of y) positives += v;
    const auc: Record<string, number | null> = {};
    for (const name of names) {
      const s = scorers[name]!(snap, t, pop);
      auc[name] = rocAuc(s, y);
      const bucket = pooledScores[name]!;
      for (const v of s) bucket.push(v);
    }
    for (const v of y) pooledLabels.push(v);
    out.push({ day: t, population: pop.length, positives, auc });
  }
  const pooled: Record<string, number | null> = {};
  for (const name of names) pooled[name] = rocAuc(pooledScores[name]!, pooledLabels);
  return { days: out, pooled };
}
