import { describe, expect, it } from 'vitest';
import {
  analyzeWindow, assetLayers, buildSnapshot, coverage, douyinTiers, goldenWindow, keysOf, keyMetrics, rfmClasses,
  taobaoPathways, toRange, previousWindow, CLASS_NEW, CLASS_NONE, type PropensityScorer,
} from '@/lib/engine';
import { dayNumber } from '@/lib/model';
import { bigWorld } from './big-world';
import { key } from './world';

const snap = buildSnapshot(bigWorld());
const W = { start: '2026-11-01', end: '2026-11-30' };
const range = toRange(W);
const end = dayNumber(W.end);
const names = (m: Int32Array) => keysOf(snap, m).map((k) => k.slice(-1)).join('');

describe('member sets the UI builds audiences from', () => {
  it('douyin tiers', () => {
    const t = douyinTiers(snap, range);
    expect(names(t.users)).toBe('ABCDEGHIJKL');
    expect(names(t.purchasers)).toBe('DGKL');
    expect(names(t.firstOrder)).toBe('GL');
    expect(names(t.repeat)).toBe('DK');
    expect(names(t.nonPurchasingUsers)).toBe('ABCEHIJ');
    expect(names(t.highPotential)).toBe('H');
    expect(t.counts).toEqual({ users: 11, purchasers: 4, firstOrder: 2, repeat: 2 });
  });

  it('高潜 is ranked by score, highest first', () => {
    const scorer: PropensityScorer = (s, _t, c) => Float64Array.from(c, (i) => ({ A: 0.5, B: 0.9, J: 0.7 })[s.customerKeys[i]!.slice(-1)] ?? 0);
    const t = douyinTiers(snap, range, { scorer });
    expect(names(t.highPotential)).toBe('BJA');
    expect([...t.highPotentialScores]).toEqual([0.9, 0.7, 0.5]);
    expect(names(douyinTiers(snap, range, { scorer, threshold: 0.6 }).highPotential)).toBe('BJ');
  });

  it('taobao classes and pathway sets', () => {
    const t = taobaoPathways(snap, range);
    const m = t.members;
    expect(names(m.newVisitors)).toBe('ACGHIJL');
    expect(names(m.unpurchasedReturning)).toBe('BE');
    expect(names(m.purchasedReturning)).toBe('DK');
    expect(names(m.newVisitorSameDayConverted)).toBe('GL');
    expect(names(m.unpurchasedAssets)).toBe('ABEMN');
    expect(names(m.unpurchasedRecalled)).toBe('ABE');
    expect(names(m.unpurchasedConverted)).toBe('');
    expect(names(m.purchasedAssets)).toBe('DK');
    expect(names(m.purchasedRecalled)).toBe('DK');
    expect(names(m.purchasedConverted)).toBe('DK');
    expect(t.classOf[snap.customerKeys.indexOf(key('A'))]).toBe(CLASS_NEW);
    expect(t.classOf[snap.customerKeys.indexOf(key('F'))]).toBe(CLASS_NONE);
  });

  it('assets, RFM, coverage, golden window, metrics', () => {
    const a = assetLayers(snap, end);
    expect([names(a.relationship), names(a.active), names(a.dormant)]).toEqual(['DFHL', 'ABCDEGHIJKLN', 'FM']);
    const r = rfmClasses(snap, end);
    expect([names(r.members.importantKeep), names(r.members.generalValue), names(r.members.generalDevelop), names(r.members.generalKeep)]).toEqual(['L', 'K', 'G', 'D']);
    expect(r.means).toEqual({ r: 16.5, f: 1.75, m: 25475.5 });
    const c = coverage(snap, end);
    expect([names(c.members.all), names(c.members.gender), names(c.members.city), names(c.members.phone)]).toEqual(['D', 'ADG', 'DL', 'ADL']);
    expect(c.counts.base).toBe(13);
    expect(names(goldenWindow(snap, end))).toBe('H');
    expect(names(goldenWindow(snap, end, 4))).toBe('HI');
    const k = keyMetrics(snap, range, toRange(previousWindow(W)));
    expect(names(k.members.purchasers)).toBe('DGKL');
    expect([names(k.members.trafficPaid), names(k.members.trafficOrganic), names(k.members.trafficUnknown)]).toEqual(['DL', 'GL', 'K']);
  });

  it('metrics of a customer subset S', () => {
    const fans = new Uint8Array(snap.customerCount);
    for (const id of 'DHL') fans[snap.customerKeys.indexOf(key(id))] = 1;
    const k = keyMetrics(snap, range, toRange(previousWindow(W)), { members: fans }).metrics;
    expect(k).toMatchObject({ gmvFen: 63000, orders: 3, purchasers: 2, aovFen: 31500, fanGmvShare: 1 });
    expect(k.previous).toEqual({ gmvFen: 0, orders: 0, purchasers: 0, aovFen: null });
    expect(k.change).toEqual({ gmvFen: null, orders: null, purchasers: null, aovFen: null });
  });

  it('analyzeWindow gives the report and the same sets', () => {
    const { report, sets } = analyzeWindow(snap, W);
    expect(report.douyin.users).toBe(sets.douyin.users.length);
    expect(report.taobao.newVisitors).toBe(sets.taobao.members.newVisitors.length);
    expect(report.goldenWindow).toBe(sets.goldenWindow.length);
  });
});
