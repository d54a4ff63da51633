// SPEC §6.4 (conversion report: frozen members, control group, lift).
import { describe, expect, it } from 'vitest';
import { conversionReport } from '@/lib/audience/conversion';
import { ExportRecord, Order, type OrderInput } from '@/lib/model';

const k = (id: string) => `douyin:S1:id:${id}`;
let n = 0;
const o = (who: string, extra: Partial<OrderInput>): Order =>
  Order.parse({ orderId: `o${++n}`, shopId: 'S1', customerKey: k(who), placedAt: '2026-11-01 10:00', amountFen: 100, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid', ...extra });

const record = ExportRecord.parse({
  exportId: 'E1',
  shopId: 'S1',
  name: '首单',
  format: 'csv',
  exportedAt: '2026-11-20T20:00:00+08:00',
  members: ['m1', 'm2', 'm3', 'm4'].map(k),
  control: ['c1', 'c2', 'c3', 'c4'].map(k),
  controlSeed: 1,
  controlShare: 0.5,
});

const orders = [
  o('m1', { placedAt: '2026-11-20T19:58:00+08:00', paidAt: '2026-11-20T19:59:59+08:00', amountFen: 1000 }), // before export
  o('m1', { placedAt: '2026-11-20T20:00:00+08:00', paidAt: '2026-11-20T20:00:00+08:00', amountFen: 777 }), // at export: not after
  o('m1', { placedAt: '2026-11-20T20:59:00+08:00', paidAt: '2026-11-20T21:00:00+08:00', amountFen: 10000 }),
  o('m1', { placedAt: '2026-11-22T10:00:00+08:00', paidAt: '2026-11-22T10:00:00+08:00', amountFen: 5001 }),
  o('m2', { placedAt: '2026-11-21T09:00:00+08:00', status: 'completed', amountFen: 3000 }), // no paidAt: at placedAt
  o('m3', { placedAt: '2026-11-21T09:00:00+08:00', paidAt: '2026-11-21T09:00:00+08:00', status: 'refunded', amountFen: 9999 }),
  o('m4', { placedAt: '2026-11-21T09:00:00+08:00', status: 'unpaid', amountFen: 8888 }),
  o('c1', { placedAt: '2026-11-21T12:00:00+08:00', paidAt: '2026-11-21T12:00:00+08:00', status: 'shipped', amountFen: 2000 }),
  o('x', { placedAt: '2026-11-21T12:00:00+08:00', paidAt: '2026-11-21T12:00:00+08:00', amountFen: 50000 }), // not exported
  { ...o('m1', { placedAt: '2026-11-21T12:00:00+08:00', amountFen: 70000 }), shopId: 'S2' }, // another shop
  o('m2', { placedAt: '2026-11-25T08:00:00+08:00', paidAt: '2026-11-25T08:00:00+08:00', amountFen: 400 }),
];

describe('conversionReport (hand-computed)', () => {
  it('counts paid orders after exportedAt up to the given day', () => {
    const r = conversionReport(record, orders, { to: '2026-11-23' });
    expect(r.from).toBe('2026-11-20');
    expect(r.to).toBe('2026-11-23');
    expect(r.days).toBe(3);
    // members: m1 (10000 + 5001), m2 (3000): 2 of 4, 3 orders, GMV 18001, AOV 9000.5 → 9001 (half up)
    expect(r.members).toEqual({ size: 4, purchasers: 2, rate: 0.5, orders: 3, gmvFen: 18001, aovFen: 9001 });
    // control: c1 (2000): 1 of 4
    expect(r.control).toEqual({ size: 4, purchasers: 1, rate: 0.25, orders: 1, gmvFen: 2000, aovFen: 2000 });
    expect(r.lift).toBe(1); // 0.5 / 0.25 − 1
    expect(r.daily).toEqual([
      { day: '2026-11-20', members: { purchasers: 1, orders: 1, gmvFen: 10000 }, control: { purchasers: 0, orders: 0, gmvFen: 0 } },
      { day: '2026-11-21', members: { purchasers: 1, orders: 1, gmvFen: 3000 }, control: { purchasers: 1, orders: 1, gmvFen: 2000 } },
      { day: '2026-11-22', members: { purchasers: 1, orders: 1, gmvFen: 5001 }, control: { purchasers: 0, orders: 0, gmvFen: 0 } },
      { day: '2026-11-23', members: { purchasers: 0, orders: 0, gmvFen: 0 }, control: { purchasers: 0, orders: 0, gmvFen: 0 } },
    ]);
  });

  it('defaults the last day to the latest order day of the shop', () => {
    const r = conversionReport(record, orders);
    expect(r.to).toBe('2026-11-25');
    expect(r.members).toMatchObject({ purchasers: 2, orders: 4, gmvFen: 18401, aovFen: 9201 }); // 18401 / 2 = 9200.5 → 9201
    expect(r.daily).toHaveLength(6);
  });

  it('lift is null without a control, or when the control did not convert', () => {
    const noControl = conversionReport({ ...record, control: [] }, orders, { to: '2026-11-23' });
    expect(noControl.control).toBeNull();
    expect(noControl.lift).toBeNull();
    const zero = conversionReport({ ...record, control: [k('c9')] }, orders, { to: '2026-11-23' });
    expect(zero.control).toEqual({ size: 1, purchasers: 0, rate: 0, orders: 0, gmvFen: 0, aovFen: null });
    expect(zero.lift).toBeNull();
    const empty = conversionReport({ ...record, members: [], control: [] }, orders, { to: '2026-11-23' });
    expect(empty.members.rate).toBeNull();
  });

  it('refuses an unreadable end day', () => {
    expect(() => conversionReport(record, orders, { to: '2026/11/23' })).toThrow(/YYYY-MM-DD/);
  });
});
