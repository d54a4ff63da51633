// @vitest-environment happy-dom
/**
 * The 罗盘 用户资产 adapter against the evidence-built page (antd `aurora` tables, CSS-module hashed
 * cards, abbreviated counts and a range, figures over the page's own /compass_api/ fetch): the DOM
 * reads to the `dom` truth (as printed), the observed answer maps to the `json` truth (exact). Both
 * truths come from the drawn figures (truth.ts), never from the adapter.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { compassUserAsset, readCompassUserAsset } from '@/lib/capture/adapters/compass-user-asset';
import { pickAdapter } from '@/lib/capture/adapters';
import { parseCountRange } from '@/lib/capture/normalize';
import type { AdapterResult, ObserveContext, ObservedResponse } from '@/lib/capture/types';
import { parseWith, PlatformSnapshot } from '@/lib/model';
import { auroraTruth } from '../../../fixtures/pages/compass-user-asset-aurora/truth';
import { auroraApi, auroraPageData, AURORA_SHOP_VARIANT, AURORA_TALENT_VARIANT, type AuroraVariant } from '../../../fixtures/pages/compass-user-asset-aurora/view';
import { renderCompassAurora, unmount } from '../render-fixture';

afterEach(() => unmount());

const res = (text: string): ObservedResponse => ({ url: 'https://compass.jinritemai.com/compass_api/shop/crowd/user_asset/overview', method: 'GET', status: 200, text });
const mapped = (x: AdapterResult | { ignored: string }): AdapterResult => {
  if ('ignored' in x) throw new Error(`ignored: ${x.ignored}`);
  return x;
};

describe.each([
  ['shop', AURORA_SHOP_VARIANT],
  ['达人 /talent/', AURORA_TALENT_VARIANT],
] as [string, AuroraVariant][])('the aurora fixture (%s)', (_kind, v) => {
  const data = auroraPageData(v);
  const truth = auroraTruth(v, data);
  const ctx: ObserveContext = { pageUrl: v.consoleUrl, capturedAt: v.capturedAt, shop: truth.shop };

  test('the truths: a range without a value, an abbreviated value, a "--" change; both pass the schema', () => {
    expect(truth.dom.metrics.highPotential).toEqual({ low: data.tiers[0]!.range!.lower, high: data.tiers[0]!.range!.upper, change: expect.any(Number) });
    expect(truth.dom.metrics.highPotential).not.toHaveProperty('value');
    expect(truth.dom.metrics.purchasers!.value).not.toBe(truth.json.metrics.purchasers!.value); // 18.25万 is not 182468
    expect(truth.dom.metrics.repeat).not.toHaveProperty('change');
    expect(parseWith(PlatformSnapshot, truth.dom).ok).toBe(true);
    expect(parseWith(PlatformSnapshot, truth.json).ok).toBe(true);
  });

  test('the DOM reads to the dom truth: cards by their titles (hashed classes), 用户偏好 from the aurora tables', async () => {
    await renderCompassAurora(data);
    expect(document.querySelectorAll('div.card_item[class*="cardWrapper--"]')).toHaveLength(4);
    expect(document.querySelectorAll('.active_card')).toHaveLength(1);
    const firstRow = document.querySelector('.aurora-table-tbody > tr');
    expect(firstRow?.getAttribute('aria-hidden')).toBe('true'); // the hidden first row 罗盘 crawlers skip
    expect(document.querySelector('.aurora-pagination')).not.toBeNull();
    const r = readCompassUserAsset(document, v.consoleUrl, v.capturedAt);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.snapshots).toEqual([truth.dom]);
    expect(r.rawRows).toHaveLength(truth.rawRowCount);
    expect(pickAdapter(v.consoleUrl, document)?.id).toBe('compass-user-asset');
  });

  test('the answer the page received maps to the json truth (exact figures)', async () => {
    const bodies: string[] = [];
    await renderCompassAurora(data, bodies);
    expect(bodies).toHaveLength(1);
    const r = mapped(compassUserAsset.endpoints![0]!.map(JSON.parse(bodies[0]!), res(bodies[0]!), ctx));
    expect(r.rejected).toEqual([]);
    expect(r.snapshots).toEqual([truth.json]);
    expect(r.rawRows).toHaveLength(truth.rawRowCount);
    expect(r.rowOf.snapshots).toEqual([0]);
  });
});

describe('observed answers that are not 用户资产 figures are ignored with a reason', () => {
  const data = auroraPageData(AURORA_SHOP_VARIANT);
  const truth = auroraTruth(AURORA_SHOP_VARIANT, data);
  const ctx: ObserveContext = { pageUrl: AURORA_SHOP_VARIANT.consoleUrl, capturedAt: AURORA_SHOP_VARIANT.capturedAt, shop: truth.shop };
  const map = compassUserAsset.endpoints![0]!.map;

  test('the endpoint sits under /compass_api/ on compass.jinritemai.com', () => {
    const e = compassUserAsset.endpoints![0]!;
    expect([e.id, e.host]).toEqual(['compass-user-asset', 'compass.jinritemai.com']);
    expect(e.path.test('/compass_api/shop/crowd/user_asset/overview')).toBe(true);
    expect(e.path.test('/compass_api/author/crowd/user_asset/overview')).toBe(true);
    expect(e.path.test('/compass_api/shop/mall/market/shop_rank')).toBe(false);
  });

  test('logged out, an error, other shapes', () => {
    const answer = auroraApi(data, { url: new URL('https://compass.jinritemai.com/compass_api/shop/crowd/user_asset/overview?logged_out=1'), method: 'GET', body: null });
    const text = answer!.body as string;
    expect(map(JSON.parse(text), res(text), ctx)).toEqual({ ignored: '未登录 (logged out: code 10008)' });
    expect(map('x', res('"x"'), ctx)).toEqual({ ignored: '不是用户资产数据 (not a 用户资产 answer: the body is not a JSON object)' });
    expect(map({ st: 5, msg: '参数错误' }, res(''), ctx)).toEqual({ ignored: '接口返回错误 (compass_api answered code 5: 参数错误)' });
    expect(map({ st: 0, data: { module_data: { shop_rank: {} } } }, res(''), ctx)).toEqual({ ignored: '不是用户资产数据 (not a 用户资产 answer: no user_asset_overview index list)' });
    expect(map({ st: 0, data: { module_data: { user_asset_overview: { index_list: [] } } } }, res(''), ctx)).toEqual({ ignored: '用户资产数据没有指标 (the answer holds no tier figure)' });
  });

  test('no shop known yet: a problem, nothing stored; an unreadable figure is rejected, the rest kept', () => {
    const answer = auroraApi(data, { url: new URL('https://compass.jinritemai.com/compass_api/shop/crowd/user_asset/overview'), method: 'GET', body: null });
    const json = JSON.parse(answer!.body as string) as { data: { module_data: { user_asset_overview: { index_list: { value: unknown }[] } } } };
    expect(mapped(map(json, res(''), { ...ctx, shop: null })).problem).toMatch(/店铺信息无法识别/);
    json.data.module_data.user_asset_overview.index_list[1]!.value = { value: '18.25万' };
    const r = mapped(map(json, res(''), ctx));
    expect(r.rejected).toEqual([{ row: 1, reason: '成交用户: unreadable figure "18.25万"' }]);
    const { purchasers: _p, ...rest } = truth.json.metrics;
    expect(r.snapshots[0]!.metrics).toEqual(rest);
  });
});

describe('ranges', () => {
  test('parseCountRange reads 罗盘 ranges and nothing else', () => {
    expect(parseCountRange('1万-2.5万')).toEqual({ low: 10_000, high: 25_000 });
    expect(parseCountRange('100万 - 250万')).toEqual({ low: 1_000_000, high: 2_500_000 });
    expect(parseCountRange('1,000~5,000')).toEqual({ low: 1000, high: 5000 });
    expect(parseCountRange('18.25万')).toBeNull();
    expect(parseCountRange('-3.2%')).toBeNull();
    expect(parseCountRange('2.5万-1万')).toBeNull();
  });

  test('the schema keeps a value or a range, never both, and low ≤ high', () => {
    const snap = (m: object) => parseWith(PlatformSnapshot, { shopId: 's', source: 'x', seenOn: '2026-11-20', metrics: { a: m } }).ok;
    expect(snap({ value: 1 })).toBe(true);
    expect(snap({ low: 1, high: 2, change: 0.1 })).toBe(true);
    expect(snap({ value: 1, low: 1, high: 2 })).toBe(false);
    expect(snap({ low: 3, high: 2 })).toBe(false);
    expect(snap({ low: 1 })).toBe(false);
    expect(snap({ change: 0.1 })).toBe(false);
  });
});
