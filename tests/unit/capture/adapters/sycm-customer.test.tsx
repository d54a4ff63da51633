// @vitest-environment happy-dom
/**
 * The 生意参谋 客户概况 adapter against the Fusion Next fixture page (the same React app the
 * built HTML runs, client-rendered into happy-dom). Expected snapshots come from the fixture's
 * drawn figures through the truth builder, never from the adapter.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { readSycmCustomer, sycmCustomer } from '@/lib/capture/adapters/sycm-customer';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { validateBatch } from '@/lib/capture/ingest';
import { PlatformSnapshot, parseWith } from '@/lib/model';
import { CustomerOverviewPage } from '../../../fixtures/pages/sycm-customer/App';
import { sycmTruth } from '../../../fixtures/pages/sycm-customer/truth';
import { CONSOLE_URL, E2E_VARIANT, WEEK_VARIANT, pageData, type SycmVariant } from '../../../fixtures/pages/sycm-customer/view';
import { fixturePages } from '../../../fixtures/pages/registry';
import { renderApp, unmountApp } from '../render-taobao';

async function render(v: SycmVariant) {
  const data = pageData(v);
  await renderApp(<CustomerOverviewPage data={data} />);
  return { data, truth: sycmTruth(v, data) };
}
afterEach(() => unmountApp());

describe.each([
  ['日', E2E_VARIANT],
  ['7天', WEEK_VARIANT],
])('sycm-customer on the Fusion Next fixture (%s)', (_, v) => {
  test('reads exactly the truth: one snapshot, the shop (derived id), no rejects', async () => {
    const { truth } = await render(v);
    expect(document.querySelector('.next-card')).not.toBeNull(); // Fusion's own DOM
    const r = readSycmCustomer(document, v.consoleUrl, v.capturedAt);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.snapshots).toEqual([truth.snapshot]);
    expect(r.rawRows).toHaveLength(truth.rawRowCount);
    expect(parseWith(PlatformSnapshot, r.snapshots[0]).ok).toBe(true);
  });

  test('the built fixture\u2019s truth (registry) is the same snapshot', async () => {
    const out = fixturePages.flatMap((p) => p.outputs).find((o) => o.name === v.name)!;
    const { truth } = await render(v);
    expect(out.truth()).toEqual(truth);
  });
});

describe('values as 生意参谋 prints them', () => {
  test('日: unsigned changes whose sign is the arrow icon, the first comparison (较前一日) wins, 0.00% is a change of 0, 复购率 "-" is left out', async () => {
    const { data, truth } = await render(E2E_VARIANT);
    const m = truth.snapshot.metrics;
    expect(document.querySelectorAll('.next-icon-arrow-down').length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/较前一日[+-]\d/);
    expect(m.visitors!.change).toBeLessThan(0);
    expect(m.returningBuyers!.change).toBe(0);
    expect(m.repurchaseRate).toBeUndefined();
    expect(truth.snapshot.window).toEqual({ start: '2026-11-20', end: '2026-11-20' });
    // 支付金额 printed without ¥ (128,456.70) still reads as fen; 客单价 with ¥.
    const gmv = data.cards.find((c) => c.key === 'gmvFen')!;
    expect(document.querySelector('[data-metric="gmvFen"] .index-value')!.textContent).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(m.gmvFen!.value).toBe(gmv.value.kind === 'amount' ? gmv.value.fen : NaN);
    expect(document.querySelector('[data-metric="aovFen"] .index-value')!.textContent).toMatch(/^¥/);
    // The second comparison (较上周同期) is on the page, but is not the card's change.
    const second = data.cards.find((c) => c.key === 'payingBuyers')!.changes[1]!;
    expect(second.label).toBe('较上周同期');
    expect(m.payingBuyers!.change).toBe(data.cards.find((c) => c.key === 'payingBuyers')!.changes[0]!.bp! / 10_000);
  });

  test('7天: 支付金额 in 万 reads as fen, 复购率 shows with a "-" change, window is the week', async () => {
    const { truth } = await render(WEEK_VARIANT);
    expect(document.querySelector('[data-metric="gmvFen"] .index-value')!.textContent).toMatch(/^\d+\.\d{2}万$/);
    expect(truth.snapshot.metrics.gmvFen!.value % 10_000).toBe(0);
    expect(truth.snapshot.metrics.repurchaseRate).toEqual({ value: expect.any(Number) });
    expect(truth.snapshot.window).toEqual({ start: '2026-11-14', end: '2026-11-20' });
  });
});

describe('registry and URL matching', () => {
  test('pickAdapter: the 客户 URLs, and a moved path on sycm confirmed by the customer cards', async () => {
    await render(E2E_VARIANT);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('sycm-customer');
    expect(pickAdapter(WEEK_VARIANT.consoleUrl, document)?.id).toBe('sycm-customer');
    expect(pickAdapter('https://sycm.taobao.com/cc/customer_overview', document)?.id).toBe('sycm-customer');
    expect(adaptersForUrl('https://sycm.taobao.com/customer/analysis')[0]?.adapter.id).toBe('sycm-customer');
    expect(pickAdapter('https://example.com/customer/overview', document)).toBeNull();
  });

  test('a 流量 page with only 访客数 and 支付转化率 cards is not a 客户 page', () => {
    document.body.innerHTML = `<span class="shop-name">鹿鸣生活馆</span>
      <div class="c"><div>访客数</div><div>1,234</div></div><div class="c"><div>支付转化率</div><div>3.20%</div></div>`;
    expect(pickAdapter(CONSOLE_URL, document)).toBeNull();
  });

  test('readWithAdapter → a batch the background validates into one snapshot', async () => {
    const { truth } = await render(E2E_VARIANT);
    const batch = readWithAdapter(sycmCustomer, document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('snapshots');
    const v = validateBatch(batch, 'cap-1');
    if (!v.ok) throw new Error(v.reason);
    expect(v.batch.snapshots).toEqual([truth.snapshot]);
    expect(v.batch.shop).toEqual(truth.shop);
  });
});

describe('what cannot be read stores nothing wrong', () => {
  test('every card "-": a clear problem, no snapshot', async () => {
    await render(E2E_VARIANT);
    for (const el of Array.from(document.querySelectorAll('.index-value'))) el.textContent = '-';
    const r = readSycmCustomer(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.problem).toMatch(/every card shows "-"/);
    expect(r.snapshots).toEqual([]);
    expect(readWithAdapter(sycmCustomer, document, CONSOLE_URL, E2E_VARIANT.capturedAt)).toEqual({ error: r.problem });
  });

  test('no cards at all: a clear problem', () => {
    document.body.innerHTML = '<span class="shop-name">鹿鸣生活馆</span><p>数据加载中…</p>';
    const r = readSycmCustomer(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.problem).toMatch(/no metric cards/);
    expect(r.snapshots).toEqual([]);
  });

  test('an unreadable money value rejects that card only, with its text', async () => {
    const { truth } = await render(E2E_VARIANT);
    document.querySelector('[data-metric="aovFen"] .index-value')!.textContent = '¥86.4.2';
    const r = readSycmCustomer(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.rejected).toEqual([{ row: 5, reason: '客单价: unreadable amount "¥86.4.2"' }]);
    const { aovFen, ...rest } = truth.snapshot.metrics;
    expect(aovFen).toBeDefined();
    expect(r.snapshots[0]!.metrics).toEqual(rest);
  });

  test('no shop name: a problem, every row rejected, no snapshot', async () => {
    await render(E2E_VARIANT);
    document.querySelector('.shop-name')!.remove();
    const r = readSycmCustomer(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.problem).toMatch(/no shop name/);
    expect(r.snapshots).toEqual([]);
    expect(r.rejected).toHaveLength(r.rawRows.length);
  });
});
