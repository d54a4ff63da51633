/** Test helpers: field-by-field snapshot comparison and seeded shop variants (duplicates, other shops, shuffles). */
import { expect } from 'vitest';
import type { Customer, ShopData } from '@/lib/model';
import { mulberry32 } from '@/lib/model/random';
import type { Snapshot } from '@/lib/engine';
import { generateShop } from '../../fixtures/generate';

/** Every field of `actual` equals `expected` (typed arrays: same element type, length and values). */
export function expectSameSnapshot(actual: Snapshot, expected: Snapshot): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const k of Object.keys(expected) as (keyof Snapshot)[]) {
    const a = actual[k], e = expected[k];
    if (ArrayBuffer.isView(e)) {
      expect(a?.constructor, k).toBe(e.constructor);
      const av = a as Int32Array, ev = e as Int32Array;
      expect(av.length, k).toBe(ev.length);
      // One element-wise pass (toEqual on millions of values is slow and its diffs unreadable).
      let bad = -1;
      for (let i = 0; i < ev.length && bad < 0; i++) if (!Object.is(av[i], ev[i])) bad = i;
      expect(bad === -1 ? null : { column: k, at: bad, got: av[bad], want: ev[bad] }).toBeNull();
    } else expect(a, k).toEqual(e);
  }
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
