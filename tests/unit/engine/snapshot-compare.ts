/** Test helpers: field-by-field snapshot comparison and seeded shop variants (duplicates, other shops, shuffles). */
import { expect } from 'vitest';
import type { Customer, ShopData } from '@/lib/model';
import { mulberry32 } from '@/lib/model/random';
import { CONTACT_KINDS, type Snapshot } from '@/lib/engine';
import { generateShop } from '../../fixtures/generate';

/**
 * The columns a stored snapshot reads narrower than it builds them (lib/engine/snapshot/packed.ts: DayColumn as
 * Uint16, FenColumn as Int32, when every value fits): the narrow type is the same column.
 */
const NARROW_READ: Partial<Record<keyof Snapshot, (new (n: number) => ArrayBufferView)[]>> = {
  custContactDay: [Uint16Array], custPaidDay: [Uint16Array], paidOrderDays: [Uint16Array],
  orderAmountFen: [Int32Array], custPaidAmountFen: [Int32Array],
};

/** Every field of `actual` equals `expected` (typed arrays: same element type — or its stored narrow type — length and values). */
export function expectSameSnapshot(actual: Snapshot, expected: Snapshot): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const k of Object.keys(expected) as (keyof Snapshot)[]) {
    const a = actual[k], e = expected[k];
    if (ArrayBuffer.isView(e)) {
      const narrow = NARROW_READ[k]?.some((type) => a?.constructor === type) ?? false;
      if (!narrow) expect(a?.constructor, k).toBe(e.constructor);
      const av = a as Int32Array, ev = e as Int32Array;
      expect(av.length, k).toBe(ev.length);
      // One element-wise pass (toEqual on millions of values is slow and its diffs unreadable).
      let bad = -1;
      for (let i = 0; i < ev.length && bad < 0; i++) if (!Object.is(av[i], ev[i])) bad = i;
      expect(bad === -1 ? null : { column: k, at: bad, got: av[bad], want: ev[bad] }).toBeNull();
    } else expect(a, k).toEqual(e);
  }
}

/**
 * Record-order-free form of a snapshot: customer-indexed values decoded, orders as a multiset by
 * orderId, contacts as a multiset of (customerKey, day, kind, orderId | null), each customer's
 * index segments as sorted values.
 */
export function canonicalSnapshot(s: Snapshot) {
  const str = (table: string[], c: number) => (c < 0 ? null : table[c]!);
  const seg = (start: Int32Array, vals: ArrayLike<number>, i: number) => Array.from(vals).slice(start[i]!, start[i + 1]!).sort((a, b) => a - b);
  const customers = s.customerKeys.map((k, i) => ({
    k,
    flags: s.customerFlags[i],
    gender: s.customerGender[i],
    province: str(s.provinces, s.customerProvince[i]!),
    city: str(s.cities, s.customerCity[i]!),
    level: str(s.memberLevels, s.customerMemberLevel[i]!),
    contactDays: seg(s.custContactStart, s.custContactDay, i),
    paidDays: seg(s.custPaidStart, s.custPaidDay, i),
    paidAmounts: seg(s.custPaidStart, s.custPaidAmountFen, i),
    orderDays: seg(s.custOrderStart, Array.from(s.custOrderIdx, (o) => s.orderPlacedDay[o]!), i),
  }));
  const orders = s.orderIds
    .map((id, o) => [
      id, s.customerKeys[s.orderCustomer[o]!], s.orderPlacedDay[o], s.orderPaidDay[o], s.orderHappenDay[o], s.orderPaid[o],
      s.orderAmountFen[o], s.orderChannel[o], s.orderTraffic[o], str(s.productKeys, s.orderProduct[o]!),
      str(s.productNames, s.orderProduct[o]!),
    ].join('|'))
    .sort();
  const contacts = Array.from({ length: s.contactCount }, (_, k) => {
    const o = s.contactOrder[k]!;
    return `${s.customerKeys[s.contactCustomer[k]!]}|${s.contactDay[k]}|${CONTACT_KINDS[s.contactKind[k]!]}|${o < 0 ? null : s.orderIds[o]}`;
  }).sort();
  const sorted = (xs: string[]) => xs.slice().sort();
  return {
    latestDay: s.latestDay, counts: [s.customerCount, s.orderCount, s.contactCount], customers, orders, contacts,
    paidOrderDays: Array.from(s.paidOrderDays), paidByDayAmounts: Array.from(s.paidOrdersByDay, (o) => s.orderAmountFen[o]).sort((a, b) => a! - b!),
    tables: [sorted(s.provinces), sorted(s.cities), sorted(s.memberLevels), sorted(s.productKeys)],
  };
}

/** Fisher–Yates shuffle with a seeded generator (returns a new array). */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = mulberry32(seed);
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A second record for some customers, differing in the fields that merge (and in the name). */
function duplicateOf(c: Customer, r: () => number): Customer {
  const d: Customer = { ...c, tags: [] };
  const x = r();
  if (x < 0.25) (d.city = ' 新城市 '), delete d.province;
  else if (x < 0.5) (d.gender = d.gender === 'f' ? 'm' : 'f'), (d.isFan = true);
  else if (x < 0.75) (d.memberLevel = 'V9'), (d.isMember = true), (d.nickname = `${c.nickname}-2`), delete d.buyerId;
  else (d.phone = '13800138000'), (d.province = '新省'), (d.nickname = '');
  return d;
}

/**
 * A generated shop `S1` with another shop's records mixed in, some customers recorded twice
 * (duplicates with different fields) and, when `shuffle`, every kind's records in random order.
 */
export function messyShop(opts: { seed: number; platform: 'douyin' | 'taobao'; customers: number; days: number; shuffle: boolean }): ShopData {
  const base = { seed: opts.seed, platform: opts.platform, shopName: 'x', customers: opts.customers, endDay: '2026-11-20', days: opts.days };
  const a = generateShop({ ...base, shopId: 'S1' });
  const b = generateShop({ ...base, seed: opts.seed + 1000, shopId: 'S2', customers: Math.ceil(opts.customers / 3) });
  const r = mulberry32(opts.seed * 7 + 1);
  const customers: Customer[] = [];
  for (const c of a.customers) {
    customers.push(c);
    if (r() < 0.2) customers.push(duplicateOf(c, r));
  }
  // A duplicate far from its first record, so "first value wins" and "last name wins" both matter.
  for (const c of a.customers.slice(0, 10)) customers.push(duplicateOf(c, r));
  const mix = <T>(xs: T[], ys: T[]): T[] => [...xs.slice(0, xs.length >> 1), ...ys, ...xs.slice(xs.length >> 1)];
  const data: ShopData = {
    shop: a.shop,
    customers: mix(customers, b.customers),
    orders: mix(a.orders, b.orders),
    contacts: mix(a.contacts, b.contacts),
  };
  if (!opts.shuffle) return data;
  return {
    shop: data.shop,
    customers: shuffled(data.customers, opts.seed + 1),
    orders: shuffled(data.orders, opts.seed + 2),
    contacts: shuffled(data.contacts, opts.seed + 3),
  };
}
