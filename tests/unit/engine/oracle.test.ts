/** The engine against the naive oracle (./oracle.ts): every §9 report field, on generated worlds. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSnapshot, computeReport, type PropensityScorer, type Snapshot } from '@/lib/engine';
import { addDays, type Customer, type ShopData } from '@/lib/model';
import { generateShop } from '../../fixtures/generate';
import { oracleCanonical, oracleReport } from './oracle';
import { canonicalSnapshot } from './snapshot-compare';
import { contact, cust, orderOfArb, world } from './world';

/** A fixed pseudo-probability per customer key (so 高潜 is exercised without fitting a model). */
function keyScore(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return (h % 1000) / 1000;
}
const scorer: PropensityScorer = (snap: Snapshot, _asOf, candidates) => Float64Array.from(candidates, (c) => keyScore(snap.customerKeys[c]!));

const WINDOWS = [
  { start: '2026-11-01', end: '2026-11-30' },
  { start: '2026-11-24', end: '2026-11-30' },
  { start: '2026-11-15', end: '2026-11-15' },
];
const ANCHOR = '2026-11-01';
const day = (offset: number) => addDays(ANCHOR, offset);
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
// Around the lookback edges (−365/−366), the 90-day and 3-day spans, the windows' edges, and anywhere.
const offset = fc.oneof(
  fc.integer({ min: -400, max: 40 }),
  fc.constantFrom(-366, -365, -364, -352, -351, -350, -343, -342, -336, -335, -76, -75, -61, -60, -31, -30, -1, 0, 11, 12, 13, 14, 22, 23, 26, 27, 28, 29, 30),
);

const arbCustomer = fc.record({
  id: fc.constantFrom(...ids),
  isFan: fc.option(fc.boolean(), { nil: undefined }),
  isMember: fc.option(fc.boolean(), { nil: undefined }),
  gender: fc.option(fc.constantFrom('f' as const, 'm' as const), { nil: undefined }),
  city: fc.option(fc.constantFrom('成都市', ' 重庆市 ', ' ', ''), { nil: undefined }),
  phone: fc.option(fc.constantFrom('13812341234', '138****1234', '+86 138-1234-1234', '0086 13812341234', '23812341234', '1381234123'), { nil: undefined }),
});

const arbWorld: fc.Arbitrary<ShopData> = fc
  .record({
    customers: fc.uniqueArray(arbCustomer, { selector: (c) => c.id, maxLength: 7 }),
    contacts: fc.array(
      fc.record({ id: fc.constantFrom(...ids), at: offset, kind: fc.constantFrom('visit', 'view', 'click', 'cart', 'order' as const), other: fc.boolean() }),
      { maxLength: 14 },
    ),
    orders: fc.array(
      fc.record({
        id: fc.constantFrom(...ids),
        placed: offset,
        paidDelta: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        status: fc.constantFrom('unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed' as const),
        amountFen: fc.oneof(fc.integer({ min: 0, max: 80_000 }), fc.constantFrom(0, 4999, 5000, 9999, 10_000, 20_000, 49_999, 50_000)),
        channel: fc.constantFrom('live', 'video', 'card', 'other' as const),
        traffic: fc.constantFrom('paid', 'organic', 'unknown' as const),
        other: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ customers, contacts, orders }) =>
    world({
      customers: [
        ...customers.map(({ id, ...c }) => cust(id, c as Partial<Customer>)),
        cust('a', { isFan: true }, 'S2'), // another shop's record of the same id never counts
      ],
      contacts: contacts.map((c) => contact(c.id, day(c.at), c.kind, c.other && c.at % 5 === 0 ? 'S2' : undefined)),
      orders: orders.map((o, i) => orderOfArb(o, i, day, o.other && o.placed % 4 === 0 ? 'S2' : undefined)),
    }),
  );

describe('the engine agrees with the naive oracle', () => {
  it('every §9 field, on small random worlds around the edges', () => {
    fc.assert(
      fc.property(arbWorld, fc.constantFrom(...WINDOWS), (data, w) => {
        expect(computeReport(buildSnapshot(data), w, { scorer })).toEqual(oracleReport(data, w, keyScore));
      }),
      { numRuns: 300 },
    );
  });

  it('the snapshot holds what the records say (customers, orders, every contact, tables)', () => {
    fc.assert(
      fc.property(arbWorld, (data) => {
        expect(canonicalSnapshot(buildSnapshot(data))).toEqual(oracleCanonical(data));
      }),
      { numRuns: 200 },
    );
  });

  for (const platform of ['douyin', 'taobao'] as const) {
    it(`every §9 field and the snapshot, on a generated ${platform} shop`, () => {
      const data = generateShop({ seed: platform === 'douyin' ? 21 : 22, platform, shopId: 'G1', shopName: 'g', customers: 120, endDay: '2026-11-30', days: 420 });
      const snap = buildSnapshot(data);
      expect(canonicalSnapshot(snap)).toEqual(oracleCanonical(data));
      for (const w of WINDOWS) expect(computeReport(snap, w, { scorer })).toEqual(oracleReport(data, w, keyScore));
    });
  }

  it('the worlds exercise what they claim (the oracle is not vacuous)', () => {
    const data = generateShop({ seed: 21, platform: 'douyin', shopId: 'G1', shopName: 'g', customers: 120, endDay: '2026-11-30', days: 420 });
    const r = oracleReport(data, WINDOWS[0]!, keyScore);
    expect(r.douyin.firstOrder).toBeGreaterThan(0);
    expect(r.douyin.repeat).toBeGreaterThan(0);
    expect(r.douyin.highPotential).toBeGreaterThan(0);
    expect(r.taobao.pathways.repurchase.converted).toBeGreaterThan(0);
    expect(Object.values(r.rfm).filter((n) => n > 0).length).toBeGreaterThan(3);
    expect(r.assets.dormant).toBeGreaterThan(0);
    expect(r.metrics.priceBands.filter((b) => b.orders > 0).length).toBeGreaterThan(2);
  });
});
