// Issue 13 item 5: 预览 — the first members with nickname, 最近购买, 购买次数, 金额.
import { describe, expect, it } from 'vitest';
import { memberPreview } from '@/lib/audience/preview';
import { buildSnapshot, customerIndexOf } from '@/lib/engine';
import { cust, key, order, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const paid = (id: string, day: string, amountFen: number) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });

const data = world({
  customers: [cust('a', { nickname: '小王' }), cust('b', { nickname: '小李' }), cust('c', { nickname: '小张' })],
  orders: [
    paid('a', '2026-11-10', 1000),
    paid('a', '2025-11-01', 5000), // before the lookback: the count and amount leave it out
    paid('b', '2026-11-10', 3000),
    paid('b', '2026-12-02', 9000), // after W.end: not shown
    paid('d', '2026-11-28', 500), // no customer record
    order('c', { placedAt: '2026-11-29', status: 'unpaid', amountFen: 700 }),
  ],
});
const snap = buildSnapshot(data);
const customers = new Map(data.customers.map((c) => [c.customerKey, c]));
const all = ['a', 'b', 'c', 'd'].map((id) => customerIndexOf(snap, key(id)));

describe('memberPreview', () => {
  it('lists the latest buyers first, then the larger amount, with the lookback’s count and amount', () => {
    expect(memberPreview(snap, W, all, customers, 10)).toEqual([
      { customerKey: key('d'), nickname: null, lastPaidDay: '2026-11-28', paidOrders: 1, paidFen: 500 },
      { customerKey: key('b'), nickname: '小李', lastPaidDay: '2026-11-10', paidOrders: 1, paidFen: 3000 },
      { customerKey: key('a'), nickname: '小王', lastPaidDay: '2026-11-10', paidOrders: 1, paidFen: 1000 },
      { customerKey: key('c'), nickname: '小张', lastPaidDay: null, paidOrders: 0, paidFen: 0 },
    ]);
  });

  it('stops at the limit and does not depend on the members’ order', () => {
    const two = memberPreview(snap, W, [...all].reverse(), customers, 2).map((r) => r.nickname);
    expect(two).toEqual([null, '小李']);
    expect(memberPreview(snap, W, all, customers, 0)).toEqual([]);
  });
});
