/** 新客黄金期 (SPEC §5.4): brand-new customers not yet converted. */
import { NO_DAY as NO_DAY_, lowerBound as lowerBound_, membersOf, type Snapshot } from './snapshot';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const NO_DAY = NO_DAY_;
const lowerBound = lowerBound_;

/** Default length of the golden window, in days ending W.end. */
export const GOLDEN_WINDOW_DAYS = 3;

/** Customers whose first-ever contact is within the `days` days ending `endDay` and with no paid order up to it. */
export function goldenWindow(snap: Snapshot, endDay: number, days: number = GOLDEN_WINDOW_DAYS): Int32Array {
  const n = snap.customerCount;
  const out = new Uint8Array(n);
  const from = endDay - days + 1;
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  for (let c = 0; c < n; c++) {
    const lo = cStart[c]!;
    const first = lo < cStart[c + 1]! ? cDay[lo]! : NO_DAY;
    if (first === NO_DAY || first < from || first > endDay) continue;
    const pLo = pStart[c]!;
    if (lowerBound(pDay, pLo, pStart[c + 1]!, endDay + 1) > pLo) continue; // paid on or before endDay
    out[c] = 1;
  }
  return membersOf(out);
}
