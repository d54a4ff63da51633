import { describe, expect, it } from 'vitest';
import { displayName, rfmGmvByClass, viewExtras } from '@/components/engine/extras';
import { analyzeWindow, buildSnapshot, RFM_CLASSES, resolveWindow, toRange, LOOKBACK_DAYS } from '@/lib/engine';
import { fitPropensity } from '@/lib/engine/propensity/model';
import { dayNumber, isPaidStatus } from '@/lib/model';
import { generateShop } from '../../../fixtures/generate';

const data = generateShop({ seed: 11, platform: 'douyin', shopId: 's1', shopName: '测试店', customers: 300, endDay: '2026-06-30', days: 420 });
const snap = buildSnapshot(data);
const window = resolveWindow({}, '2026-06-30');
const analysis = analyzeWindow(snap, window);

describe('displayName', () => {
  it('prefers the nickname, then the buyer id, then what the key holds', () => {
    expect(displayName('douyin:s:nick:小王', { nickname: '阿王', buyerId: 'b1' })).toBe('阿王');
    expect(displayName('douyin:s:id:b1', { nickname: '', buyerId: 'b1' })).toBe('b1');
    expect(displayName('douyin:s:nick:t**9', undefined)).toBe('t**9');
    expect(displayName('taobao:a:b:id:123', undefined)).toBe('123');
    expect(displayName('odd-key', undefined)).toBe('odd-key');
  });
});

describe('rfmGmvByClass', () => {
  it('sums each class’s paid amount over the L days ending W.end, and all classes add up to the paid total', () => {
    const end = toRange(window).end;
    const gmv = rfmGmvByClass(snap, analysis.sets.rfm.classOf, end);
    // Independent sum over the orders themselves.
    const byKey = new Map<string, number>();
    for (const o of data.orders) {
      if (!isPaidStatus(o.status)) continue;
      const d = dayNumber((o.paidAt ?? o.placedAt).slice(0, 10));
      if (d > end || d < end - LOOKBACK_DAYS + 1) continue;
      byKey.set(o.customerKey, (byKey.get(o.customerKey) ?? 0) + o.amountFen);
    }
    const total = [...byKey.values()].reduce((s, x) => s + x, 0);
    expect(total).toBeGreaterThan(0);
    expect(RFM_CLASSES.reduce((s, k) => s + gmv[k], 0)).toBe(total);
    const cls = RFM_CLASSES[0];
    const members = analysis.sets.rfm.members[cls];
    expect(gmv[cls]).toBe([...members].reduce((s, c) => s + (byKey.get(snap.customerKeys[c]!) ?? 0), 0));
  });
});

describe('viewExtras', () => {
  it('lists every 高潜 customer ranked with reasons, and carries the coverage counts', () => {
    const model = fitPropensity(snap, toRange(window).end);
    const a = analyzeWindow(snap, window, { scorer: model.score });
    const byKey = new Map(data.customers.map((c) => [c.customerKey, c]));
    const x = viewExtras(snap, window, a, model, (k) => byKey.get(k));
    expect(x.highPotentialTotal).toBe(a.report.douyin.highPotential);
    expect(x.highPotential.map((r) => r.key)).toEqual([...a.sets.douyin.highPotential].map((c) => snap.customerKeys[c]));
    for (let i = 1; i < x.highPotential.length; i++) expect(x.highPotential[i - 1]!.score).toBeGreaterThanOrEqual(x.highPotential[i]!.score);
    for (const r of x.highPotential) {
      expect(r.score).toBeGreaterThanOrEqual(0.3);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.reasons.length).toBeLessThanOrEqual(3);
      // One reason a group, each with an arrow (lib/engine/propensity/reasons.ts).
      expect(new Set(r.reasons.map((x) => x.group)).size).toBe(r.reasons.length);
      for (const x of r.reasons) expect(x.contribution).not.toBe(0);
    }
    expect(x.coverageCounts.base).toBeGreaterThan(0);
    expect(x.coverageCounts.phone / x.coverageCounts.base).toBeCloseTo(a.report.coverage.phone!, 12);
    expect(x.model.kind).toBe(model.kind);
    // Purchasers' preferences are over the window: their buyers never exceed the window's purchasers.
    for (const p of x.purchaserPreferences.products) expect(p.buyers).toBeLessThanOrEqual(a.report.douyin.purchasers);
  });
});
