import { describe, expect, it } from 'vitest';
import {
  buildSnapshot, computeReport, ReportSchema, latestDataDay, resolveWindow, snapshotFromBuffers, snapshotToBuffers,
  type PropensityScorer,
} from '@/lib/engine';
import { contact, cust, key, order, world } from './world';
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

  it('douyin tiers', () => {
    // users: A B C D E G H I J K L; purchasers D G K L; first G L; repeat D K; 高潜 (fallback): H only.
    expect(r.douyin).toEqual({ users: 11, purchasers: 4, firstOrder: 2, repeat: 2, highPotential: 1 });
  });

  it('taobao classes with the 365-day lookback boundary', () => {
    expect(r.taobao.newVisitors).toBe(7); // A C G H I J L
    expect(r.taobao.unpurchasedReturning).toBe(2); // B E (E's refunded order is a contact, not a purchase)
    expect(r.taobao.purchasedReturning).toBe(2); // D K
  });

  it('taobao pathways', () => {
    expect(r.taobao.pathways.newVisitorSameDay).toEqual({ base: 7, converted: 2, rate: 2 / 7 }); // G, L
    // U = A B E M N (C's only earlier contact is 366 days back); recalled A B E; none bought.
    expect(r.taobao.pathways.unpurchasedReturn).toEqual({
      assets: 5, recalled: 3, recallRate: 3 / 5, converted: 0, payConversion: 0, rate: 0,
    });
    // P = D K, both came back and bought.
    expect(r.taobao.pathways.repurchase).toEqual({
      assets: 2, recalled: 2, recallRate: 1, converted: 2, payConversion: 1, rate: 1,
    });
    expect(r.taobao.byClass).toEqual({
      newVisitors: { purchasers: 2, gmvFen: 9900 + 50000 + 1000 },
      unpurchasedReturning: { purchasers: 0, gmvFen: 0 },
      purchasedReturning: { purchasers: 2, gmvFen: 12000 + 4002 },
    });
    // Previous window: K new and converted same day; U = A B C E M N none recalled; P = D recalled (placed 10-31), not converted.
    expect(r.taobao.previous).toEqual({ newVisitorSameDay: 1, unpurchasedReturn: 0, repurchase: 0 });
  });

  it('asset layers as of W.end', () => {
    // fans D H L + member F; active = all with a contact 09-02…11-30 (12); dormant F (record only) and M.
    expect(r.assets).toEqual({ relationship: 4, active: 12, dormant: 2 });
  });

  it('key metrics', () => {
    const gmv = 12000 + 4002 + 9900 + 50000 + 1000;
    expect(r.metrics.gmvFen).toBe(gmv);
    expect(r.metrics.orders).toBe(5);
    expect(r.metrics.purchasers).toBe(4);
    expect(r.metrics.aovFen).toBe(19226); // 76902 / 4 = 19225.5, half up
    expect(r.metrics.gmvByChannel).toEqual({ live: 12000, video: 4002, card: 10900, other: 50000 });
    expect(r.metrics.trafficPersonsShare).toEqual({ paid: 0.5, organic: 0.5, unknown: 0.25 }); // L counts twice
    expect(r.metrics.trafficGmvShare).toEqual({ paid: 13000 / gmv, organic: 59900 / gmv, unknown: 4002 / gmv });
    expect(r.metrics.fanGmvShare).toBe(63000 / gmv); // D + L
    expect(r.metrics.priceBands).toEqual([
      { fromYuan: 0, toYuan: 50, orders: 2 },
      { fromYuan: 50, toYuan: 100, orders: 1 },
      { fromYuan: 100, toYuan: 200, orders: 1 },
      { fromYuan: 200, toYuan: 500, orders: 0 },
      { fromYuan: 500, toYuan: null, orders: 1 }, // exactly 500.00 yuan
    ]);
    expect(r.metrics.daily).toHaveLength(30);
    expect(r.metrics.daily[0]).toEqual({ day: '2026-11-01', gmvFen: 12000, orders: 1, purchasers: 1 });
    expect(r.metrics.daily[1]).toEqual({ day: '2026-11-02', gmvFen: 0, orders: 0, purchasers: 0 });
    expect(r.metrics.daily[2]).toEqual({ day: '2026-11-03', gmvFen: 51000, orders: 2, purchasers: 1 });
    expect(r.metrics.daily[19]).toEqual({ day: '2026-11-20', gmvFen: 4002, orders: 1, purchasers: 1 });
    expect(r.metrics.daily[29]).toEqual({ day: '2026-11-30', gmvFen: 9900, orders: 1, purchasers: 1 });
    expect(r.metrics.daily.reduce((s, d) => s + d.gmvFen, 0)).toBe(gmv);
    // D's order placed 10-31 but paid 11-01 happens in W, not in the previous window.
    expect(r.metrics.previous).toEqual({ gmvFen: 20000, orders: 1, purchasers: 1, aovFen: 20000 });
    expect(r.metrics.change).toEqual({
      gmvFen: (gmv - 20000) / 20000,
      orders: 4,
      purchasers: 3,
      aovFen: (19226 - 20000) / 20000,
    });
  });

  it('RFM classes', () => {
    // D R29 F2 M17000 · G R0 F1 M9900 · K R10 F2 M24002 · L R27 F2 M51000; means R16.5 F1.75 M25475.5
    expect(r.rfm).toEqual({
      importantValue: 0, importantDevelop: 0, importantKeep: 1, importantRetain: 0,
      generalValue: 1, generalDevelop: 1, generalKeep: 1, generalRetain: 0,
    });
  });

  it('coverage and golden window', () => {
    // base: 13 with a contact 2025-12-01…2026-11-30 (all but F); gender A D G; city D L; phone A D L; all D.
    expect(r.coverage).toEqual({ all: 1 / 13, gender: 3 / 13, city: 2 / 13, phone: 3 / 13 });
    // first contact 11-28…11-30 without a paid order: H (G bought; I's first contact is 11-27).
    expect(r.goldenWindow).toBe(1);
  });

  it('validates against ReportSchema and survives JSON', () => {
    expect(ReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('gives the same report from a snapshot restored from buffers', () => {
    const { header, buffers } = snapshotToBuffers(snap);
    const copies = buffers.map((b) => b.slice(0));
    expect(computeReport(snapshotFromBuffers(structuredClone(header), copies), window)).toEqual(r);
  });

  it('uses the given scorer for 高潜 with threshold 0.3 inclusive', () => {
    const scores: Record<string, number> = { [key('A')]: 0.3, [key('B')]: 0.2999, [key('H')]: 0.9, [key('D')]: 1 };
    const scorer: PropensityScorer = (s, asOf, cands) => {
      expect(s.customerKeys[0]).toBe(key('A'));
      expect(asOf).toBe(snap.latestDay);
      return Float64Array.from(cands, (c) => scores[s.customerKeys[c]!] ?? 0);
    };
    // D is a purchaser: never a candidate, whatever its score.
    expect(computeReport(snap, window, { scorer }).douyin.highPotential).toBe(2);
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

  it('RFM: R equal to the mean is high', () => {
    const paid = (id: string, day: string, amountFen: number) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });
    const snap = buildSnapshot(
      world({ orders: [paid('A', '2026-11-30', 100), paid('B', '2026-11-25', 200), paid('C', '2026-11-20', 300)] }),
    );
    // R 0 / 5 / 10, mean 5; F all 1 = mean (high); M 100/200/300, mean 200.
    // A: R↑F↑M↓ 一般价值; B: ties on R and M → R↑F↑M↑ 重要价值; C: R↓F↑M↑ 重要保持.
    const r = computeReport(snap, { start: '2026-11-01', end: '2026-11-30' });
    expect(r.rfm).toMatchObject({ importantValue: 1, generalValue: 1, importantKeep: 1 });
    expect(Object.values(r.rfm).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('RFM looks back exactly 365 days ending W.end', () => {
    const paid = (id: string, day: string) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen: 100 });
    const snap = buildSnapshot(world({ orders: [paid('A', '2025-12-01'), paid('B', '2025-11-30')] }));
    const r = computeReport(snap, { start: '2026-11-01', end: '2026-11-30' });
    expect(Object.values(r.rfm).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('golden window length is configurable and a customer first seen on W.end counts', () => {
    const snap = buildSnapshot(world({ contacts: [contact('A', '2026-11-30'), contact('B', '2026-11-25')] }));
    const w = { start: '2026-11-01', end: '2026-11-30' };
    expect(computeReport(snap, w).goldenWindow).toBe(1);
    expect(computeReport(snap, w, { goldenWindowDays: 6 }).goldenWindow).toBe(2);
    expect(computeReport(snap, w, { goldenWindowDays: 5 }).goldenWindow).toBe(1);
  });

  it('price bands are configurable', () => {
    const snap = buildSnapshot(world({ orders: [order('A', { placedAt: '2026-11-30', status: 'paid', amountFen: 999 })] }));
    const r = computeReport(snap, { start: '2026-11-01', end: '2026-11-30' }, { priceBandsYuan: [0, 9.99, 20] });
    expect(r.metrics.priceBands).toEqual([
      { fromYuan: 0, toYuan: 9.99, orders: 0 },
      { fromYuan: 9.99, toYuan: 20, orders: 1 },
      { fromYuan: 20, toYuan: null, orders: 0 },
    ]);
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
