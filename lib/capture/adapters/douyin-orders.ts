/**
 * 抖店 订单管理 (order list): one order = a header line (订单编号, 下单时间, 支付时间, 买家 …)
 * followed by one row per item, with the per-order cells (实付金额, 订单状态, 收件人 …) spanning
 * the item rows. A flat variant (one row per order, every field a column) reads too: each field is
 * looked up in its column first, then in the order's header line.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://fxg.jinritemai.com/ffa/morder/order/list
 *   https://fxg.jinritemai.com/ffa/morder/order/list?page=2
 * (query strings vary with the console's filters and tabs; the host and path decide.)
 *
 * Fixture: tests/fixtures/pages/douyin-orders/ (Arco Design), truth built by scripts/build-fixtures.mjs.
 */
import type { CustomerInput, OrderInput, OrderItem } from '../../model';
import { customerKeyOf } from '../../model/keys';
import { findTable, readLabeled, type Synonyms } from '../columns';
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
import { readShop, type ShopSpec } from '../shop';
import type { TableRow } from '../table';
import { emptyResult, type Adapter, type AdapterResult } from '../types';

export const ADAPTER_ID = 'douyin-orders';

type Field =
  | 'product' | 'unitPrice' | 'quantity' | 'amount' | 'status' | 'recipient' | 'promisedShipAt'
  | 'orderId' | 'placedAt' | 'paidAt' | 'shippedAt' | 'nickname' | 'buyerId' | 'channel' | 'traffic';

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
/** Labels inside the 商品 cell. */
const PRODUCT_LABELS: Synonyms<'spec' | 'productId'> = { spec: ['规格', '商品规格', 'SKU'], productId: ['商品ID', '商品编号'] };

export const SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', '[class*="shop-info"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/],
};

