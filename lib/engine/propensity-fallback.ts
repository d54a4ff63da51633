/**
 * Fallback purchase-propensity heuristic (SPEC §5.3, "too little history"): a fixed logistic
 * score over features the shop's own data has, read only up to `asOfDay`:
 *
 *   z = −3.0
 *       + 1.5 · [a cart add in the 7 days ending asOfDay]
 *       + 0.4 · min(contacts in the 7 days ending asOfDay, 5)
 *       + 0.5 · [fan]
 *       + 0.5 · min(paid orders happening up to asOfDay, 3)
 *       − 0.05 · min(days since the last contact up to asOfDay, 60)
 *   p = 1 / (1 + e^−z)
 *
 * Why these weights: a cart add is the strongest intent signal a console shows, recent repeated
 * contact next, then the relationship (fan, past purchases); interest fades with silence. A
 * customer with nothing up to asOfDay scores the base e^−3 / (1 + e^−3) ≈ 0.047.
 */
import { KIND_CART as KIND_CART_, FAN as FAN_, lowerBound as lowerBound_, type Snapshot } from './snapshot';
import type { PropensityScorer } from './scorer';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const KIND_CART = KIND_CART_;
const FAN = FAN_;
const lowerBound = lowerBound_;

/** The documented fixed heuristic: a probability in (0, 1) for each candidate customer index. */
export const fallbackPropensity: PropensityScorer = (snap: Snapshot, asOfDay: number, candidates: Int32Array) => {
  const out = new Float64Array(candidates.length);
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  for (let j = 0; j < candidates.length; j++) {
    const c = candidates[j]!;
    const lo = cStart[c]!;
    const end = lowerBound(cDay, lo, cStart[c + 1]!, asOfDay + 1); // contacts up to asOfDay
    const recentFrom = lowerBound(cDay, lo, end, asOfDay - 6);
    let cart = 0;
    for (let k = recentFrom; k < end; k++) if (kind[k] === KIND_CART) cart = 1;
    const recent = end - recentFrom;
    const silence = end > lo ? asOfDay - cDay[end - 1]! : 60;
    const paid = lowerBound(pDay, pStart[c]!, pStart[c + 1]!, asOfDay + 1) - pStart[c]!;
    const fan = snap.customerFlags[c]! & FAN ? 1 : 0;
    const z = -3 + 1.5 * cart + 0.4 * Math.min(recent, 5) + 0.5 * fan + 0.5 * Math.min(paid, 3) - 0.05 * Math.min(silence, 60);
    out[j] = 1 / (1 + Math.exp(-z));
  }
  return out;
};
