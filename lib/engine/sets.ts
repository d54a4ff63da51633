/** Shared helpers of the engine's window passes: the paid orders of a day range, ratios, member sets from bits. */
import { lowerBound as lowerBound_, type Snapshot } from './snapshot';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const lowerBound = lowerBound_;

/** Index range [lo, hi) of `snap.paidOrdersByDay` for paid orders happening on days [a, b). */
export function paidOrderSlice(snap: Snapshot, a: number, b: number): [number, number] {
  const n = snap.paidOrderDays.length;
  const lo = lowerBound(snap.paidOrderDays, 0, n, a);
  return [lo, lowerBound(snap.paidOrderDays, lo, n, b)];
}

/** num ÷ den, or null when the denominator is 0 (never NaN). */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** Ascending indexes i with (bits[i] & mask) !== 0. */
export function membersWithBit(bits: Uint8Array | Uint16Array, mask: number): Int32Array {
  let cnt = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i]! & mask) cnt++;
  const out = new Int32Array(cnt);
  for (let i = 0, j = 0; j < cnt; i++) if (bits[i]! & mask) out[j++] = i;
  return out;
}

/** Ascending indexes i with codes[i] === code. */
export function membersWithCode(codes: Int8Array, code: number): Int32Array {
  let cnt = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) cnt++;
  const out = new Int32Array(cnt);
  for (let i = 0, j = 0; j < cnt; i++) if (codes[i] === code) out[j++] = i;
  return out;
}

/**
 * Member sets read lazily: each list is built on first access, then kept. The report needs only
 * counts, so a 200k-customer shop does not pay for lists nobody reads.
 */
export function lazySets<K extends string>(build: Record<K, () => Int32Array>): Record<K, Int32Array> {
  const out = {} as Record<K, Int32Array>;
  for (const name of Object.keys(build) as K[]) {
    let cached: Int32Array | undefined;
    Object.defineProperty(out, name, { enumerable: true, get: () => (cached ??= build[name]()) });
  }
  return out;
}

/** Lazy member sets from per-customer bit masks. */
export function lazyBitSets<K extends string>(bits: Uint8Array | Uint16Array, masks: Record<K, number>): Record<K, Int32Array> {
  const build = {} as Record<K, () => Int32Array>;
  for (const name of Object.keys(masks) as K[]) build[name] = () => membersWithBit(bits, masks[name]);
  return lazySets(build);
}
