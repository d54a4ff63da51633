/** Shared window scans over a snapshot: who had a contact / a paid order in a day range. */
import { lowerBound, type Snapshot } from './snapshot';

/** Index range [lo, hi) of `snap.paidOrdersByDay` for paid orders happening on days [a, b). */
export function paidOrderSlice(snap: Snapshot, a: number, b: number): [number, number] {
  const n = snap.paidOrderDays.length;
  const lo = lowerBound(snap.paidOrderDays, 0, n, a);
  return [lo, lowerBound(snap.paidOrderDays, lo, n, b)];
}

/** Flags (1 = yes) of customers with ≥1 contact on days [a, b). */
export function contactFlags(snap: Snapshot, a: number, b: number): Uint8Array {
  const n = snap.customerCount;
  const out = new Uint8Array(n);
  const start = snap.custContactStart, days = snap.custContactDay;
  for (let c = 0; c < n; c++) {
    const hi = start[c + 1]!;
    const j = lowerBound(days, start[c]!, hi, a);
    if (j < hi && days[j]! < b) out[c] = 1;
  }
  return out;
}

/** Flags (1 = yes) of customers with ≥1 paid order happening on days [a, b). */
export function paidFlags(snap: Snapshot, a: number, b: number): Uint8Array {
  const out = new Uint8Array(snap.customerCount);
  const [lo, hi] = paidOrderSlice(snap, a, b);
  const byDay = snap.paidOrdersByDay, cust = snap.orderCustomer;
  for (let j = lo; j < hi; j++) out[cust[byDay[j]!]!] = 1;
  return out;
}

/** Number of flagged entries. */
export function countFlags(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) n++;
  return n;
}

/** num ÷ den, or null when the denominator is 0 (never NaN). */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}
