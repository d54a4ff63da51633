import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { handleAnalysis } from '@/components/engine/handlers/report';
import { dropCachedShop } from '@/components/engine/snapshot-cache';
import type { HandlerContext } from '@/components/engine/handlers/context';
import type { AnalysisResult, EngineResponse } from '@/components/engine/protocol';
import { getDb, storeCapture } from '@/lib/db';
import { loadAnalysisModels } from '@/lib/db/analysis-snapshot';
import { saveAnalysisSnapshot } from '@/lib/db/writer/analysis';
import { buildSnapshot } from '@/lib/engine';
import { generateShop } from '../../../fixtures/generate';

// Big enough that the 高潜 fit samples its rows by customer key (the backtest's over 12,000): a small shop takes every row.
const shop = generateShop({ seed: 5, platform: 'douyin', shopId: 'big', shopName: '大店', customers: 30_000, endDay: '2026-11-20', days: 60 });

describe('the first opening of a day on a stored snapshot', () => {
  it('fits the 高潜 models (the keys they sample by are read with the cold columns) and keeps them', async () => {
    const db = getDb();
    await storeCapture(db, { shop: shop.shop, customers: [], orders: [], contacts: [] }); // the shop, none of its records
    const token = 'tok-big'; // the stored snapshot's own token: no records are read
    await saveAnalysisSnapshot(db, buildSnapshot(shop), token);
    dropCachedShop(); // a new worker: the stored snapshot is read, its hot columns first

    const posted: EngineResponse[] = [];
    const steps: string[] = [];
    const ctx: HandlerContext = { post: (m) => void posted.push(m), progress: (k) => void steps.push(k), startedAt: 0, timer: { mark: () => undefined, add: () => undefined, snapshot: () => ({}) } };
    await handleAnalysis({ id: 1, kind: 'analysis', shopId: 'big', window: {}, token }, ctx);
    expect(steps).not.toContain('progress_build'); // read from the stored snapshot, not rebuilt
    expect(steps).toContain('progress_fitModel');
    const answer = posted.find((m): m is Extract<EngineResponse, { ok: true; kind: 'analysis' }> => 'ok' in m && m.ok && 'kind' in m && m.kind === 'analysis');
    expect((answer?.result as AnalysisResult | undefined)?.report.shopId).toBe('big');
    // Kept after the answer (fire and forget): the next opening fits nothing.
    await vi.waitFor(async () => expect((await loadAnalysisModels(db, 'big', token)).size).toBe(2), { timeout: 10_000 });
  }, 120_000);
});
