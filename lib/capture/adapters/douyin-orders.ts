/**
 * 抖店 订单管理 (order list): one order = a header line (订单编号, 下单时间, 支付时间, 买家 …)
 * followed by one row per item, with the per-order cells (实付金额, 订单状态, 收件人 …) spanning
 * the item rows (read by lib/capture/grouped-orders.ts; a flat one-row-per-order variant reads too).
 * Only 抖店 shows 渠道 / 流量来源, the 收件人 and the shipping times: `extra` reads them.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://fxg.jinritemai.com/ffa/morder/order/list
 *   https://fxg.jinritemai.com/ffa/morder/order/list?page=2
 * (query strings vary with the console's filters and tabs; the host and path decide.)
 *
 * Fixture: tests/fixtures/pages/douyin-orders/ (Arco Design), truth built by scripts/build-fixtures.mjs.
 */
import type { OrderInput } from '../../model';
import type { Synonyms } from '../columns';
import { readGroupedOrders, type GroupedOrderPage, type OrderField } from '../grouped-orders';
import { collapseWhitespace, isEmptyMark, parseChannel, parseConsoleTime, parseOrderStatus, parseRegion, parseTraffic } from '../normalize';
import { need, tableAdapter } from '../read-kit';
import type { ShopSpec } from '../shop';
import type { AdapterResult } from '../types';

export const ADAPTER_ID = 'douyin-orders';

type Field = OrderField | 'recipient' | 'promisedShipAt' | 'shippedAt' | 'channel' | 'traffic';

/** Header synonyms of the table's columns (also the labels of the order header line). */
export const COLUMNS: Synonyms<Field> = {
  product: ['商品信息', '商品', '商品名称', '宝贝'],
  unitPrice: ['单价', '商品单价'],
  quantity: ['数量', '购买数量', '商品数量'],
  amount: ['实付金额', '实收金额', '买家实付', '实付款', '订单金额', '支付金额'],
  status: ['订单状态', '状态'],
  recipient: ['收件人信息', '收件人', '收货人信息', '收货人', '收货信息'],
  promisedShipAt: ['承诺发货时间', '最晚发货时间', '预计发货时间'],
  orderId: ['订单编号', '订单号', '主订单编号', '订单ID'],
  placedAt: ['下单时间', '创建时间', '订单创建时间'],
  paidAt: ['支付时间', '付款时间'],
  shippedAt: ['发货时间'],
  nickname: ['买家昵称', '买家', '用户昵称'],
  buyerId: ['买家ID', '用户ID', '抖音号'],
  channel: ['渠道', '下单渠道', '流量体裁', '体裁'],
  traffic: ['流量来源', '流量类型'],
};
/** Columns that must be there for the table to be 抖店's order list. */
export const REQUIRED: readonly Field[] = ['product', 'amount', 'status'];

export const SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', '[class*="shop-info"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/],
};

const PHONE_RE = /(?:\+?86[\s-]?)?1\d{2}(?:\*{4}|[\s-]?\d{4})[\s-]?\d{4}/;

/** Name, phone and region of a 收件人 cell: "何** 138****7682 陕西省 西安市 武侯区 …". */
export function readRecipient(text: string): Pick<OrderInput, 'recipientName' | 'recipientPhone' | 'province' | 'city'> {
  const t = collapseWhitespace(text);
  if (isEmptyMark(t)) return {};
  const m = PHONE_RE.exec(t);
  const name = m ? t.slice(0, m.index).trim() : t.split(' ')[0] ?? '';
  const address = m ? t.slice(m.index + m[0].length).trim() : t.slice(name.length).trim();
  const region = parseRegion(address);
  return {
    ...(name && !isEmptyMark(name) ? { recipientName: name } : {}),
    ...(m ? { recipientPhone: collapseWhitespace(m[0]) } : {}),
    ...region,
  };
}

const PAGE: GroupedOrderPage<Field> = {
  id: ADAPTER_ID,
  platform: 'douyin',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '订单表', en: 'order table' },
  /** Labels inside the 商品 cell. */
  productLabels: { spec: ['规格', '商品规格', 'SKU'], productId: ['商品ID', '商品编号'] },
  words: { orderId: '订单编号', placedAt: '下单时间', paidAt: '支付时间', amount: '实付金额', noBuyer: 'missing 买家 (buyer nickname or id)', noProduct: 'missing 商品名称' },
  parseStatus: parseOrderStatus,
  extra: (get, capturedAt) => {
    const shippedAt = need(parseConsoleTime(get('shippedAt'), capturedAt), '发货时间');
    const promisedShipAt = need(parseConsoleTime(get('promisedShipAt'), capturedAt), '承诺发货时间');
    const traffic = get('traffic');
    return {
      channel: parseChannel(get('channel')),
      traffic: traffic ? parseTraffic(traffic) : 'unknown',
      ...readRecipient(get('recipient')),
      ...(promisedShipAt ? { promisedShipAt } : {}),
      ...(shippedAt ? { shippedAt } : {}),
    };
  },
};

/** Reads the order list of a 抖店 page. Pure; never throws (see `read`). */
export function readDouyinOrders(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readGroupedOrders(doc, capturedAt, PAGE);
}

export const douyinOrders = tableAdapter(
  { id: ADAPTER_ID, platform: 'douyin', kind: 'orders', label: '抖店 订单管理', urls: [{ host: 'fxg.jinritemai.com', path: /^\/ffa\/morder\/order\/list\b/ }] },
  PAGE,
  readDouyinOrders,
);
