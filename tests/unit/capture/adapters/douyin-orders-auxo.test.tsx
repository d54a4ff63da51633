// @vitest-environment happy-dom
/**
 * The 抖店 订单管理 adapter against the evidence-built fixture (antd 5 under `auxo` and under
 * `ecom-g`, tree rows, hashed CSS-module classes, rows over the page's own searchlist endpoint),
 * read from the DOM and mapped from the JSON the page received. Both must give the truth, which the
 * truth builder derives from the generator's records (never from the adapter or the JSON).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { blocksOf, douyinOrders, mapSearchList, readDouyinOrders, readHeaderLine } from '@/lib/capture/adapters/douyin-orders';
import type { TableRow } from '@/lib/capture/table';
import { pickAdapter } from '@/lib/capture/adapters';
import { findPager } from '@/lib/capture/pager';
import type { AdapterResult, ObserveContext, ObservedResponse } from '@/lib/capture/types';
import { Customer, Order, parseWith } from '@/lib/model';
import { auxoTruth, type AuxoTruth } from '../../../fixtures/pages/douyin-orders-auxo/truth';
import { auxoApi, auxoPageData, AUXO_VARIANT, CONSOLE_URL, ECOMG_VARIANT, type AuxoPageData, type AuxoVariant } from '../../../fixtures/pages/douyin-orders-auxo/view';
import { clickIn } from '../render-taobao';
import { memoryLoader, renderDouyinAuxo, settle, unmount } from '../render-fixture';

afterEach(() => unmount());

const cases: [string, AuxoVariant][] = [
  ['auxo', AUXO_VARIANT],
  ['ecom-g', ECOMG_VARIANT],
];
const made = new Map<string, { data: AuxoPageData; truth: AuxoTruth }>();
const of = (v: AuxoVariant) => {
  if (!made.has(v.name)) made.set(v.name, { data: auxoPageData(v), truth: auxoTruth(v) });
  return made.get(v.name)!;
};

/** The searchlist body the page's server answers for a 0-based page (what the tap would copy). */
function body(data: AuxoPageData, query: string): string {
  const answer = auxoApi(data, { url: new URL(`https://fxg.jinritemai.com/api/order/searchlist?${query}`), method: 'GET', body: null });
  if (!answer || typeof answer.body !== 'string') throw new Error('no answer');
  return answer.body;
}
const res = (text: string): ObservedResponse => ({ url: 'https://fxg.jinritemai.com/api/order/searchlist?page=0', method: 'GET', status: 200, text });
const ctxOf = (truth: AuxoTruth, capturedAt: string): ObserveContext => ({ pageUrl: CONSOLE_URL, capturedAt, shop: truth.shop });
const mapped = (x: AdapterResult | { ignored: string }): AdapterResult => {
  if ('ignored' in x) throw new Error(`ignored: ${x.ignored}`);
  return x;
};

