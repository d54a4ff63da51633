/**
 * A truly plain logistic regression, for `npm run eval:propensity` only: what an analyst fits on a
 * shop's data without feature engineering — the yardstick issue 14 calls "a plain logistic
 * regression" (0.83 in an ordinary week on its shops). The recipe was fixed before the eval's
 * world was calibrated against it and is not tuned to move a figure:
 * - columns, raw (no log, no caps, no calendar), of customer c at day t from data up to t:
 *   days since the last contact (the scored population always has one in the 30 days ending t),
 *   contacts in the 7 and in the 30 days ending t (every contact record, as the 7-day baseline
 *   counts them), paid orders up to t, days since the last paid order (365 when none), ever paid;
 * - training days: the 8 recent weekly days T − 7 − 7k with 30 days of data behind, unweighted,
 *   every row of their §5.3 populations (sub-sampled like the model's only past 40 000 rows);
 * - z-scores with the training rows' means and standard deviations, then logistic regression
 *   (`logistic.ts`, with its default λ = 1e-3 only for numerical safety).
 */
import { lowerBound, type Snapshot } from '../snapshot';
import type { PropensityScorer } from '../scorer';
import { sigmoid } from './logistic';
import { firstDataDay, fitRows, recentTrainingDays, sampleRows, type RowWriter } from './training';

const COLUMNS = 6;
const NEVER_PAID_DAYS = 365;

/** The six raw columns of customer c at day t. */
const writePlain: RowWriter = (snap, c, t, out, offset) => {
  const cDay = snap.custContactDay, lo = snap.custContactStart[c]!;
  const end = lowerBound(cDay, lo, snap.custContactStart[c + 1]!, t + 1);
  const pDay = snap.custPaidDay, plo = snap.custPaidStart[c]!;
  const paid = lowerBound(pDay, plo, snap.custPaidStart[c + 1]!, t + 1) - plo;
  out[offset] = end > lo ? t - cDay[end - 1]! : 30; // (none: never in the population, which has one in 30 days)
  out[offset + 1] = end - lowerBound(cDay, lo, end, t - 6);
  out[offset + 2] = end - lowerBound(cDay, lo, end, t - 29);
  out[offset + 3] = paid;
  out[offset + 4] = paid > 0 ? t - pDay[plo + paid - 1]! : NEVER_PAID_DAYS;
  out[offset + 5] = paid > 0 ? 1 : 0;
};

/** Fits the plain logistic regression as of `asOfDay` (null with no usable training day or no buyer to learn from). */
export function fitPlainLogistic(snap: Snapshot, asOfDay: number): PropensityScorer | null {
  const first = firstDataDay(snap);
  if (first === null) return null;
  const days = recentTrainingDays(asOfDay, first, 8).map((d) => ({ day: d.day, weight: 1 }));
  const rows = sampleRows(snap, days, 40_000);
  if (rows.positives === 0) return null;
  const fit = fitRows(snap, rows, writePlain, COLUMNS, 1e-3);
  return (s, t, candidates) => {
    const x = new Float64Array(COLUMNS), out = new Float64Array(candidates.length);
    for (let r = 0; r < candidates.length; r++) {
      writePlain(s, candidates[r]!, t, x, 0);
      let z = fit.intercept;
      for (let j = 0; j < COLUMNS; j++) z += ((x[j]! - fit.mean[j]!) / fit.sd[j]!) * fit.weights[j]!;
      out[r] = sigmoid(z);
    }
    return out;
  };
}
