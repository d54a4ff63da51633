/**
 * 千牛 已卖出的宝贝 (sold items, the Taobao/Tmall order list): one order = a header line
 * (订单号, 创建时间, 买家昵称) over one row per item (宝贝 with its 颜色分类, 单价, 数量, 售后),
 * with the per-order cells (交易状态, 实收款 含运费) spanning the item rows. Orders use the
 * Taobao status words (等待买家付款 / 买家已付款 / 卖家已发货 / 交易成功 / 交易关闭 / 退款成功);
 * the page shows no channel or traffic source (→ 'other' / 'unknown') and no buyer id, so the
 * buyer is keyed by the nickname as shown. A flat variant (one row per order) reads too.
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
import type { CustomerInput, OrderInput, OrderItem, OrderStatus } from '../../model';
import type { Parsed } from '../../model/parse';
import { customerKeyOf } from '../../model/keys';
import { findTable, readLabeled, type Synonyms } from '../columns';
import { collapseWhitespace, isEmptyMark, parseConsoleTime, parseFen, parseOrderStatus, parseQuantity, textOrUndefined } from '../normalize';
import { readShop, type ShopSpec } from '../shop';
import type { TableRow } from '../table';
import { emptyResult, type Adapter, type AdapterResult } from '../types';

export const ADAPTER_ID = 'qianniu-sold';

type Field = 'product' | 'unitPrice' | 'quantity' | 'amount' | 'status' | 'orderId' | 'placedAt' | 'paidAt' | 'nickname' | 'buyerId';

/** Header synonyms of the table's columns (also the labels of the order header line). */
export const COLUMNS: Synonyms<Field> = {
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
export const REQUIRED: readonly Field[] = ['product', 'amount', 'status'];
/** Labels inside the 宝贝 cell. */
const PRODUCT_LABELS: Synonyms<'spec' | 'productId'> = { spec: ['颜色分类', '规格', 'SKU', '套餐'], productId: ['商品ID', '宝贝ID'] };

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

export const SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]', '[class*="shop-title"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/],
};

