/** Douyin 用户资产 tiers (SPEC §3): users, purchasers, firstOrder, repeat, highPotential. */
import { lowerBound, membersOf, type Snapshot } from './snapshot';
import { contactFlags, paidFlags } from './sets';
import type { DayRange } from './window';
import { fallbackPropensity } from './propensity-fallback';

/** Purchase-propensity scorer (SPEC §5.3): one probability per candidate, using data up to `asOfDay` only. */
export type PropensityScorer = (snap: Snapshot, asOfDay: number, candidates: Int32Array) => Float64Array;

/** Default 高潜 threshold (SPEC §3). */
export const HIGH_POTENTIAL_THRESHOLD = 0.3;

export interface DouyinTiers {
  /** 用户: ≥1 contact in W. */
  users: Int32Array;
  /** 成交用户: ≥1 paid order paid in W. */
  purchasers: Int32Array;
  /** 首单用户: purchasers with no paid order before W.start. */
  firstOrder: Int32Array;
  /** 复购用户: purchasers with a paid order before W.start. */
  repeat: Int32Array;
  /** 高潜用户: users − purchasers with score ≥ threshold, ranked by score (desc; ties by index). */
  highPotential: Int32Array;
  /** Scores of `highPotential`, same order. */
  highPotentialScores: Float64Array;
}

/** users(W) − purchasers(W) as ascending customer indexes: the population that 高潜 scores. */
export function nonPurchasingUsers(snap: Snapshot, range: DayRange): Int32Array {
  const users = contactFlags(snap, range.start, range.end + 1);
  const buyers = paidFlags(snap, range.start, range.end + 1);
  for (let c = 0; c < users.length; c++) if (buyers[c]) users[c] = 0;
  return membersOf(users);
}

/** Computes the Douyin tiers of window `range`; 高潜 scored as of range.end by `scorer` (fallback heuristic by default). */
export function douyinTiers(
  snap: Snapshot,
  range: DayRange,
  opts: { scorer?: PropensityScorer; threshold?: number } = {},
): DouyinTiers {
  const n = snap.customerCount;
  const userFlags = contactFlags(snap, range.start, range.end + 1);
  const buyerFlags = paidFlags(snap, range.start, range.end + 1);
  const firstFlags = new Uint8Array(n), repeatFlags = new Uint8Array(n), candFlags = new Uint8Array(n);
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  for (let c = 0; c < n; c++) {
    if (buyerFlags[c]) {
      // Any paid order before W.start, all history: the customer's earliest paid day decides.
      const lo = pStart[c]!;
      if (lowerBound(pDay, lo, pStart[c + 1]!, range.start) > lo) repeatFlags[c] = 1;
      else firstFlags[c] = 1;
    } else if (userFlags[c]) candFlags[c] = 1;
  }
  const candidates = membersOf(candFlags);
  const scorer = opts.scorer ?? fallbackPropensity;
  const threshold = opts.threshold ?? HIGH_POTENTIAL_THRESHOLD;
  const scores = candidates.length > 0 ? scorer(snap, range.end, candidates) : new Float64Array(0);
  const picked: number[] = [];
  for (let j = 0; j < candidates.length; j++) if (scores[j]! >= threshold) picked.push(j);
  picked.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const highPotential = new Int32Array(picked.length);
  const highPotentialScores = new Float64Array(picked.length);
  picked.forEach((j, i) => {
    highPotential[i] = candidates[j]!;
    highPotentialScores[i] = scores[j]!;
  });
  return {
    users: membersOf(userFlags),
    purchasers: membersOf(buyerFlags),
    firstOrder: membersOf(firstFlags),
    repeat: membersOf(repeatFlags),
    highPotential,
    highPotentialScores,
  };
}
