import { describe, expect, it, vi } from 'vitest';
import type { Order, ShopData } from '../../../lib/model';
import { dayFromNumber, dayNumber } from '../../../lib/model';
import { buildSnapshot, lowerBound } from '../../../lib/engine/snapshot';
import { fitPropensity, recencyBaseline, scoringPopulation } from '../../../lib/engine/propensity';
import { backtestDays, matchedPhaseDays, recentTrainingDays, dayRowsMemo } from '../../../lib/engine/propensity/training';
import { selectScorer } from '../../../lib/engine/propensity/backtest';
import { withSelection } from '../../../lib/engine/propensity/selected';
import { modelFromPersisted, persistedModelOf, propensityModelAt } from '../../../lib/db/analysis-snapshot';
import { analyzeWindow, resolveWindow } from '../../../lib/engine';
import { viewExtras } from '../../../components/engine/extras';
import { generateShop } from '../../fixtures/generate';

const days = (list: number[]) => list.map(dayFromNumber);

describe('training days', () => {
  const first = dayNumber('2025-09-17');

  it('in the week before 双11: the previous 双11 first, then the latest other 大促, at the same offset ± 2 days', () => {
    expect(matchedPhaseDays(dayNumber('2026-11-04'), first).map(days)).toEqual([
      ['2025-11-02', '2025-11-04', '2025-11-06'], // 双11 2025, 7 days before
      ['2026-06-09', '2026-06-11', '2026-06-13'], // 618
      ['2026-02-27', '2026-03-01', '2026-03-03'], // 38节
    ]);
  });

  it('none on an ordinary day, and none before the history has 30 days behind a day', () => {
    expect(matchedPhaseDays(dayNumber('2026-09-22'), first)).toEqual([]);
    // 双11 2025 − 7 has only 18 days of data behind it when the history starts on 10-17.
    expect(matchedPhaseDays(dayNumber('2026-11-04'), dayNumber('2025-10-17'))[0]!.map(dayFromNumber)).toEqual(['2026-06-09', '2026-06-11', '2026-06-13']);
  });

  it('backtest days resemble the scoring day: ordinary weeks for an ordinary day, the latest weeks when none is alike', () => {
    // 11-20 is ordinary; 11-13 is the week after 双11, 11-06 has it within 7 days, 10-30 and 10-23 are its warm-up.
    expect(days(backtestDays(dayNumber('2026-11-20'), first))).toEqual(['2026-10-16', '2026-10-09']);
    expect(days(backtestDays(dayNumber('2026-09-22'), first))).toEqual(['2026-09-15', '2026-09-08']);
    expect(days(backtestDays(dayNumber('2026-11-04'), first))).toEqual(['2026-10-28', '2026-10-21']);
  });

  it('recent weeks end their label window by T and weigh half as much every 4 weeks', () => {
    const T = dayNumber('2026-09-22');
    const r = recentTrainingDays(T, first, 3);
    expect(r.map((d) => dayFromNumber(d.day))).toEqual(['2026-09-15', '2026-09-08', '2026-09-01']);
    expect(r.map((d) => d.weight)).toEqual([1, Math.pow(2, -0.25), Math.pow(2, -0.5)]);
  });
});

const data = generateShop({ seed: 3, platform: 'douyin', shopId: 'g', shopName: '评估', customers: 5000, endDay: '2026-11-20', days: 430, promoSeason: true });
const snap = buildSnapshot(data);
const T = dayNumber('2026-11-04');