/** What follows the amount in its cell: "(含运费：¥5.00)", "含运费 ¥0.00". */
const FREIGHT_NOTE = /[（(]?\s*(?:含|包含|不含)?运费.*$/;

function parseStatus(text: string): Parsed<OrderStatus> {
  const t = collapseWhitespace(text).replace(/\s/g, '');
  const hit = TAOBAO_STATUS[t] ?? Object.entries(TAOBAO_STATUS).find(([k]) => t.startsWith(k))?.[1];
  return hit ? { ok: true, value: hit } : parseOrderStatus(text);
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

/** Reads the order list of a 千牛 已卖出的宝贝 page. Pure; never throws (see `read`). */
export function readQianniuSold(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  const out = emptyResult(ADAPTER_ID);
  out.shop = readShop(doc, 'taobao', SHOP);
  const found = findTable(doc, COLUMNS, REQUIRED);
  if (!found) {
    out.problem = `没有找到已卖出的宝贝表 (no sold-items table: needs columns ${REQUIRED.map((f) => COLUMNS[f][0]).join(' / ')})`;
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
  for (const row of orphans) out.rejected.push({ row, reason: 'item row before any order header row (订单号)' });
  const seenOrders = new Map<string, number>();
  const customerAt = new Set<string>();

  for (const g of groups) {
    const at = g.header ?? g.items[0]!;
    const rowsOfGroup = g.header === null ? g.items : [g.header, ...g.items];
    try {
      const labels = readLabeled(g.header === null ? '' : table.rows[g.header]!.cells[0] ?? '', COLUMNS).values;
      const first = g.items[0] === undefined ? undefined : table.rows[g.items[0]];
      const get = (f: Field): string => {
        const col = cols[f];
        const cell = col !== undefined && first ? first.cells[col] ?? '' : '';
        return cell || labels[f] || '';
      };
      const orderId = get('orderId').split(' ')[0] ?? '';
      if (isEmptyMark(orderId)) throw new RowError('missing 订单号 (order id)');
      if (seenOrders.has(orderId)) throw new RowError(`订单号 ${orderId} shown twice (first at row ${seenOrders.get(orderId)})`);
      if (g.items.length === 0) throw new RowError(`order ${orderId} has no item rows`);
      const placedAt = need(parseConsoleTime(get('placedAt'), capturedAt), '创建时间');
      if (!placedAt) throw new RowError('missing 创建时间');
      const paidAt = need(parseConsoleTime(get('paidAt'), capturedAt), '付款时间');
      const amountFen = need(parseFen(get('amount').replace(FREIGHT_NOTE, '')), '实收款');
      if (amountFen === undefined) throw new RowError('missing 实收款');
      const status = parseStatus(get('status'));
      if (!status.ok) throw new RowError(status.reason);
      const nickname = textOrUndefined(get('nickname'));
      const buyerId = textOrUndefined(get('buyerId'));
      if (!nickname && !buyerId) throw new RowError('missing 买家昵称 (buyer)');
      const items: OrderItem[] = g.items.map((i) => {
        const row = table.rows[i]!;
        const cell = (f: Field) => (cols[f] !== undefined ? row.cells[cols[f]!] ?? '' : '');
        const { lead, values } = readLabeled(cell('product'), PRODUCT_LABELS);
        if (!lead) throw new RowError(`row ${i}: missing 宝贝 (item title)`);
        const unitPriceFen = need(parseFen(cell('unitPrice')), `row ${i}: 单价`);
        const quantity = need(parseQuantity(cell('quantity') || '1'), `row ${i}: 数量`);
        if (!quantity) throw new RowError(`row ${i}: 数量 must be at least 1`);
        const productId = textOrUndefined(values.productId ?? '');
        const spec = textOrUndefined(values.spec ?? '');
        return {
          ...(productId ? { productId } : {}),
          productName: lead,
          ...(spec ? { spec } : {}),
          ...(unitPriceFen !== undefined ? { unitPriceFen } : {}),
          quantity,
        };
      });
      const customerKey = customerKeyOf('taobao', shopId, { buyerId, nickname: nickname ?? '' });
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
        channel: 'other',
        traffic: 'unknown',
        status: status.value,
      };
      seenOrders.set(orderId, at);
      out.orders.push(order);
      out.rowOf.orders.push(at);
      if (!customerAt.has(customerKey)) {
        customerAt.add(customerKey);
        const customer: CustomerInput = { customerKey, shopId, nickname: nickname ?? '', ...(buyerId ? { buyerId } : {}) };
        out.customers.push(customer);
        out.rowOf.customers.push(at);
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      out.rejected.push({ row: at, reason: e.message });
      for (const r of rowsOfGroup) if (r !== at) out.rejected.push({ row: r, reason: `part of the order at row ${at}, which could not be read` });
    }
  }
  out.rejected.sort((a, b) => a.row - b.row);
  return out;
}

export const qianniuSold: Adapter = {
  id: ADAPTER_ID,
  platform: 'taobao',
  kind: 'orders',
  label: '千牛 已卖出的宝贝',
  urls: [
    { host: 'myseller.taobao.com', path: /^\/home\.htm\/trade-platform\/tp\/sold\b/ },
    { host: 'trade.taobao.com', path: /^\/trade\/itemlist\/list_sold_items\.htm\b/ },
  ],
  confirm: (doc) => findTable(doc, COLUMNS, REQUIRED) !== null,
  findTable: (doc) => findTable(doc, COLUMNS, REQUIRED)?.table.el ?? null,
  read: (doc, url, capturedAt) => {
    try {
      return readQianniuSold(doc, url, capturedAt);
    } catch (e) {
      // A bug must not lose the page: report it as the problem, keep nothing half-read.
      return { ...emptyResult(ADAPTER_ID), problem: `adapter error: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
};
