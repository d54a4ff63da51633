/** 店铺客户资产 layers as of W.end (SPEC §4): 关系资产, 进店活跃资产, 未进店资产. */
import { FAN, HAS_RECORD, MEMBER, NO_DAY, lowerBound, membersOf, type Snapshot } from './snapshot';

/** Days of the activity span ending W.end. */
export const ACTIVE_DAYS = 90;

export interface AssetLayers {
  /** 关系资产: fans ∪ members among customers known by W.end. */
  relationship: Int32Array;
  /** 进店活跃资产: a contact in the 90 days ending W.end. */
  active: Int32Array;
  /** 未进店资产: known by W.end, no contact in those 90 days. */
  dormant: Int32Array;
}

/**
 * Asset layers as of day number `endDay`. Known by W.end = first contact on or before it, or a
 * customer record with no contact at all (fan/member status is as last seen: the console shows no history).
 */
export function assetLayers(snap: Snapshot, endDay: number, activeDays: number = ACTIVE_DAYS): AssetLayers {
  const n = snap.customerCount;
  const rel = new Uint8Array(n), act = new Uint8Array(n), dor = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay, flags = snap.customerFlags;
  const from = endDay - activeDays + 1;
  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!, hi = cStart[c + 1]!;
    const first = lo < hi ? cDay[lo]! : NO_DAY;
    const f = flags[c]!;
    const known = first !== NO_DAY ? first <= endDay : (f & HAS_RECORD) !== 0;
    if (!known) continue;
    if (f & (FAN | MEMBER)) rel[c] = 1;
    const j = lowerBound(cDay, lo, hi, from);
    if (j < hi && cDay[j]! <= endDay) act[c] = 1;
    else dor[c] = 1;
  }
  return { relationship: membersOf(rel), active: membersOf(act), dormant: membersOf(dor) };
}
