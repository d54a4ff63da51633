import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeWindow, buildSnapshot, computeReport, ReportSchema } from '@/lib/engine';
import { addDays, type ShopData } from '@/lib/model';
import { contact, cust, orderOfArb, world } from './world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const day = (offset: number) => addDays(W.start, offset);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
// Offsets around the lookback edges (−365/−366) and the previous window, plus anywhere.
const offset = fc.oneof(fc.integer({ min: -400, max: 40 }), fc.constantFrom(-366, -365, -364, -31, -30, -1, 0, 29, 30));

const arbWorld: fc.Arbitrary<ShopData> = fc
  .record({
    customers: fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...ids), isFan: fc.boolean(), isMember: fc.boolean() }),
      { selector: (c) => c.id, maxLength: 6 },
    ),
    contacts: fc.array(
      fc.record({ id: fc.constantFrom(...ids), at: offset, kind: fc.constantFrom('visit', 'view', 'click', 'cart', 'order' as const) }),
      { maxLength: 12 },
    ),
    orders: fc.array(
      fc.record({
        id: fc.constantFrom(...ids),
        placed: offset,
        paidDelta: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        status: fc.constantFrom('unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed' as const),
        amountFen: fc.integer({ min: 0, max: 80_000 }),
        channel: fc.constantFrom('live', 'video', 'card', 'other' as const),
        traffic: fc.constantFrom('paid', 'organic', 'unknown' as const),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ customers, contacts, orders }) =>
    world({
      customers: customers.map((c) => cust(c.id, { isFan: c.isFan, isMember: c.isMember })),
      contacts: contacts.map((c) => contact(c.id, day(c.at), c.kind)),
      orders: orders.map((o, i) => orderOfArb(o, i, day)),
    }),
  );

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let h = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const isSubset = (a: Int32Array, b: Int32Array) => {
  const set = new Set(b);
  return [...a].every((x) => set.has(x));
};

describe('engine properties', () => {
  // Agreement with an independent record-by-record calculation of every §9 field: oracle.test.ts.

  it('firstOrder and repeat partition purchasers; recalled ⊆ assets; converted ⊆ recalled', () => {
    fc.assert(
      fc.property(arbWorld, (data) => {
        const { sets } = analyzeWindow(buildSnapshot(data), W);
        const { purchasers, firstOrder, repeat, users, highPotential } = sets.douyin;
        expect([...firstOrder, ...repeat].sort((a, b) => a - b)).toEqual([...purchasers]);
        expect(firstOrder.filter((x) => repeat.includes(x))).toHaveLength(0);
        expect(isSubset(purchasers, users)).toBe(true);
        expect(isSubset(highPotential, users)).toBe(true);
        expect(highPotential.filter((x) => purchasers.includes(x))).toHaveLength(0);
        const m = sets.taobao.members;
        expect(isSubset(m.unpurchasedRecalled, m.unpurchasedAssets)).toBe(true);
        expect(isSubset(m.unpurchasedConverted, m.unpurchasedRecalled)).toBe(true);
        expect(isSubset(m.purchasedRecalled, m.purchasedAssets)).toBe(true);
        expect(isSubset(m.purchasedConverted, m.purchasedRecalled)).toBe(true);
        expect(isSubset(m.newVisitorSameDayConverted, m.newVisitors)).toBe(true);
        expect(m.newVisitors.length + m.unpurchasedReturning.length + m.purchasedReturning.length).toBe(users.length);
        expect(sets.assets.active.length + sets.assets.dormant.length).toBeGreaterThanOrEqual(sets.assets.relationship.length);
      }),
      { numRuns: 200 },
    );
  });

  it('every share and rate is in [0, 1] or null, and the report matches its schema', () => {
    fc.assert(
      fc.property(arbWorld, (data) => {
        const r = computeReport(buildSnapshot(data), W);
        const t = r.taobao;
        const rates = [
          t.pathways.newVisitorSameDay.rate, t.pathways.unpurchasedReturn.recallRate, t.pathways.unpurchasedReturn.payConversion,
          t.pathways.unpurchasedReturn.rate, t.pathways.repurchase.recallRate, t.pathways.repurchase.payConversion,
          t.pathways.repurchase.rate, t.previous.newVisitorSameDay, t.previous.unpurchasedReturn, t.previous.repurchase,
          ...Object.values(r.metrics.trafficPersonsShare), ...Object.values(r.metrics.trafficGmvShare), r.metrics.fanGmvShare,
          ...Object.values(r.coverage),
        ];
        for (const x of rates) expect(x === null || (x >= 0 && x <= 1)).toBe(true);
        expect(ReportSchema.safeParse(r).success).toBe(true);
        expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on record order', () => {
    fc.assert(
      fc.property(arbWorld, fc.integer(), (data, seed) => {
        const shuffled = {
          ...data,
          customers: shuffle(data.customers, seed),
          orders: shuffle(data.orders, seed + 1),
          contacts: shuffle(data.contacts, seed + 2),
        };
        expect(computeReport(buildSnapshot(shuffled), W)).toEqual(computeReport(buildSnapshot(data), W));
      }),
      { numRuns: 200 },
    );
  });
});
