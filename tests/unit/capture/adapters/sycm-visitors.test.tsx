// @vitest-environment happy-dom
/**
 * The 生意参谋 访客 adapter against both fixture pages — the one rebuilt from the evidence (antd in
 * oui / alife-dt wrappers, rows fetched from its own getRtVisitor.json) and the Fusion twin — and
 * its getRtVisitor.json mapper against the same JSON. Below, first the Fusion fixture page (the same React app the built HTML
 * runs, client-rendered into happy-dom: Fusion's own DOM with locked columns drawn twice). The
 * expected records come from the generator through the truth builder, never from the adapter.
 */
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import {
  ENCRYPTED_REASON,
  LOGGED_OUT_REASON,
  NO_PERMISSION_REASON,
  NOT_JSON_REASON,
  readSycmVisitors,
  sycmVisitors,
} from '@/lib/capture/adapters/sycm-visitors';
import { Contact, Customer, derivedShopId, parseWith } from '@/lib/model';
import { VisitorPage } from '../../../fixtures/pages/sycm-visitors/App';
import { captureTruth, NO_VISITOR_REASON, type CaptureTruth } from '../../../fixtures/pages/sycm-visitors/truth';
import { generateVariant, pageData, shopIdOf } from '../../../fixtures/pages/sycm-visitors/data';
import { CONSOLE_URL, E2E_VARIANT, type PageData } from '../../../fixtures/pages/sycm-visitors/view';
import { clickIn, renderApp, unmountApp } from '../render-taobao';
import { VisitorAntdPage, type VisitorLoader } from '../../../fixtures/pages/sycm-visitors-antd/App';
import { rtVisitorUrl, visitorsApi } from '../../../fixtures/pages/sycm-visitors-antd/api';
import type { VisitorsDataset } from '../../../fixtures/pages/sycm-visitors-antd/data';
import { datasetOf } from '../../../fixtures/pages/sycm-visitors-antd/fixture';
import { visitorsTruth, type VisitorsAntdTruth } from '../../../fixtures/pages/sycm-visitors-antd/truth';
import { CONSOLE_URL as ANTD_URL, E2E_VARIANT as ANTD_VARIANT } from '../../../fixtures/pages/sycm-visitors-antd/view';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT), E2E_VARIANT);
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

const show = (page = 1) => renderApp(<VisitorPage data={data} initialPage={page} />);
const read = () => readSycmVisitors(document, CONSOLE_URL, capturedAt);

