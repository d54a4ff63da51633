/**
 * 千牛 已卖出的宝贝 (sold items, the Taobao/Tmall order list): one order = a header line
 * (订单号, 创建时间, 买家昵称) over one row per item (宝贝 with its 颜色分类, 单价, 数量, 售后),
 * with the per-order cells (交易状态, 实收款 含运费) spanning the item rows. Orders use the
 * Taobao status words (等待买家付款 / 买家已付款 / 卖家已发货 / 交易成功 / 交易关闭 / 退款成功);
 * the page shows no channel or traffic source (→ 'other' / 'unknown') and no buyer id, so the
 * buyer is keyed by the nickname as shown. A flat variant (one row per order) reads too
 * (both read by lib/capture/grouped-orders.ts).
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://myseller.taobao.com/home.htm/trade-platform/tp/sold
 *   https://myseller.taobao.com/home.htm/trade-platform/tp/sold?tab=wait_send
 *   https://trade.taobao.com/trade/itemlist/list_sold_items.htm
 *   https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction
 * (a moved path on these hosts still works: the table's headers confirm the page.)
 *
 * Fixture: tests/fixtures/pages/qianniu-sold/ (Ant Design 5), truth built by scripts/build-fixtures.mjs.
 */
import type { OrderStatus } from '../../model';
import type { Parsed } from '../../model/parse';
import type { Synonyms } from '../columns';
import { readGroupedOrders, type GroupedOrderPage, type OrderField } from '../grouped-orders';
import { collapseWhitespace, parseOrderStatus } from '../normalize';
import { CONSOLE_SHOP, tableAdapter } from '../read-kit';
import type { ShopSpec } from '../shop';
import type { AdapterResult } from '../types';

export const ADAPTER_ID = 'qianniu-sold';

/** Header synonyms of the table's columns (also the labels of the order header line). */
export const COLUMNS: Synonyms<OrderField> = {
  product: ['宝贝', '宝贝名称', '商品', '商品名称'],
  unitPrice: ['单价', '宝贝单价'],
  quantity: ['数量', '购买数量'],
  amount: ['实收款', '实收金额', '实付款', '买家实付', '实付金额'],
  status: ['交易状态', '订单状态'],
  orderId: ['订单号', '订单编号', '主订单号'],
  placedAt: ['创建时间', '下单时间', '成交时间'],
  paidAt: ['付款时间', '支付时间'],
  nickname: ['买家昵称', '买家', '买家旺旺'],
  buyerId: ['买家ID', '买家编号'],
};
/** Columns that must be there for the table to be 已卖出的宝贝. */
export const REQUIRED: readonly OrderField[] = ['product', 'amount', 'status'];

/** 交易状态 words of Taobao; anything else goes to the shared status parser. */
const TAOBAO_STATUS: Record<string, OrderStatus> = {
  等待买家付款: 'unpaid',
  买家已付款: 'paid',
  等待卖家发货: 'paid',
  卖家已发货: 'shipped',
  等待买家确认收货: 'shipped',
  交易成功: 'completed',
  交易关闭: 'closed',
  退款成功: 'refunded',
};

export const SHOP: ShopSpec = CONSOLE_SHOP;

function parseStatus(text: string): Parsed<OrderStatus> {
  const t = collapseWhitespace(text).replace(/\s/g, '');
  const hit = TAOBAO_STATUS[t] ?? Object.entries(TAOBAO_STATUS).find(([k]) => t.startsWith(k))?.[1];
  return hit ? { ok: true, value: hit } : parseOrderStatus(text);
}

const PAGE: GroupedOrderPage = {
  id: ADAPTER_ID,
  platform: 'taobao',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '已卖出的宝贝表', en: 'sold-items table' },
  /** Labels inside the 宝贝 cell. */
  productLabels: { spec: ['颜色分类', '规格', 'SKU', '套餐'], productId: ['商品ID', '宝贝ID'] },
  words: { orderId: '订单号', placedAt: '创建时间', paidAt: '付款时间', amount: '实收款', noBuyer: 'missing 买家昵称 (buyer)', noProduct: 'missing 宝贝 (item title)' },
  parseStatus,
  // The page shows no channel or traffic source.
  extra: () => ({ channel: 'other', traffic: 'unknown' }),
};

/** Reads the order list of a 千牛 已卖出的宝贝 page. Pure; never throws (see `read`). */
export function readQianniuSold(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readGroupedOrders(doc, capturedAt, PAGE);
}

export const qianniuSold = tableAdapter(
  {
    id: ADAPTER_ID,
    platform: 'taobao',
    kind: 'orders',
    label: '千牛 已卖出的宝贝',
    urls: [
      { host: 'myseller.taobao.com', path: /^\/home\.htm\/trade-platform\/tp\/sold\b/ },
      { host: 'trade.taobao.com', path: /^\/trade\/itemlist\/list_sold_items\.htm\b/ },
    ],
  },
  PAGE,
  readQianniuSold,
);