const PHONE_RE = /(?:\+?86[\s-]?)?1\d{2}(?:\*{4}|[\s-]?\d{4})[\s-]?\d{4}/;
/** What follows the amount in its cell: "含运费 ¥5.00", "(含运费)", "运费 ¥0.00". */
const FREIGHT_NOTE = /[（(]?\s*(?:含|包含|不含)?运费.*$/;

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

type Group = { header: number | null; items: number[] };

/** Order blocks: a group-header row and its item rows; in a flat table each row is its own order. */
function groupsOf(rows: TableRow[]): { groups: Group[]; orphans: number[] } {
  const grouped = rows.some((r) => r.groupHeader);
  const groups: Group[] = [];
  const orphans: number[] = [];
  rows.forEach((r, i) => {
    if (!grouped) groups.push({ header: null, items: [i] });
    else if (r.groupHeader) groups.push({ header: i, items: [] });
    else if (r.group) groups[groups.length - 1]!.items.push(i);
    else orphans.push(i);
  });
  return { groups, orphans };
}

class RowError extends Error {}
const need = <T>(r: { ok: true; value: T | null } | { ok: false; reason: string }, what: string): T | undefined => {
  if (!r.ok) throw new RowError(`${what}: ${r.reason}`);
  return r.value ?? undefined;
};

/** Reads the order list of a 抖店 page. Pure; never throws. */
export function readDouyinOrders(doc: Document, url: string, capturedAt: string): AdapterResult {
  const out = emptyResult(ADAPTER_ID);
  void url;
  out.shop = readShop(doc, 'douyin', SHOP);
  const found = findTable(doc, COLUMNS, REQUIRED);
  if (!found) {
    out.problem = `没有找到订单表 (no order table: needs columns ${REQUIRED.map((f) => COLUMNS[f][0]).join(' / ')})`;
    return out;
  }
  const { table, cols } = found;
  out.headers = table.headers;
  out.rawRows = table.rows.map((r) => r.cells);
  if (!out.shop) {
    out.problem = '店铺信息无法识别 (no shop name or 店铺ID on the page)';
    out.rejected = out.rawRows.map((_, row) => ({ row, reason: 'no shop identity on the page' }));
    return out;
  }
  const shopId = out.shop.shopId;
  const { groups, orphans } = groupsOf(table.rows);
  for (const row of orphans) out.rejected.push({ row, reason: 'item row before any order header row (订单编号)' });
  const seenOrders = new Map<string, number>();
  const customerAt = new Map<string, number>();

  for (const g of groups) {
    const at = g.header ?? g.items[0]!;
    const rowsOfGroup = g.header === null ? g.items : [g.header, ...g.items];
    const reject = (reason: string) => {
      out.rejected.push({ row: at, reason });
      for (const r of rowsOfGroup) if (r !== at) out.rejected.push({ row: r, reason: `part of the order at row ${at}, which could not be read` });
    };
    try {
      const headerText = g.header === null ? '' : table.rows[g.header]!.cells[0] ?? '';
      const labels = readLabeled(headerText, COLUMNS).values;
      const first = g.items[0] === undefined ? undefined : table.rows[g.items[0]];
      const get = (f: Field): string => {
        const col = cols[f];
        const cell = col !== undefined && first ? first.cells[col] ?? '' : '';
        return cell || labels[f] || '';
      };
      const orderId = get('orderId').split(' ')[0] ?? '';
      if (isEmptyMark(orderId)) throw new RowError('missing 订单编号 (order id)');
      if (seenOrders.has(orderId)) throw new RowError(`订单编号 ${orderId} shown twice (first at row ${seenOrders.get(orderId)})`);
      if (g.items.length === 0) throw new RowError(`order ${orderId} has no item rows`);
      const placedAt = need(parseConsoleTime(get('placedAt'), capturedAt), '下单时间');
      if (!placedAt) throw new RowError('missing 下单时间');
      const paidAt = need(parseConsoleTime(get('paidAt'), capturedAt), '支付时间');
      const shippedAt = need(parseConsoleTime(get('shippedAt'), capturedAt), '发货时间');
      const promisedShipAt = need(parseConsoleTime(get('promisedShipAt'), capturedAt), '承诺发货时间');
      const amountText = get('amount');
      const amountFen = need(parseFen(amountText.replace(FREIGHT_NOTE, '')), '实付金额');
      if (amountFen === undefined) throw new RowError('missing 实付金额');
      const status = parseOrderStatus(get('status'));
      if (!status.ok) throw new RowError(status.reason);
      const nickname = textOrUndefined(get('nickname'));
      const buyerId = textOrUndefined(get('buyerId'));
      if (!nickname && !buyerId) throw new RowError('missing 买家 (buyer nickname or id)');

      const items: OrderItem[] = g.items.map((i) => {
        const row = table.rows[i]!;
        const cell = (f: Field) => (cols[f] !== undefined ? row.cells[cols[f]!] ?? '' : '');
        const { lead, values } = readLabeled(cell('product'), PRODUCT_LABELS);
        const productName = lead;
        if (!productName) throw new RowError(`row ${i}: missing 商品名称`);
        const unitPriceFen = need(parseFen(cell('unitPrice')), `row ${i}: 单价`);
        const quantity = need(parseQuantity(cell('quantity') || '1'), `row ${i}: 数量`);
        if (!quantity) throw new RowError(`row ${i}: 数量 must be at least 1`);
        const productId = textOrUndefined(values.productId ?? '');
        const spec = textOrUndefined(values.spec ?? '');
        return {
          ...(productId ? { productId } : {}),
          productName,
          ...(spec ? { spec } : {}),
          ...(unitPriceFen !== undefined ? { unitPriceFen } : {}),
          quantity,
        };
      });
      const customerKey = customerKeyOf('douyin', shopId, { buyerId, nickname: nickname ?? '' });
      const traffic = get('traffic');
      const order: OrderInput = {
        orderId,
        shopId,
        customerKey,
        placedAt,
        ...(paidAt ? { paidAt } : {}),
        amountFen,
        quantity: items.reduce((s, i) => s + i.quantity, 0),
        ...(items[0]?.productId ? { productId: items[0].productId } : {}),
        ...(items[0] ? { productName: items[0].productName } : {}),
        items,
        channel: parseChannel(get('channel')),
        traffic: traffic ? parseTraffic(traffic) : 'unknown',
        status: status.value,
        ...readRecipient(get('recipient')),
        ...(promisedShipAt ? { promisedShipAt } : {}),
        ...(shippedAt ? { shippedAt } : {}),
      };
      seenOrders.set(orderId, at);
      out.orders.push(order);
      out.rowOf.orders.push(at);
      if (!customerAt.has(customerKey)) {
        const customer: CustomerInput = { customerKey, shopId, nickname: nickname ?? '', ...(buyerId ? { buyerId } : {}) };
        customerAt.set(customerKey, at);
        out.customers.push(customer);
        out.rowOf.customers.push(at);
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      reject(e.message);
    }
  }
  out.rejected.sort((a, b) => a.row - b.row);
  return out;
}

export const douyinOrders: Adapter = {
  id: ADAPTER_ID,
  platform: 'douyin',
  kind: 'orders',
  label: '抖店 订单管理',
  urls: [{ host: 'fxg.jinritemai.com', path: /^\/ffa\/morder\/order\/list\b/ }],
  confirm: (doc) => findTable(doc, COLUMNS, REQUIRED) !== null,
  findTable: (doc) => findTable(doc, COLUMNS, REQUIRED)?.table.el ?? null,
  read: (doc, url, capturedAt) => {
    try {
      return readDouyinOrders(doc, url, capturedAt);
    } catch (e) {
      // A bug must not lose the page: report it as the problem, keep nothing half-read.
      return { ...emptyResult(ADAPTER_ID), problem: `adapter error: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
};
