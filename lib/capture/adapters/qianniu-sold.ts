/**
 * 千牛 已卖出的宝贝 (sold items, the Taobao/Tmall order list): one order = a header line
 * (订单号, 创建时间, flags such as 号码保护订单, or 买家昵称) over one row per item (宝贝 with its
 * 颜色分类 and item link, 单价, 数量, 售后/履约), with the per-order cells (买家, 交易状态,
 * 实收款 含快递/运费) spanning the item rows — whether the page draws all orders in one table
 * (antd-style colSpan header rows) or one <table> per order (千牛's Fusion list). Orders use the
 * Taobao status words (等待买家付款 / 买家已付款 / 卖家已发货 / 交易成功 / 交易关闭 / 退款成功);
 * the page shows no channel or traffic source (→ 'other' / 'unknown') and no buyer id, so the
 * buyer is keyed by the nickname as shown (hidden ones such as 星** included, SPEC §2). A flat
 * variant (one row per order) reads too (both read by lib/capture/grouped-orders.ts).
 *
 * The page loads its rows by POSTing a form to trade.taobao.com/trade/itemlist/asyncSold.htm
 * (GBK JSON: mainOrders[] / subOrders[], CONSOLES.md §5); `endpoints` maps that JSON to the same
 * orders with exact ids.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://myseller.taobao.com/home.htm/trade-platform/tp/sold
 *   https://myseller.taobao.com/home.htm/trade-platform/tp/sold?tab=wait_send
 *   https://qn.taobao.com/home.htm/trade-platform/tp/sold
 *   https://trade.taobao.com/trade/itemlist/list_sold_items.htm
 *   https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction
 * (a moved path on these hosts still works: the table's headers confirm the page.)
 *
 * Fixtures: tests/fixtures/pages/qianniu-sold-fusion/ (Fusion Next, one table per order, rows
 * from asyncSold.htm in GBK — as the evidence shows the console) and tests/fixtures/pages/qianniu-sold/
 * (Ant Design 5, the other-library twin); truths built by scripts/build-fixtures.mjs.
 */
import type { OrderInput, OrderItem, OrderStatus, Shop } from '../../model';
import { customerKeyOf, derivedShopId } from '../../model/keys';
import { ownValue } from '../../model/own';
import type { Parsed } from '../../model/parse';
import type { Synonyms } from '../columns';
import { readGroupedOrders, type GroupedOrderPage, type OrderField } from '../grouped-orders';
import { collapseWhitespace, parseConsoleTime, parseFen, parseOrderStatus, parseQuantity, textOrUndefined } from '../normalize';
import { CONSOLE_SHOP, customerOnce, rejectForNoShop, tableAdapter } from '../read-kit';
import type { ShopSpec } from '../shop';
import { emptyResult, type Adapter, type AdapterResult, type Endpoint, type ObserveContext, type ObservedResponse } from '../types';

export const ADAPTER_ID = 'qianniu-sold';

/** Header synonyms of the table's columns (also the labels of the order header line). */
export const COLUMNS: Synonyms<OrderField> = {
  product: ['宝贝', '宝贝名称', '宝贝信息', '商品', '商品名称'],
  unitPrice: ['单价', '宝贝单价'],
  quantity: ['数量', '购买数量'],
  amount: ['实收款', '实收金额', '实付款', '买家实付', '实付金额'],
  status: ['交易状态', '订单状态'],
  orderId: ['订单号', '订单编号', '主订单号'],
  placedAt: ['创建时间', '下单时间', '成交时间'],
  paidAt: ['付款时间', '支付时间'],
  nickname: ['买家昵称', '买家', '买家旺旺', '买家信息'],
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
  const hit = ownValue(TAOBAO_STATUS, t) ?? Object.entries(TAOBAO_STATUS).find(([k]) => t.startsWith(k))?.[1];
  return hit ? { ok: true, value: hit } : parseOrderStatus(text);
}

/** The item id in a link to the item (item.htm?id=…, detail.tmall.com …?id=…), or undefined (a trade snapshot link has none). */
export function itemIdOfLink(href: string | null): string | undefined {
  const m = /[?&](?:id|itemId|item_id)=(\d{5,})\b/.exec(href ?? '');
  return m?.[1];
}

