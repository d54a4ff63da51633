// @vitest-environment happy-dom
/**
 * The side panel's first partial answer holds only the 概览's part of the report: the 概览 shows
 * it whole (tiers with 高潜, classes, sales, assets) as the fresh analysis, while the views that
 * read the rest of the report (RFM) wait for the whole report, which follows.
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
const base = { previous: previousFigures(snap, previousWindow(W), { scorer: everyone }), latestDay: W.end, ms: 3 };
const overviewOnly: PartialResult = { ...base, report: analyzeOverview(snap, W, { scorer: everyone }).report, overviewOnly: true };
const whole: PartialResult = { ...base, report: analyzeWindow(snap, W, { scorer: everyone }).report };

/** Which partial answers the mocked worker gives the panel's `analysis` (never the final one). */
let partials: PartialResult[] = [];

vi.mock('@/components/engine/client', async () => (await import('./partials-engine')).partialsEngine(() => partials));

async function panelWith(given: PartialResult[]): Promise<Element> {
  partials = given;
  vi.resetModules();
  const { getDb } = await import('@/lib/db');
  await getDb().shops.put(data.shop);
  const { Dashboard } = await import('@/components/panel/Dashboard');
  await renderApp(<Dashboard variant="panel" />);
  for (let i = 0; i < 20 && document.querySelector('.app')?.getAttribute('data-report') !== 'fresh'; i++) await settle();
  return document.querySelector('.app')!;
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

afterEach(() => unmountApp());

test('the 概览 part alone: the 概览 is fresh and whole, 高潜 scored', async () => {
  const app = await panelWith([overviewOnly]);
  expect(app.getAttribute('data-report')).toBe('fresh');
  expect(text('tier-users')).toBe('2');
  expect(text('tier-purchasers')).toBe('2');
  expect(text('tier-highPotential')).not.toBeNull();
  expect(document.querySelector('[data-testid="tier-highPotential"]')?.hasAttribute('data-pending')).toBe(false);
  expect(document.querySelector('[data-testid="metric-gmv"]')?.getAttribute('data-value')).toBe('3500');
  expect(document.querySelector('[data-testid="asset-relationship"]')).not.toBeNull();
});

test('RFM waits for the whole report (no figures from the 概览 part), and shows them once it comes', async () => {
  await panelWith([overviewOnly]);
  await clickIn(document.querySelector('[data-testid="view-rfm"]'));
  for (let i = 0; i < 20 && !document.querySelector('[data-testid="view-body-rfm"] .empty'); i++) await settle();
  expect(document.querySelector('[data-testid="view-body-rfm"] .empty')).not.toBeNull();
  unmountApp();
  await panelWith([overviewOnly, whole]);
  await clickIn(document.querySelector('[data-testid="view-rfm"]'));
  for (let i = 0; i < 40 && !document.querySelector('[data-testid="view-body-rfm"] .card'); i++) await settle();
  expect(document.querySelector('[data-testid="view-body-rfm"] .card')).not.toBeNull();
  expect(document.querySelector('[data-testid="view-body-rfm"] .empty')).toBeNull();
});
