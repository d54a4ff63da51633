// @vitest-environment happy-dom
/**
 * readGroupedOrders over the three grouped-row shapes (SPEC §8): 抖店's tree rows (`auxo-` level-0
 * order row with `data-row-key`, level-1 items, `auxo-pair-group-row-last` remark), a plain table
 * with colSpan order and remark rows, and 千牛's Fusion list mode (one <table> per order, a
 * checkbox cell beside the order line, item rows whose first cell is widened over the selection
 * column, a group footer remark). The order line is 抖店's real `订单编号\u00a0… 下单时间\u00a0…`
 * (no colon). Each shape must give the same orders, written out by hand, and no rejects: remark
 * rows stay in the raw rows but are neither items nor orphans.
 */
import { describe, expect, test } from 'vitest';
import { groupsOf, readGroupedOrders, type GroupedOrderPage } from '@/lib/capture/grouped-orders';
import { parseOrderStatus } from '@/lib/capture/normalize';
import { readTables } from '@/lib/capture/table';

const PAGE: GroupedOrderPage = {
  id: 'shapes-test',
  platform: 'douyin',
  shop: { nameSelectors: ['.shop-name'], idSelectors: ['.shop-id'], idPatterns: [/店铺ID：(\d{4,})/] },
  columns: {
    product: ['商品'],
    unitPrice: ['单价'],
    quantity: ['数量'],
    amount: ['实付金额'],
    status: ['订单状态'],
    orderId: ['订单编号'],
    placedAt: ['下单时间'],
    paidAt: ['支付时间'],
    nickname: ['买家'],
    buyerId: ['买家ID'],
  },
  required: ['product', 'amount', 'status'],
  table: { zh: '订单表', en: 'order table' },
  productLabels: { spec: ['规格'], productId: ['商品ID'] },
  words: { orderId: '订单编号', placedAt: '下单时间', paidAt: '支付时间', amount: '实付金额', noBuyer: 'missing 买家', noProduct: 'missing 商品' },
  parseStatus: parseOrderStatus,
  extra: () => ({ channel: 'other', traffic: 'unknown' }),
};
const SHOP = '<header><div class="shop-name">好物小店</div><div class="shop-id">店铺ID：12345678</div></header>';
const AT = '2023-05-20T12:00:00+08:00';

const ORDERS = [
  {
    id: '6919000000000001',
    placed: '2023/05/12 21:58:20',
    amount: '¥139.70',
    buyer: '小子🌸',
    status: '已完成',
    items: [
      ['纯棉T恤', '白色 XL', '¥49.90', 'x2'],
      ['运动短裤', '黑色 L', '¥39.90', 'x1'],
    ],
    remark: '商家备注：加急',
  },
  { id: '6919000000000002', placed: '2023/05/13 09:01:02', amount: '¥199.00', buyer: 't**9', status: '待发货', items: [['乳胶枕', '标准款', '¥199.00', 'x1']], remark: '买家留言：放门口' },
];
const HEAD = ['商品', '单价', '数量', '实付金额', '买家', '订单状态'];
const W = HEAD.length;

/** The orders every shape reads to, written out by hand. */
const EXPECTED = [
  {
    orderId: '6919000000000001',
    placedAt: '2023-05-12T21:58:20+08:00',
    amountFen: 13970,
    status: 'completed',
    quantity: 3,
    items: [
      { productName: '纯棉T恤', spec: '白色 XL', unitPriceFen: 4990, quantity: 2 },
      { productName: '运动短裤', spec: '黑色 L', unitPriceFen: 3990, quantity: 1 },
    ],
  },
  { orderId: '6919000000000002', placedAt: '2023-05-13T09:01:02+08:00', amountFen: 19900, status: 'paid', quantity: 1, items: [{ productName: '乳胶枕', spec: '标准款', unitPriceFen: 19900, quantity: 1 }] },
];

const line = (o: (typeof ORDERS)[number]) => `<span class="auxo-pair-head-wrapper"><span class="index_text__3y09K">订单编号&nbsp;${o.id}</span>&nbsp;&nbsp;<span class="index_text__3y09K">下单时间&nbsp;${o.placed}</span></span>`;
const product = (it: string[]) => `<div class="style_name__3ChB9">${it[0]}</div><div class="style_desc__x">规格：${it[1]}</div>`;
const items = (o: (typeof ORDERS)[number], tr: string, firstCell = (s: string) => `<td class="c">${s}</td>`) =>
  o.items
    .map((it, i) => {
      const per = (s: string) => (i === 0 ? `<td class="c" rowspan="${o.items.length}">${s}</td>` : '');
      return `<tr ${tr}>${firstCell(product(it))}<td>${it[2]}</td><td>${it[3]}</td>${per(`<div class="index_payAmount__1">${o.amount}</div>`)}${per(`<a class="table_nickname__2">${o.buyer}</a>`)}${per(o.status)}</tr>`;
    })
    .join('');

