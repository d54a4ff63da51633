/** Taobao 客户概况 classes and the three pathways (通路), SPEC §4. */
import { lowerBound, membersOf, type Snapshot } from './snapshot';
import { contactFlags, paidFlags, paidOrderSlice, ratio } from './sets';
import { LOOKBACK_DAYS, type DayRange } from './window';

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

export interface TaobaoPathways {
  newVisitors: number;
  unpurchasedReturning: number;
  purchasedReturning: number;
  pathways: { newVisitorSameDay: SameDayPathway; unpurchasedReturn: RecallPathway; repurchase: RecallPathway };
  byClass: { newVisitors: ClassFigures; unpurchasedReturning: ClassFigures; purchasedReturning: ClassFigures };
  /** Per customer: CLASS_* code (CLASS_NONE without a contact in W). */
  classOf: Int8Array;
  /** Member sets (ascending customer indexes). */
  members: {
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
  };
}

function recall(assets: Uint8Array, inW: Uint8Array, buyers: Uint8Array): {
  figures: RecallPathway;
  recalled: Uint8Array;
  converted: Uint8Array;
} {
  const n = assets.length;
  const recalled = new Uint8Array(n), converted = new Uint8Array(n);
  let a = 0, r = 0, cv = 0;
  for (let c = 0; c < n; c++) {
    if (!assets[c]) continue;
    a++;
    if (!inW[c]) continue;
    recalled[c] = 1;
    r++;
    if (buyers[c]) {
      converted[c] = 1;
      cv++;
    }
  }
  return {
    figures: { assets: a, recalled: r, recallRate: ratio(r, a), converted: cv, payConversion: ratio(cv, r), rate: ratio(cv, a) },
    recalled,
    converted,
  };
}

/** Classes, pathways and per-class purchasers/GMV of window `range` (lookback L = 365 days). */
export function taobaoPathways(snap: Snapshot, range: DayRange): TaobaoPathways {
  const n = snap.customerCount;
  const a = range.start, b = range.end + 1;
  const classOf = new Int8Array(n).fill(CLASS_NONE);
  const inW = new Uint8Array(n);
  const buyers = paidFlags(snap, a, b);
  const sameDay = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  let newCount = 0, unpurchasedCount = 0, purchasedCount = 0, sameDayCount = 0;
  const classFlags = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)] as const;

  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!, hi = cStart[c + 1]!;
    const j = lowerBound(cDay, lo, hi, a);
    if (j >= hi || cDay[j]! >= b) continue;
    const v = cDay[j]!;
    inW[c] = 1;
    const pLo = pStart[c]!, pHi = pStart[c + 1]!;
    const p = lowerBound(pDay, pLo, pHi, v - LOOKBACK_DAYS);
    let cls: number;
    if (p < pHi && pDay[p]! < v) cls = CLASS_PURCHASED_RETURNING;
    else if (j > lo && cDay[j - 1]! >= v - LOOKBACK_DAYS) cls = CLASS_UNPURCHASED_RETURNING;
    else cls = CLASS_NEW;
    classOf[c] = cls;
    classFlags[cls as 0 | 1 | 2][c] = 1;
    if (cls === CLASS_NEW) {
      newCount++;
      // Paid orders from v on: the first one at or after v decides "same day as v".
      if (p < pHi && pDay[p]! === v) {
        sameDay[c] = 1;
        sameDayCount++;
      }
    } else if (cls === CLASS_UNPURCHASED_RETURNING) unpurchasedCount++;
    else purchasedCount++;
  }

  // Assets as of W.start: contacts / paid orders in [W.start − L, W.start).
  const lookedBefore = contactFlags(snap, a - LOOKBACK_DAYS, a);
  const purchasedAssets = paidFlags(snap, a - LOOKBACK_DAYS, a);
  const unpurchasedAssets = new Uint8Array(n);
  for (let c = 0; c < n; c++) if (lookedBefore[c] && !purchasedAssets[c]) unpurchasedAssets[c] = 1;
  const u = recall(unpurchasedAssets, inW, buyers);
  const pp = recall(purchasedAssets, inW, buyers);

  // Per class: purchasers(W) and their GMV in W.
  const classBuyers = [0, 0, 0], classGmv = [0, 0, 0];
  for (let c = 0; c < n; c++) if (buyers[c]) classBuyers[classOf[c]!]!++;
  const [sLo, sHi] = paidOrderSlice(snap, a, b);
  for (let k = sLo; k < sHi; k++) {
    const o = snap.paidOrdersByDay[k]!;
    const cls = classOf[snap.orderCustomer[o]!]!;
    // A payment in W is a contact in W, so every buyer is classed; the guard only keeps types honest.
    if (cls !== CLASS_NONE) classGmv[cls]! += snap.orderAmountFen[o]!;
  }

  return {
    newVisitors: newCount,
    unpurchasedReturning: unpurchasedCount,
    purchasedReturning: purchasedCount,
    pathways: {
      newVisitorSameDay: { base: newCount, converted: sameDayCount, rate: ratio(sameDayCount, newCount) },
      unpurchasedReturn: u.figures,
      repurchase: pp.figures,
    },
    byClass: {
      newVisitors: { purchasers: classBuyers[0]!, gmvFen: classGmv[0]! },
      unpurchasedReturning: { purchasers: classBuyers[1]!, gmvFen: classGmv[1]! },
      purchasedReturning: { purchasers: classBuyers[2]!, gmvFen: classGmv[2]! },
    },
    classOf,
    members: {
      newVisitors: membersOf(classFlags[0]),
      unpurchasedReturning: membersOf(classFlags[1]),
      purchasedReturning: membersOf(classFlags[2]),
      newVisitorSameDayConverted: membersOf(sameDay),
      unpurchasedAssets: membersOf(unpurchasedAssets),
      unpurchasedRecalled: membersOf(u.recalled),
      unpurchasedConverted: membersOf(u.converted),
      purchasedAssets: membersOf(purchasedAssets),
      purchasedRecalled: membersOf(pp.recalled),
      purchasedConverted: membersOf(pp.converted),
    },
  };
}

/** Only the three pathway rates of a window (for the report's `previous`). */
export function pathwayRates(snap: Snapshot, range: DayRange): {
  newVisitorSameDay: number | null;
  unpurchasedReturn: number | null;
  repurchase: number | null;
} {
  const t = taobaoPathways(snap, range);
  return {
    newVisitorSameDay: t.pathways.newVisitorSameDay.rate,
    unpurchasedReturn: t.pathways.unpurchasedReturn.rate,
    repurchase: t.pathways.repurchase.rate,
  };
}

