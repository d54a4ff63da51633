// @vitest-environment happy-dom
/**
 * The 生意参谋 客户概况 adapter against both fixture pages — the one rebuilt from the evidence (four
 * card groups in the antd / oui shell, figures from its own oneQuery.json; at the end) and the
 * Fusion Next twin with the older single cards — and its oneQuery.json mapper. First the Fusion Next fixture page (the same React app the
 * built HTML runs, client-rendered into happy-dom). Expected snapshots come from the fixture's
 * drawn figures through the truth builder, never from the adapter.
 */
import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { OVERVIEW_DOMAIN, readSycmCustomer, sycmCustomer } from '@/lib/capture/adapters/sycm-customer';
import { ENCRYPTED_REASON, LOGGED_OUT_REASON, NO_PERMISSION_REASON, NOT_JSON_REASON } from '@/lib/capture/adapters/sycm-visitors';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { validateBatch } from '@/lib/capture/ingest';
import { PlatformSnapshot, parseWith } from '@/lib/model';
import { CustomerOverviewPage } from '../../../fixtures/pages/sycm-customer/App';
import { sycmTruth } from '../../../fixtures/pages/sycm-customer/truth';
import { CONSOLE_URL, E2E_VARIANT, WEEK_VARIANT, pageData, type SycmVariant } from '../../../fixtures/pages/sycm-customer/view';
import { fixturePages } from '../../../fixtures/pages/registry';
import { renderApp, unmountApp } from '../render-taobao';
import { CustomerOverviewAntdPage, type OverviewLoader } from '../../../fixtures/pages/sycm-customer-antd/App';
import { customerApi, oneQueryUrl } from '../../../fixtures/pages/sycm-customer-antd/api';
import { customerAntdTruth } from '../../../fixtures/pages/sycm-customer-antd/truth';
import { CONSOLE_URL as ANTD_URL, E2E_VARIANT as ANTD_VARIANT, pageData as antdPageData } from '../../../fixtures/pages/sycm-customer-antd/view';

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
    expect(truth.snapshot.metrics.gmvFen!.value! % 10_000).toBe(0);
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

// --- 客户概况 rebuilt from the evidence: antd / oui shell, four card groups, figures from oneQuery.json ---

