/**
 * 抖店 订单管理 (order list). One order = a header line (订单编号, 下单时间 …) over one row per item,
 * the per-order cells (实付, 收件信息, 订单状态 …) spanning the item rows on the first item row, and
 * an optional closing remark row (商家备注 / 买家留言). Read by structure only — the table reader lays
 * any library's rows (antd under `auxo-` / `ecom-g-` tree rows, Arco colSpan rows …) on the header
 * grid; nothing here keys on a library, a class prefix or a CSS-module hash (CONSOLES.md §1, §8.A).
 *
 * Two cell vocabularies read alike:
 *   - the console as the evidence shows it: header line `订单编号\u00a06919…  下单时间\u00a02024/05/12 21:58:20`
 *     (no colon), goods cell `title / 规格 x 数量 / 商家编码：… / tags`, 单价/数量 `¥49.90 x 2`, 售后 `-`,
 *     实付金额 `在线支付¥99.00 (含运费¥5.00)`, 收件信息 = the buyer's nickname link + masked 张** / 138****0000 /
 *     浙江省杭州市***;
 *   - a labelled variant: `订单编号：… 买家：… 渠道：…` in the header line, 单价 and 数量 columns, a 收件人信息 column.
 * What the page does not show is not invented: no 渠道 → channel 'other'; no 流量来源 → traffic 'unknown';
 * no 支付/发货/承诺发货时间 → left out; the masked recipient is kept as shown.
 *
 * Observed JSON (SPEC §8, mapped in ../observe/douyin-searchlist.ts): `GET /api/order/searchlist` (CONSOLES.md §1.4) maps to the same records with
 * exact values — `pay_amount` / `combo_amount` in cents, `create_time` epoch seconds → +08:00 ISO, ids as
 * strings. Only what the list also shows is mapped (so the DOM and the JSON give identical records and
 * cross-check): `exp_ship_time` (not on the list) and `user_id` (not on the list; keys must agree with the
 * DOM's nickname keys) are not used.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://fxg.jinritemai.com/ffa/morder/order/list
 *   https://fxg.jinritemai.com/ffa/morder/order/list?page=2
 * (query strings vary with the console's filters and tabs; the host and path decide.)
 *
 * Fixtures: tests/fixtures/pages/douyin-orders-auxo/ (antd `auxo` and `ecom-g`, rows over XHR, the
 * evidence-built page) and tests/fixtures/pages/douyin-orders/ (Arco, labelled: the "other library" twin).
 */
import type { OrderInput } from '../../model';
import { readLabeled, type Synonyms } from '../columns';
import { readGroupedOrders, type GroupedOrderPage, type OrderField } from '../grouped-orders';
import {
  collapseWhitespace,
  isEmptyMark,
  parseChannel,
  parseConsoleTime,
  parseFen,
  parseOrderStatus,
  parseQuantity,
  parseRegion,
  parseTraffic,
  textOrUndefined,
} from '../normalize';
import { need, RowError, tableAdapter, type TablePage } from '../read-kit';
import type { ShopSpec } from '../shop';
import { cellLines, cellText, type TableRow } from '../table';
import { DOUYIN_ORDERS_ID, mapSearchList } from '../observe/douyin-searchlist';
import type { Adapter, AdapterResult, Endpoint } from '../types';

export { mapSearchList } from '../observe/douyin-searchlist';

export const ADAPTER_ID = DOUYIN_ORDERS_ID;

type Field =
  | 'product'
  | 'unitPrice'
  | 'quantity'
  | 'amount'
  | 'status'
  | 'recipient'
  | 'afterSale'
  | 'promisedShipAt'
  | 'orderId'
  | 'placedAt'
  | 'paidAt'
  | 'shippedAt'
  | 'nickname'
  | 'buyerId'
  | 'channel'
  | 'traffic';

