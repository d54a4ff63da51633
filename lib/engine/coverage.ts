/** 基准数据覆盖率 (SPEC §5.4): how reachable and describable the recently seen customers are. */
import { CITY_KNOWN, GENDER_KNOWN, PHONE_FULL, lowerBound, membersOf, type Snapshot } from './snapshot';
import { ratio } from './sets';
import { LOOKBACK_DAYS } from './window';

/** The coverage target the merchant sees. */
export const COVERAGE_TARGET = 0.7;

export interface Coverage {
  /** Share with gender, city and full phone all known (null when nobody is in the base). */
  all: number | null;
  gender: number | null;
  city: number | null;
  phone: number | null;
  /** Member sets: the base, and those with all / each field known. */
  members: { base: Int32Array; all: Int32Array; gender: Int32Array; city: Int32Array; phone: Int32Array };
}

/**
 * Coverage over customers with a contact in the L days ending `endDay`. Fields come from the
 * customer record only (a key without a record knows nothing; recipient fields stay on orders).
 */
export function coverage(snap: Snapshot, endDay: number): Coverage {
  const n = snap.customerCount;
  const base = new Uint8Array(n), all = new Uint8Array(n), g = new Uint8Array(n), ci = new Uint8Array(n), ph = new Uint8Array(n);
  const cStart = snap.custContactStart, cDay = snap.custContactDay, flags = snap.customerFlags;
  const from = endDay - LOOKBACK_DAYS + 1;
  let nb = 0, na = 0, ng = 0, nc = 0, np = 0;
  for (let c = 0; c < n; c++) {
    const hi = cStart[c + 1]!;
    const j = lowerBound(cDay, cStart[c]!, hi, from);
    if (j >= hi || cDay[j]! > endDay) continue;
    base[c] = 1;
    nb++;
    const f = flags[c]!;
    if (f & GENDER_KNOWN) (g[c] = 1), ng++;
    if (f & CITY_KNOWN) (ci[c] = 1), nc++;
    if (f & PHONE_FULL) (ph[c] = 1), np++;
    if ((f & (GENDER_KNOWN | CITY_KNOWN | PHONE_FULL)) === (GENDER_KNOWN | CITY_KNOWN | PHONE_FULL)) (all[c] = 1), na++;
  }
  return {
    all: ratio(na, nb),
    gender: ratio(ng, nb),
    city: ratio(nc, nb),
    phone: ratio(np, nb),
    members: { base: membersOf(base), all: membersOf(all), gender: membersOf(g), city: membersOf(ci), phone: membersOf(ph) },
  };
}
