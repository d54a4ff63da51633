import { describe, expect, it } from 'vitest';
import { CITY_KNOWN, FAN, HAS_RECORD, buildSnapshot, computeReport, createSnapshotBuilder, customerNames, type Snapshot } from '@/lib/engine';
import type { Customer, ShopData } from '@/lib/model';
import { mulberry32 } from '@/lib/model/random';
import { oracleCanonical, oracleReport } from './oracle';
import { canonicalSnapshot, expectSameSnapshot, messyShop } from './snapshot-compare';
import { contact, cust, order, world } from './world';

/** Feeds `data` to a fresh builder, kinds interleaved at random (each kind in its own order). */
function viaBuilder(data: ShopData, seed: number, hint = false) {
  const b = createSnapshotBuilder(data.shop, hint ? { orders: 0, contacts: 0 } : undefined);
  const r = mulberry32(seed);
  let i = 0, j = 0, k = 0;
  const { customers, orders, contacts } = data;
  while (i < customers.length || j < orders.length || k < contacts.length) {
    const x = r();
    if (x < 0.2 && i < customers.length) b.addCustomer(customers[i++]!);
    else if (x < 0.5 && j < orders.length) b.addOrder(orders[j++]!);
    else if (k < contacts.length) b.addContact(contacts[k++]!);
    else if (j < orders.length) b.addOrder(orders[j++]!);
    else if (i < customers.length) b.addCustomer(customers[i++]!);
  }
  return b.finish();
}

const shops: [string, ShopData][] = [
  ['douyin, in generation order', messyShop({ seed: 3, platform: 'douyin', customers: 400, days: 150, shuffle: false })],
  ['douyin, shuffled', messyShop({ seed: 5, platform: 'douyin', customers: 400, days: 150, shuffle: true })],
  ['taobao, shuffled', messyShop({ seed: 11, platform: 'taobao', customers: 300, days: 90, shuffle: true })],
  ['tiny hand-written', world({
    customers: [cust('B', { isFan: true, city: ' 成都市 ' }), cust('B', { city: '重庆市', nickname: '' , buyerId: 'b9' }), cust('Z', {}, 'S2')],
    orders: [
      order('A', { placedAt: '2026-11-20', paidAt: '2026-11-21', status: 'paid', amountFen: 3e9 }),
      order('C', { placedAt: '2026-11-02', status: 'refunded', amountFen: 100 }),
      order('Q', { placedAt: '2026-12-02', status: 'paid', amountFen: 100, shop: 'S2' }),
    ],
    contacts: [contact('B', '2026-11-05', 'cart'), contact('Q', '2026-12-05', 'cart', 'S2')],
  })],
  ['empty', world({})],
  ['only other shops', world({ customers: [cust('Z', {}, 'S2')], contacts: [contact('Z', '2026-11-05', 'cart', 'S2')] })],
];

/** The shop as storage keeps it: one record per customer key (the first record's fields, as the builder merges them, are pinned below). */
function oneRecordPerKey(data: ShopData): ShopData {
  const seen = new Set<string>();
  const customers: Customer[] = [];
  for (const c of data.customers) if (!seen.has(`${c.shopId}\u0000${c.customerKey}`)) (seen.add(`${c.shopId}\u0000${c.customerKey}`), customers.push(c));
  return { ...data, customers };
}

describe('buildSnapshot on the streaming builder', () => {
  for (const [name, data] of shops) {
    describe(name, () => {
      const ref: Snapshot = buildSnapshot(data);

      it('holds what the records say (the naive oracle), and its report is the oracle\'s', () => {
        const single = oneRecordPerKey(data);
        const snap = buildSnapshot(single);
        expect(canonicalSnapshot(snap)).toEqual(oracleCanonical(single));
        const w = { start: '2026-10-22', end: '2026-11-20' };
        expect(computeReport(snap, w, { scorer: (_s, _d, c) => new Float64Array(c.length) })).toEqual(oracleReport(single, w, () => 0));
      });

      it('the builder equals buildSnapshot field by field for interleaved input, and gives the worker\'s names', () => {
        for (const seed of [1, 2]) {
          const { snap, names } = viaBuilder(data, seed, seed === 2);
          expectSameSnapshot(snap, ref);
          expect(names).toEqual(customerNames(ref, data.customers.filter((c) => c.shopId === data.shop.shopId)));
        }
      });
    });
  }

  it('duplicate records of a key enrich: flags add up, the first city is kept, the last name wins', () => {
    const data = shops[3]![1];
    const snap = buildSnapshot(data);
    const b = snap.customerKeys.indexOf(data.customers[0]!.customerKey);
    expect(snap.customerFlags[b]).toBe(HAS_RECORD | FAN | CITY_KNOWN);
    expect(snap.cities[snap.customerCity[b]!]).toBe('成都市');
    expect(snap.cities).toEqual(['成都市']); // the second record's city is never coded
    expect(viaBuilder(data, 1).names[b]).toBe('b9');
  });

  it('the test shops exercise what they claim', () => {
    const [, data] = shops[1]!;
    const ref = buildSnapshot(data);
    const keys = data.customers.filter((c) => c.shopId === 'S1').map((c) => c.customerKey);
    expect(new Set(keys).size).toBeLessThan(keys.length); // duplicates
    expect(data.orders.some((o) => o.shopId === 'S2')).toBe(true);
    expect(ref.orderCount).toBeGreaterThan(500);
    expect(ref.cities).toContain('新城市');
  });

  it('names: the last record of a key wins, even an empty name', () => {
    const data = shops[3]![1];
    const { snap, names } = viaBuilder(data, 1);
    expect(names[snap.customerKeys.indexOf(data.customers[0]!.customerKey)]).toBe('b9');
    expect(names.filter((x) => x === '').length).toBe(2); // A and C have no record
  });

  it('refuses records after finish()', () => {
    const b = createSnapshotBuilder(shops[3]![1].shop);
    b.finish();
    expect(() => b.addContact(contact('B', '2026-11-05'))).toThrow(/finished/);
    expect(() => b.finish()).toThrow(/finished/);
  });
});

describe('expectSameSnapshot', () => {
  it('notices one changed value in one column', () => {
    const data = shops[3]![1];
    const a = buildSnapshot(data), b = buildSnapshot(data);
    b.custContactDay[0]! += 1;
    expect(() => expectSameSnapshot(b, a)).toThrow();
    expect(() => expectSameSnapshot({ ...a, cities: [] }, a)).toThrow();
  });
});