/** Header synonyms of the table's columns (also the labels of the order header line). */
export const COLUMNS: Synonyms<Field> = {
  product: ['商品信息', '商品', '商品名称', '宝贝'],
  // 单价/数量: one cell "¥49.90 x 2" (the console); 单价 + 数量: two cells (the labelled variant).
  unitPrice: ['单价/数量', '单价(元)/数量', '单价', '商品单价'],
  quantity: ['数量', '购买数量', '商品数量'],
  amount: ['实付金额', '实收金额', '买家实付', '实付款', '订单金额', '支付金额', '实付'],
  status: ['订单状态', '状态'],
  recipient: ['收件信息', '买家/收件信息', '买家/收件人', '收件人信息', '收件人', '收货人信息', '收货人', '收货信息'],
  afterSale: ['售后', '售后状态', '售后信息'],
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

type HeaderField = 'orderId' | 'placedAt' | 'paidAt' | 'shippedAt' | 'nickname' | 'buyerId' | 'channel' | 'traffic' | 'promisedShipAt';
/** Labels of the order header line (订单编号 6919… 下单时间 …): only these, so a product word never reads as a label. */
const HEADER_LABELS: Synonyms<HeaderField> = {
  orderId: COLUMNS.orderId,
  placedAt: COLUMNS.placedAt,
  paidAt: COLUMNS.paidAt,
  shippedAt: COLUMNS.shippedAt,
  nickname: COLUMNS.nickname,
  buyerId: COLUMNS.buyerId,
  channel: COLUMNS.channel,
  traffic: COLUMNS.traffic,
  promisedShipAt: COLUMNS.promisedShipAt,
};
/** Labels inside the goods cell; 商家编码 is the merchant's own code (not a platform id), read only to keep it out of the spec. */
const PRODUCT_LABELS: Synonyms<'spec' | 'productId' | 'merchantCode'> = {
  spec: ['规格', '商品规格', 'SKU'],
  productId: ['商品ID', '商品编号'],
  merchantCode: ['商家编码', '商品编码'],
};
/** The closing row of an order block: 商家备注 / 买家留言 (CONSOLES.md §1.2). */
const REMARK_ROW = /^(商家备注|买家留言|卖家备注|备注)/;

export const SHOP: ShopSpec = {
  // 抖店's header shows the shop name only (`div.headerShopName`); the id is then derived from it.
  nameSelectors: ['.headerShopName', '.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', '[class*="shop-info"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/],
};

const PAGE: TablePage<Field> = {
  id: ADAPTER_ID,
  platform: 'douyin',
  shop: SHOP,
  columns: COLUMNS,
  required: REQUIRED,
  table: { zh: '订单表', en: 'order table' },
};

const PHONE_RE = /(?:\+?86[\s-]?)?1\d{2}(?:\*{4}|[\s-]?\d{4})[\s-]?\d{4}/;

/** Name, phone and region of a 收件人 text: "何** 138****7682 陕西省 西安市 武侯区 …" or "张** 138****0000 浙江省杭州市西湖区***". */
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

/** What follows the amount in its cell: "(含运费¥5.00)", "含运费 ¥5.00", "运费 ¥0.00". */
const FREIGHT_NOTE = /[（(]?\s*(?:含|包含|不含)?运费.*$/;

/** 实付 as printed: "在线支付¥99.00 (含运费¥5.00)" → ¥99.00 (the payment method and the freight note dropped). */
export function paidAmountText(text: string): string {
  const t = collapseWhitespace(text).replace(FREIGHT_NOTE, '').trim();
  const at = t.search(/[-+]?\s*[¥￥]/);
  return at > 0 ? t.slice(at).trim() : t;
}

/** "¥49.90 x 2" → unit price text and quantity text; a cell without " x N" is all price. */
export function splitPriceQuantity(text: string): { price: string; quantity: string | null } {
  const m = /^(.*?)\s*[x×*]\s*(\d+)$/.exec(collapseWhitespace(text));
  return m ? { price: m[1]!, quantity: m[2]! } : { price: collapseWhitespace(text), quantity: null };
}

/**
 * The header line's labelled values: `订单编号：…`, or as 抖店 prints it, `订单编号\u00a06919…下单时间\u00a02024/…`
 * — no colon, and the spans run together with no space before the next label.
 */
export function readHeaderLine(text: string): Partial<Record<HeaderField, string>> {
  const labels = Object.values<readonly string[]>(HEADER_LABELS).flat().sort((a, b) => b.length - a.length);
  const alternation = labels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // A label, a space, then its value → "label：value" (a label already followed by a colon is left alone).
  const colonised = collapseWhitespace(text).replace(new RegExp(`(${alternation})\\s+(?=[^\\s：:])`, 'g'), '$1：');
  return readLabeled(colonised, HEADER_LABELS).values;
}

type Block = { header: number | null; items: number[]; remarks: number[] };

/** The closing 商家备注 / 买家留言 row: flagged by the reader, or one text starting with those words across the row (no order id). */
const isRemarkRow = (r: TableRow) =>
  ('remark' in r && (r as { remark?: unknown }).remark === true) ||
  (REMARK_ROW.test(r.cells[0] ?? '') && !/订单编号|订单号/.test(r.cells[0] ?? '') && r.cells.slice(1).every((c) => c === '' || c === r.cells[0]));

/** Order blocks: a header row, its item rows and its closing remark rows; in a flat table each row is its own order. */
export function blocksOf(rows: readonly TableRow[]): { blocks: Block[]; orphans: number[] } {
  const grouped = rows.some((r) => r.groupHeader && !isRemarkRow(r));
  const blocks: Block[] = [];
  const orphans: number[] = [];
  rows.forEach((r, i) => {
    const last = blocks[blocks.length - 1];
    if (isRemarkRow(r)) {
      if (last) last.remarks.push(i);
      else orphans.push(i);
    } else if (!grouped) blocks.push({ header: null, items: [i], remarks: [] });
    else if (r.groupHeader) blocks.push({ header: i, items: [], remarks: [] });
    else if (last) last.items.push(i);
    else orphans.push(i);
  });
  return { blocks, orphans };
}

/** The goods cell: title (first line), then 规格 (labelled, or a "规格 x 数量" line), 商品ID when shown; tags and 商家编码 are not kept. */
function readGoods(el: Element | null, text: string): { productName: string; spec?: string; productId?: string } {
  const lines = el ? cellLines(el) : [text];
  const first = lines[0] ?? '';
  const firstLabels = readLabeled(first, PRODUCT_LABELS);
  // One line holding everything ("名称 规格：… 商品ID：…"): the text before the first label is the name.
  const productName = firstLabels.lead;
  let spec = firstLabels.values.spec;
  let productId = firstLabels.values.productId;
  for (const line of lines.slice(1)) {
    const { lead, values } = readLabeled(line, PRODUCT_LABELS);
    spec ??= values.spec;
    productId ??= values.productId;
    if (spec === undefined && lead && Object.keys(values).length === 0) {
      const m = /^(.+?)\s*[x×*]\s*\d+$/.exec(lead);
      if (m) spec = m[1];
    }
  }
  const s = textOrUndefined(spec ?? '');
  const id = textOrUndefined(productId ?? '');
  return { productName: collapseWhitespace(productName), ...(s ? { spec: s } : {}), ...(id ? { productId: id } : {}) };
}

/** The 收件信息 cell: the buyer's nickname (the leading link, when the header line names no buyer) and the recipient text. */
function readBuyerCell(el: Element | null, text: string, nicknameKnown: boolean): { nickname?: string; recipientText: string } {
  if (nicknameKnown || !el) return { recipientText: text };
  const link = Array.from(el.querySelectorAll('a')).find((a) => cellText(a) !== '');
  const all = cellText(el);
  if (link) {
    const nick = cellText(link);
    if (all.startsWith(nick)) return { nickname: nick, recipientText: all.slice(nick.length) };
  }
  const lines = cellLines(el);
  // Without a link the first line is the buyer only when a masked recipient (phone) follows it.
  if (lines.length > 1 && PHONE_RE.test(lines.slice(1).join(' ')) && !PHONE_RE.test(lines[0]!)) return { nickname: lines[0]!, recipientText: lines.slice(1).join(' ') };
  return { recipientText: all };
}

/** The 抖店 order list as a block order page (lib/capture/grouped-orders.ts), with the hooks for its own cells. */
const ORDER_PAGE: GroupedOrderPage<Exclude<Field, OrderField>> = {
  ...PAGE,
  productLabels: PRODUCT_LABELS,
  words: { orderId: '订单编号', placedAt: '下单时间', paidAt: '支付时间', amount: '实付金额', noBuyer: 'missing 买家 (buyer nickname or id)', noProduct: 'missing 商品名称' },
  parseStatus: parseOrderStatus,
  blocks: (rows) => {
    const { blocks, orphans } = blocksOf(rows);
    return { groups: blocks, orphans };
  },
  headerLabels: (text) => readHeaderLine(text),
  timeText: (text) => text,
  amountText: paidAmountText,
  extra: (get, capturedAt) => {
    const shippedAt = need(parseConsoleTime(get('shippedAt'), capturedAt), '发货时间');
    const promisedShipAt = need(parseConsoleTime(get('promisedShipAt'), capturedAt), '承诺发货时间');
    const traffic = get('traffic');
    return {
      channel: parseChannel(get('channel')),
      traffic: traffic ? parseTraffic(traffic) : 'unknown',
      ...(promisedShipAt ? { promisedShipAt } : {}),
      ...(shippedAt ? { shippedAt } : {}),
    };
  },
  buyer: (get, first, cols) => {
    const labelledNick = textOrUndefined(get('nickname'));
    const col = cols.recipient;
    const buyerCell = readBuyerCell(col !== undefined && first ? first.cellEls[col] ?? null : null, col !== undefined && first ? first.cells[col] ?? '' : '', labelledNick !== undefined);
    return {
      nickname: labelledNick ?? textOrUndefined(buyerCell.nickname ?? ''),
      buyerId: textOrUndefined(get('buyerId')),
      more: readRecipient(buyerCell.recipientText),
    };
  },
  item: (row, i, cols) => {
    const cellOf = (f: Field) => (cols[f] !== undefined ? row.cells[cols[f]!] ?? '' : '');
    const goods = readGoods(cols.product !== undefined ? row.cellEls[cols.product] ?? null : null, cellOf('product'));
    if (!goods.productName) throw new RowError(`row ${i}: missing 商品名称`);
    const { price, quantity: qtyInPrice } = splitPriceQuantity(cellOf('unitPrice'));
    const unitPriceFen = need(parseFen(price), `row ${i}: 单价`);
    const quantity = need(parseQuantity(qtyInPrice ?? (cellOf('quantity') || '1')), `row ${i}: 数量`);
    if (!quantity) throw new RowError(`row ${i}: 数量 must be at least 1`);
    return { ...goods, ...(unitPriceFen !== undefined ? { unitPriceFen } : {}), quantity };
  },
};

/** Reads the order list of a 抖店 page. Pure; never throws (see `read`). */
export function readDouyinOrders(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readGroupedOrders(doc, capturedAt, ORDER_PAGE);
}

/** The page's own endpoints this adapter maps. */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    id: 'douyin-searchlist',
    host: 'fxg.jinritemai.com',
    path: /^\/api\/order\/searchlist\b/,
    map: (json, res, ctx) => {
      try {
        return mapSearchList(json, res, ctx);
      } catch (e) {
        // A mapper bug must not break the page's capture: the body is ignored with the reason.
        return { ignored: `映射出错 (mapper error: ${e instanceof Error ? e.message : String(e)})` };
      }
    },
  },
];

export const douyinOrders: Adapter = {
  ...tableAdapter(
    { id: ADAPTER_ID, platform: 'douyin', kind: 'orders', label: '抖店 订单管理', urls: [{ host: 'fxg.jinritemai.com', path: /^\/ffa\/morder\/order\/list\b/ }] },
    PAGE,
    readDouyinOrders,
  ),
  endpoints: ENDPOINTS,
};
