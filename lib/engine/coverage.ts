/** 基准数据覆盖率 (SPEC §5.4): how reachable and describable the recently seen customers are. */
import { CITY_KNOWN as CITY_KNOWN_, GENDER_KNOWN as GENDER_KNOWN_, PHONE_FULL as PHONE_FULL_, lowerBound as lowerBound_, type Snapshot } from './snapshot';
import { lazyBitSets, ratio } from './sets';
import { LOOKBACK_DAYS } from './window';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const CITY_KNOWN = CITY_KNOWN_, GENDER_KNOWN = GENDER_KNOWN_, PHONE_FULL = PHONE_FULL_;
const lowerBound = lowerBound_;

/** The coverage target the merchant sees. */
export const COVERAGE_TARGET = 0.7;

const BASE = 1, GENDER = 2, CITY = 4, PHONE = 8, ALL = 16;

export interface Coverage {
  /** Share with gender, city and full phone all known (null when nobody is in the base). */
  all: number | null;
  gender: number | null;
  city: number | null;
  phone: number | null;
  /** Sizes of the base and of those with all / each field known. */
  counts: { base: number; all: number; gender: number; city: number; phone: number };
  /** Member sets (built on first access): the base, and those with all / each field known. */
  members: { base: Int32Array; all: Int32Array; gender: Int32Array; city: Int32Array; phone: Int32Array };
}

/**
 * Coverage over customers with a contact in the L days ending `endDay`. Fields come from the
 * customer record only (a key without a record knows nothing; recipient fields stay on orders).
 */
export function coverage(snap: Snapshot, endDay: number): Coverage {
  const n = snap.customerCount;
  const bits = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay, flags = snap.customerFlags;
  const from = endDay - LOOKBACK_DAYS + 1;
  const everything = GENDER_KNOWN | CITY_KNOWN | PHONE_FULL;
  let nb = 0, na = 0, ng = 0, nc = 0, np = 0;
  for (let c = 0; c < n; c++) {
    const hi = cStart[c + 1]!;
    const j = lowerBound(cDay, cStart[c]!, hi, from);
    if (j >= hi || cDay[j]! > endDay) continue;
    let x = BASE;
    nb++;
    const f = flags[c]!;
    if (f & GENDER_KNOWN) (x |= GENDER), ng++;
    if (f & CITY_KNOWN) (x |= CITY), nc++;
    if (f & PHONE_FULL) (x |= PHONE), np++;
    if ((f & everything) === everything) (x |= ALL), na++;
    bits[c] = x;
  }
  return {
    all: ratio(na, nb),
    gender: ratio(ng, nb),
    city: ratio(nc, nb),
    phone: ratio(np, nb),
    counts: { base: nb, all: na, gender: ng, city: nc, phone: np },
    members: lazyBitSets(bits, { base: BASE, all: ALL, gender: GENDER, city: CITY, phone: PHONE }),
  };
}
