/** Queries over a snapshot: binary searches over the CSR segments. Ranges are half-open day intervals [a, b). */
import { NO_DAY, type DayColumn, type Snapshot } from './types';

/** First index j in [lo, hi) with arr[j] >= x (hi when none). */
export function lowerBound(arr: DayColumn, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when customer `c` has a contact on a day in [a, b). */
export function hasContactIn(s: Snapshot, c: number, a: number, b: number): boolean {
  const hi = s.custContactStart[c + 1]!;
  const j = lowerBound(s.custContactDay, s.custContactStart[c]!, hi, a);
  return j < hi && s.custContactDay[j]! < b;
}

/** Day of customer `c`'s first contact in [a, b), or NO_DAY. */
export function firstContactIn(s: Snapshot, c: number, a: number, b: number): number {
  const hi = s.custContactStart[c + 1]!;
  const j = lowerBound(s.custContactDay, s.custContactStart[c]!, hi, a);
  return j < hi && s.custContactDay[j]! < b ? s.custContactDay[j]! : NO_DAY;
}

/** True when customer `c` has a paid order happening on a day in [a, b). */
export function hasPaidIn(s: Snapshot, c: number, a: number, b: number): boolean {
  const hi = s.custPaidStart[c + 1]!;
  const j = lowerBound(s.custPaidDay, s.custPaidStart[c]!, hi, a);
  return j < hi && s.custPaidDay[j]! < b;
}

/** Day of customer `c`'s first-ever contact, or NO_DAY. */
export function firstContactDay(s: Snapshot, c: number): number {
  const j = s.custContactStart[c]!;
  return j < s.custContactStart[c + 1]! ? s.custContactDay[j]! : NO_DAY;
}

/** Index of a customerKey in the snapshot (keys are sorted), or -1. */
export function customerIndexOf(s: Snapshot, key: string): number {
  let lo = 0, hi = s.customerCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.customerKeys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.customerCount && s.customerKeys[lo] === key ? lo : -1;
}

/** Customer keys of a member set of customer indexes. */
export function keysOf(s: Snapshot, members: Int32Array): string[] {
  const out = new Array<string>(members.length);
  for (let j = 0; j < members.length; j++) out[j] = s.customerKeys[members[j]!]!;
  return out;
}

/** Indexes of flagged customers (flags[i] !== 0), ascending. */
export function membersOf(flags: Uint8Array): Int32Array {
  let cnt = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) cnt++;
  const out = new Int32Array(cnt);
  let j = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) out[j++] = i;
  return out;
}