describe('self-backtest', () => {
  const model = fitPropensity(snap, T);

  it('compares the model with the three baselines on the latest labelled weeks and the previous 双11 phase', () => {
    const sel = model.selection!;
    expect(days(sel.days)).toEqual(['2026-10-28', '2026-10-21', '2025-11-04']);
    for (const v of Object.values(sel.auc)) expect(v).not.toBeNull();
    for (const v of Object.values(sel.auc)) expect(v!).toBeGreaterThan(0.5);
    expect(sel.positives).toBeGreaterThan(30);
    // The model wins here (what issue 14 asks of it on a shop with a 大促 season).
    expect(sel.chosen).toBe('model');
    expect(sel.auc.model!).toBeGreaterThan(Math.max(sel.auc.recency!, sel.auc.contacts7d!));
    expect(model.trainingDays.map(dayFromNumber)).toContain('2025-11-04');
  });

  it('reads nothing after the fit day: purchases and contacts after it change neither the model nor its selection', () => {
    const later: Order[] = data.customers.slice(0, 300).map((c, i) => ({
      orderId: `late${i}`,
      shopId: 'g',
      customerKey: c.customerKey,
      placedAt: `${dayFromNumber(T + 1 + (i % 5))}T10:00:00+08:00`,
      paidAt: `${dayFromNumber(T + 1 + (i % 5))}T10:01:00+08:00`,
      amountFen: 9_900,
      quantity: 1,
      items: [],
      channel: 'live',
      traffic: 'organic',
      status: 'completed',
    }));
    const more: ShopData = { ...data, orders: [...data.orders, ...later] };
    const again = fitPropensity(buildSnapshot(more), T);
    expect(again.params).toEqual(model.params);
    expect(again.selection).toEqual(model.selection);
    expect(again.calibration).toEqual(model.calibration);
  });

  it('a baseline that ranks better replaces the model, with probabilities calibrated on the backtest rows', () => {
    const rowsOf = dayRowsMemo(snap);
    const btDays = [T - 7, T - 14];
    // A model that ranks backwards loses to every baseline.
    const backwards = (s: typeof snap, d: number, c: Int32Array) => recencyBaseline(s, d, c).map((v) => -v);
    const { selection, calibration } = selectScorer(snap, btDays, rowsOf, backwards, 1e9, 30);
    expect(selection.chosen).not.toBe('model');
    const best = Math.max(...(['fallback', 'recency', 'contacts7d'] as const).map((k) => selection.auc[k]!));
    expect(selection.auc[selection.chosen]).toBe(best);
    // Calibrated: over the backtest rows (none sub-sampled here) the mean probability is the buyers' share.
    const chosen = withSelection(model, selection, calibration);
    let sum = 0, n = 0, buyers = 0;
    for (const t of btDays) {
      const { pop, labels } = rowsOf(t);
      for (const p of chosen.score(snap, t, pop)) (sum += p, n++);
      for (const y of labels) buyers += y;
    }
    expect(sum / n).toBeCloseTo(buyers / n, 3);
    // Its explanation is its own terms, never the model's columns.
    const pop = scoringPopulation(snap, T);
    const why = chosen.explain(snap, T, pop[0]!, 5);
    expect(why.length).toBeGreaterThan(0);
    const own = { fallback: ['cartAdds7d', 'contacts7d', 'isFan', 'paidOrders', 'daysSinceLastContact'], recency: ['daysSinceLastContact'], contacts7d: ['contacts7d'] }[
      selection.chosen as 'fallback' | 'recency' | 'contacts7d'
    ];
    for (const w of why) expect(own).toContain(w.feature);
    // Its reasons (what the panel shows) are grouped from those same terms.
    for (const r of chosen.reasons(snap, T, pop[0]!, 5)) expect(own).toContain(r.feature);

    // With fewer buyers in the backtest than needed, the model is kept (AUCs of a few buyers are chance).
    expect(selectScorer(snap, btDays, rowsOf, backwards, 1e9, 1e9).selection.chosen).toBe('model');
  });

  it('a chosen recency baseline scores σ(a + b·(−days since the last contact))', () => {
    const selection = { chosen: 'recency' as const, auc: { model: 0.6, fallback: 0.6, recency: 0.7, contacts7d: 0.6 }, days: [T - 7], population: 10, positives: 40 };
    const m = withSelection(model, selection, { slope: 0.2, intercept: -1, center: -5.5 });
    const pop = scoringPopulation(snap, T).slice(0, 20);
    const got = m.score(snap, T, pop);
    pop.forEach((c, r) => {
      const hi = lowerBound(snap.custContactDay, snap.custContactStart[c]!, snap.custContactStart[c + 1]!, T + 1);
      const gap = T - snap.custContactDay[hi - 1]!;
      expect(got[r]).toBeCloseTo(1 / (1 + Math.exp(-(-1 + 0.2 * -gap))), 12);
      expect(m.explain(snap, T, c)[0]).toMatchObject({ feature: 'daysSinceLastContact', value: gap });
    });
  });

  it('persists with its selection and reads back the same scores; a model of the old feature set is refitted, never thrown', () => {
    const selection = { chosen: 'contacts7d' as const, auc: { model: 0.6, fallback: 0.6, recency: 0.6, contacts7d: 0.7 }, days: [T - 7], population: 10, positives: 40 };
    const m = withSelection(model, selection, { slope: 0.9, intercept: -2.5, center: 0.4 });
    const back = modelFromPersisted(JSON.parse(JSON.stringify(persistedModelOf(m))))!;
    const pop = scoringPopulation(snap, T);
    expect(Array.from(back.score(snap, T, pop))).toEqual(Array.from(m.score(snap, T, pop)));
    expect(back.selection).toEqual(selection);
    expect(back.explain(snap, T, pop[3]!)).toEqual(m.explain(snap, T, pop[3]!));

    const old = { kind: 'logistic' as const, asOfDay: T, trainingDays: [T - 7], rows: 10, positives: 5, params: { intercept: -2, weights: new Array(26).fill(0.1), mean: new Array(26).fill(0), sd: new Array(26).fill(1) } };
    expect(modelFromPersisted(old)).toBeNull();
    const fit = vi.fn(() => model);
    const memo = { models: new Map(), persisted: new Map([[T, old]]) };
    expect(propensityModelAt(memo, snap, T, undefined, fit)).toBe(model);
    expect(fit).toHaveBeenCalledTimes(1);
  });

  it('reaches the 高潜 view: the worker extras carry the selection', () => {
    const window = resolveWindow({ from: '2026-10-06', to: dayFromNumber(T) }, dayFromNumber(snap.latestDay));
    const analysis = analyzeWindow(snap, window, { scorer: model.score });
    const extras = viewExtras(snap, window, analysis, model, () => undefined);
    expect(extras.model.selection).toEqual(model.selection);
    expect(extras.model.selection?.chosen).toBe('model');
    // Reasons are still the top contributions of the chosen scorer.
    expect(extras.highPotential[0]?.reasons.length).toBe(3);
  });
});