describe.each(cases)('the %s fixture', (prefix, v) => {
  test('the dataset spans several pages with multi-item, refunded and closed orders', () => {
    const { data, truth } = of(v);
    expect(truth.pageCount).toBeGreaterThanOrEqual(3);
    expect(truth.totalOrders).toBe(data.orders.length);
    expect(truth.orders.some((o) => (o.items?.length ?? 0) > 1)).toBe(true);
    expect(new Set(truth.orders.map((o) => o.status))).toEqual(new Set(['paid', 'shipped', 'completed', 'refunded', 'closed']));
    expect(truth.shop.shopId).toMatch(/^name-[0-9a-f]{8}$/);
  });

  test('every page read from the DOM equals the truth; the pager is walked by its own 下一页', async () => {
    const { data, truth } = of(v);
    await renderDouyinAuxo(data);
    expect(document.querySelector(`.${prefix}-table-row-level-0`)).not.toBeNull();
    expect(document.querySelector(`.${prefix}-pair-group-row-last`)).not.toBeNull();
    expect(document.querySelector(`.${prefix}-pagination-total-text`)?.textContent).toBe(`共 ${truth.totalOrders} 条`);
    for (const p of truth.pages) {
      if (p.page > 1) {
        await clickIn(document.querySelector('li[title="下一页"]'));
        await settle();
      }
      expect(document.querySelector(`.${prefix}-pagination-item-active`)?.textContent).toBe(String(p.page));
      const r = readDouyinOrders(document, CONSOLE_URL, v.capturedAt);
      expect(r.problem).toBeNull();
      expect(r.rejected).toEqual([]);
      expect(r.shop).toEqual(truth.shop);
      expect(r.headers).toEqual(['商品', '单价/数量', '售后', '实付金额', '收件信息', '订单状态', '操作']);
      expect(r.orders).toEqual(p.orders);
      expect(r.customers).toEqual(p.customers);
      for (const o of r.orders) expect(parseWith(Order, o).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
      // Each order is recorded at its header row, which shows its id.
      r.rowOf.orders.forEach((row, k) => expect(r.rawRows[row]![0]).toContain(r.orders[k]!.orderId));
    }
  });

  test('each searchlist body the page received maps to the same records as its DOM', async () => {
    const { data, truth } = of(v);
    const bodies: string[] = [];
    await renderDouyinAuxo(data, memoryLoader(data, bodies));
    for (const p of truth.pages) {
      if (p.page > 1) {
        await clickIn(document.querySelector('li[title="下一页"]'));
        await settle();
      }
      const fromDom = readDouyinOrders(document, CONSOLE_URL, v.capturedAt);
      const text = bodies[bodies.length - 1]!;
      const fromJson = mapped(douyinOrders.endpoints![0]!.map(JSON.parse(text), res(text), ctxOf(truth, v.capturedAt)));
      expect(fromJson.rejected).toEqual([]);
      expect(fromJson.orders).toEqual(p.orders);
      expect(fromJson.customers).toEqual(p.customers);
      expect(fromJson.orders).toEqual(fromDom.orders);
      expect(fromJson.rowOf.orders).toEqual(p.orders.map((_, i) => i));
      expect(fromJson.rawRows.map((r) => r[0])).toEqual(p.orders.map((o) => o.orderId));
    }
    expect(bodies).toHaveLength(truth.pageCount);
  });

  test('a 50 条/页 body (the size changer\u2019s largest) maps the whole shop at once', () => {
    const { data, truth } = of(v);
    expect(truth.totalOrders).toBeLessThanOrEqual(50);
    const all = mapped(mapSearchList(JSON.parse(body(data, 'page=0&pageSize=50')), null, ctxOf(truth, v.capturedAt)));
    expect(all.orders).toEqual(truth.orders);
    expect(all.customers).toEqual(truth.customers);
  });

  test('nothing depends on class names: with every class attribute but headerShopName stripped, the same records', async () => {
    const { data, truth } = of(v);
    await renderDouyinAuxo(data);
    for (const el of Array.from(document.querySelectorAll('[class]'))) if (!el.classList.contains('headerShopName')) el.removeAttribute('class');
    const r = readDouyinOrders(document, CONSOLE_URL, v.capturedAt);
    expect(r.rejected).toEqual([]);
    expect(r.orders).toEqual(truth.pages[0]!.orders);
  });

  test('the pager walker finds the antd pager under this prefix and walks it to the last page', async () => {
    const { data, truth } = of(v);
    await renderDouyinAuxo(data);
    const pager = findPager(douyinOrders.findTable(document)!);
    expect(pager?.library).toBe(`antd:${prefix}`);
    expect([pager!.current(), pager!.total()]).toEqual([1, truth.pageCount]);
    for (let p = 2; p <= truth.pageCount; p++) {
      await clickIn(pager!.next());
      await settle();
      expect(pager!.current()).toBe(p);
    }
    expect(pager!.next()).toBeNull();
  });

  test('pickAdapter chooses douyin-orders by URL and confirms it by the headers', async () => {
    const { data } = of(v);
    await renderDouyinAuxo(data);
    expect(pickAdapter(`${CONSOLE_URL}?tab=all`, document)?.id).toBe('douyin-orders');
    expect(douyinOrders.findTable(document)).not.toBeNull();
  });
});

test('an order paying freight (在线支付¥… (含运费¥…)) is among the fixtures', () => {
  expect(cases.some(([, v]) => of(v).data.orders.some((o) => o.post_amount > 0))).toBe(true);
});

describe('order blocks and header lines, however a reader lays the rows', () => {
  const el = {} as Element;
  const row = (cells: string[], extra: Partial<TableRow> = {}): TableRow => ({ cells, cellEls: cells.map(() => null), el, ...extra });
  test('the closing 商家备注 / 买家留言 row belongs to its order, whether flagged, full-width or a plain row', () => {
    const rows = [
      row(['订单编号 1下单时间 2026/11/20 10:00:00', '', ''], { groupHeader: true }),
      row(['商品A', '¥1.00 x 1', '待发货']),
      row(['商家备注 - 买家留言 -', '', ''], { groupHeader: true }),
      row(['订单编号 2下单时间 2026/11/20 09:00:00', '', ''], { groupHeader: true }),
      row(['商品B', '¥2.00 x 1', '已发货']),
      row(['商家备注 - 买家留言 快点', '', '']),
      row(['订单编号 3下单时间 2026/11/20 08:00:00', '', ''], { groupHeader: true }),
      row(['商品C', '¥3.00 x 1', '已完成']),
      { ...row(['商家备注 已联系 买家留言 -', '', '']), remark: true } as TableRow,
    ];
    expect(blocksOf(rows)).toEqual({
      blocks: [
        { header: 0, items: [1], remarks: [2] },
        { header: 3, items: [4], remarks: [5] },
        { header: 6, items: [7], remarks: [8] },
      ],
      orphans: [],
    });
  });

  test('header lines with or without colons, spans run together', () => {
    expect(readHeaderLine('订单编号\u00a06919000000000000001下单时间\u00a02024/05/12 21:58:20')).toEqual({ orderId: '6919000000000000001', placedAt: '2024/05/12 21:58:20' });
    expect(readHeaderLine('订单编号：6919 下单时间：2026-11-20 13:45:12 买家：小 鹿 渠道：直播')).toEqual({ orderId: '6919', placedAt: '2026-11-20 13:45:12', nickname: '小 鹿', channel: '直播' });
  });
});

describe('observed searchlist bodies that are not orders are ignored with a reason', () => {
  const { data, truth } = of(AUXO_VARIANT);
  const ctx = ctxOf(truth, AUXO_VARIANT.capturedAt);
  const map = douyinOrders.endpoints![0]!.map;

  test('the endpoint is the console’s searchlist path on fxg.jinritemai.com', () => {
    const e = douyinOrders.endpoints![0]!;
    expect([e.id, e.host]).toEqual(['douyin-searchlist', 'fxg.jinritemai.com']);
    expect(e.path.test('/api/order/searchlist')).toBe(true);
    expect(e.path.test('/api/order/searchlistx')).toBe(false);
    expect(e.path.test('/api/order/tabcnt')).toBe(false);
  });

  test('logged out (code 10008, 未登录) as the page’s server answers it', () => {
    const text = body(data, 'page=0&pageSize=10&logged_out=1');
    expect(map(JSON.parse(text), res(text), ctx)).toEqual({ ignored: '未登录 (logged out: code 10008)' });
    expect(map({ st: 10008 }, res(''), ctx)).toEqual({ ignored: '未登录 (logged out: code 10008)' });
    expect(map({ code: 4, msg: '登录态失效，用户未登录' }, res(''), ctx)).toEqual({ ignored: '未登录 (logged out: code 10008)' });
  });

  test('other shapes', () => {
    expect(map([1, 2], res(''), ctx)).toEqual({ ignored: '不是订单列表数据 (not a searchlist answer: the body is not a JSON object)' });
    expect(map({ data: [] }, res(''), ctx)).toEqual({ ignored: '不是订单列表数据 (not a searchlist answer: no numeric code)' });
    expect(map({ code: 1, msg: '签名校验失败' }, res(''), ctx)).toEqual({ ignored: '接口返回错误 (searchlist answered code 1: 签名校验失败)' });
    expect(map({ code: 0, msg: '', data: { list: [] } }, res(''), ctx)).toEqual({ ignored: '不是订单列表数据 (not a searchlist answer: data is not a list of orders)' });
  });

  test('orders that cannot be mapped are rejected with the reason; the others map exactly', () => {
    const json = JSON.parse(body(data, 'page=0&pageSize=10')) as { data: Record<string, unknown>[] };
    json.data[1]!.pay_amount = '99.00';
    json.data[2]!.shop_order_id = 6907772069564500140; // eslint-disable-line @typescript-eslint/no-loss-of-precision
    json.data[3]!.create_time = Number(json.data[3]!.create_time) * 1000;
    (json.data[4]!.order_status_info as { order_status_text: string }).order_status_text = '神秘状态';
    json.data[4]!.order_status = 99;
    const r = mapped(map(json, res(''), ctx));
    expect(r.rejected).toEqual([
      { row: 1, reason: 'pay_amount (实付金额): not a whole number of cents ("99.00")' },
      { row: 2, reason: 'shop_order_id (订单编号) 6907772069564500000 is a JSON number beyond 2^53 (digits lost)' },
      { row: 3, reason: `create_time (下单时间) ${Number(json.data[3]!.create_time)} looks like milliseconds, not seconds` },
      { row: 4, reason: 'unknown 订单状态 "神秘状态" (order_status 99)' },
    ]);
    const expected = truth.pages[0]!.orders.filter((_, i) => i === 0 || i > 4);
    expect(r.orders).toEqual(expected);
    expect(r.rowOf.orders).toEqual([0, ...expected.slice(1).map((_, i) => i + 5)]);
  });

  test('a status code without its text still maps (text first, code as the fallback)', () => {
    const json = JSON.parse(body(data, 'page=0&pageSize=10')) as { data: Record<string, unknown>[] };
    const first = truth.pages[0]!.orders[0]!;
    json.data[0]!.order_status_info = {};
    expect(mapped(map(json, res(''), ctx)).orders[0]).toEqual(first);
  });

  test('no shop known yet: nothing mapped, every order kept as a rejected raw row with the reason', () => {
    const text = body(data, 'page=0&pageSize=10');
    const r = mapped(map(JSON.parse(text), res(text), { ...ctx, shop: null }));
    expect(r.orders).toEqual([]);
    expect(r.problem).toMatch(/店铺信息无法识别/);
    expect(r.rejected).toHaveLength(truth.pages[0]!.orders.length);
  });
});

describe('the logged-out page', () => {
  test('shows the console’s message, and the adapter reports no order table instead of 0 rows', async () => {
    const { data } = of(AUXO_VARIANT);
    await renderDouyinAuxo(data, async () => ({ code: 10008, msg: '用户未登录' }));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('用户未登录');
    const r = readDouyinOrders(document, CONSOLE_URL, AUXO_VARIANT.capturedAt);
    expect(r.orders).toEqual([]);
    expect(r.problem).toMatch(/没有找到订单表/);
  });
});
