// @vitest-environment happy-dom
/**
 * Cold open (issue 14): once the 概览's figures are drawn, the whole report that follows them (the
 * other views' part) does not draw the 概览 again — the same figures — while the views that read the
 * whole report get it (the 导出人群 buttons come alive, RFM has its cards).
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { analyzeOverview, analyzeWindow, buildSnapshot, previousFigures, previousWindow, type PropensityScorer } from '@/lib/engine';
import type { PartialResult } from '@/components/engine/protocol';
import { clickIn, renderApp, settle, unmountApp } from '../../capture/render-taobao';
import { order, world } from '../../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const data = world({
  orders: [order('a', { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'paid', amountFen: 1000 }), order('b', { placedAt: '2026-11-21', paidAt: '2026-11-21', status: 'paid', amountFen: 2500 })],
});
const everyone: PropensityScorer = (_s, _d, c) => new Float64Array(c.length).fill(0.9);
const snap = buildSnapshot(data);
// As the worker posts them: the 概览's part, then the whole report — each a fresh copy (structured clone), the same figures.
const previous = () => previousFigures(snap, previousWindow(W), { scorer: everyone });
const overviewOnly: PartialResult = { previous: previous(), latestDay: W.end, ms: 3, report: analyzeOverview(snap, W, { scorer: everyone }).report, overviewOnly: true };
const whole: PartialResult = { previous: previous(), latestDay: W.end, ms: 4, report: analyzeWindow(snap, W, { scorer: everyone }).report };

/** How often the 用户 tile was drawn with a figure. */
let usersDrawn = 0;
vi.mock('@/components/panel/TierCard', async (original) => {
  const m = await original<typeof import('@/components/panel/TierCard')>();
  return {
    ...m,
    TierCard: (p: Parameters<typeof m.TierCard>[0]) => {
      if (p.name === 'users' && p.value != null) usersDrawn++;
      return m.TierCard(p);
    },
  };
});

let partials: PartialResult[] = [];
vi.mock('@/components/engine/client', async () => (await import('./partials-engine')).partialsEngine(() => partials));

afterEach(() => unmountApp());

test('the whole report after the 概览 part: the 概览 is drawn once with its figures, the other views get the whole report', async () => {
  partials = [overviewOnly, whole];
  usersDrawn = 0;
  const { getDb } = await import('@/lib/db');
  await getDb().shops.put(data.shop);
  const { Dashboard } = await import('@/components/panel/Dashboard');
  await renderApp(<Dashboard variant="panel" />);
  for (let i = 0; i < 40 && document.querySelector('.app')?.getAttribute('data-report') !== 'fresh'; i++) await settle();
  for (let i = 0; i < 10; i++) await settle(); // the whole report's transition is drawn meanwhile
  expect(document.querySelector('[data-testid="tier-users"]')?.textContent).toBe('2');
  expect(document.querySelector('[data-testid="metric-gmv"]')?.getAttribute('data-value')).toBe('3500');
  const drawnOnOverview = usersDrawn;
  // The whole report reached the shell: RFM (which reads it) has its cards at once …
  await clickIn(document.querySelector('[data-testid="view-rfm"]'));
  for (let i = 0; i < 40 && !document.querySelector('[data-testid="view-body-rfm"] .card'); i++) await settle();
  expect(document.querySelector('[data-testid="view-body-rfm"] .card')).not.toBeNull();
  // … and the 概览 was drawn once with its figures, not again for the whole report.
  expect(drawnOnOverview).toBe(1);
});
