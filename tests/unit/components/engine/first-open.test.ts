/**
 * The side panel's first analysis (components/engine/first-open.ts): asked as the page starts, for the
 * shop the worker says the panel opens on; the panel's first request takes it only when its own queries
 * name the same shop at the same data token for the default window — else it is dropped (never shown)
 * and the panel asks as usual.
 */
import { describe, expect, it } from 'vitest';
import { FirstAnalysis } from '@/components/engine/first-open';
import type { EngineClient } from '@/components/engine/client';
import type { AnalysisResult, OpenBasis, PartialResult } from '@/components/engine/protocol';

/** A stand-in worker answering `openAnalysis` when the test says: its basis, partial answers, the answer. */
function fakeEngine() {
  let cb: { basis: (b: OpenBasis) => void; progress: (t: string) => void; partial: (r: PartialResult) => void } | null = null;
  let settle: { resolve: (r: AnalysisResult | null) => void; reject: (e: Error) => void } | null = null;
  let asked = 0;
  const engine = {
    openAnalysis(basis: (b: OpenBasis) => void, progress: (t: string) => void, partial: (r: PartialResult) => void) {
      asked++;
      cb = { basis, progress, partial };
      return new Promise<AnalysisResult | null>((resolve, reject) => (settle = { resolve, reject }));
    },
  };
  return {
    engine: engine as unknown as EngineClient,
    asked: () => asked,
    basis: (b: OpenBasis) => cb!.basis(b),
    progress: (t: string) => cb!.progress(t),
    partial: (r: PartialResult) => cb!.partial(r),
    answer: (r: AnalysisResult | null) => settle!.resolve(r),
    fail: (e: Error) => settle!.reject(e),
  };
}

/** A result tagged by shop (only its identity matters here). */
const result = (shopId: string, tag: string) => ({ report: { shopId, tag }, previous: {}, latestDay: '2026-11-30', ms: 1 }) as unknown as AnalysisResult;
const partial = (shopId: string, tag: string) => ({ ...result(shopId, tag), overviewOnly: true }) as unknown as PartialResult;
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

/** Callbacks recording what the panel would be shown. */
function panel() {
  const shown: string[] = [];
  const lines: string[] = [];
  return {
    shown,
    lines,
    onProgress: (t: string) => void lines.push(t),
    onPartial: (r: PartialResult) => void shown.push(`${r.report.shopId}:${(r.report as unknown as { tag: string }).tag}`),
  };
}

/** A first analysis whose worker has named shop-a at token c3:v1, and the panel's callbacks. */
function namedShopA() {
  const w = fakeEngine();
  const first = new FirstAnalysis(w.engine);
  w.basis({ shopId: 'shop-a', token: 'c3:v1' });
  return { w, first, p: panel() };
}

describe('the side panel first analysis', () => {
  it('agrees (same shop, token, default window): what came before is replayed, what follows flows, the answer is its job; one request', async () => {
    const w = fakeEngine();
    const first = new FirstAnalysis(w.engine);
    w.basis({ shopId: 'shop-a', token: 'c3:v1' });
    w.progress('progress_metrics');
    w.partial(partial('shop-a', 'overview'));
    const p = panel();
    const adopted = await first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial);
    expect(adopted).not.toBeNull();
    expect(p.shown).toEqual(['shop-a:overview']);
    expect(p.lines).toEqual(['progress_metrics']);
    w.partial(partial('shop-a', 'whole'));
    w.answer(result('shop-a', 'final'));
    const r = await adopted!.job;
    expect(p.shown).toEqual(['shop-a:overview', 'shop-a:whole']);
    expect((r.report as unknown as { tag: string }).tag).toBe('final');
    expect(w.asked()).toBe(1);
  });

  it('asked before the worker named its shop: waits for it, then adopts', async () => {
    const w = fakeEngine();
    const first = new FirstAnalysis(w.engine);
    const p = panel();
    let decided = false;
    const pending = first.adopt('shop-a', 'c0:v9', {}, p.onProgress, p.onPartial)!.then((a) => ((decided = true), a));
    await flush();
    expect(decided).toBe(false);
    w.basis({ shopId: 'shop-a', token: 'c0:v9' });
    const adopted = await pending;
    w.partial(partial('shop-a', 'overview'));
    expect(adopted).not.toBeNull();
    expect(p.shown).toEqual(['shop-a:overview']);
  });

  it.each([
    ['another shop', 'shop-b', 'c3:v1'],
    ['the data changed since (another token)', 'shop-a', 'c4:v1'],
  ])('disagrees (%s): dropped — nothing of it is ever shown, the panel asks as usual', async (_why, shopId, token) => {
    const w = fakeEngine();
    const first = new FirstAnalysis(w.engine);
    w.basis({ shopId: 'shop-a', token: 'c3:v1' });
    w.partial(partial('shop-a', 'overview'));
    const p = panel();
    expect(await first.adopt(shopId, token, {}, p.onProgress, p.onPartial)).toBeNull();
    w.progress('progress_lists');
    w.partial(partial('shop-a', 'whole'));
    w.answer(result('shop-a', 'final'));
    await flush();
    expect(p.shown).toEqual([]);
    expect(p.lines).toEqual([]);
  });

  it('a picked window is not the default one: null at once, and the early answer is dropped', async () => {
    const { w, first, p } = namedShopA();
    expect(first.adopt('shop-a', 'c3:v1', { from: '2026-11-01', to: '2026-11-07' }, p.onProgress, p.onPartial)).toBeNull();
    // Decided once: the default window later is not given the early answer either.
    expect(first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial)).toBeNull();
    w.partial(partial('shop-a', 'overview'));
    expect(p.shown).toEqual([]);
  });

  it('taken once: a second request of the same shop and token asks anew', async () => {
    const { first, p } = namedShopA();
    expect(await first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial)).not.toBeNull();
    expect(first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial)).toBeNull();
  });

  it('no shop in the profile (answered null without a basis): nothing to adopt', async () => {
    const w = fakeEngine();
    const first = new FirstAnalysis(w.engine);
    w.answer(null);
    const p = panel();
    expect(await first.adopt('shop-a', 'c0:vnull', {}, p.onProgress, p.onPartial)).toBeNull();
  });

  it('the early request failed before naming a shop: nothing to adopt, and its error is not the panel’s', async () => {
    const w = fakeEngine();
    const first = new FirstAnalysis(w.engine);
    w.fail(new Error('worker stopped'));
    const p = panel();
    expect(await first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial)).toBeNull();
  });

  it('failing after it was adopted: the adopted job fails (the panel shows the error)', async () => {
    const { w, first, p } = namedShopA();
    const adopted = await first.adopt('shop-a', 'c3:v1', {}, p.onProgress, p.onPartial);
    w.fail(new Error('the stored snapshot could not be read'));
    await expect(adopted!.job).rejects.toThrow('the stored snapshot could not be read');
  });
});
