/** Taobao 客户概况 classes and the three pathways (通路), SPEC §4. */
import type { Snapshot } from './snapshot';
import { lazyBitSets, ratio } from './sets';
import { LOOKBACK_DAYS as LOOKBACK_DAYS_, type DayRange } from './window';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const LOOKBACK_DAYS = LOOKBACK_DAYS_;

/** Class codes: by the customer's first contact v in W. */
export const CLASS_NONE = -1, CLASS_NEW = 0, CLASS_UNPURCHASED_RETURNING = 1, CLASS_PURCHASED_RETURNING = 2;

export interface SameDayPathway {
  base: number;
  converted: number;
  rate: number | null;
}

export interface RecallPathway {
  assets: number;
  recalled: number;
  recallRate: number | null;
  converted: number;
  payConversion: number | null;
  rate: number | null;
}

export interface ClassFigures {
  purchasers: number;
  gmvFen: number;
}

export interface TaobaoMembers {
  newVisitors: Int32Array;
  unpurchasedReturning: Int32Array;
  purchasedReturning: Int32Array;
  newVisitorSameDayConverted: Int32Array;
  unpurchasedAssets: Int32Array;
  unpurchasedRecalled: Int32Array;
  unpurchasedConverted: Int32Array;
  purchasedAssets: Int32Array;
  purchasedRecalled: Int32Array;
  purchasedConverted: Int32Array;
}

export interface TaobaoPathways {
  newVisitors: number;
  unpurchasedReturning: number;
  purchasedReturning: number;
  pathways: { newVisitorSameDay: SameDayPathway; unpurchasedReturn: RecallPathway; repurchase: RecallPathway };
  byClass: { newVisitors: ClassFigures; unpurchasedReturning: ClassFigures; purchasedReturning: ClassFigures };
  /** Per customer: CLASS_* code (CLASS_NONE without a contact in W). */
  classOf: Int8Array;
  /** Member sets (ascending customer indexes), built on first access. */
  members: TaobaoMembers;
}

// Per-customer bits.
const NEW = 1, UNP = 2, PUR = 4, SAME_DAY = 8, U_ASSET = 16, U_RECALLED = 32, U_CONVERTED = 64;
const P_ASSET = 128, P_RECALLED = 256, P_CONVERTED = 512;

/** Classes, pathways and per-class purchasers/GMV of window `range` (lookback L = 365 days), in one pass. */
export function taobaoPathways(snap: Snapshot, range: DayRange): TaobaoPathways {
  const n = snap.customerCount;
  const a = range.start, b = range.end + 1, L = LOOKBACK_DAYS;
  const classOf = new Int8Array(n).fill(CLASS_NONE);
  const bits = new Uint16Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, pAmt = snap.custPaidAmountFen;
  const cnt = new Float64Array(3), buyers = new Float64Array(3), gmv = new Float64Array(3);
  let sameDay = 0, uA = 0, uR = 0, uC = 0, pA = 0, pR = 0, pC = 0;

  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!, hi = cStart[c + 1]!;
    if (lo === hi) continue;
    const pLo = pStart[c]!, pHi = pStart[c + 1]!;
    // The first contact / paid order on or after a, scanned back from the last (few are in W or after it):
    // no binary search (a cold worker ran those calls uninlined). The one just before it says whether
    // there is one in [a − L, a).
    let jw = hi, pw = pHi;
    while (jw > lo && cDay[jw - 1]! >= a) jw--;
    while (pw > pLo && pDay[pw - 1]! >= a) pw--;
    const contactBefore = jw > lo && cDay[jw - 1]! >= a - L;
    const paidBefore = pw > pLo && pDay[pw - 1]! >= a - L;
    const inW = jw < hi && cDay[jw]! < b;
    const buyer = pw < pHi && pDay[pw]! < b;
    let x = 0;
    if (paidBefore) {
      x |= P_ASSET;
      pA++;
      if (inW) {
        x |= P_RECALLED;
        pR++;
        if (buyer) (x |= P_CONVERTED), pC++;
      }
    } else if (contactBefore) {
      x |= U_ASSET;
      uA++;
      if (inW) {
        x |= U_RECALLED;
        uR++;
        if (buyer) (x |= U_CONVERTED), uC++;
      }
    }
    if (inW) {
      const v = cDay[jw]!;
      // A paid order in [v − L, v)? Those before pw are before a ≤ v: the last of them decides.
      let cls: number;
      if (pw > pLo && pDay[pw - 1]! >= v - L) cls = CLASS_PURCHASED_RETURNING;
      else if (jw > lo && cDay[jw - 1]! >= v - L) cls = CLASS_UNPURCHASED_RETURNING;
      else cls = CLASS_NEW;
      classOf[c] = cls;
      cnt[cls]!++;
      x |= cls === CLASS_NEW ? NEW : cls === CLASS_UNPURCHASED_RETURNING ? UNP : PUR;
      // A new visitor has no paid order in [v − L, v): its first paid order ≥ v is at pw or later.
      if (cls === CLASS_NEW) {
        let q = pw;
        while (q < pHi && pDay[q]! < v) q++;
        if (q < pHi && pDay[q]! === v) (x |= SAME_DAY), sameDay++;
      }
      if (buyer) {
        buyers[cls]!++;
        let s = 0;
        for (let k = pw; k < pHi && pDay[k]! < b; k++) s += pAmt[k]!;
        gmv[cls]! += s;
      }
    }
    bits[c] = x;
  }

  const newCount = cnt[0]!;
  return {
    newVisitors: newCount,
    unpurchasedReturning: cnt[1]!,
    purchasedReturning: cnt[2]!,
    pathways: {
      newVisitorSameDay: { base: newCount, converted: sameDay, rate: ratio(sameDay, newCount) },
      unpurchasedReturn: { assets: uA, recalled: uR, recallRate: ratio(uR, uA), converted: uC, payConversion: ratio(uC, uR), rate: ratio(uC, uA) },
      repurchase: { assets: pA, recalled: pR, recallRate: ratio(pR, pA), converted: pC, payConversion: ratio(pC, pR), rate: ratio(pC, pA) },
    },
    byClass: {
      newVisitors: { purchasers: buyers[0]!, gmvFen: gmv[0]! },
      unpurchasedReturning: { purchasers: buyers[1]!, gmvFen: gmv[1]! },
      purchasedReturning: { purchasers: buyers[2]!, gmvFen: gmv[2]! },
    },
    classOf,
    members: lazyBitSets(bits, {
      newVisitors: NEW,
      unpurchasedReturning: UNP,
      purchasedReturning: PUR,
      newVisitorSameDayConverted: SAME_DAY,
      unpurchasedAssets: U_ASSET,
      unpurchasedRecalled: U_RECALLED,
      unpurchasedConverted: U_CONVERTED,
      purchasedAssets: P_ASSET,
      purchasedRecalled: P_RECALLED,
      purchasedConverted: P_CONVERTED,
    }),
  };
}
