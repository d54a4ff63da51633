/**
 * `openAnalysis` (components/engine/handlers/open-analysis.ts): the side panel's first analysis, asked before the
 * page knows its shop. The worker names the shop the panel opens on (first in the shop order, not the
 * first stored) and its data token before any partial answer, then answers exactly as `analysis` for them.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handleAnalysis } from '@/components/engine/handlers/report';
import { handleOpenAnalysis } from '@/components/engine/handlers/open-analysis';
import type { HandlerContext } from '@/components/engine/handlers/context';
import type { AnalysisResult, EngineResponse } from '@/components/engine/protocol';
import { getDb, shopDataToken, storeCapture } from '@/lib/db';
import { generateShop } from '../../../fixtures/generate';

// Stored in this order; 'Alpha 店' sorts first by name, though its id sorts last.
const shopB = generateShop({ seed: 4, platform: 'douyin', shopId: 'shop-a', shopName: 'Beta 店', customers: 120, endDay: '2026-11-20', days: 90 });
const shopA = generateShop({ seed: 3, platform: 'douyin', shopId: 'shop-z', shopName: 'Alpha 店', customers: 120, endDay: '2026-11-20', days: 90 });

function recorder() {
  const posted: EngineResponse[] = [];
  const ctx: HandlerContext = {
    post: (m) => void posted.push(m),
    progress: () => undefined,
    startedAt: 0,
    timer: { mark: () => undefined, add: () => undefined, snapshot: () => ({}) },
  };
  const answer = () => posted.find((m): m is Extract<EngineResponse, { ok: true; kind: 'analysis' }> => 'ok' in m && m.ok && 'kind' in m && m.kind === 'analysis')?.result as AnalysisResult;
  return { ctx, posted, answer };
}

describe('openAnalysis', () => {
  it('no shop in the profile: answered null, no shop named', async () => {
    const r = recorder();
    await handleOpenAnalysis({ id: 7, kind: 'openAnalysis' }, r.ctx);
    expect(r.posted).toEqual([{ id: 7, ok: true, kind: 'openAnalysis', result: null }]);
  });

  it('names the first shop by name and its data token first, then answers as that shop’s analysis of the default window', async () => {
    const db = getDb();
    for (const d of [shopB, shopA]) await storeCapture(db, { shop: d.shop, customers: d.customers, orders: d.orders, contacts: d.contacts });
    const token = await shopDataToken(db, 'shop-z');

    const open = recorder();
    await handleOpenAnalysis({ id: 7, kind: 'openAnalysis' }, open.ctx);
    expect(open.posted[0]).toEqual({ id: 7, basis: { shopId: 'shop-z', token } });
    // Every message answers this request; the basis comes before every partial answer.
    expect(open.posted.every((m) => m.id === 7)).toBe(true);
    expect(open.posted.findIndex((m) => 'partial' in m)).toBeGreaterThan(0);

    const asked = recorder();
    await handleAnalysis({ id: 8, kind: 'analysis', shopId: 'shop-z', window: {}, token }, asked.ctx);
    expect(open.answer().report.shopId).toBe('shop-z');
    expect(open.answer().report).toEqual(asked.answer().report);
    expect(open.answer().previous).toEqual(asked.answer().previous);
  });
});
