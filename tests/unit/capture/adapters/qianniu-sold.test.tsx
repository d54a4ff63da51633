// @vitest-environment happy-dom
/**
 * The 千牛 已卖出的宝贝 adapter against the antd 5 fixture page (the same React app the built HTML
 * runs, client-rendered into happy-dom: antd's own DOM — colSpan order header rows, rowSpan
 * per-order cells, a sticky fixed-right column, the hidden measure row). Expected records come
 * from the generator through the truth builder, never from the adapter.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { adaptersForUrl, pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { qianniuSold, readQianniuSold } from '@/lib/capture/adapters/qianniu-sold';
import { Customer, Order, derivedShopId, parseWith } from '@/lib/model';
import { SoldPage } from '../../../fixtures/pages/qianniu-sold/App';
import { generateVariant, pageData, shopIdOf } from '../../../fixtures/pages/qianniu-sold/data';
import { captureTruth, type CaptureTruth } from '../../../fixtures/pages/qianniu-sold/truth';
import { CONSOLE_URL, E2E_VARIANT, type PageData } from '../../../fixtures/pages/qianniu-sold/view';
import { clickIn, renderApp, unmountApp } from '../render-taobao';

const capturedAt = E2E_VARIANT.capturedAt;
let data: PageData;
let truth: CaptureTruth;

beforeAll(() => {
  data = pageData(generateVariant(E2E_VARIANT));
  truth = captureTruth(data, shopIdOf(E2E_VARIANT));
});
afterEach(() => unmountApp());

const show = (page = 1) => renderApp(<SoldPage data={data} initialPage={page} />);
const read = (url = CONSOLE_URL) => readQianniuSold(document, url, capturedAt);

describe('qianniu-sold on the antd fixture', () => {
  test('the dataset spans several pages with multi-item orders and several statuses', () => {
    expect(truth.pageCount).toBeGreaterThanOrEqual(4);
    const all = truth.pages.flatMap((p) => p.orders);
    expect(all.some((o) => (o.items?.length ?? 0) > 1)).toBe(true);
    expect(new Set(all.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
  });

  test('every page reads exactly the truth: shop, orders, customers, no rejects', async () => {
    for (const p of truth.pages) {
      await show(p.page);
      const r = read();
      expect(r.problem).toBeNull();
      expect(r.rejected).toEqual([]);
      expect(r.shop).toEqual(truth.shop);
      expect(r.headers).toEqual(['宝贝', '单价', '数量', '售后', '交易状态', '实收款', '操作']);
      expect(r.orders).toEqual(p.orders);
      expect(r.customers).toEqual(p.customers);
      const itemRows = p.orders.reduce((s, o) => s + (o.items?.length ?? 0), 0);
      expect(r.rawRows).toHaveLength(p.orders.length + itemRows);
      for (const o of r.orders) expect(parseWith(Order, o).ok).toBe(true);
      for (const c of r.customers) expect(parseWith(Customer, c).ok).toBe(true);
    }
  });

  test('clicking antd\u2019s next page shows page 2 and the adapter reads it', async () => {
    await show(1);
    await clickIn(document.querySelector('.ant-pagination-next'));
    expect(document.querySelector('.ant-pagination-item-active')?.textContent).toBe('2');
    expect(read().orders).toEqual(truth.pages[1]!.orders);
  });

  test('URL rules: 千牛 and trade.taobao.com; a moved path still works; findTable gives the antd root', async () => {
    await show(1);
    expect(pickAdapter(CONSOLE_URL, document)?.id).toBe('qianniu-sold');
    expect(pickAdapter('https://trade.taobao.com/trade/itemlist/list_sold_items.htm?page=2', document)?.id).toBe('qianniu-sold');
    expect(adaptersForUrl('https://trade.taobao.com/trade/itemlist/list_sold_items.htm')[0]?.adapter.id).toBe('qianniu-sold');
    expect(pickAdapter('https://myseller.taobao.com/home.htm/trade-platform/tp/sold-v2', document)?.id).toBe('qianniu-sold');
    expect(qianniuSold.findTable(document)?.classList.contains('ant-table')).toBe(true);
    const batch = readWithAdapter(qianniuSold, document, CONSOLE_URL, capturedAt);
    if ('error' in batch) throw new Error(batch.error);
    expect(batch.primary).toBe('orders');
    for (const c of batch.orders) expect(batch.rawRows[c.row]![0]).toContain(`订单号：${(c.record as { orderId: string }).orderId}`);
  });

  test('an unreadable 实收款 rejects that order (and its item rows) with the text in the reason', async () => {
    await show(1);
    document.querySelectorAll('.amount')[0]!.textContent = '¥12.3.4';
    const r = read();
    expect(r.orders).toEqual(truth.pages[0]!.orders.slice(1));
    expect(r.rejected[0]).toEqual({ row: 0, reason: '实收款: unreadable amount "¥12.3.4"' });
    expect(r.rejected).toHaveLength(1 + truth.pages[0]!.orders[0]!.items!.length);
  });

  test('no shop identity: a problem and every row rejected; no table: a problem', async () => {
    await show(1);
    document.querySelector('.shop-name')!.remove();
    const r = read();
    expect(r.problem).toMatch(/no shop name or 店铺ID/);
    expect(r.orders).toEqual([]);
    expect(r.rejected).toHaveLength(r.rawRows.length);
    document.body.innerHTML = '<header><span class="shop-name">x</span></header>';
    expect(read().problem).toMatch(/no sold-items table/);
  });
});

describe('Taobao status words and a flat table', () => {
  test('每种交易状态 → its status; an unknown one is rejected, never guessed; 付款时间 read when shown', () => {
    document.body.innerHTML = `<header><div class="shop-name">测试旗舰店</div></header><table><thead><tr>
      <th>订单号</th><th>创建时间</th><th>付款时间</th><th>买家昵称</th><th>宝贝</th><th>单价</th><th>数量</th><th>交易状态</th><th>实收款</th></tr></thead><tbody>
      ${[
        ['1', '等待买家付款', '-'],
        ['2', '买家已付款', '2026-11-20 10:05:00'],
        ['3', '卖家已发货', '2026-11-20 10:05:00'],
        ['4', '交易成功', '2026-11-20 10:05:00'],
        ['5', '交易关闭', '-'],
        ['6', '退款成功', '2026-11-20 10:05:00'],
        ['7', '神秘状态', '-'],
      ]
        .map(([id, st, paid]) => `<tr><td>${id}</td><td>2026-11-20 10:00:00</td><td>${paid}</td><td>t**9</td><td>乳胶枕 颜色分类：标准款</td><td>¥199.00</td><td>1</td><td>${st}</td><td>¥199.00 (含运费：¥0.00)</td></tr>`)
        .join('')}</tbody></table>`;
    const r = readQianniuSold(document, CONSOLE_URL, capturedAt);
    expect(r.orders.map((o) => [o.orderId, o.status, o.paidAt ?? null])).toEqual([
      ['1', 'unpaid', null],
      ['2', 'paid', '2026-11-20T10:05:00+08:00'],
      ['3', 'shipped', '2026-11-20T10:05:00+08:00'],
      ['4', 'completed', '2026-11-20T10:05:00+08:00'],
      ['5', 'closed', null],
      ['6', 'refunded', '2026-11-20T10:05:00+08:00'],
    ]);
    const shopId = derivedShopId('taobao', '测试旗舰店');
    expect(r.orders[0]).toEqual({
      orderId: '1', shopId, customerKey: `taobao:${shopId}:nick:t**9`, placedAt: '2026-11-20T10:00:00+08:00', amountFen: 19900, quantity: 1,
      productName: '乳胶枕', items: [{ productName: '乳胶枕', spec: '标准款', unitPriceFen: 19900, quantity: 1 }], channel: 'other', traffic: 'unknown', status: 'unpaid',
    });
    expect(r.customers).toEqual([{ customerKey: `taobao:${shopId}:nick:t**9`, shopId, nickname: 't**9' }]);
    expect(r.rejected).toEqual([{ row: 6, reason: 'unknown 订单状态 "神秘状态"' }]);
  });
});
