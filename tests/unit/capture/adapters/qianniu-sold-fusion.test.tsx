// @vitest-environment happy-dom
/**
 * 千牛 已卖出的宝贝 as the evidence shows it (Fusion Next list mode: one <table> per order inside
 * .next-table-body, a checkbox in each order header row, rowSpan per-order cells, hidden nicks),
 * read two ways to the same truth: the DOM adapter on the fixture app (client-rendered into
 * happy-dom from an in-memory loader), and the asyncSold.htm mapper on the fixture server's GBK
 * bytes. Expected records come from the generator through the truth builder, never from the adapter.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { adaptersForUrl, pickAdapter } from '@/lib/capture/adapters';
import { ASYNC_SOLD, itemIdOfLink, mapAsyncSold, qianniuSold, readQianniuSold } from '@/lib/capture/adapters/qianniu-sold';
import { leadingDateTime } from '@/lib/capture/normalize';
import { decodeBody, parseJsonBody } from '@/lib/capture/observe/decode';
import type { AdapterResult, ObserveContext, ObservedResponse } from '@/lib/capture/types';
import { Customer, Order, parseWith } from '@/lib/model';
import { SoldFusionPage } from '../../../fixtures/pages/qianniu-sold-fusion/App';
import { soldApi, soldResponse } from '../../../fixtures/pages/qianniu-sold-fusion/api';
import { generateVariant, pageData, shopIdOf, type PageData } from '../../../fixtures/pages/qianniu-sold-fusion/data';
import { captureTruth, type CaptureTruth } from '../../../fixtures/pages/qianniu-sold-fusion/truth';
import { CONSOLE_URL, E2E_VARIANT, EMPTY_TEXT, QN_URL, SOLD_ENDPOINT, soldQueryBody, type SoldQueryResponse } from '../../../fixtures/pages/qianniu-sold-fusion/view';
import { encodeGbk, gbkJson } from '../../../fixtures/pages/shared/gbk';
import { clickIn, renderApp, settle, unmountApp } from '../render-taobao';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT));
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

/** Renders the page at `page` with rows from memory (the built page fetches the same JSON). */
async function show(page = 1, load = async (n: number) => soldResponse(data, n)) {
  await renderApp(<SoldFusionPage shopName={data.shop.name} load={load} initialPage={page} />);
  await settle();
}
const read = (url = CONSOLE_URL) => readQianniuSold(document, url, capturedAt);

/** What the fixture server sends for a page, as the tap hands it over: GBK bytes decoded, then JSON. */
function observed(pageNum: number): { json: unknown; res: ObservedResponse } {
  const answer = soldApi(data, { url: new URL(SOLD_ENDPOINT), method: 'POST', body: soldQueryBody(pageNum) });
  if (!answer || typeof answer.body === 'string') throw new Error('no GBK answer');
  const text = decodeBody(answer.body);
  const parsed = parseJsonBody(text);
  if (!parsed) throw new Error('not JSON');
  return { json: parsed.json, res: { url: SOLD_ENDPOINT, method: 'POST', status: 200, text, requestBody: soldQueryBody(pageNum) } };
}
const ctxWith = (shop: ObserveContext['shop']): ObserveContext => ({ pageUrl: CONSOLE_URL, capturedAt, shop });
const mapped = (json: unknown, res: ObservedResponse, ctx: ObserveContext): AdapterResult => {
  const r = mapAsyncSold(json, res, ctx);
  if ('ignored' in r) throw new Error(`ignored: ${r.ignored}`);
  return r;
};