/** 抖店 (auxo tree rows, measure row, remark row marked pair-group-row-last). */
const douyinTree = () =>
  `${SHOP}<div class="auxo-table-wrapper"><div class="auxo-table"><div class="auxo-table-container"><div class="auxo-table-content"><table>
    <thead class="auxo-table-thead"><tr>${HEAD.map((h) => `<th class="auxo-table-cell">${h}</th>`).join('')}</tr></thead>
    <tbody class="auxo-table-tbody"><tr aria-hidden="true" class="auxo-table-measure-row">${HEAD.map((h) => `<th class="auxo-table-measure-cell"><div class="auxo-table-measure-cell-content">${h}</div></th>`).join('')}</tr>
    ${ORDERS.map(
      (o) =>
        `<tr class="auxo-table-row auxo-table-row-level-0 row-vertical-top index_table-row__ULgxX" data-row-key="${o.id}"><td class="auxo-table-cell" colspan="${W}">${line(o)}</td></tr>` +
        items(o, 'class="auxo-table-row auxo-table-row-level-1 row-vertical-top index_table-row__ULgxX"') +
        `<tr class="auxo-table-row auxo-table-row-level-1 auxo-pair-group-row-last index_table-row__ULgxX"><td class="auxo-table-cell" colspan="${W}"><div class="index_footerContent__9">${o.remark}</div></td></tr>`,
    ).join('')}
    </tbody></table></div></div></div></div>`;

/** A plain table: colSpan order line and remark rows. */
const plainColSpan = () =>
  `${SHOP}<table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
    ${ORDERS.map((o) => `<tr><td colspan="${W}">${line(o)}</td></tr>${items(o, '')}<tr><td colspan="${W}">${o.remark}</td></tr>`).join('')}
    </tbody></table>`;

/** 千牛 Fusion list mode: one <table> per order; selection column; order line beside a checkbox; first item cell widened over the selection column. */
const qianniuPerTable = () =>
  `${SHOP}<div class="next-table next-table-medium next-table-group"><div class="next-table-inner">
    <div class="next-table-header"><div class="next-table-header-inner"><table><thead><tr>
      <th class="next-table-cell next-table-header-node next-table-selection"><div class="next-table-cell-wrapper"><label class="next-checkbox-wrapper"><input type="checkbox" aria-label="全选"></label></div></th>
      ${HEAD.map((h) => `<th class="next-table-cell next-table-header-node"><div class="next-table-cell-wrapper">${h}</div></th>`).join('')}
    </tr></thead></table></div></div>
    <div class="next-table-body">${ORDERS.map(
      (o, k) => `<table class="next-table-row${k === 0 ? ' first' : ''}" role="row"><tbody>
        <tr class="next-table-group-header"><td class="next-table-cell next-table-selection"><div class="next-table-cell-wrapper"><label class="next-checkbox-wrapper"><input type="checkbox"></label></div></td><td colspan="${W}"><div class="next-table-cell-wrapper">${line(o)}</div></td></tr>
        ${items(o, 'class="next-table-row"', (s) => `<td class="next-table-cell" colspan="2" data-next-table-col="1"><div class="next-table-cell-wrapper">${s}</div></td>`)}
        <tr class="next-table-group-footer"><td colspan="${W + 1}"><div class="next-table-cell-wrapper">${o.remark}</div></td></tr>
      </tbody></table>`,
    ).join('')}</div></div></div>`;

describe.each([
  ['抖店 tree rows (auxo level-0/1, pair-group-row-last remark)', douyinTree],
  ['plain colSpan order and remark rows', plainColSpan],
  ['千牛 one <table> per order (checkbox + colSpan order line, group footer)', qianniuPerTable],
])('%s', (_name, markup) => {
  test('the same orders, no rejects; remark rows kept in the raw rows, not read as items', () => {
    document.body.innerHTML = markup();
    const r = readGroupedOrders(document, AT, PAGE);
    expect(r.problem).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(r.orders).toMatchObject(EXPECTED);
    // 2 order lines + 3 items + 2 remarks.
    expect(r.rawRows).toHaveLength(7);
    expect(r.rawRows.filter((row) => row[0] === '商家备注：加急' || row[0] === '买家留言：放门口')).toHaveLength(2);
    const [table] = readTables(document);
    const { groups, orphans } = groupsOf(table!.rows);
    expect(orphans).toEqual([]);
    expect(groups).toEqual([
      { header: 0, items: [1, 2], remarks: [3] },
      { header: 4, items: [5], remarks: [6] },
    ]);
  });
});

test('an order rejected whole points its remark row at the order too', () => {
  document.body.innerHTML = plainColSpan().replace('¥139.70', '¥???');
  const r = readGroupedOrders(document, AT, PAGE);
  expect(r.orders.map((o) => o.orderId)).toEqual(['6919000000000002']);
  expect(r.rejected.map((x) => x.row)).toEqual([0, 1, 2, 3]);
  expect(r.rejected[3]!.reason).toBe('part of the order at row 0, which could not be read');
});