/** The item id of the first item link in a 宝贝 cell (千牛 shows the id only there). */
function itemIdIn(cell: Element | null): string | undefined {
  for (const a of cell?.querySelectorAll('a[href]') ?? []) {
    const id = itemIdOfLink(a.getAttribute('href'));
    if (id) return id;
  }
  return undefined;
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
  productIdIn: itemIdIn,
};

/** Reads the order list of a 千牛 已卖出的宝贝 page. Pure; never throws (see `read`). */
export function readQianniuSold(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readGroupedOrders(doc, capturedAt, PAGE);
}

// ---------------------------------------------------------------------------------------------
// Observed JSON: POST trade.taobao.com/trade/itemlist/asyncSold.htm (CONSOLES.md §5).

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** A JSON scalar as text ("" when absent): the endpoint sends ids and counts as numbers or strings. */
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : '');

/** Why an asyncSold.htm answer is not a list of orders (logged out, risk check, another action), or null. */
function notSoldList(json: unknown, res: ObservedResponse): string | null {
  const body = obj(json);
  if (!body) return '不是订单列表 JSON (not the sold-list JSON)';
  const action = res.requestBody ? new URLSearchParams(res.requestBody).get('action') : null;
  if (action && action !== 'itemlist/SoldQueryAction') return `另一个请求 (another action: ${action})`;
  const redirect = text(body.url);
  if ('rgv587_flag' in body || /login|punish|captcha/i.test(redirect)) return '需要登录或安全验证 (logged out or a risk check)';
  const message = `${text(body.error)} ${text(body.msg)} ${text(body.message)}`;
  if (/未登录|登录|session/i.test(message)) return '未登录 (logged out)';
  if (!Array.isArray(body.mainOrders)) return '不是订单列表 JSON (no mainOrders)';
  return null;
}

/** One parent order of the JSON → an order, or why not (the same words as the DOM reading). */
function orderOfJson(m: Json, shopId: string, capturedAt: string): { order: OrderInput; nickname: string } | { reason: string } {
  const info = obj(m.orderInfo) ?? {};
  const orderId = text(m.id) || text(info.id);
  if (!/^\d+$/.test(orderId)) return { reason: `missing 订单号 (order id)` };
  const placed = parseConsoleTime(text(info.createTime), capturedAt);
  if (!placed.ok) return { reason: `创建时间: ${placed.reason}` };
  if (!placed.value) return { reason: 'missing 创建时间' };
  const pay = obj(m.payInfo) ?? {};
  const fee = parseFen(text(pay.actualFee));
  if (!fee.ok) return { reason: `实收款: ${fee.reason}` };
  if (fee.value === null) return { reason: 'missing 实收款' };
  const status = parseStatus(text(obj(m.statusInfo)?.text));
  if (!status.ok) return { reason: status.reason };
  const nickname = textOrUndefined(collapseWhitespace(text(obj(m.buyer)?.nick)));
  if (!nickname) return { reason: PAGE.words.noBuyer };
  const items: OrderItem[] = [];
  for (const [n, raw] of arr(m.subOrders).entries()) {
    const sub = obj(raw) ?? {};
    const item = obj(sub.itemInfo) ?? {};
    const productName = collapseWhitespace(text(item.title));
    if (!productName) return { reason: `item ${n}: ${PAGE.words.noProduct}` };
    const price = parseFen(text(obj(sub.priceInfo)?.realTotal));
    if (!price.ok) return { reason: `item ${n}: 单价: ${price.reason}` };
    const qty = parseQuantity(text(sub.quantity) || '1');
    if (!qty.ok || !qty.value) return { reason: `item ${n}: 数量 "${text(sub.quantity)}"` };
    const productId = textOrUndefined(text(item.id));
    const spec = textOrUndefined(collapseWhitespace(arr(item.skuText).map((s) => text(obj(s)?.value)).join(' ')));
    items.push({ ...(productId ? { productId } : {}), productName, ...(spec ? { spec } : {}), ...(price.value !== null ? { unitPriceFen: price.value } : {}), quantity: qty.value });
  }
  if (items.length === 0) return { reason: `order ${orderId} has no item rows` };
  const customerKey = customerKeyOf('taobao', shopId, { nickname });
  return {
    nickname,
    order: {
      orderId,
      shopId,
      customerKey,
      placedAt: placed.value,
      amountFen: fee.value,
      quantity: items.reduce((s, i) => s + i.quantity, 0),
      ...(items[0]!.productId ? { productId: items[0]!.productId } : {}),
      productName: items[0]!.productName,
      items,
      channel: 'other',
      traffic: 'unknown',
      status: status.value,
    },
  };
}