describe('sycm-customer on the antd fixture (客户概况 groups loaded from its own oneQuery.json)', () => {
  const v = ANTD_VARIANT;
  const data = antdPageData(v);
  const truth = customerAntdTruth(v, data, ANTD_URL);
  const requestUrl = oneQueryUrl('https://sycm.taobao.com', data, 1);
  /** The page's JSON exactly as the e2e route and the demo serve it. */
  const bodyText = () => customerApi(data, { url: new URL(requestUrl), method: 'GET', body: null })!.body as string;
  const load: OverviewLoader = async () => JSON.parse(bodyText());
  const showAntd = async () => {
    await renderApp(<CustomerOverviewAntdPage data={data} load={load} />);
    await act(async () => void (await new Promise((r) => setTimeout(r, 0))));
  };
  const ctx = { pageUrl: ANTD_URL, capturedAt: v.capturedAt, shop: truth.shop };
  const ep = sycmCustomer.endpoints.find((e) => e.id === 'sycm-oneQuery-customer-overview')!;
  const map = (json: unknown, url = requestUrl, shop: typeof truth.shop | null = truth.shop) => ep.map(json, { url, method: 'GET', status: 200, text: '' }, { ...ctx, shop });

  test('the truth has all four groups, rises, falls, a 0.00% and a "-" change, and the 同行同层优秀 figures without change', () => {
    const m = truth.snapshot.metrics;
    expect(Object.keys(m)).toHaveLength(20);
    const changes = Object.values(m).map((x) => x.change);
    expect(changes.some((c) => c !== undefined && c > 0)).toBe(true);
    expect(changes.some((c) => c !== undefined && c < 0)).toBe(true);
    expect(changes).toContain(0);
    expect(m.unpurchasedReturningAovFen!.change).toBeUndefined();
    expect(m.newVisitorsPeerTop).toEqual({ value: expect.any(Number) });
    // 店铺客户 = 客户新访 + 未购客户回访 + 已购客户回访; 成交 + 未成交 = 客户数.
    expect(m.shopCustomers!.value!).toBe(m.newVisitors!.value! + m.unpurchasedReturning!.value! + m.purchasedReturning!.value!);
    expect(m.purchasedReturningBuyers!.value! + m.purchasedReturningNonBuyers!.value!).toBe(m.purchasedReturning!.value!);
  });

  test('the DOM is the oui / antd shell: four oui-card groups with titles, antd icons, no Fusion', async () => {
    await showAntd();
    expect(Array.from(document.querySelectorAll('.oui-card .oui-card-header-wrapper .oui-card-title')).map((e) => e.textContent)).toEqual(['店铺客户', '客户新访', '未购客户回访', '已购客户回访']);
    expect(document.querySelector('.ebase-ModernFrame__leftMenu')).not.toBeNull();
    expect(document.querySelector('.anticon-caret-down')).not.toBeNull();
    expect(document.querySelector('.next-card')).toBeNull();
  });

  test('reads exactly the truth: one snapshot (window = 统计时间), the shop (derived id), one raw row per figure, no rejects', async () => {
    await showAntd();
    const r = readSycmCustomer(document, ANTD_URL, v.capturedAt);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.snapshots).toEqual([truth.snapshot]);
    expect(r.rawRows).toHaveLength(truth.rawRowCount);
    expect(r.rawRows.filter((row) => row[0] === '客户新访').map((row) => row[1])).toEqual(['客户数', '成交客户数', '未成交客户数', '支付转化率', '客单价', '同行同层优秀']);
    expect(parseWith(PlatformSnapshot, r.snapshots[0]).ok).toBe(true);
  });

  test('the built fixture\u2019s truth (registry) is the same snapshot', () => {
    const out = fixturePages.flatMap((p) => p.outputs).find((o) => o.name === v.name)!;
    expect(out.truth()).toEqual(truth);
  });

  test('no shop name on the page: it asks (needsShop); the merchant\u2019s answer (knownShop) stands in', async () => {
    await showAntd();
    document.querySelector('.ebase-ModernFrame__shopName')!.remove();
    const asked = sycmCustomer.read(document, ANTD_URL, v.capturedAt);
    expect([asked.problem, asked.needsShop, asked.snapshots]).toEqual([expect.stringMatching(/no shop name/), true, []]);
    const answered = sycmCustomer.read(document, ANTD_URL, v.capturedAt, { knownShop: { shop: truth.shop, source: 'answer' } });
    expect(answered.snapshots).toEqual([truth.snapshot]);
  });

  test('pickAdapter: /cc/customer/overview and the older /customer/ path → sycm-customer (groups confirm it); before the figures load, nothing', async () => {
    await showAntd();
    expect(pickAdapter(ANTD_URL, document)?.id).toBe('sycm-customer');
    expect(pickAdapter('https://sycm.taobao.com/customer/overview', document)?.id).toBe('sycm-customer');
    expect(adaptersForUrl('https://sycm.taobao.com/cc/customer/regular')[0]).toMatchObject({ pathMatches: true });
    await renderApp(<CustomerOverviewAntdPage data={data} load={() => new Promise(() => {})} />);
    expect(readSycmCustomer(document, ANTD_URL, v.capturedAt).snapshots).toEqual([]);
  });

  test('the oneQuery.json mapper gives the truth (the same snapshot as the DOM); codes no card shows are left out', () => {
    const r = map(JSON.parse(bodyText()));
    if ('ignored' in r) throw new Error(r.ignored);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.snapshots).toEqual([truth.snapshot]);
    expect(JSON.parse(bodyText()).data.newVisitorVipRate).toBeDefined();
    expect(ep.path.test(new URL(requestUrl).pathname)).toBe(true);
  });

  test('without dateRange the window is statDate\u2019s day (epoch ms); without a shop: the problem, rows rejected', () => {
    const noRange = requestUrl.replace(/&dateRange=[^&]*/, '');
    const r = map(JSON.parse(bodyText()), noRange);
    if ('ignored' in r) throw new Error(r.ignored);
    expect(r.snapshots[0]!.window).toEqual({ start: '2026-11-20', end: '2026-11-20' });
    const noShop = map(JSON.parse(bodyText()), requestUrl, null);
    if ('ignored' in noShop) throw new Error(noShop.ignored);
    expect(noShop.problem).toMatch(/no shop name or 店铺ID/);
    expect(noShop.needsShop).toBe(true); // the overlay asks the merchant (shop-prompt)
    expect(noShop.snapshots).toEqual([]);
    expect(noShop.rejected).toHaveLength(noShop.rawRows.length);
  });

  test('ignored with the reason: another domainCode, a trend series, 10013 类目无权限, 10008, encrypted data, non-JSON', () => {
    const body = JSON.parse(bodyText());
    const other = requestUrl.replace(OVERVIEW_DOMAIN, 'tao.shop.customer.mbranalysis.retailer');
    expect(map(body, other)).toEqual({ ignored: '不是客户概况数据 (domainCode tao.shop.customer.mbranalysis.retailer: not tao.shop.customer.overview)' });
    expect(map({ code: 0, data: [{ statDate: 1763568000000, newVisitorCnt: 12 }] }, requestUrl.replace('showType=overview', 'showType=trend'))).toEqual({ ignored: '趋势数据，未读取 (showType=trend: a series, not the day’s figures)' });
    expect(map({ code: 10013, message: '类目无权限', data: null })).toEqual({ ignored: NO_PERMISSION_REASON });
    expect(map({ code: 10008, message: '未登录' })).toEqual({ ignored: LOGGED_OUT_REASON });
    expect(map({ code: 0, data: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })).toEqual({ ignored: ENCRYPTED_REASON });
    expect(map('<!doctype html>')).toEqual({ ignored: NOT_JSON_REASON });
    // The fixture's own server answers another day or domainCode with 10013 too.
    expect(JSON.parse(customerApi(data, { url: new URL(other), method: 'GET', body: null })!.body as string).code).toBe(10013);
  });

  test('an unreadable value rejects that figure only; a "-" value is left out', () => {
    const body = JSON.parse(bodyText());
    body.data.newVisitorPct = { value: 'abc', cycleCrc: 0.1 };
    body.data.hasPurchasePct = { value: '-', cycleCrc: null };
    const r = map(body);
    if ('ignored' in r) throw new Error(r.ignored);
    const { newVisitorAovFen: _a, purchasedReturningAovFen: _b, ...rest } = truth.snapshot.metrics;
    expect(r.snapshots[0]!.metrics).toEqual(rest);
    expect(r.rejected).toEqual([{ row: r.rawRows.findIndex((x) => x[4] === 'newVisitorPct'), reason: '客户新访 客单价: unreadable value "abc"' }]);
  });
});
