/** 店铺客户资产 layers as of W.end (SPEC §4): 关系资产, 进店活跃资产, 未进店资产. */
import { FAN as FAN_, HAS_RECORD as HAS_RECORD_, MEMBER as MEMBER_, lowerBound as lowerBound_, type Snapshot } from './snapshot';
import { lazyBitSets } from './sets';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const FAN = FAN_, HAS_RECORD = HAS_RECORD_, MEMBER = MEMBER_;
const lowerBound = lowerBound_;

/** Days of the activity span ending W.end. */
export const ACTIVE_DAYS = 90;

const REL = 1, ACT = 2, DOR = 4;

export interface AssetLayers {
  counts: { relationship: number; active: number; dormant: number };
  /** 关系资产: fans ∪ members among customers known by W.end (built on first access). */
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
  const bits = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay, flags = snap.customerFlags;
  const from = endDay - activeDays + 1;
  let rel = 0, act = 0, dor = 0;
  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!, hi = cStart[c + 1]!;
    const f = flags[c]!;
    const known = lo < hi ? cDay[lo]! <= endDay : (f & HAS_RECORD) !== 0;
    if (!known) continue;
    let x = 0;
    if (f & (FAN | MEMBER)) (x = REL), rel++;
    // A contact in [from, endDay]? The last contact decides unless it is after endDay (an earlier window):
    // only then a search (a cold worker ran one per customer, uninlined).
    const last = lo < hi ? cDay[hi - 1]! : from - 1;
    let active = last >= from && last <= endDay;
    if (last > endDay) {
      const j = lowerBound(cDay, lo, hi, from);
      active = j < hi && cDay[j]! <= endDay;
    }
    if (active) (x |= ACT), act++;
    else (x |= DOR), dor++;
    bits[c] = x;
  }
  const sets = lazyBitSets(bits, { relationship: REL, active: ACT, dormant: DOR });
  return Object.defineProperties({ counts: { relationship: rel, active: act, dormant: dor } } as AssetLayers, Object.getOwnPropertyDescriptors(sets));
}