describe('sycm-visitors on the Fusion fixture', () => {
  test('the dataset spans several pages and has masked, emoji, id-less and not-logged-in visitors', () => {
    expect(truth.pageCount).toBeGreaterThanOrEqual(4);
    const all = truth.pages.flatMap((p) => p.customers);
    expect(all.some((c) => /\*\*/.test(c.nickname))).toBe(true);
    expect(all.some((c) => !c.buyerId)).toBe(true);
    expect(truth.totalRejected).toBeGreaterThan(0);
    expect(truth.pages.flatMap((p) => p.contacts).some((c) => !c.province)).toBe(true);
  });

  test('every page reads exactly the truth: shop (derived id), contacts, customers, rejects with the reason', async () => {
    for (const p of truth.pages) {
      await show(p.page);
      const r = read();
      expect(r.problem).toBeNull();
      expect(r.shop).toEqual(truth.shop);
      expect(r.shop!.shopId).toBe(derivedShopId('taobao', E2E_VARIANT.shopName));
      expect(r.headers).toEqual(['序号', '访客', '访客ID', '访问时间', '入店来源', '被访页面', '访客位置', '是否下单']);
      expect(r.contacts).toEqual(p.contacts);
      expect(r.customers).toEqual(p.customers);
      expect(r.rejected).toEqual(p.rejected);
      expect(r.orders).toEqual([]);
      // Locked columns are drawn twice by Fusion but read once: one raw row per visit row.
      expect(r.rawRows).toHaveLength(p.contacts.length + p.rejected.length);
      for (const c of r.contacts) expect(parseWith(Contact, c).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
  });

  test('a long 被访页面 is read from its title, not the ellipsised text', async () => {
    await show(1);
    const shortened = Array.from(document.querySelectorAll('.page-name')).filter((el) => el.textContent!.endsWith('…'));
    const pages = read().contacts.map((c) => c.page);
    for (const el of shortened) expect(pages).toContain(el.getAttribute('title'));
  });

  test('the rejected rows are the "-" and 未登录 ones, with the reason', async () => {
    await show(1);
    const r = read();
    expect(r.rejected.length).toBeGreaterThan(0);
    for (const x of r.rejected) {
      expect(['-', '未登录']).toContain(r.rawRows[x.row]![1]);
      expect(x.reason).toBe(NO_VISITOR_REASON);
    }
  });

  test('clicking Fusion\u2019s 下一页 shows page 2 and the adapter reads it', async () => {
    await show(1);
    await clickIn(document.querySelector('.next-pagination .next-next'));
    expect(document.querySelector('.next-pagination-item.next-current')?.textContent).toBe('2');
    expect(read().contacts).toEqual(truth.pages[1]!.contacts);
  });

  test('pickAdapter: console URL → sycm-visitors; a moved path on sycm still works; findTable gives the Fusion root', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('sycm-visitors');
    expect(pickAdapter('https://sycm.taobao.com/flow/new/visitor?x=1', document)?.id).toBe('sycm-visitors');
    expect(pickAdapter('https://example.com/flow/monitor/visitor', document)).toBeNull();
    expect(sycmVisitors.findTable(document)?.classList.contains('next-table')).toBe(true);
    const batch = readWithAdapter(sycmVisitors, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('contacts');
    expect(batch.contacts.map((c) => c.record)).toEqual(truth.pages[0]!.contacts);
  });
});

describe('what cannot be read is rejected with a reason', () => {
  const page = (rows: string, shop = '<header><div class="shop-name">测试店</div></header>') =>
    (document.body.innerHTML = `${shop}<table><thead><tr><th>访客</th><th>访问时间</th><th>入店来源</th><th>被访页面</th><th>访客位置</th></tr></thead><tbody>${rows}</tbody></table>`);

  test('unreadable time rejected with its text; masked nickname kept as shown; municipality is both province and city', () => {
    page(`<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>北京市</td></tr>
      <tr><td>小猫</td><td>昨天下午</td><td>直通车</td><td>乳胶枕</td><td>-</td></tr>
      <tr><td>🌸糖</td><td>11-19 08:30</td><td>-</td><td>-</td><td>四川省成都市</td></tr>`);
    const r = readSycmVisitors(document, CONSOLE_URL, '2026-11-20T12:00:00+08:00');
    const shopId = derivedShopId('taobao', '测试店');
    expect(r.contacts).toEqual([
      { shopId, customerKey: `taobao:${shopId}:nick:t**9`, at: '2026-11-20T10:00:00+08:00', kind: 'visit', source: '手淘搜索', page: '店铺首页', province: '北京市', city: '北京市' },
      { shopId, customerKey: `taobao:${shopId}:nick:🌸糖`, at: '2026-11-19T08:30:00+08:00', kind: 'visit', province: '四川省', city: '成都市' },
    ]);
    expect(r.rejected).toEqual([{ row: 1, reason: '访问时间: unreadable time "昨天下午"' }]);
  });

  test('no table: a clear problem; no shop identity: a problem and every row rejected', () => {
    document.body.innerHTML = '<header><div class="shop-name">测试店</div></header><p>暂无访客</p>';
    expect(readSycmVisitors(document, CONSOLE_URL, capturedAt).problem).toMatch(/no visitor table/);
    page('<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>-</td></tr>', '');
    const r = readSycmVisitors(document, CONSOLE_URL, capturedAt);
    expect(r.problem).toMatch(/no shop name or 店铺ID/);
    expect(r.contacts).toEqual([]);
    expect(r.rejected).toHaveLength(1);
  });

  test('a shown 店铺ID wins over the derived id', () => {
    page('<tr><td>t**9</td><td>2026-11-20 10:00:00</td><td>手淘搜索</td><td>店铺首页</td><td>-</td></tr>', '<header><span class="shop-name">测试店</span> 店铺ID：57012345</header>');
    expect(readSycmVisitors(document, CONSOLE_URL, capturedAt).shop).toEqual({ shopId: '57012345', platform: 'taobao', name: '测试店' });
  });
});

// --- the page rebuilt from the evidence: antd in oui / alife-dt wrappers, rows from getRtVisitor.json ---

describe('sycm-visitors on the antd fixture (rows loaded from its own getRtVisitor.json)', () => {
  let ds: VisitorsDataset;
  let antdTruth: VisitorsAntdTruth;
  const shopId = shopIdOf(ANTD_VARIANT);
  beforeAll(() => {
    ds = datasetOf(ANTD_VARIANT);
    antdTruth = visitorsTruth(ds, shopId);
  });
  /** The page's JSON for a page, exactly as the e2e route and the demo serve it. */
  const bodyOf = (page: number, limit = ds.page.pageSize): unknown => {
    const res = visitorsApi(ds.page, { url: new URL(rtVisitorUrl('https://sycm.taobao.com', ds.page.token, page, limit, 0)), method: 'GET', body: null });
    return JSON.parse(res!.body as string);
  };
  const load: VisitorLoader = async (page, limit) => bodyOf(page, limit);
  /** Lets the loader's promise resolve and React draw the rows. */
  const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));
  const showAntd = async (page = 1) => {
    await renderApp(<VisitorAntdPage data={ds.page} load={load} initialPage={page} />);
    await settle();
  };

  test('the dataset spans several pages, with new and old visitors, search words, 店铺首页 and not-logged-in rows', () => {
    expect(antdTruth.pageCount).toBeGreaterThanOrEqual(3);
    expect(antdTruth.totalRejected).toBeGreaterThan(0);
    expect(new Set(ds.page.rows.map((r) => r.oldVisitor)).size).toBe(2);
    expect(ds.page.rows.some((r) => r.preSeKeyword)).toBe(true);
    expect(ds.page.rows.some((r) => r.detailUrl === ANTD_VARIANT.shopHome && r.oid)).toBe(true);
    expect(antdTruth.totalCustomers).toBeLessThan(antdTruth.totalContacts); // visitors come back
  });

  test('the DOM is the evidenced markup: antd fixed header inside oui-card / alife-dt wrappers', async () => {
    await showAntd(1);
    expect(document.querySelector('.oui-card .oui-card-header-wrapper .oui-card-title')?.textContent).toBe('访客');
    expect(document.querySelector('.oui-card-content > .contentContainer .ant-table-header')).not.toBeNull();
    expect(document.querySelector('.oui-card-content > .contentContainer .ant-table-body')).not.toBeNull();
    expect(document.querySelector('.alife-dt-card-common-table-pagination-container .ant-pagination .ant-pagination-item-2')).not.toBeNull();
    expect(document.querySelector('.alife-dt-card-common-table-page-size-wrapper .oui-page-size-select .ant-select-selection')).not.toBeNull();
    expect(document.querySelector('.ebase-ModernFrame__leftMenu')).not.toBeNull();
    expect(document.querySelector('.next-table')).toBeNull();
  });

  test('every page reads exactly the truth: shop, contacts (page = item link), customers (visitor id as shown), rejects', async () => {
    for (const p of antdTruth.pages) {
      await showAntd(p.page);
      const r = readSycmVisitors(document, ANTD_URL, ANTD_VARIANT.capturedAt);
      expect(r.problem).toBeNull();
      expect(r.shop).toEqual(antdTruth.shop);
      expect(r.headers).toEqual(['访客', '访问时间', '入店来源', '被访页面', '访客位置']);
      expect(r.contacts).toEqual(p.contacts);
      expect(r.customers).toEqual(p.customers);
      expect(r.rejected).toEqual(p.rejected);
      expect(r.rawRows).toHaveLength(p.contacts.length + p.rejected.length);
      for (const c of r.contacts) expect(parseWith(Contact, c).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
  });

  test('the 新访客/老访客 tag and the 搜索词 line stay in the raw row, out of the visitor and the source', async () => {
    await showAntd(1);
    const r = readSycmVisitors(document, ANTD_URL, ANTD_VARIANT.capturedAt);
    const rows = ds.page.rows.slice(0, ds.page.pageSize);
    rows.forEach((row, i) => {
      if (row.oid) expect(r.rawRows[i]![0]).toBe(`${row.oid} ${row.oldVisitor ? '老访客' : '新访客'}`);
      if (row.preSeKeyword) expect(r.rawRows[i]![2]).toBe(`${row.srcGrpName} 搜索词：${row.preSeKeyword}`);
    });
    expect(rows.some((row) => row.preSeKeyword)).toBe(true);
  });

  test('clicking antd\u2019s page 2 loads it through the loader and the adapter reads it', async () => {
    await showAntd(1);
    await clickIn(document.querySelector('.ant-pagination .ant-pagination-item-2'));
    await settle();
    expect(document.querySelector('.ant-pagination-item-active')?.textContent).toBe('2');
    expect(readSycmVisitors(document, ANTD_URL, ANTD_VARIANT.capturedAt).contacts).toEqual(antdTruth.pages[1]!.contacts);
  });

  test('pickAdapter: the console URL → sycm-visitors; findTable gives the antd root', async () => {
    await showAntd(1);
    expect(pickAdapter(ANTD_URL, document)?.id).toBe('sycm-visitors');
    expect(sycmVisitors.findTable(document)?.classList.contains('ant-table')).toBe(true);
  });

  test('the getRtVisitor.json mapper gives every page\u2019s truth (the same records as the DOM)', () => {
    const ep = sycmVisitors.endpoints.find((e) => e.id === 'sycm-getRtVisitor')!;
    const ctx = { pageUrl: ANTD_URL, capturedAt: ANTD_VARIANT.capturedAt, shop: antdTruth.shop };
    for (const p of antdTruth.pages) {
      const url = rtVisitorUrl('https://sycm.taobao.com', ds.page.token, p.page, ds.page.pageSize, 1);
      const text = JSON.stringify(bodyOf(p.page));
      const r = ep.map(JSON.parse(text), { url, method: 'GET', status: 200, text }, ctx);
      if ('ignored' in r) throw new Error(r.ignored);
      expect(r.problem).toBeNull();
      expect(r.contacts).toEqual(p.contacts);
      expect(r.customers).toEqual(p.customers);
      expect(r.rejected).toEqual(p.rejected);
      expect(r.shop).toEqual(antdTruth.shop);
    }
    expect(ep.host).toBe('sycm.taobao.com');
    expect(ep.path.test(new URL(rtVisitorUrl('https://sycm.taobao.com', 't', 1, 20, 1)).pathname)).toBe(true);
  });
});

describe('getRtVisitor.json bodies that are ignored or cannot be read', () => {
  const shop = { shopId: derivedShopId('taobao', '测试店'), platform: 'taobao' as const, name: '测试店' };
  const map = (json: unknown, s: typeof shop | null = shop) =>
    sycmVisitors.endpoints[0]!.map(json, { url: 'https://sycm.taobao.com/ipoll/live/visitor/getRtVisitor.json?page=1', method: 'GET', status: 200, text: '' }, { pageUrl: CONSOLE_URL, capturedAt, shop: s });
  const row = { oid: 'ab12cd34ef56ab78', oldVisitor: true, visitTime: '2026-11-20 10:00:00', srcGrpName: '手淘搜索', preSeKeyword: '枕头', detailUrl: 'https://item.taobao.com/item.htm?id=1', cityName: '北京市' };

  test('logged out (10008), no permission (10013), another error, encrypted data, non-JSON, no rows: ignored with the reason', () => {
    expect(map({ code: 10008, message: '未登录' })).toEqual({ ignored: LOGGED_OUT_REASON });
    expect(map({ code: 10013, message: '类目无权限' })).toEqual({ ignored: NO_PERMISSION_REASON });
    expect(map({ code: 5001, message: '系统繁忙' })).toEqual({ ignored: '生意参谋返回错误 5001：系统繁忙 (error code 5001)' });
    expect(map({ code: 0, data: 'a3f09c5e1d2b4c6e8f0a1b2c3d4e5f60' })).toEqual({ ignored: ENCRYPTED_REASON });
    expect(ENCRYPTED_REASON).toMatch(/^已加密的数据（生意参谋 市场）/);
    expect(map('<html>登录</html>')).toEqual({ ignored: NOT_JSON_REASON });
    expect(map(null)).toEqual({ ignored: NOT_JSON_REASON });
    expect(map({ code: 0, data: { total: 3 } })).toEqual({ ignored: '不是访客列表数据 (no visitor rows in getRtVisitor.json)' });
  });

  test('rows: the visitor id as shown, the exact link, the region; a "-" / empty oid rejected with SPEC §2\u2019s reason; a bad time rejected', () => {
    const r = map({ code: 0, data: { data: [row, { ...row, oid: '' }, { ...row, oid: '-' }, { ...row, visitTime: '昨天下午' }], total: 4 } });
    if ('ignored' in r) throw new Error(r.ignored);
    const key = `taobao:${shop.shopId}:nick:ab12cd34ef56ab78`;
    expect(r.contacts).toEqual([{ shopId: shop.shopId, customerKey: key, at: '2026-11-20T10:00:00+08:00', kind: 'visit', source: '手淘搜索', page: 'https://item.taobao.com/item.htm?id=1', province: '北京市', city: '北京市' }]);
    expect(r.customers).toEqual([{ customerKey: key, shopId: shop.shopId, nickname: 'ab12cd34ef56ab78' }]);
    expect(r.rejected).toEqual([
      { row: 1, reason: NO_VISITOR_REASON },
      { row: 2, reason: NO_VISITOR_REASON },
      { row: 3, reason: '访问时间: unreadable time "昨天下午"' },
    ]);
    expect(r.rawRows[0]).toEqual(['ab12cd34ef56ab78 老访客', '2026-11-20 10:00:00', '手淘搜索 搜索词：枕头', 'https://item.taobao.com/item.htm?id=1', '北京市']);
  });

  test('data as the bare row array is read too; with no shop known the rows are kept and rejected, with the problem', () => {
    const bare = map({ code: 0, data: [row] });
    if ('ignored' in bare) throw new Error(bare.ignored);
    expect(bare.contacts).toHaveLength(1);
    const noShop = map({ code: 0, data: { data: [row] } }, null);
    if ('ignored' in noShop) throw new Error(noShop.ignored);
    expect(noShop.problem).toMatch(/no shop name or 店铺ID/);
    expect(noShop.needsShop).toBe(true); // the overlay asks the merchant (shop-prompt)
    expect(noShop.contacts).toEqual([]);
    expect(noShop.rejected).toEqual([{ row: 0, reason: 'no shop identity on the page' }]);
  });
});
