import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handleAnalysis } from '@/components/engine/handlers/report';
import { handleWarm } from '@/components/engine/handlers/warm';
import type { HandlerContext } from '@/components/engine/handlers/context';
import type { AnalysisResult, EngineResponse } from '@/components/engine/protocol';
import { getDb, shopDataToken, storeCapture } from '@/lib/db';
import { generateShop } from '../../../fixtures/generate';

const shopA = generateShop({ seed: 3, platform: 'douyin', shopId: 'shop-z', shopName: 'Alpha 店', customers: 150, endDay: '2026-11-20', days: 120 });
const shopB = generateShop({ seed: 4, platform: 'douyin', shopId: 'shop-a', shopName: 'Beta 店', customers: 150, endDay: '2026-11-20', days: 120 });

/** A handler context that records what the handler posted and which progress steps it showed. */
function recorder() {
  const posted: EngineResponse[] = [];
  const steps: string[] = [];
  const ctx: HandlerContext = {
    post: (m) => void posted.push(m),
    progress: (key) => void steps.push(key),
    startedAt: 0,
    timer: { mark: () => undefined, add: () => undefined, snapshot: () => ({}) },
  };
  const answer = () => posted.find((m): m is Extract<EngineResponse, { ok: true; kind: 'analysis' }> => 'ok' in m && m.ok && 'kind' in m && m.kind === 'analysis')?.result as AnalysisResult;
  return { ctx, posted, steps, answer };
}

async function analysis(shopId: string, window: { from?: string; to?: string } = {}) {
  const r = recorder();
  await handleAnalysis({ id: 1, kind: 'analysis', shopId, window, token: await shopDataToken(getDb(), shopId) }, r.ctx);
  return r;
}

describe('the side panel read-ahead (warm)', () => {
  it('reads the snapshot of the shop the panel opens on (first by name), answers nothing, and its request reuses it', async () => {
    const db = getDb();
    for (const d of [shopA, shopB]) await storeCapture(db, { shop: d.shop, customers: d.customers, orders: d.orders, contacts: d.contacts });

    const warm = recorder();
    await handleWarm({ id: 0, kind: 'warm' }, warm.ctx);
    expect(warm.posted).toEqual([]);

    // Alpha 店 sorts first (not shop-a): its snapshot is in memory, nothing is built or read again.
    const first = await analysis('shop-z');
    expect(first.steps).not.toContain('progress_build');
    expect(first.steps).not.toContain('progress_read');
    expect(first.answer().report.shopId).toBe('shop-z');
    // The other shop was not read ahead: its request builds its snapshot.
    const other = await analysis('shop-a');
    expect(other.steps).toContain('progress_build');
  });

  it('a report computed ahead serves only its own window', async () => {
    const cold = await analysis('shop-z'); // builds again (shop-a was cached last) and fits the 高潜 models
    const expected = cold.answer().report;
    await handleWarm({ id: 0, kind: 'warm' }, recorder().ctx); // the models are at hand: the default window is computed ahead
    const other = await analysis('shop-z', { from: '2026-11-01', to: '2026-11-07' });
    expect(other.answer().report.window).toEqual({ start: '2026-11-01', end: '2026-11-07' });
    await handleWarm({ id: 0, kind: 'warm' }, recorder().ctx);
    const again = await analysis('shop-z');
    expect(again.steps).not.toContain('progress_fitModel');
    expect(again.answer().report).toEqual(expected);
  });
});
