/** Douyin 用户资产 tiers (SPEC §3): users, purchasers, firstOrder, repeat, highPotential. */
import type { Snapshot } from './snapshot';
import { lazyBitSets } from './sets';
import type { DayRange } from './window';
import { fallbackPropensity } from './propensity-fallback';
import type { PropensityScorer } from './scorer';

export type { PropensityScorer } from './scorer';

/** Default 高潜 threshold (SPEC §3). */
export const HIGH_POTENTIAL_THRESHOLD = 0.3;

const USER = 1, BUYER = 2, FIRST = 4, REPEAT = 8;

/** Tier sizes (counted in the same pass, without building member lists). */
export interface DouyinTierCounts {
  users: number;
  purchasers: number;
  firstOrder: number;
  repeat: number;
}

export interface DouyinTiers {
  counts: DouyinTierCounts;
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
  /** users − purchasers (the scored population), ascending. */
  nonPurchasingUsers: Int32Array;
}

/** Per customer: USER / BUYER / FIRST / REPEAT bits of window `range`, and the count of users − purchasers. */
function tierBits(snap: Snapshot, range: DayRange): { bits: Uint8Array; candidates: number; counts: DouyinTierCounts } {
  const n = snap.customerCount;
  const a = range.start, b = range.end + 1;
  const bits = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  let candidates = 0, users = 0, purchasers = 0, firstOrder = 0;
  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!, hi = cStart[c + 1]!;
    // Most customers' last contact is before W: nothing to do for them.
    if (lo === hi || cDay[hi - 1]! < a) continue;
    // The first contact / paid order on or after a, scanned back from the last (few are in W or after
    // it): no binary search, whose calls a cold worker ran uninlined.
    let j = hi - 1;
    while (j > lo && cDay[j - 1]! >= a) j--;
    if (cDay[j]! >= b) continue; // a buyer in W always has a contact in W
    const pLo = pStart[c]!, pHi = pStart[c + 1]!;
    let p = pHi;
    while (p > pLo && pDay[p - 1]! >= a) p--;
    users++;
    if (p < pHi && pDay[p]! < b) {
      bits[c] = USER | BUYER | (p > pLo ? REPEAT : FIRST);
      purchasers++;
      if (p === pLo) firstOrder++;
    } else {
      bits[c] = USER;
      candidates++;
    }
  }
  return { bits, candidates, counts: { users, purchasers, firstOrder, repeat: purchasers - firstOrder } };
}

function candidatesOf(bits: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let c = 0, j = 0; j < count; c++) if (bits[c] === USER) out[j++] = c;
  return out;
}

/** users(W) − purchasers(W) as ascending customer indexes: the population that 高潜 scores. */
export function nonPurchasingUsers(snap: Snapshot, range: DayRange): Int32Array {
  const { bits, candidates } = tierBits(snap, range);
  return candidatesOf(bits, candidates);
}

/** Computes the Douyin tiers of window `range`; 高潜 scored as of range.end by `scorer` (fallback heuristic by default). */
export function douyinTiers(
  snap: Snapshot,
  range: DayRange,
  opts: { scorer?: PropensityScorer; threshold?: number } = {},
): DouyinTiers {
  const { bits, candidates: count, counts } = tierBits(snap, range);
  const candidates = candidatesOf(bits, count);
  const scorer = opts.scorer ?? fallbackPropensity;
  const threshold = opts.threshold ?? HIGH_POTENTIAL_THRESHOLD;
  const scores = candidates.length > 0 ? scorer(snap, range.end, candidates) : new Float64Array(0);
  const picked: number[] = [];
  for (let j = 0; j < candidates.length; j++) if (scores[j]! >= threshold) picked.push(j);
  picked.sort((x, y) => scores[y]! - scores[x]! || x - y);
  const highPotential = new Int32Array(picked.length);
  const highPotentialScores = new Float64Array(picked.length);
  for (let i = 0; i < picked.length; i++) {
    highPotential[i] = candidates[picked[i]!]!;
    highPotentialScores[i] = scores[picked[i]!]!;
  }
  const sets = lazyBitSets(bits, { users: USER, purchasers: BUYER, firstOrder: FIRST, repeat: REPEAT });
  return Object.defineProperties(
    { counts, highPotential, highPotentialScores, nonPurchasingUsers: candidates } as DouyinTiers,
    Object.getOwnPropertyDescriptors(sets),
  );
}
