/** The builder's and the incremental update's column tools: day numbers, dictionaries, arenas, growth. */
import { dayNumber, dayOfEpoch, parseInstant } from '../../model';

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * Day number of a timestamp. Canonical `YYYY-MM-DDTHH:mm:ss+08:00` strings (what the zod model
 * stores) are read digit by digit without allocating — millions of them per build; anything else
 * goes through parseInstant.
 */
export function dayNumberOfInstant(instant: string): number {
  if (instant.length >= 25 && instant.charCodeAt(4) === 45 && instant.charCodeAt(7) === 45 && instant.endsWith('+08:00')) {
    const y = digit(instant, 0) * 1000 + digit(instant, 1) * 100 + digit(instant, 2) * 10 + digit(instant, 3);
    const m = digit(instant, 5) * 10 + digit(instant, 6);
    const d = digit(instant, 8) * 10 + digit(instant, 9);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, m, d);
  }
  const ms = parseInstant(instant);
  if (ms === null) throw new Error(`unreadable timestamp: ${instant}`);
  return dayNumber(dayOfEpoch(ms));
}

/** Dictionary encoder: string → dense code, in first-seen order. */
export class Dict {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  code(v: string): number {
    let c = this.map.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.map.set(v, c);
    }
    return c;
  }
}

/**
 * Typed arrays carved out of one ArrayBuffer. With the shop's records in the heap, every big
 * separate typed-array allocation counts as "external memory pressure" and makes V8 run a full
 * GC over a million record objects (≈1 s each under load); one allocation does it at most once.
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private at = 0;
  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }
  /** Bytes an arena needs for arrays of these byte sizes (each 8-byte aligned). */
  static size(...bytes: number[]): number {
    return bytes.reduce((sum, b) => sum + ((b + 7) & ~7), 0);
  }
  private take(bytes: number): number {
    const at = this.at;
    this.at += (bytes + 7) & ~7;
    if (this.at > this.buffer.byteLength) throw new Error('snapshot arena too small'); // a sizing bug, never data
    return at;
  }
  /** An Int32Array of n values. */
  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n * 4), n);
  }
  /** A Uint8Array of n values. */
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
  /** A Float64Array of n values. */
  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n * 8), n);
  }
}

/** Copy of `a` with room for `cap` values (the first `len` kept). */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, len: number, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a.subarray(0, len));
  return b;
}
