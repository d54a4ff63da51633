// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import {
  decideKind,
  findDataTables,
  genericShop,
  inferMapping,
  isConfident,
  readGenericPage,
  urlPattern,
  CONFIDENT,
} from '@/lib/capture/generic';
import { readAriaTable } from '@/lib/capture/table';
import { toCaptureBatch } from '@/lib/capture/adapters';
import { validateBatch } from '@/lib/capture/ingest';

const AT = '2026-11-21T10:00:00+08:00';
const URL_ = 'https://erp.example.test/admin/orders/8812/list?page=2';

const ORDERS = `
<h1>订单列表</h1>
<table id="orders">
  <thead><tr><th>Order ID</th><th>客户</th><th>手机</th><th>实付金额</th><th>下单时间</th><th>状态</th><th>城市</th><th>备注</th></tr></thead>
  <tbody>
    <tr><td>A1001</td><td>小明🌟</td><td>138****1234</td><td>¥1,234.50</td><td>2026-11-20 13:45:12</td><td>已完成</td><td>成都市</td><td>加急</td></tr>
    <tr><td>A1002</td><td>t**9</td><td>13900001111</td><td>¥88.00</td><td>2026-11-19 09:00:00</td><td>待发货</td><td>-</td><td></td></tr>
    <tr><td>A1003</td><td>阿花</td><td>-</td><td>¥12.30</td><td>11月18日</td><td>外星状态</td><td>北京市</td><td></td></tr>
  </tbody>
</table>`;

const html = (s: string) => {
  document.title = 'ERP';
  document.body.innerHTML = s;
};

describe('column mapping', () => {
  test('maps Chinese and English headers to §2 fields, with confidence', () => {
    const m = inferMapping(['Order ID', '客户', '手机', '实付金额', '下单时间', '状态', '城市', '备注'], [['A1001', '张三', '138****1234', '¥1.00', '2026-11-20', '已完成', '成都市', 'x']]);
    expect(m.map((c) => c.field)).toEqual(['orderId', 'nickname', 'phone', 'amountFen', 'placedAt', 'status', 'city', null]);
    expect(m.slice(0, 7).every((c) => c.confidence >= CONFIDENT)).toBe(true);
    expect(decideKind(m)).toBe('orders');
    expect(isConfident(m, 'orders')).toBe(true);
  });

  test('a header synonym whose values do not fit is only a suggestion', () => {
    const m = inferMapping(['订单号', '买家', '金额', '下单时间'], [['1', '张三', '张三', '2026-11-20']]);
    expect(m[2]!.field).toBe('amountFen');
    expect(m[2]!.confidence).toBeLessThan(CONFIDENT);
    expect(isConfident(m, 'orders')).toBe(false);
  });

  test('a header that only starts with a synonym needs review; unknown headers with phone-shaped values are guessed', () => {
    const m = inferMapping(['客户等级', '联系人号码'], [['VIP', '13800001111'], ['普通', '138****2222']]);
    expect(m[0]).toMatchObject({ field: 'nickname', source: 'prefix' });
    expect(m[0]!.confidence).toBeLessThan(CONFIDENT);
    expect(m[1]).toMatchObject({ field: 'phone', source: 'values', confidence: 0.5 });
  });

  test("the merchant's saved choices win, including 忽略", () => {
    const m = inferMapping(['客户等级', '联系人号码', '昵称'], [['VIP', '13800001111', 'a']], { 客户等级: 'memberLevel', 联系人号码: 'ignore' });
    expect(m.map((c) => [c.field, c.source, c.confidence])).toEqual([
      ['memberLevel', 'saved', 1],
      [null, 'saved', 1],
      ['nickname', 'header', 1],
    ]);
    expect(decideKind(m)).toBe('customers');
  });

  test('kinds: customers, contacts, rows', () => {
    expect(decideKind(inferMapping(['昵称', '手机号', '省份'], []))).toBe('customers');
    expect(decideKind(inferMapping(['访客', '访问时间', '入店来源', '用户ID'], []))).toBe('contacts');
    expect(decideKind(inferMapping(['商品', '库存', '价格'], []))).toBe('rows');
  });
});

