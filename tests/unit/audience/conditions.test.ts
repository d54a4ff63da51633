// Issue 13 item 5: the parameterised conditions 最近购买 N 天内, 购买次数 ≥ N, 近 N 天已导出.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conditionId, conditionLabel, parseCondition, withConditions, type ExportedMembers } from '@/lib/audience/conditions';
import { evaluateAudience } from '@/lib/audience/evaluate';
import { buildTagIndex } from '@/lib/audience/tags';
import { buildSnapshot, keysOf } from '@/lib/engine';
import { addDays, type ShopData } from '@/lib/model';
import { contact, cust, key, order, orderOfArb, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const paid = (id: string, day: string) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen: 1000 });

// W.end = 11-30: the 7 days ending it start 11-24; the lookback (365 days) starts 2025-12-01.
const data = world({
  customers: ['a', 'b', 'c', 'd', 'e'].map((id) => cust(id)),
  orders: [
    paid('a', '2026-11-28'),
    paid('a', '2026-11-10'),
    paid('a', '2026-03-01'),
    paid('a', '2025-10-01'), // before the lookback: not counted
    paid('b', '2026-11-20'),
    order('c', { placedAt: '2026-11-29', paidAt: '2026-11-29', status: 'refunded', amountFen: 800 }), // not paid as last seen
    paid('d', '2025-12-01'), // the first day of the lookback
    paid('d', '2026-12-05'), // after W.end
  ],
  contacts: [contact('e', '2026-11-15')],
});
const exports: ExportedMembers[] = [
  { shopId: 'S1', exportedAt: '2026-11-25T10:00:00+08:00', members: [key('b'), key('nobody')] },
  { shopId: 'S1', exportedAt: '2026-11-20T23:30:00+08:00', members: [key('d')] },
  { shopId: 'OTHER', exportedAt: '2026-11-29T10:00:00+08:00', members: [key('a'), key('c')] },
  { shopId: 'S1', exportedAt: '2026-12-03T09:00:00+08:00', members: [key('e')] }, // after W.end: still recent
  { shopId: 'S1', exportedAt: '2026-11-23T17:00:00Z', members: [key('a')] }, // 11-24 01:00 in UTC+8
];
const snap = buildSnapshot(data);
const idx = buildTagIndex(snap, W, { customers: data.customers });
const resolve = withConditions(idx.resolve, snap, W, exports);
const who = (expr: string) => {
  const ev = evaluateAudience(idx, expr, resolve);
  if (!ev.ok) throw ev.error;
  return keysOf(snap, ev.members).map((k) => k.split(':').pop()).sort();
};

describe('parameterised conditions', () => {
  it('最近购买 N 天内: a paid order on one of the N days ending W.end', () => {
    expect(who('recentPaid:7')).toEqual(['a']);
    expect(who('recentPaid:10')).toEqual(['a']);
    expect(who('recentPaid:11')).toEqual(['a', 'b']);
    expect(who('recentPaid:364')).toEqual(['a', 'b']);
    expect(who('recentPaid:365')).toEqual(['a', 'b', 'd']);
  });

  it('购买次数 ≥ N: paid orders in the 365 days ending W.end', () => {
    expect(who('paidCount:1')).toEqual(['a', 'b', 'd']);
    expect(who('paidCount:2')).toEqual(['a']);
    expect(who('paidCount:3')).toEqual(['a']);
    expect(who('paidCount:4')).toEqual([]);
  });

  it('近 N 天已导出: members of this shop’s exports made on a day ≥ W.end − N + 1 (UTC+8), later exports included', () => {
    expect(who('exported:6')).toEqual(['b', 'e']);
    expect(who('exported:7')).toEqual(['a', 'b', 'e']);
    expect(who('exported:10')).toEqual(['a', 'b', 'e']);
    expect(who('exported:11')).toEqual(['a', 'b', 'd', 'e']);
    expect(who('all 差 exported:7')).toEqual(['c', 'd']);
  });

  it('combine with the other tags and leave old expressions as they were', () => {
    expect(who('tier:purchasers 交 recentPaid:7')).toEqual(['a']);
    expect(who('paidCount:1 差 exported:7')).toEqual(['d']);
    // An expression saved before the conditions existed evaluates the same through the new resolver.
    for (const old of ['tier:firstOrder 并 tier:repeat', 'all 差 tier:purchasers', '(tier:purchasers 并 class:newVisitors) 交 all'])
      expect(who(old)).toEqual(keysOf(snap, (evaluateAudience(idx, old) as { members: Int32Array }).members).map((k) => k.split(':').pop()).sort());
  });

  it('reads only well-formed ids: whole N from 1 to 3650, no leading zero', () => {
    expect(parseCondition('recentPaid:30')).toEqual({ kind: 'recentPaid', n: 30 });
    expect(parseCondition('exported:3650')).toEqual({ kind: 'exported', n: 3650 });
    for (const bad of ['recentPaid:0', 'recentPaid:007', 'paidCount:3651', 'paidCount:-1', 'paidCount:1.5', 'recent:3', 'tier:purchasers'])
      expect(parseCondition(bad)).toBeNull();
    expect(conditionId('paidCount', 2.7)).toBe('paidCount:2');
    expect(conditionId('exported', 0)).toBe('exported:1');
    expect(conditionId('recentPaid', 99999)).toBe('recentPaid:3650');
    expect(evaluateAudience(idx, 'recentPaid:0', resolve).ok).toBe(false); // an unknown tag, with its message
  });

  it('speaks the merchant’s words in both languages', () => {
    expect(conditionLabel({ kind: 'recentPaid', n: 30 })).toEqual({ zh: '最近购买 30 天内', en: 'Bought in the last 30 days' });
    expect(conditionLabel({ kind: 'paidCount', n: 2 })).toEqual({ zh: '购买次数 ≥ 2', en: '≥ 2 paid orders' });
    expect(conditionLabel({ kind: 'exported', n: 7 })).toEqual({ zh: '近 7 天已导出', en: 'Exported in the last 7 days' });
  });
});

