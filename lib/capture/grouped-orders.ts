/**
 * Order lists drawn as blocks (抖店 订单管理, 千牛 已卖出的宝贝): one order = a header line
 * (订单编号, 下单时间, 买家 …) over one row per item, the per-order cells (实付金额, 订单状态 …)
 * spanning the item rows. A flat variant (one row per order, every field a column) reads too:
 * each field is looked up in its column first, then in the order's header line.
 * An order that cannot be read is rejected whole: its first row with the reason, its other rows
 * pointing at it.
 */
import type { OrderInput, OrderItem, OrderStatus } from '../model';
import { customerKeyOf } from '../model/keys';
import type { Parsed } from '../model/parse';
import { readLabeled, type Synonyms } from './columns';
import { isEmptyMark, leadingDateTime, parseConsoleTime, parseFen, parseQuantity, textOrUndefined } from './normalize';
import { cellsOf, customerOnce, need, openTablePage, RowError, type TablePage } from './read-kit';
import type { TableRow } from './table';
import type { AdapterResult } from './types';

/** The fields every block order list has (an adapter may add its own). */
export type OrderField = 'product' | 'unitPrice' | 'quantity' | 'amount' | 'status' | 'orderId' | 'placedAt' | 'paidAt' | 'nickname' | 'buyerId';