describe('URL pattern', () => {
  test.each([
    ['https://erp.example.test/admin/orders/8812/list?page=2', 'https://erp.example.test/admin/orders/*/list'],
    ['https://erp.example.test/admin/orders/8813/list', 'https://erp.example.test/admin/orders/*/list'],
    ['https://x.test/a/v2/items/5f3a9c2e-11/', 'https://x.test/a/v2/items/*/'],
    ['https://myseller.taobao.com/home.htm#/trade/123456?x=1', 'https://myseller.taobao.com/home.htm#/trade/*'],
    ['https://fxg.jinritemai.com/ffa/morder/order/list', 'https://fxg.jinritemai.com/ffa/morder/order/list'],
  ])('%s → %s', (url, pattern) => expect(urlPattern(url)).toBe(pattern));
});

describe('reading a page', () => {
  test('an order table on another site: raw rows always, typed orders, rejects with reasons', () => {
    html(ORDERS);
    const [t, ...more] = readGenericPage(document, URL_, AT);
    expect(more).toHaveLength(0);
    expect(t!.kind).toBe('orders');
    expect(t!.confident).toBe(true);
    const r = t!.result;
    expect(r.adapter).toBe('generic');
    expect(r.rawRows).toHaveLength(3);
    expect(r.orders.map((o) => [o.orderId, o.amountFen, o.status, o.placedAt])).toEqual([
      ['A1001', 123450, 'completed', '2026-11-20T13:45:12+08:00'],
      ['A1002', 8800, 'paid', '2026-11-19T09:00:00+08:00'],
    ]);
    expect(r.orders[0]).toMatchObject({ recipientPhone: '138****1234', city: '成都市', customerKey: `${r.shop!.platform}:${r.shop!.shopId}:nick:小明🌟` });
    expect(r.rejected).toEqual([{ row: 2, reason: 'unknown 订单状态 "外星状态"' }]);
    expect(r.customers.map((c) => c.nickname)).toEqual(['小明🌟', 't**9']);
    // Through the background's zod hop: a rows-kind batch with orders and customers of one shop.
    const batch = toCaptureBatch(r, URL_, AT);
    expect(batch.primary).toBe('rows');
    const v = validateBatch(batch, 'c1');
    expect(v.ok && [v.batch.orders.length, v.batch.customers.length, v.batch.capture.rawRows.length, v.batch.capture.rejected.length]).toEqual([2, 2, 3, 1]);
  });

  test('an unmappable table keeps its raw rows and makes no records', () => {
    html('<table><tr><th>商品</th><th>库存</th></tr><tr><td>面膜</td><td>3</td></tr></table>');
    const [t] = readGenericPage(document, URL_, AT);
    expect(t!.kind).toBe('rows');
    expect(t!.result.rawRows).toEqual([['面膜', '3']]);
    expect(t!.result.orders.length + t!.result.customers.length).toBe(0);
  });

  test('an ambiguous mapping makes no records until confirmed, then it does', () => {
    html('<table><tr><th>编号</th><th>客户名单</th><th>合计</th><th>日期</th></tr><tr><td>B1</td><td>张三</td><td>¥5.00</td><td>2026-11-01</td></tr></table>');
    let [t] = readGenericPage(document, URL_, AT);
    expect(t!.confident).toBe(false);
    expect(t!.result.orders).toHaveLength(0);
    [t] = readGenericPage(document, URL_, AT, { mapping: { 编号: 'orderId', 客户名单: 'nickname', 合计: 'amountFen', 日期: 'paidAt' } });
    expect(t!.confident).toBe(true);
    expect(t!.result.orders).toMatchObject([{ orderId: 'B1', amountFen: 500, status: 'paid', paidAt: '2026-11-01T00:00:00+08:00' }]);
  });

  test('several tables, layout tables skipped, the picked one alone when picked', () => {
    html(`<table><tr><td>layout</td></tr></table>${ORDERS}<table><thead><tr><th>昵称</th><th>性别</th><th>会员等级</th><th>省份</th></tr></thead>
      <tbody><tr><td>阿花</td><td>女</td><td>VIP会员</td><td>北京市</td></tr><tr><td>老王</td><td>男</td><td>非会员</td><td>四川省</td></tr></tbody></table>`);
    const all = readGenericPage(document, URL_, AT);
    expect(all.map((t) => t.kind)).toEqual(['orders', 'customers']);
    expect(all[1]!.result.customers).toMatchObject([
      { nickname: '阿花', gender: 'f', isMember: true, memberLevel: 'VIP会员', province: '北京市', city: '北京市' },
      { nickname: '老王', gender: 'm', isMember: false, province: '四川省' },
    ]);
    const picked = readGenericPage(document, URL_, AT, { mapping: {}, pickedTable: all[1]!.signature });
    expect(picked.map((t) => t.kind)).toEqual(['customers']);
  });

  test("an order's closing remark row (full-width, after its items) is kept as a raw row and read as no record", () => {
    html(`<table>
      <thead><tr><th>客户</th><th>实付金额</th><th>下单时间</th><th>状态</th></tr></thead>
      <tbody>
        <tr><td colspan="4">订单编号：A1</td></tr>
        <tr><td>小明</td><td>¥10.00</td><td>2026-11-20 13:45:12</td><td>已完成</td></tr>
        <tr><td colspan="4">商家备注：周五发货</td></tr>
        <tr><td colspan="4">订单编号：A2</td></tr>
        <tr><td>阿花</td><td>¥20.00</td><td>2026-11-20 14:00:00</td><td>已完成</td></tr>
        <tr><td colspan="4">买家留言：请包装好</td></tr>
      </tbody>
    </table>`);
    const [t] = readGenericPage(document, URL_, AT);
    expect(t!.table.rows.map((r) => (r.remark ? 'remark' : r.groupHeader ? 'header' : 'item'))).toEqual(['header', 'item', 'remark', 'header', 'item', 'remark']);
    expect(t!.result.rawRows).toHaveLength(6);
    expect(t!.result.customers.map((c) => c.nickname)).toEqual(['小明', '阿花']);
    expect(t!.result.rejected).toEqual([]);
  });

  test('ARIA grids made of divs are read, cells placed by aria-colindex', () => {
    html(`<div role="grid" id="g">
      <div role="row"><div role="columnheader">买家昵称</div><div role="columnheader">访问时间</div><div role="columnheader">入店来源</div></div>
      <div role="rowgroup"><div role="row"><div role="gridcell" aria-colindex="1">小李</div><div role="gridcell" aria-colindex="3">搜索</div><div role="gridcell" aria-colindex="2">2026-11-20 10:00</div></div></div>
    </div>`);
    expect(readAriaTable(document.getElementById('g')!)).toMatchObject({ headers: ['买家昵称', '访问时间', '入店来源'], rows: [{ cells: ['小李', '2026-11-20 10:00', '搜索'] }] });
    const [t] = readGenericPage(document, URL_, AT);
    expect(t!.kind).toBe('contacts');
    expect(t!.result.contacts).toMatchObject([{ kind: 'visit', at: '2026-11-20T10:00:00+08:00', source: '搜索' }]);
    expect(findDataTables(document)).toHaveLength(1);
  });

  test('shop: console header on a console domain, one shop per site elsewhere', () => {
    html('<header><span class="shop-name">好物小店</span> 店铺ID：12345678</header>');
    expect(genericShop(document, 'https://fxg.jinritemai.com/ffa/x')).toEqual({ shopId: '12345678', platform: 'douyin', name: '好物小店' });
    html('<p>淘宝 订单导出</p>');
    const s = genericShop(document, URL_);
    expect(s).toMatchObject({ platform: 'taobao', name: 'erp.example.test' });
    expect(genericShop(document, 'https://erp.example.test/other').shopId).toBe(s.shopId);
  });
});
