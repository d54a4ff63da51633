import { describe, expect, it } from 'vitest';
import {
  analyzeWindow,
  buildSnapshot,
  computeReport,
  fitPropensity,
  latestDataDay,
  newWindowScans,
  previousFigures,
  previousWindow,
  resolveWindow,
  toRange,
} from '@/lib/engine';
import { generateShop } from '@/tests/fixtures/generate';

const data = generateShop({ seed: 11, platform: 'douyin', shopId: 'pair', shopName: '对比店', customers: 1200, endDay: '2026-11-20', days: 400 });
const snap = buildSnapshot(data);
const latest = latestDataDay(snap, '2026-11-20');

describe('a window and its previous one (what the side panel asks)', () => {
  for (const request of [{}, { from: '2026-09-01', to: '2026-09-30' }, { to: '2026-11-01' }, { from: '2026-11-14', to: '2026-11-20' }]) {
    it(`shares passes without changing a number (${JSON.stringify(request)})`, () => {
      const window = resolveWindow(request, latest);
      const prev = previousWindow(window);
      const model = fitPropensity(snap, toRange(window).end), prevModel = fitPropensity(snap, toRange(prev).end);
      const scans = newWindowScans();
      const shared = analyzeWindow(snap, window, { scorer: model.score, scans }).report;
      const figures = previousFigures(snap, prev, { scorer: prevModel.score, scans });
      // W's previous window and the previous window's own figures come from the same two passes.
      expect(scans.taobao.size).toBe(2);
      expect(scans.metrics.size).toBe(2);
      expect(shared).toEqual(computeReport(snap, window, { scorer: model.score }));
      const full = computeReport(snap, prev, { scorer: prevModel.score });
      expect(figures).toEqual({
        window: full.window,
        douyin: full.douyin,
        taobao: { newVisitors: full.taobao.newVisitors, unpurchasedReturning: full.taobao.unpurchasedReturning, purchasedReturning: full.taobao.purchasedReturning },
        metrics: { gmvFen: full.metrics.gmvFen, orders: full.metrics.orders, purchasers: full.metrics.purchasers, aovFen: full.metrics.aovFen, daily: full.metrics.daily },
      });
      expect(figures.douyin.users).toBeGreaterThan(0);
      // The previous totals in W's report are the previous window's own.
      expect(shared.metrics.previous).toEqual({ gmvFen: full.metrics.gmvFen, orders: full.metrics.orders, purchasers: full.metrics.purchasers, aovFen: full.metrics.aovFen });
    });
  }

  it('keeps no pass for custom price bands (they would not match the default ones)', () => {
    const window = resolveWindow({}, latest);
    const scans = newWindowScans();
    const bands = [0, 10, 1000];
    const r = analyzeWindow(snap, window, { scans, priceBandsYuan: bands }).report;
    expect(scans.metrics.size).toBe(0);
    expect(r).toEqual(computeReport(snap, window, { priceBandsYuan: bands }));
    expect(r.metrics.priceBands.map((b) => b.fromYuan)).toEqual(bands);
  });
});