/** What follows the amount in its cell: "含运费 ¥5.00", "(含运费：¥5.00)", "运费 ¥0.00", 千牛's "(含快递:￥5.00)". */
const FREIGHT_NOTE = /[（(]?\s*(?:含|包含|不含)?(?:运费|快递费?).*$/;

/** An order list page (X: the columns only this console has): its table, the console's words for the messages, and what only this console shows. */
export interface GroupedOrderPage<X extends string = never> extends TablePage<OrderField | X> {
  /** Labels inside the product cell (规格, 商品ID …). */
  productLabels: Synonyms<'spec' | 'productId'>;
  /** The console's names for the order fields, as rejection reasons quote them. */
  words: { orderId: string; placedAt: string; paidAt: string; amount: string; noBuyer: string; noProduct: string };
  parseStatus(text: string): Parsed<OrderStatus>;
  /**
   * What only this console shows, read right after 支付时间 (a RowError here rejects the order):
   * channel and traffic, and fields added at the end of the order.
   */
  extra(get: (f: OrderField | X) => string, capturedAt: string): Pick<OrderInput, 'channel' | 'traffic'> & Partial<OrderInput>;
  /** The item id from the product cell's element, for consoles that show it only there (千牛: the item link). */
  productIdIn?(cell: Element | null): string | undefined;
  /** The order blocks of the table, for a console that tells its remark rows apart its own way (default `groupsOf`). */
  blocks?(rows: readonly TableRow[]): { groups: Group[]; orphans: number[] };
  /** The labelled values of an order's header line (default: the columns' synonyms, `label：value`). */
  headerLabels?(text: string): Partial<Record<OrderField | X, string>>;
  /** The text a time is read from (default: the leading date and time of the cell). */
  timeText?(text: string): string;
  /** The amount's own text (default: the freight note dropped). */
  amountText?(text: string): string;
  /**
   * The buyer, for a console that shows it in a cell of its own shape (抖店: the nickname leads the
   * 收件信息 cell), and what that cell adds to the order (the recipient). Default: the nickname and
   * buyer id columns or labels.
   */
  buyer?(get: (f: OrderField | X) => string, first: TableRow | undefined, cols: Partial<Record<OrderField | X, number>>): { nickname?: string; buyerId?: string; more?: Partial<OrderInput> };
  /** One item row, for a console whose product and price cells have their own shape (default: product labels, 单价, 数量). */
  item?(row: TableRow, i: number, cols: Partial<Record<OrderField | X, number>>): OrderItem;
}

/** An order block: its header row (null in a flat table), item rows and closing remark rows. */
export type Group = { header: number | null; items: number[]; remarks?: number[] };

/**
 * Order blocks: a group-header row, its item rows and its remark rows (商家备注/买家留言, kept in
 * the raw rows, never read as items); in a flat table each row is its own order.
 */
export function groupsOf(rows: readonly TableRow[]): { groups: Group[]; orphans: number[] } {
  const grouped = rows.some((r) => r.groupHeader);
  const groups: Group[] = [];
  const orphans: number[] = [];
  rows.forEach((r, i) => {
    if (r.remark) {
      // A remark closes its order; one without an order before it is page furniture, not a lost item.
      const g = grouped && r.group ? groups[groups.length - 1] : undefined;
      if (g) (g.remarks ??= []).push(i);
      return;
    }
    if (!grouped) groups.push({ header: null, items: [i] });
    else if (r.groupHeader) groups.push({ header: i, items: [] });
    else if (r.group) groups[groups.length - 1]!.items.push(i);
    else orphans.push(i);
  });
  return { groups, orphans };
}

/** Reads an order list page into orders (one per block) and their buyers. Pure; throws only on a bug. */
export function readGroupedOrders<X extends string>(doc: Document, capturedAt: string, page: GroupedOrderPage<X>): AdapterResult {
  const { out, open } = openTablePage(doc, page);
  if (!open) return out;
  const { table, cols, shopId } = open;
  const w = page.words;
  const { groups, orphans } = (page.blocks ?? groupsOf)(table.rows);
  const timeText = page.timeText ?? leadingDateTime;
  const amountText = page.amountText ?? ((t: string) => t.replace(FREIGHT_NOTE, ''));
  for (const row of orphans) out.rejected.push({ row, reason: `item row before any order header row (${w.orderId})` });
  const seenOrders = new Map<string, number>();
  const addCustomer = customerOnce(out);

  for (const g of groups) {
    const at = g.header ?? g.items[0]!;
    const rowsOfGroup = [...(g.header === null ? [] : [g.header]), ...g.items, ...(g.remarks ?? [])];
    try {
      const headerText = g.header === null ? '' : table.rows[g.header]!.cells[0] ?? '';
      const labels: Partial<Record<OrderField | X, string>> = page.headerLabels ? (g.header === null ? {} : page.headerLabels(headerText)) : readLabeled(headerText, page.columns).values;
      const first = g.items[0] === undefined ? undefined : table.rows[g.items[0]];
      const get = (f: OrderField | X): string => {
        const col = cols[f];
        const cell = col !== undefined && first ? first.cells[col] ?? '' : '';
        return cell || labels[f] || '';
      };
      const orderId = get('orderId').split(' ')[0] ?? '';
      if (isEmptyMark(orderId)) throw new RowError(`missing ${w.orderId} (order id)`);
      if (seenOrders.has(orderId)) throw new RowError(`${w.orderId} ${orderId} shown twice (first at row ${seenOrders.get(orderId)})`);
      if (g.items.length === 0) throw new RowError(`order ${orderId} has no item rows`);
      const placedAt = need(parseConsoleTime(timeText(get('placedAt')), capturedAt), w.placedAt);
      if (!placedAt) throw new RowError(`missing ${w.placedAt}`);
      const paidAt = need(parseConsoleTime(timeText(get('paidAt')), capturedAt), w.paidAt);
      const { channel, traffic, ...more } = page.extra(get, capturedAt);
      const amountFen = need(parseFen(amountText(get('amount'))), w.amount);
      if (amountFen === undefined) throw new RowError(`missing ${w.amount}`);
      const status = page.parseStatus(get('status'));
      if (!status.ok) throw new RowError(status.reason);
      const who = page.buyer ? page.buyer(get, first, cols) : { nickname: textOrUndefined(get('nickname')), buyerId: textOrUndefined(get('buyerId')) };
      const { nickname, buyerId } = who;
      if (!nickname && !buyerId) throw new RowError(w.noBuyer);

      const items: OrderItem[] = g.items.map((i) => {
        if (page.item) return page.item(table.rows[i]!, i, cols);
        const cell = cellsOf(cols, table.rows[i]!.cells);
        const { lead, values } = readLabeled(cell('product'), page.productLabels);
        if (!lead) throw new RowError(`row ${i}: ${w.noProduct}`);
        const unitPriceFen = need(parseFen(cell('unitPrice')), `row ${i}: 单价`);
        const quantity = need(parseQuantity(cell('quantity') || '1'), `row ${i}: 数量`);
        if (!quantity) throw new RowError(`row ${i}: 数量 must be at least 1`);
        const productCol = cols.product;
        const productId = textOrUndefined(values.productId ?? '') ?? (productCol === undefined ? undefined : page.productIdIn?.(table.rows[i]!.cellEls[productCol] ?? null));
        const spec = textOrUndefined(values.spec ?? '');
        return {
          ...(productId ? { productId } : {}),
          productName: lead,
          ...(spec ? { spec } : {}),
          ...(unitPriceFen !== undefined ? { unitPriceFen } : {}),
          quantity,
        };
      });
      const customerKey = customerKeyOf(page.platform, shopId, { buyerId, nickname: nickname ?? '' });
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
        channel,
        traffic,
        status: status.value,
        ...who.more,
        ...more,
      };
      seenOrders.set(orderId, at);
      out.orders.push(order);
      out.rowOf.orders.push(at);
      addCustomer({ customerKey, shopId, nickname: nickname ?? '', ...(buyerId ? { buyerId } : {}) }, at);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      out.rejected.push({ row: at, reason: e.message });
      for (const r of rowsOfGroup) if (r !== at) out.rejected.push({ row: r, reason: `part of the order at row ${at}, which could not be read` });
    }
  }
  out.rejected.sort((a, b) => a.row - b.row);
  return out;
}
