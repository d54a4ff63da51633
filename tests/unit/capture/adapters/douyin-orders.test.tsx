// @vitest-environment happy-dom
/**
 * The 抖店 订单管理 adapter against the Arco fixture page. The page is the same React app the
 * built HTML runs, client-rendered into happy-dom, so the DOM is Arco's own (separate header
 * table, colSpan order header rows, rowSpan per-order cells, sticky frozen column, title ellipsis).
 * The expected records come from the generator through the truth builder, never from the adapter.
 */
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { douyinOrders, readDouyinOrders, readRecipient } from '@/lib/capture/adapters/douyin-orders';
import { adaptersForUrl, pickAdapter, readWithAdapter, toCaptureBatch } from '@/lib/capture/adapters';
import { Customer, Order, derivedShopId, parseWith } from '@/lib/model';
import { captureTruth, type CaptureTruth } from '../../../fixtures/pages/douyin-orders/truth';
import { CONSOLE_URL, E2E_VARIANT, generateVariant, pageData, type PageData } from '../../../fixtures/pages/douyin-orders/view';
import { renderDouyinOrders, unmount } from '../render-fixture';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT));
  truth = captureTruth(data);
});
afterEach(() => unmount());

const read = (url = CONSOLE_URL) => readDouyinOrders(document, url, capturedAt);

