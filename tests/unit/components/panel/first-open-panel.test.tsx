// @vitest-environment happy-dom
/**
 * The side panel's first analysis, asked as its page started (components/engine/first-open.ts), in the
 * panel: taken (nothing asked again) when the panel's own queries name the same shop at the same data
 * token; when they do not, the panel asks for its shop as usual and never shows the early answer.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { analyzeOverview, buildSnapshot, previousFigures, previousWindow, type PropensityScorer } from '@/lib/engine';
import type { EngineClient } from '@/components/engine/client';
import type { FirstAnalysis } from '@/components/engine/first-open';
import type { AnalysisResult, OpenBasis, PartialResult } from '@/components/engine/protocol';
import { renderApp, settle, unmountApp } from '../../capture/render-taobao';
import { order, world } from '../../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const everyone: PropensityScorer = (_s, _d, c) => new Float64Array(c.length).fill(0.9);
/** The 概览 part of a shop's analysis with `buyers` paying customers. */
function overviewOf(buyers: number, shopId?: string): PartialResult {
  const data = world({ orders: Array.from({ length: buyers }, (_, i) => order(`b${i}`, { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'paid', amountFen: 1000 })) });
  const snap = buildSnapshot(data);
  const report = analyzeOverview(snap, W, { scorer: everyone }).report;
  return { report: shopId ? { ...report, shopId } : report, previous: previousFigures(snap, previousWindow(W), { scorer: everyone }), latestDay: W.end, ms: 3, overviewOnly: true };
}
const shop = world({}).shop;

/** The panel's engine as its page started it: the early request answered as the test says, `analysis` recorded. */
let booted: { engine: EngineClient; first: FirstAnalysis } | undefined;
const asked: { shopId: string; token: string }[] = [];
let answerOfAsked: PartialResult | null = null;
const early: { basis?: (b: OpenBasis) => void; partial?: (r: PartialResult) => void } = {};

vi.mock('@/components/engine/first-open', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/components/engine/first-open')>()),
  takePanelEngine: () => booted,
}));

function fakeEngine(): EngineClient {
  return {
    openAnalysis(basis: (b: OpenBasis) => void, _progress: unknown, partial: (r: PartialResult) => void) {
      early.basis = basis;
      early.partial = partial;
      return new Promise<AnalysisResult | null>(() => undefined);
    },
    analysis(body: { shopId: string; token: string }, _progress: unknown, onPartial: (r: PartialResult) => void) {
      asked.push({ shopId: body.shopId, token: body.token });
      const r = answerOfAsked;
      if (r) setTimeout(() => onPartial(r), 0);
      return new Promise(() => undefined);
    },
    completeness: () => new Promise(() => undefined),
  } as unknown as EngineClient;
}

/** Opens the side panel on `shop` with the early answer the worker gives (its basis and 概览), then `rounds` of settling. */
async function panelWith(basis: (token: string) => OpenBasis, earlyOverview: PartialResult, rounds = 20): Promise<{ token: string; reports: string[] }> {
  vi.resetModules();
  asked.length = 0;
  const { getDb, shopDataToken } = await import('@/lib/db');
  await getDb().shops.put(shop);
  const token = await shopDataToken(getDb(), shop.shopId);
  const { FirstAnalysis } = await import('@/components/engine/first-open');
  const engine = fakeEngine();
  booted = { engine, first: new FirstAnalysis(engine) };
  // The worker answers the early request before the page's queries are in (a new browser's usual order).
  early.basis!(basis(token));
  early.partial!(earlyOverview);
  const { Dashboard } = await import('@/components/panel/Dashboard');
  await renderApp(<Dashboard variant="panel" />);
  // What the panel showed as fresh at each step (the early answer of another shop must never be among them).
  const reports: string[] = [];
  for (let i = 0; i < rounds; i++) {
    await settle();
    const app = document.querySelector('.app');
    if (app?.getAttribute('data-report') === 'fresh') reports.push(text('tier-users') ?? '');
  }
  return { token, reports };
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

afterEach(() => {
  unmountApp();
  booted = undefined;
  answerOfAsked = null;
});

test('the queries agree: the early answer is shown fresh and nothing is asked again', async () => {
  const { reports } = await panelWith((token) => ({ shopId: shop.shopId, token }), overviewOf(2));
  expect(asked).toEqual([]);
  expect(reports.at(-1)).toBe('2');
  expect(document.querySelector('.app')?.getAttribute('data-report')).toBe('fresh');
});

test('the worker picked another shop: the panel asks for its own and never shows the other shop’s figures', async () => {
  answerOfAsked = overviewOf(2);
  const { token, reports } = await panelWith(() => ({ shopId: 'shop-other', token: 'c0:vnull' }), overviewOf(3, 'shop-other'));
  expect(asked).toEqual([{ shopId: shop.shopId, token }]);
  expect(reports.length).toBeGreaterThan(0);
  expect(new Set(reports)).toEqual(new Set(['2']));
});

test('the data changed between the two reads (another token): asked again, the early figures never shown as fresh', async () => {
  const { token, reports } = await panelWith((t) => ({ shopId: shop.shopId, token: `${t}-older` }), overviewOf(3));
  expect(asked).toEqual([{ shopId: shop.shopId, token }]);
  // The request asked anew is not answered here: nothing fresh at all (the early, stale figures are not shown).
  expect(reports).toEqual([]);
  expect(document.querySelector('.app')?.getAttribute('data-report')).not.toBe('fresh');
});
