// @vitest-environment happy-dom
/**
 * Benchmark timings reach the DOM only in bench builds (WXT_SELLER_LENS_BENCH=1, what
 * `npm run bench:browser` builds): a normal build's panel has no `data-timings`, even when a
 * worker answer carries some.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { analyzeWindow, buildSnapshot, previousFigures, previousWindow, type PropensityScorer } from '@/lib/engine';
import type { ReportResult } from '@/components/engine/protocol';
import { renderApp, settle, unmountApp } from '../../capture/render-taobao';
import { order, world } from '../../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const data = world({ orders: [order('a', { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'paid', amountFen: 1000 })] });
const none: PropensityScorer = (_s, _d, c) => new Float64Array(c.length);

/** A worker answer as a bench build's worker gives it (with its steps). */
function answer(): ReportResult {
  const snap = buildSnapshot(data);
  return {
    report: analyzeWindow(snap, W, { scorer: none }).report,
    previous: previousFigures(snap, previousWindow(W), { scorer: none }),
    latestDay: W.end,
    ms: 3,
    timings: { workerBoot: 5, snapshot: 7 },
  };
}

vi.mock('@/components/engine/client', () => ({
  EngineClient: class {
    report() {
      return Promise.resolve(answer());
    }
    analysis() {
      return new Promise(() => undefined);
    }
    // The popup's 数据完整度 strip asks too; never answered here (the strip then shows nothing).
    completeness() {
      return new Promise(() => undefined);
    }
  },
}));

/** The popup's app element once the (mocked) worker answered, with the bench flag as given. */
async function appWith(bench: string | undefined): Promise<Element> {
  vi.resetModules();
  if (bench !== undefined) vi.stubEnv('WXT_SELLER_LENS_BENCH', bench);
  const { getDb } = await import('@/lib/db');
  await getDb().shops.put(data.shop);
  const { Dashboard } = await import('@/components/panel/Dashboard');
  await renderApp(<Dashboard variant="popup" />);
  for (let i = 0; i < 20 && document.querySelector('.app')?.getAttribute('data-report') !== 'fresh'; i++) await settle();
  const app = document.querySelector('.app')!;
  expect(app.getAttribute('data-report')).toBe('fresh');
  return app;
}

afterEach(() => {
  unmountApp();
  vi.unstubAllEnvs();
});

test('a normal build shows no timings, though the worker sent some', async () => {
  const app = await appWith(undefined);
  expect(app.hasAttribute('data-timings')).toBe(false);
});

test('a bench build shows the page steps and the worker steps in data-timings', async () => {
  const app = await appWith('1');
  const timings = JSON.parse(app.getAttribute('data-timings') ?? 'null') as Record<string, number> | null;
  expect(timings).not.toBeNull();
  expect(Object.keys(timings!)).toEqual(expect.arrayContaining(['pageToRequest', 'roundTrip', 'workerBoot', 'snapshot']));
  expect(timings!.snapshot).toBe(7);
});
