/** The worker's live size carries the identifier counts the export panel shows (issue 13 item 6). */
import { expect, it } from 'vitest';
import { audienceSize, type AudienceContext } from '@/components/engine/audience-jobs';
import { analyzeWindow, buildSnapshot } from '@/lib/engine';
import { cust, order, world } from '../engine/world';

const data = world({
  customers: [cust('a', { phone: '13800138000', buyerId: '0012345' }), cust('b', { phone: '138****1234' }), cust('c')],
  orders: [
    order('a', { placedAt: '2026-11-10', paidAt: '2026-11-10', status: 'paid', amountFen: 100 }),
    order('b', { placedAt: '2026-11-11', paidAt: '2026-11-11', status: 'completed', amountFen: 100 }),
    order('c', { placedAt: '2026-11-12', paidAt: '2026-11-12', status: 'paid', amountFen: 100 }),
    order('c', { placedAt: '2026-11-13', paidAt: '2026-11-13', status: 'paid', amountFen: 100 }),
  ],
});
const snap = buildSnapshot(data);
const ctx: AudienceContext = { snap, data, customers: new Map(data.customers.map((c) => [c.customerKey, c])), analysisOf: (w) => analyzeWindow(snap, w) };

it('audienceSize answers how many members carry each identifier, and the orders waiting to ship', () => {
  const r = audienceSize(ctx, { start: '2026-11-01', end: '2026-11-30' }, { expression: 'tier:purchasers' });
  expect(r.size).toBe(3);
  expect(r.identifiers).toEqual({
    platform: 'douyin',
    members: 3,
    fullPhone: 1,
    maskedPhoneOnly: 1,
    noPhone: 1,
    nickname: 3,
    buyerId: 3, // b and c have no buyerId field, but their keys are id keys (douyin:S1:id:b)
    membersWithOrdersToShip: 2,
    ordersToShip: 3,
  });
});
