// SPEC §9 (the report file: header, schema, window) — each indicator's own figures are in tests/unit/engine/indicators/<id>.test.ts.
import { describe, expect, it } from 'vitest';
import {
  buildSnapshot, computeReport, ReportSchema, latestDataDay, resolveWindow, snapshotFromBuffers, snapshotToBuffers,
} from '@/lib/engine';
import { contact, cust, order, world } from './world';
import { bigWorld } from './big-world';

describe('computeReport on a hand-computed world', () => {
  const snap = buildSnapshot(bigWorld());
  const latest = latestDataDay(snap, '2027-01-01');
  const window = resolveWindow({}, latest);
  const r = computeReport(snap, window);

  it('derives the default window from the latest day with data of this shop only', () => {
    expect(latest).toBe('2026-11-30');
    expect(r.window).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(r.previousWindow).toEqual({ start: '2026-10-02', end: '2026-10-31' });
    expect(r.format).toBe('seller-lens-report');
    expect(r.version).toBe(1);
    expect(r.shopId).toBe('S1');
    expect(snap.customerCount).toBe(14); // A…N; S2's Z is not a customer of S1
  });

  it('validates against ReportSchema and survives JSON', () => {
    expect(ReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('gives the same report from a snapshot restored from buffers', () => {
    const { header, buffers } = snapshotToBuffers(snap);
    const copies = buffers.map((b) => b.slice(0));
    expect(computeReport(snapshotFromBuffers(structuredClone(header), copies), window)).toEqual(r);
  });

});

describe('edge cases', () => {
  it('zero denominators give null, never NaN', () => {
    const snap = buildSnapshot(world({ customers: [cust('A')] }));
    const r = computeReport(snap, resolveWindow({}, latestDataDay(snap, '2026-11-20')));
    expect(r.window).toEqual({ start: '2026-10-22', end: '2026-11-20' });
    expect(r.taobao.pathways.newVisitorSameDay.rate).toBeNull();
    expect(r.taobao.pathways.unpurchasedReturn).toEqual({ assets: 0, recalled: 0, recallRate: null, converted: 0, payConversion: null, rate: null });
    expect(r.metrics.aovFen).toBeNull();
    expect(r.metrics.fanGmvShare).toBeNull();
    expect(r.metrics.trafficPersonsShare).toEqual({ paid: null, organic: null, unknown: null });
    expect(r.metrics.change).toEqual({ gmvFen: null, orders: null, purchasers: null, aovFen: null });
    expect(r.coverage).toEqual({ all: null, gender: null, city: null, phone: null });
    expect(r.assets).toEqual({ relationship: 0, active: 0, dormant: 1 });
    expect(JSON.stringify(r)).not.toContain('NaN');
    ReportSchema.parse(r);
  });

  it('a refunded order is never paid, in past windows too, but is a contact at placedAt only', () => {
    const snap = buildSnapshot(
      world({ orders: [order('A', { placedAt: '2026-11-01', paidAt: '2026-11-03', status: 'refunded', amountFen: 100 })] }),
    );
    const r = computeReport(snap, { start: '2026-11-02', end: '2026-11-05' });
    expect(r.douyin.users).toBe(0); // no contact at paidAt
    expect(r.metrics.gmvFen).toBe(0);
    const r2 = computeReport(snap, { start: '2026-11-01', end: '2026-11-01' });
    expect(r2.douyin).toMatchObject({ users: 1, purchasers: 0 });
    expect(latestDataDay(snap, '2000-01-01')).toBe('2026-11-03'); // paidAt is still a day with data
  });

  it('an order placed before W and paid inside it is a purchase of W and a repeat only with an earlier payment', () => {
    const snap = buildSnapshot(
      world({ orders: [order('A', { placedAt: '2026-10-31T22:00:00+08:00', paidAt: '2026-11-01T09:00:00+08:00', status: 'paid', amountFen: 700 })] }),
    );
    const r = computeReport(snap, { start: '2026-11-01', end: '2026-11-07' });
    expect(r.douyin).toMatchObject({ users: 1, purchasers: 1, firstOrder: 1, repeat: 0 });
    // classed by v = 11-01 (the payment); the 10-31 placement is an earlier contact → 未购回访
    expect(r.taobao.unpurchasedReturning).toBe(1);
    expect(r.taobao.byClass.unpurchasedReturning).toEqual({ purchasers: 1, gmvFen: 700 });
    expect(r.metrics.gmvFen).toBe(700);
    expect(r.metrics.previous.gmvFen).toBe(0);
  });

  it('two shops never mix', () => {
    const a = world({ contacts: [contact('A', '2026-11-30')] });
    const mixed = {
      ...a,
      customers: [cust('A', { isFan: true }, 'S2')],
      orders: [order('A', { placedAt: '2026-11-30', status: 'paid', amountFen: 5, shop: 'S2' })],
      contacts: [...a.contacts, contact('B', '2026-12-01', 'visit', 'S2')],
    };
    const w = { start: '2026-11-01', end: '2026-11-30' };
    expect(computeReport(buildSnapshot(mixed), w)).toEqual(computeReport(buildSnapshot(a), w));
    expect(buildSnapshot(mixed).latestDay).toBe(buildSnapshot(a).latestDay);
  });
});