describe('the 千牛 Fusion fixture and its truth', () => {
  test('several pages of 15, multi-item orders, several statuses, freight, hidden nicks shared by orders', () => {
    const all = truth.pages.flatMap((p) => p.orders);
    expect(truth.pageSize).toBe(15);
    expect(truth.pageCount).toBeGreaterThanOrEqual(3);
    expect(all.some((o) => (o.items?.length ?? 0) > 1)).toBe(true);
    expect(new Set(all.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
    expect(data.orders.some((o) => o.freightFen > 0)).toBe(true);
    expect(all.every((o) => /^taobao:[^:]+:nick:.+\*\*$/.test(o.customerKey))).toBe(true);
    expect(truth.totalCustomers).toBeLessThan(truth.totalOrders);
  });
});

describe('DOM: qianniu-sold on the Fusion list (one table per order)', () => {
  test('the page is Fusion list mode: one <table> per order in .next-table-body, checkbox in each header row, picture td>div>div>a>img', async () => {
    await show(1);
    const body = document.querySelector('div.next-table.next-table-medium > .next-table-inner > div.next-table-body, div.next-table.next-table-medium div.next-table-body');
    expect(body).not.toBeNull();
    const tables = body!.querySelectorAll(':scope > table');
    expect(tables).toHaveLength(truth.pages[0]!.orders.length);
    const first = tables[0]!.querySelectorAll(':scope > tbody > tr');
    expect(first[0]!.querySelector('input[type=checkbox]')).not.toBeNull();
    expect(first[0]!.textContent).toContain(`订单号：${truth.pages[0]!.orders[0]!.orderId}`);
    expect(first[1]!.querySelectorAll('td>div>div>a>img').length).toBe(1);
    expect(document.querySelectorAll('button.next-pagination-item').length).toBeGreaterThanOrEqual(truth.pageCount);
  });

  test('every page reads exactly the truth: shop, orders (item ids from the links), customers, no rejects', async () => {
    for (const p of truth.pages) {
      await show(p.page);
      const r = read();
      expect(r.problem).toBeNull();
      expect(r.rejected).toEqual([]);
      expect(r.shop).toEqual(truth.shop);
      expect(r.headers.filter(Boolean)).toEqual(['宝贝', '单价', '数量', '售后/履约', '买家', '交易状态', '实收款', '评价']);
      expect(r.orders).toEqual(p.orders);
      expect(r.customers).toEqual(p.customers);
      for (const o of r.orders) expect(parseWith(Order, o).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
  });

  test('Fusion 下一页 (a <button>) loads page 2 through the loader and the adapter reads it', async () => {
    const asked: number[] = [];
    await show(1, async (n) => (asked.push(n), soldResponse(data, n)));
    await clickIn(document.querySelector('.next-pagination .next-next'));
    await settle();
    expect(asked).toEqual([1, 2]);
    expect(document.querySelector('button.next-pagination-item.next-current')?.textContent).toBe('2');
    expect(read().orders).toEqual(truth.pages[1]!.orders);
  });

  test('URL rules: myseller and qn hosts pick qianniu-sold; findTable gives the Fusion root', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('qianniu-sold');
    expect(pickAdapter(QN_URL, document)?.id).toBe('qianniu-sold');
    expect(adaptersForUrl(QN_URL)[0]?.adapter.id).toBe('qianniu-sold');
    expect(adaptersForUrl(`${QN_URL}?tab=wait_send`)[0]?.pathMatches).toBe(true);
    expect(qianniuSold.findTable(document)?.classList.contains('next-table')).toBe(true);
    expect(qianniuSold.endpoints?.map((e) => e.id)).toEqual(['qianniu-asyncsold']);
  });

  test('the empty list shows 没有符合条件的宝贝 and reads no orders and no rejects', async () => {
    await show(1, async () => ({ mainOrders: [], page: { currentPage: 1, pageSize: 15, totalNumber: 0, totalPage: 0, prefetchCount: 0 } }));
    expect(document.body.textContent).toContain(EMPTY_TEXT);
    const r = read();
    expect(r.orders).toEqual([]);
    expect(r.rejected).toEqual([]);
  });

  test('item ids come from item links only (a trade snapshot link has none)', () => {
    expect(itemIdOfLink('//item.taobao.com/item.htm?id=680000418964')).toBe('680000418964');
    expect(itemIdOfLink('https://detail.tmall.com/item.htm?spm=a1z&id=680000418964&skuId=1')).toBe('680000418964');
    expect(itemIdOfLink('https://buyertrade.taobao.com/trade/detail/tradeSnap.htm?tradeID=6907752117835600362')).toBeUndefined();
    expect(itemIdOfLink(null)).toBeUndefined();
  });

  test('a date-time followed by words reads as the date-time (创建时间：… 号码保护订单)', () => {
    expect(leadingDateTime('2026-11-12 18:11:28 号码保护订单')).toBe('2026-11-12 18:11:28');
    expect(leadingDateTime('2026/11/12')).toBe('2026/11/12');
    expect(leadingDateTime('今天 12:00')).toBe('今天 12:00');
    expect(leadingDateTime('2026-11-12 18:11:28x')).toBe('2026-11-12 18:11:28x');
  });
});

describe('JSON: asyncSold.htm (GBK bytes) mapped to the same truth', () => {
  test('the server answers GBK bytes that are not UTF-8; UTF-8-else-GBK decoding gives the JSON back', () => {
    expect(Array.from(encodeGbk('星河'))).toEqual([0xd0, 0xc7, 0xba, 0xd3]);
    const answer = soldApi(data, { url: new URL(SOLD_ENDPOINT), method: 'POST', body: soldQueryBody(2) })!;
    expect(answer.contentType).toBe('application/json;charset=GBK');
    const bytes = answer.body as Uint8Array;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(JSON.parse(new TextDecoder('gbk').decode(bytes))).toEqual(soldResponse(data, 2));
    expect(JSON.parse(decodeBody(bytes))).toEqual(soldResponse(data, 2));
    // A character GBK lacks (an emoji nick) travels as a JSON escape.
    expect(new TextDecoder('gbk').decode(gbkJson({ nick: '🍓**' }))).toBe('{"nick":"\\ud83c\\udf53**"}');
    expect(JSON.parse(new TextDecoder('gbk').decode(gbkJson({ nick: '🍓**' })))).toEqual({ nick: '🍓**' });
  });

  test('the fixture server answers only the POST to asyncSold.htm, for the page the form asks', () => {
    expect(soldApi(data, { url: new URL(SOLD_ENDPOINT), method: 'GET', body: null })).toBeNull();
    expect(soldApi(data, { url: new URL('https://trade.taobao.com/trade/itemlist/list_sold_items.htm'), method: 'POST', body: soldQueryBody(1) })).toBeNull();
    const three = soldApi(data, { url: new URL(SOLD_ENDPOINT), method: 'POST', body: soldQueryBody(3) })!;
    const json = JSON.parse(decodeBody(three.body as Uint8Array)) as SoldQueryResponse;
    expect(json.mainOrders.map((m) => m.id)).toEqual(truth.pages[2]!.orders.map((o) => o.orderId));
    expect(json.page).toMatchObject({ pageSize: 15, totalNumber: truth.totalOrders, totalPage: truth.pageCount });
    // Cross-site from 千牛: the page's origin echoed with credentials allowed; no Origin, no CORS headers.
    const fromQn = soldApi(data, { url: new URL(SOLD_ENDPOINT), method: 'POST', body: soldQueryBody(1), origin: 'https://qn.taobao.com' })!;
    expect(fromQn.headers).toEqual({ 'access-control-allow-origin': 'https://qn.taobao.com', 'access-control-allow-credentials': 'true', vary: 'Origin' });
    expect(three.headers).toBeUndefined();
  });

  test('every page maps exactly to the truth, with the page\u2019s shop', () => {
    for (const p of truth.pages) {
      const { json, res } = observed(p.page);
      const r = mapped(json, res, ctxWith(truth.shop));
      expect(r.adapter).toBe('qianniu-sold');
      expect(r.rejected).toEqual([]);
      expect(r.problem).toBeNull();
      expect(r.shop).toEqual(truth.shop);
      expect(r.orders).toEqual(p.orders);
      expect(r.customers).toEqual(p.customers);
      expect(r.rawRows).toHaveLength(p.orders.length);
      expect(r.rowOf.orders).toEqual(p.orders.map((_, i) => i));
    }
  });

  test('no shop known from the page: the shop comes from seller.shopName', () => {
    const { json, res } = observed(1);
    const r = mapped(json, res, ctxWith(null));
    expect(r.shop).toEqual(truth.shop);
    expect(r.shopSource).toBe('observed');
    expect(r.orders).toEqual(truth.pages[0]!.orders);
  });

  test('no shop anywhere: a problem, every order kept as a rejected raw row', () => {
    const { json, res } = observed(1);
    const body = json as SoldQueryResponse;
    for (const m of body.mainOrders) m.seller.shopName = '';
    const r = mapped(body, res, ctxWith(null));
    expect(r.problem).toMatch(/店铺信息无法识别/);
    expect(r.needsShop).toBe(true);
    expect(r.orders).toEqual([]);
    expect(r.rejected).toHaveLength(truth.pages[0]!.orders.length);
  });

  test('an unreadable order is rejected with its reason; the others map', () => {
    const { json, res } = observed(1);
    const body = json as SoldQueryResponse;
    body.mainOrders[1]!.payInfo.actualFee = '12.3.4';
    const r = mapped(body, res, ctxWith(truth.shop));
    expect(r.rejected).toEqual([{ row: 1, reason: '实收款: unreadable amount "12.3.4"' }]);
    const expected = truth.pages[0]!.orders.filter((_, i) => i !== 1);
    expect(r.orders).toEqual(expected);
  });

  test('logged-out, risk, other-action and other-shape answers are ignored with a reason', () => {
    const res: ObservedResponse = { url: SOLD_ENDPOINT, method: 'POST', status: 200, text: '', requestBody: soldQueryBody(1) };
    const ctx = ctxWith(truth.shop);
    // A login page instead of JSON: the tap finds no JSON in it (and the mapper ignores text too).
    const login = '<!DOCTYPE html><html><head><title>淘宝网 - 登录</title></head><body><form action="https://login.taobao.com/member/login.jhtml"></form></body></html>';
    expect(parseJsonBody(login)).toBeNull();
    expect(mapAsyncSold(login, { ...res, text: login }, ctx)).toEqual({ ignored: expect.stringMatching(/not the sold-list JSON/) });
    expect(mapAsyncSold({ rgv587_flag: 'sm', url: 'https://login.taobao.com/member/login.jhtml?redirectURL=x' }, res, ctx)).toEqual({ ignored: expect.stringMatching(/logged out or a risk check/) });
    expect(mapAsyncSold({ url: '//sec.taobao.com/query.htm?action=QueryAction&event_submit_do_login=ok&smApp=trade&smPolicy=punish' }, res, ctx)).toEqual({ ignored: expect.stringMatching(/risk check/) });
    expect(mapAsyncSold({ error: '未登录' }, res, ctx)).toEqual({ ignored: expect.stringMatching(/logged out/) });
    expect(mapAsyncSold({ tabs: [] }, res, ctx)).toEqual({ ignored: expect.stringMatching(/no mainOrders/) });
    expect(mapAsyncSold(observed(1).json, { ...res, requestBody: 'action=itemlist/ExportAction&pageNum=1' }, ctx)).toEqual({ ignored: expect.stringMatching(/another action/) });
  });

  test('the endpoint matches the page\u2019s POST URL, not the legacy list page', () => {
    const u = new URL(SOLD_ENDPOINT);
    expect(ASYNC_SOLD.host).toBe(u.hostname);
    expect(ASYNC_SOLD.path.test(u.pathname)).toBe(true);
    expect(ASYNC_SOLD.path.test('/trade/itemlist/list_sold_items.htm')).toBe(false);
  });
});
