// @vitest-environment happy-dom
/**
 * The 罗盘 用户资产 adapter against the Arco fixture page (the same React app the built HTML
 * runs, client-rendered into happy-dom). Expected snapshots come from the fixture's drawn
 * figures through the truth builder, never from the adapter.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { compassUserAsset, readCompassUserAsset } from '@/lib/capture/adapters/compass-user-asset';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { validateBatch } from '@/lib/capture/ingest';
import { PlatformSnapshot, derivedShopId, parseWith } from '@/lib/model';
import { UserAssetPage } from '../../../fixtures/pages/compass-user-asset/App';
import { compassTruth } from '../../../fixtures/pages/compass-user-asset/truth';
import { CONSOLE_URL, E2E_VARIANT, TALENT_URL, TALENT_VARIANT, countText, pageData, shownCount, type CompassVariant } from '../../../fixtures/pages/compass-user-asset/view';
import { fixturePages } from '../../../fixtures/pages/registry';
import { renderApp, unmountApp } from '../render-taobao';

async function render(v: CompassVariant) {
  const data = pageData(v);
  await renderApp(<UserAssetPage data={data} />);
  return { data, truth: compassTruth(v, data) };
}
afterEach(() => unmountApp());

describe.each([
  ['shop', E2E_VARIANT],
  ['达人', TALENT_VARIANT],
])('compass-user-asset on the Arco fixture (%s)', (_, v) => {
  test('reads exactly the truth: one snapshot, the shop, no rejects', async () => {
    const { truth } = await render(v);
    const r = readCompassUserAsset(document, v.consoleUrl, v.capturedAt);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.snapshots).toEqual([truth.snapshot]);
    expect(r.rowOf.snapshots).toEqual([0]);
    expect(r.rawRows).toHaveLength(truth.rawRowCount);
    expect(r.rawRows.every((row) => row.length === r.headers.length)).toBe(true);
    expect(parseWith(PlatformSnapshot, r.snapshots[0]).ok).toBe(true);
  });

  test('the built fixture\u2019s truth (registry) is the same snapshot', async () => {
    const out = fixturePages.flatMap((p) => p.outputs).find((o) => o.name === v.name)!;
    const { truth } = await render(v);
    expect(out.truth()).toEqual(truth);
  });
});

describe('values as 罗盘 prints them', () => {
  test('the e2e page shows 万, a plain count with a thousands separator, a fall and a "--"', async () => {
    const { data, truth } = await render(E2E_VARIANT);
    const texts = Array.from(document.querySelectorAll('.asset-card')).map((el) => el.textContent);
    expect(texts.some((t) => /\d万/.test(t!))).toBe(true);
    expect(texts.some((t) => /\d,\d{3}(?!\d)/.test(t!))).toBe(true);
    expect(texts.some((t) => /较前30天--/.test(t!))).toBe(true);
    expect(texts.some((t) => /较前30天-\d/.test(t!))).toBe(true);
    const m = truth.snapshot.metrics;
    expect(m.repeat).toEqual({ value: data.cards[3]!.count }); // "--": change left out
    expect(m.highPotential!.value! % 1000).toBe(0);
    expect(Object.keys(m).filter((k) => k.startsWith('preferProduct:'))).toHaveLength(5);
  });

  test('the 达人 page shows 亿 at its real /talent/ URL and its 达人UID is the shop id', async () => {
    const { truth } = await render(TALENT_VARIANT);
    expect(document.body.textContent).toMatch(/\d(\.\d)?亿/);
    expect(truth.snapshot.metrics.highPotential!.value).toBeGreaterThanOrEqual(1e8);
    expect(readCompassUserAsset(document, TALENT_URL, TALENT_VARIANT.capturedAt).shop?.shopId).toBe(TALENT_VARIANT.id);
  });

  test.each([
    [8532, '8,532', 8532],
    [10000, '1万', 10000],
    [123456, '12.3万', 123000],
    [99_960_000, '9996万', 99_960_000],
    [123_456_789, '1.2亿', 120_000_000],
  ])('countText(%i) = %s, standing for %i', (n, text, shown) => {
    expect(countText(n)).toBe(text);
    expect(shownCount(n)).toBe(shown);
  });
});

describe('registry and URL matching', () => {
  test('pickAdapter: shop and 达人 URLs, and a moved path on the same host, confirmed by the cards', async () => {
    await render(E2E_VARIANT);
    expect(pickAdapter(`${CONSOLE_URL}?date_type=30`, document)?.id).toBe('compass-user-asset');
    expect(pickAdapter(TALENT_URL, document)?.id).toBe('compass-user-asset');
    expect(pickAdapter('https://compass.jinritemai.com/shop/crowd/asset-v2', document)?.id).toBe('compass-user-asset');
    expect(adaptersForUrl(TALENT_URL)[0]?.pathMatches).toBe(true);
    expect(adaptersForUrl('https://compass.jinritemai.com/shop/chance/user-asset/detail')[0]?.pathMatches).toBe(true);
    expect(pickAdapter('https://example.com/shop/chance/user-asset', document)).toBeNull();
  });

  test('right URL, no cards → not confirmed (the generic adapter takes over) and a clear problem', () => {
    document.body.innerHTML = '<div class="account-name">小鹿优选旗舰店</div><div class="account-id">店铺ID：48273615</div><p>暂无数据</p>';
    expect(pickAdapter(CONSOLE_URL, document)).toBeNull();
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.problem).toMatch(/no metric cards/);
    expect(r.snapshots).toEqual([]);
  });

  test('readWithAdapter → a batch the background validates into one snapshot, counted as snapshots', async () => {
    const { truth } = await render(E2E_VARIANT);
    const batch = readWithAdapter(compassUserAsset, document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('snapshots');
    const v = validateBatch(batch, 'cap-1');
    if (!v.ok) throw new Error(v.reason);
    expect(v.batch.snapshots).toEqual([truth.snapshot]);
    expect(v.batch.capture.rawRows).toHaveLength(truth.rawRowCount);
    expect(v.batch.capture.rejected).toEqual([]);
  });
});

describe('what cannot be read stores nothing wrong', () => {
  test('every card "-": a clear problem, no snapshot (the batch is refused)', async () => {
    await render(E2E_VARIANT);
    for (const el of Array.from(document.querySelectorAll('.arco-statistic-value'))) el.textContent = '-';
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.problem).toMatch(/every card shows "-"/);
    expect(r.snapshots).toEqual([]);
    expect(readWithAdapter(compassUserAsset, document, CONSOLE_URL, E2E_VARIANT.capturedAt)).toEqual({ error: r.problem });
  });

  test('one card "-": that metric is left out, the rest read exactly', async () => {
    const { truth } = await render(E2E_VARIANT);
    document.querySelector('[data-metric="firstOrder"] .arco-statistic-value')!.textContent = '-';
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    const { firstOrder, ...rest } = truth.snapshot.metrics;
    expect(firstOrder).toBeDefined();
    expect(r.snapshots[0]!.metrics).toEqual(rest);
    expect(r.rejected).toEqual([]);
  });

  test('an unreadable value is rejected with its text; an unreadable change keeps the value', async () => {
    const { truth } = await render(E2E_VARIANT);
    document.querySelector('[data-metric="purchasers"] .arco-statistic-value')!.textContent = '8,53.2万';
    document.querySelector('[data-metric="highPotential"] .compare-value')!.textContent = '+1..5%';
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.rejected).toEqual([
      { row: 0, reason: '高潜用户 较前30天: unreadable percentage "+1..5%" (value kept, change left out)' },
      { row: 1, reason: '成交用户: unreadable number "8,53.2万"' },
    ]);
    const m = r.snapshots[0]!.metrics;
    expect(m.purchasers).toBeUndefined();
    expect(m.highPotential).toEqual({ value: truth.snapshot.metrics.highPotential!.value });
    expect(m.repeat).toEqual(truth.snapshot.metrics.repeat);
  });

  test('no 店铺ID: the shop id is derived from the name; no account at all: a problem, every row rejected', async () => {
    await render(E2E_VARIANT);
    document.querySelector('.account-id')!.remove();
    const derived = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(derived.shop).toEqual({ shopId: derivedShopId('douyin', E2E_VARIANT.accountName), platform: 'douyin', name: E2E_VARIANT.accountName });
    expect(derived.snapshots[0]!.shopId).toBe(derived.shop!.shopId);
    document.querySelector('.account-info')!.remove();
    const none = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(none.problem).toMatch(/no shop name or 店铺ID/);
    expect(none.snapshots).toEqual([]);
    expect(none.rejected).toHaveLength(none.rawRows.length);
  });

  test('no 统计时间 and no range picker: the snapshot has no window, never a guessed one', async () => {
    const { truth } = await render(E2E_VARIANT);
    document.querySelector('.stat-time')!.remove();
    for (const el of Array.from(document.querySelectorAll('.arco-picker'))) el.remove();
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    const { window: _w, ...rest } = truth.snapshot;
    expect(r.snapshots).toEqual([rest]);
  });

  test('the range picker alone gives the window', async () => {
    const { truth } = await render(E2E_VARIANT);
    document.querySelector('.stat-time')!.remove();
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    expect(r.snapshots[0]!.window).toEqual(truth.snapshot.window);
  });

  test('a broken share in the 商品偏好 list rejects that row only', async () => {
    const { data, truth } = await render(E2E_VARIANT);
    const cell = Array.from(document.querySelectorAll('.pref-table tbody tr'))[1]!.querySelectorAll('td')[3]!;
    cell.textContent = '约两成';
    const r = readCompassUserAsset(document, CONSOLE_URL, E2E_VARIANT.capturedAt);
    const name = data.products[1]!.name;
    expect(r.rejected).toEqual([{ row: 5, reason: `商品偏好 ${name}: unreadable percentage "约两成"` }]);
    const { [`preferProduct:${name}`]: gone, ...rest } = truth.snapshot.metrics;
    expect(gone).toBeDefined();
    expect(r.snapshots[0]!.metrics).toEqual(rest);
  });
});