// ---- properties over generated worlds ----
const day = (offset: number) => addDays(W.start, offset);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const offset = fc.oneof(fc.integer({ min: -400, max: 40 }), fc.constantFrom(-336, -335, 0, 22, 23, 29, 30));
const arbCase = fc.record({
  orders: fc.array(
    fc.record({
      id: fc.constantFrom(...ids),
      placed: offset,
      paidDelta: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      status: fc.constantFrom('unpaid', 'paid', 'completed', 'refunded' as const),
      amountFen: fc.integer({ min: 0, max: 9_000 }),
      channel: fc.constantFrom('live', 'other' as const),
      traffic: fc.constantFrom('paid', 'unknown' as const),
    }),
    { maxLength: 14 },
  ),
  exports: fc.array(fc.record({ at: fc.integer({ min: -40, max: 40 }), members: fc.subarray(ids) }), { maxLength: 4 }),
  base: fc.constantFrom('all', 'tier:purchasers', 'tier:users', 'paidCount:1'),
  n: fc.integer({ min: 1, max: 400 }),
});

describe('condition properties', () => {
  it('A 差 exported:N ⊆ A and, with A 交 exported:N, splits A; recentPaid grows with N, paidCount shrinks', () => {
    fc.assert(
      fc.property(arbCase, ({ orders, exports: ex, base, n }) => {
        const d: ShopData = world({ customers: ids.map((id) => cust(id)), orders: orders.map((o, i) => orderOfArb(o, i, day)) });
        const s = buildSnapshot(d);
        const ix = buildTagIndex(s, W, { customers: d.customers });
        const records = ex.map((e) => ({ shopId: 'S1', exportedAt: `${day(e.at)}T12:00:00+08:00`, members: e.members.map((m) => key(m)) }));
        const r = withConditions(ix.resolve, s, W, records);
        const set = (expr: string) => {
          const ev = evaluateAudience(ix, expr, r);
          if (!ev.ok) throw ev.error;
          return new Set(ev.members);
        };
        const a = set(base), kept = set(`${base} 差 exported:${n}`), dropped = set(`${base} 交 exported:${n}`);
        for (const c of kept) expect(a.has(c)).toBe(true);
        expect(kept.size + dropped.size).toBe(a.size);
        for (const c of set(`recentPaid:${n}`)) expect(set(`recentPaid:${n + 1}`).has(c)).toBe(true);
        for (const c of set(`paidCount:${n + 1}`)) expect(set(`paidCount:${n}`).has(c)).toBe(true);
        for (const c of set(`exported:${n}`)) expect(set(`exported:${n + 1}`).has(c)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