/** The columns of the raw rows kept for an observed asyncSold.htm answer (one row per order). */
export const OBSERVED_HEADERS = ['订单号', '创建时间', '买家', '宝贝', '数量', '交易状态', '实收款', '店铺'];

/** asyncSold.htm's JSON → the orders and buyers of that page (the shop: the page's, else seller.shopName). Pure; never throws. */
export function mapAsyncSold(json: unknown, res: ObservedResponse, ctx: ObserveContext): AdapterResult | { ignored: string } {
  const why = notSoldList(json, res);
  if (why) return { ignored: why };
  const mains = arr(obj(json)!.mainOrders).map((m) => obj(m) ?? {});
  const out = emptyResult(ADAPTER_ID);
  out.headers = [...OBSERVED_HEADERS];
  out.rawRows = mains.map((m) => {
    const subs = arr(m.subOrders).map((s) => obj(s) ?? {});
    return [
      text(m.id) || text(obj(m.orderInfo)?.id),
      text(obj(m.orderInfo)?.createTime),
      collapseWhitespace(text(obj(m.buyer)?.nick)),
      subs.map((s) => collapseWhitespace(text(obj(s.itemInfo)?.title))).join(' / '),
      subs.map((s) => text(s.quantity)).join(' / '),
      text(obj(m.statusInfo)?.text),
      text(obj(m.payInfo)?.actualFee),
      text(obj(m.seller)?.shopName),
    ];
  });
  const shopName = mains.map((m) => collapseWhitespace(text(obj(m.seller)?.shopName))).find((n) => n !== '');
  const shop: Shop | null = ctx.shop ?? (shopName ? { shopId: derivedShopId('taobao', shopName), platform: 'taobao', name: shopName } : null);
  out.shop = shop;
  if (!shop) return rejectForNoShop(out);
  if (!ctx.shop) out.shopSource = 'observed';
  const addCustomer = customerOnce(out);
  const seen = new Map<string, number>();
  mains.forEach((m, row) => {
    const r = orderOfJson(m, shop.shopId, ctx.capturedAt);
    if ('reason' in r) return void out.rejected.push({ row, reason: r.reason });
    if (seen.has(r.order.orderId)) return void out.rejected.push({ row, reason: `订单号 ${r.order.orderId} shown twice (first at row ${seen.get(r.order.orderId)})` });
    seen.set(r.order.orderId, row);
    out.orders.push(r.order);
    out.rowOf.orders.push(row);
    addCustomer({ customerKey: r.order.customerKey, shopId: shop.shopId, nickname: r.nickname }, row);
  });
  return out;
}

/** The page's own endpoint: the sold list's form POST (its answer may be GBK; the tap decodes it). */
export const ASYNC_SOLD: Endpoint = { id: 'qianniu-asyncsold', host: 'trade.taobao.com', path: /^\/trade\/itemlist\/asyncSold\.htm/, map: mapAsyncSold };

export const qianniuSold: Adapter = {
  ...tableAdapter(
    {
      id: ADAPTER_ID,
      platform: 'taobao',
      kind: 'orders',
      label: '千牛 已卖出的宝贝',
      urls: [
        { host: 'myseller.taobao.com', path: /^\/home\.htm\/trade-platform\/tp\/sold\b/ },
        // The same 千牛 SPA is also served on qn.taobao.com (CONSOLES.md §9.4).
        { host: 'qn.taobao.com', path: /^\/home\.htm\/trade-platform\/tp\/sold\b/ },
        { host: 'trade.taobao.com', path: /^\/trade\/itemlist\/list_sold_items\.htm\b/ },
      ],
    },
    PAGE,
    readQianniuSold,
  ),
  endpoints: [ASYNC_SOLD],
};