describe('douyin-orders on the Arco fixture', () => {
  test('the dataset spans several pages and has multi-item, unpaid, refunded and masked-nick orders', () => {
    expect(truth.pageCount).toBeGreaterThanOrEqual(3);
    const all = truth.pages.flatMap((p) => p.orders);
    expect(all.some((o) => (o.items?.length ?? 0) > 1)).toBe(true);
    expect(new Set(all.map((o) => o.status)).size).toBeGreaterThanOrEqual(4);
    expect(all.some((o) => o.traffic === 'unknown')).toBe(true);
  });

  test.each([1, 2])('page %i reads exactly the truth: shop, orders, customers, no rejects', async (page) => {
    await renderDouyinOrders(data, page);
    const r = read(`${CONSOLE_URL}?page=${page}`);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.shop).toEqual(truth.shop);
    expect(r.headers).toEqual(['商品信息', '单价', '数量', '实付金额', '订单状态', '收件人信息', '承诺发货时间', '操作']);
    const expected = truth.pages[page - 1]!;
    expect(r.orders).toEqual(expected.orders);
    expect(r.customers).toEqual(expected.customers);
    // One raw row per order header + one per item, each laid on the 8 header columns.
    const itemRows = expected.orders.reduce((s, o) => s + (o.items?.length ?? 0), 0);
    expect(r.rawRows).toHaveLength(expected.orders.length + itemRows);
    expect(r.rawRows.every((row) => row.length === 8)).toBe(true);
    expect(r.rowOf.orders).toHaveLength(r.orders.length);
    expect(r.rowOf.customers).toHaveLength(r.customers.length);
    expect(r.rawRows[r.rowOf.orders[0]!]![0]).toContain(`订单编号：${r.orders[0]!.orderId}`);
  });

  test('pages 1 and 2 together equal the truth file content; every record passes the zod schemas', async () => {
    const orders = [];
    const customers = new Map<string, unknown>();
    for (const page of [1, 2]) {
      await renderDouyinOrders(data, page);
      const r = read();
      orders.push(...r.orders);
      for (const c of r.customers) if (!customers.has(c.customerKey)) customers.set(c.customerKey, c);
      for (const o of r.orders) expect(parseWith(Order, o).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
    expect(orders).toEqual(truth.orders);
    expect([...customers.values()]).toEqual(truth.customers);
    for (const o of orders) expect(typeof o.orderId).toBe('string');
  });

  test('every page of the shop reads exactly (capture-all would see these)', async () => {
    for (const p of truth.pages) {
      await renderDouyinOrders(data, p.page);
      const r = read();
      expect(r.rejected).toEqual([]);
      expect(r.orders).toEqual(p.orders);
      expect(r.customers).toEqual(p.customers);
    }
  });

  test('clicking the Arco Pagination next button shows page 2 and the adapter reads it', async () => {
    await renderDouyinOrders(data, 1);
    const next = document.querySelector('.arco-pagination-item-next');
    expect(next).not.toBeNull();
    await act(async () => (next as HTMLElement).click());
    expect(document.querySelector('.arco-pagination-item-active')?.textContent).toBe('2');
    expect(read().orders).toEqual(truth.pages[1]!.orders);
  });

  test('customer keys are the generator\u2019s: buyer id when shown, else the nickname as shown', async () => {
    await renderDouyinOrders(data, 1);
    const r = read();
    const shown = new Map(data.orders.map((o) => [o.orderId, o]));
    for (const o of r.orders) expect(o.customerKey).toBe(shown.get(o.orderId)!.customerKey);
  });

  test('long product names are read from the ellipsis title, not the shortened text', async () => {
    let checked = 0;
    for (const p of truth.pages) {
      await renderDouyinOrders(data, p.page);
      const shortened = Array.from(document.querySelectorAll('.product-name')).filter((el) => el.textContent!.endsWith('…'));
      const names = read().orders.flatMap((o) => o.items!.map((i) => i.productName));
      for (const el of shortened) {
        expect(names).toContain(el.getAttribute('title'));
        expect(names).not.toContain(el.textContent);
        checked++;
      }
      if (checked >= 3) break;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

describe('registry and URL matching', () => {
  test('pickAdapter: console URL with the table → douyin-orders; moved path on the same host still works', async () => {
    await renderDouyinOrders(data, 1);
    expect(pickAdapter(`${CONSOLE_URL}?page=1`, document)?.id).toBe('douyin-orders');
    expect(pickAdapter('https://fxg.jinritemai.com/ffa/morder/order/list-v2', document)?.id).toBe('douyin-orders');
    expect(adaptersForUrl('https://fxg.jinritemai.com/ffa/morder/order/list')[0]?.pathMatches).toBe(true);
    expect(pickAdapter('https://example.com/ffa/morder/order/list', document)).toBeNull();
    expect(douyinOrders.findTable(document)?.classList.contains('arco-table')).toBe(true);
  });

  test('pickAdapter: right URL but no order table → null (generic adapter takes over)', () => {
    document.body.innerHTML = '<table><thead><tr><th>日期</th><th>访客数</th></tr></thead><tbody><tr><td>11-20</td><td>12</td></tr></tbody></table>';
    expect(pickAdapter(CONSOLE_URL, document)).toBeNull();
  });

  test('readWithAdapter / toCaptureBatch tag each record with its raw row', async () => {
    await renderDouyinOrders(data, 2);
    const batch = readWithAdapter(douyinOrders, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.adapter).toBe('douyin-orders');
    expect(batch.primary).toBe('orders');
    expect(batch.orders.map((c) => c.record)).toEqual(truth.pages[1]!.orders);
    for (const c of batch.orders) expect(batch.rawRows[c.row]![0]).toContain((c.record as { orderId: string }).orderId);
    const r = read();
    expect(toCaptureBatch(r, CONSOLE_URL, capturedAt).customers.map((c) => c.row)).toEqual(r.rowOf.customers);
  });
});

describe('what cannot be read is rejected with a reason, and nothing wrong is recorded', () => {
  test('a page with no table: a clear problem, no records', () => {
    document.body.innerHTML = '<header><span class="shop-name">小鹿优选旗舰店</span><span class="shop-id">店铺ID：48273615</span></header><p>暂无订单</p>';
    const r = read();
    expect(r.problem).toMatch(/no order table/);
    expect(r.orders).toEqual([]);
    expect(r.customers).toEqual([]);
    expect(readWithAdapter(douyinOrders, document, CONSOLE_URL, capturedAt)).toEqual({ error: r.problem });
  });

  test('an order header without 订单编号 is rejected (with its item rows); the other orders read exactly', async () => {
    await renderDouyinOrders(data, 1);
    const idSpan = document.querySelectorAll('.order-header-row .order-id')[2]!;
    const brokenId = idSpan.querySelector('.order-id-value')!.textContent!;
    idSpan.remove();
    const r = read();
    const expected = truth.pages[0]!.orders.filter((o) => o.orderId !== brokenId);
    expect(r.orders).toEqual(expected);
    const headerRow = r.rawRows.findIndex((row, i) => i > 0 && row[0]!.startsWith('下单时间'));
    expect(r.rejected[0]).toEqual({ row: headerRow, reason: 'missing 订单编号 (order id)' });
    expect(r.rejected.slice(1).every((x) => x.reason.startsWith(`part of the order at row ${headerRow}`))).toBe(true);
    expect(r.rejected.length).toBe(1 + truth.pages[0]!.orders.find((o) => o.orderId === brokenId)!.items!.length);
  });

  test('an unreadable amount rejects that order with the amount text in the reason', async () => {
    await renderDouyinOrders(data, 1);
    document.querySelectorAll('.amount')[0]!.textContent = '¥12.3.4';
    document.querySelectorAll('.freight')[0]!.textContent = '';
    const r = read();
    expect(r.orders).toEqual(truth.pages[0]!.orders.slice(1));
    expect(r.rejected[0]!.row).toBe(0);
    expect(r.rejected[0]!.reason).toMatch(/实付金额: unreadable amount "¥12.3.4"/);
  });

  test('an unknown status and an unreadable 下单时间 are rejected, never guessed', async () => {
    await renderDouyinOrders(data, 1);
    const tags = document.querySelectorAll('.arco-tag-content');
    tags[0]!.textContent = '神秘状态';
    const metas = Array.from(document.querySelectorAll('.order-meta')).filter((m) => m.textContent!.startsWith('下单时间'));
    metas[1]!.textContent = '下单时间：昨天下午';
    const r = read();
    const reasons = r.rejected.map((x) => x.reason);
    expect(reasons).toContain('unknown 订单状态 "神秘状态"');
    expect(reasons.some((x) => x.startsWith('下单时间: unreadable time "昨天下午"'))).toBe(true);
    expect(r.orders).toEqual(truth.pages[0]!.orders.slice(2));
  });

  test('no 店铺ID on the page: the shop id is derived from the shop name', async () => {
    await renderDouyinOrders(data, 1);
    document.querySelector('.shop-id')!.remove();
    const r = read();
    expect(r.shop).toEqual({ shopId: derivedShopId('douyin', data.shop.name), platform: 'douyin', name: data.shop.name });
    expect(r.orders.every((o) => o.shopId === r.shop!.shopId)).toBe(true);
  });

  test('no shop identity at all: a problem, every row rejected, no records', async () => {
    await renderDouyinOrders(data, 1);
    document.querySelector('.shop-info')!.remove();
    const r = read();
    expect(r.problem).toMatch(/no shop name or 店铺ID/);
    expect(r.orders).toEqual([]);
    expect(r.rejected).toHaveLength(r.rawRows.length);
  });
});

describe('a flat variant of the page (one row per order, every field a column)', () => {
  test('reads masked and emoji nicknames as shown, 待支付 without 支付时间, and 11月20日-style times', () => {
    document.body.innerHTML = `<div class="header"><span class="shop-name">测试小店</span><span class="shop-id">店铺ID：10001</span></div>
      <table><thead><tr><th>订单号</th><th>下单时间</th><th>买家昵称</th><th>商品</th><th>数量</th><th>实付金额(元)</th><th>订单状态</th><th>收货人</th><th>渠道</th></tr></thead>
      <tbody>
        <tr><td>6900000000000000001</td><td>11月19日 20:15</td><td>c**鱼</td><td>瑜伽垫 规格：6mm 灰</td><td>×2</td><td>￥138.00</td><td>待支付</td><td>陈* 138****0001 四川省成都市武侯区</td><td>直播</td></tr>
        <tr><td>6900000000000000002</td><td>昨天 09:00</td><td>🌸糖果宝宝</td><td>乳胶枕</td><td>1</td><td>¥1,199.00</td><td>交易成功</td><td>-</td><td>商品卡</td></tr>
        <tr><td>-</td><td>昨天 09:00</td><td>x</td><td>乳胶枕</td><td>1</td><td>¥1.00</td><td>已完成</td><td>-</td><td></td></tr>
      </tbody></table>`;
    const r = readDouyinOrders(document, CONSOLE_URL, '2026-11-20T10:00:00+08:00');
    expect(r.problem).toBeNull();
    expect(r.orders).toEqual([
      {
        orderId: '6900000000000000001', shopId: '10001', customerKey: 'douyin:10001:nick:c**鱼',
        placedAt: '2026-11-19T20:15:00+08:00', amountFen: 13800, quantity: 2, productName: '瑜伽垫',
        items: [{ productName: '瑜伽垫', spec: '6mm 灰', quantity: 2 }], channel: 'live', traffic: 'unknown', status: 'unpaid',
        recipientName: '陈*', recipientPhone: '138****0001', province: '四川省', city: '成都市',
      },
      {
        orderId: '6900000000000000002', shopId: '10001', customerKey: 'douyin:10001:nick:🌸糖果宝宝',
        placedAt: '2026-11-19T09:00:00+08:00', amountFen: 119900, quantity: 1, productName: '乳胶枕',
        items: [{ productName: '乳胶枕', quantity: 1 }], channel: 'card', traffic: 'unknown', status: 'completed',
      },
    ]);
    expect(r.customers.map((c) => c.nickname)).toEqual(['c**鱼', '🌸糖果宝宝']);
    expect(r.rejected).toEqual([{ row: 2, reason: 'missing 订单编号 (order id)' }]);
  });
});

describe('readRecipient', () => {
  test.each([
    ['何** 138****7682 陕西省 西安市 雁塔区 新华街68号', { recipientName: '何**', recipientPhone: '138****7682', province: '陕西省', city: '西安市' }],
    ['张* +86 138 1234 5678 北京市 北京市 朝阳区 建国路1号', { recipientName: '张*', recipientPhone: '+86 138 1234 5678', province: '北京市', city: '北京市' }],
    ['李四 13800138000 广西壮族自治区南宁市青秀区', { recipientName: '李四', recipientPhone: '13800138000', province: '广西壮族自治区', city: '南宁市' }],
    ['-', {}],
  ])('%s', (text, expected) => expect(readRecipient(text)).toEqual(expected));
});
