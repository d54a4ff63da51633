/**
 * The tables of the Parquet export (docs/sql/README.md documents every column): how a §2 record
 * becomes a row, as columns. Pure mapping — the file writing lives in scripts/export/.
 *
 * Column design for portable SQL: every timestamp twice, as a UTC-adjusted TIMESTAMP (millis) and
 * as its UTC+8 calendar day number (`…_day`, days since 1970-01-01 in UTC+8: lib/model's
 * dayNumber), so the SQL compares integers and needs no timezone or date function; money as
 * integer fen (INT64); flags as BOOLEAN (null = not shown by the console); enums as strings.
 */
import { parseInstant, type Contact, type Customer, type Order, type OrderItem } from '../model';
import { dayNumberOfInstant } from '../engine/snapshot';

/** The type of a column; the writer maps it to a Parquet type. */
export type ColumnKind = 'string' | 'int32' | 'int64' | 'double' | 'boolean' | 'timestamp';

/** A cell: a timestamp is epoch milliseconds, null = absent. */
export type Cell = string | number | boolean | null;

/** One column of a table: its name, type, whether it is never null, and its value in a row. */
export interface TableColumn<R> {
  name: string;
  kind: ColumnKind;
  required: boolean;
  value: (r: R) => Cell;
}

/** A table of the export: its file's base name and its columns. */
export interface ParquetTable<R> {
  name: string;
  columns: readonly TableColumn<R>[];
}

const col = <R>(name: string, kind: ColumnKind, value: (r: R) => Cell, required = false): TableColumn<R> => ({ name, kind, required, value });
const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const DAY_MS = 86_400_000, UTC8_MS = 8 * 3_600_000;
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
/** Epoch ms of an instant: validated instants are canonical `YYYY-MM-DDTHH:mm:ss+08:00`, read without a Date. */
function ms(at: string | undefined): number | null {
  if (at === undefined) return null;
  if (at.length === 25 && at.charCodeAt(10) === 84 && at.endsWith('+08:00')) {
    return dayNumberOfInstant(at) * DAY_MS + ((two(at, 11) * 60 + two(at, 14)) * 60 + two(at, 17)) * 1000 - UTC8_MS;
  }
  return parseInstant(at);
}
const day = (at: string | undefined): number | null => (at === undefined ? null : dayNumberOfInstant(at));

/** customers.parquet: one row per customer record of the backup. */
export const CUSTOMERS_TABLE: ParquetTable<Customer> = {
  name: 'customers',
  columns: [
    col('shop_id', 'string', (c) => c.shopId, true),
    col('customer_key', 'string', (c) => c.customerKey, true),
    col('nickname', 'string', (c) => c.nickname, true),
    col('buyer_id', 'string', (c) => opt(c.buyerId)),
    col('phone', 'string', (c) => opt(c.phone)),
    col('province', 'string', (c) => opt(c.province)),
    col('city', 'string', (c) => opt(c.city)),
    col('gender', 'string', (c) => opt(c.gender)),
    col('is_fan', 'boolean', (c) => opt(c.isFan)),
    col('is_member', 'boolean', (c) => opt(c.isMember)),
    col('member_level', 'string', (c) => opt(c.memberLevel)),
    col('tags_json', 'string', (c) => JSON.stringify(c.tags ?? []), true),
  ],
};

/** orders.parquet: one row per order (status as last seen). */
export const ORDERS_TABLE: ParquetTable<Order> = {
  name: 'orders',
  columns: [
    col('shop_id', 'string', (o) => o.shopId, true),
    col('order_id', 'string', (o) => o.orderId, true),
    col('customer_key', 'string', (o) => o.customerKey, true),
    col('placed_at', 'timestamp', (o) => ms(o.placedAt), true),
    col('placed_day', 'int32', (o) => day(o.placedAt), true),
    col('paid_at', 'timestamp', (o) => ms(o.paidAt)),
    col('paid_day', 'int32', (o) => day(o.paidAt)),
    col('amount_fen', 'int64', (o) => o.amountFen, true),
    col('quantity', 'int32', (o) => o.quantity, true),
    col('item_count', 'int32', (o) => o.items?.length ?? 0, true),
    col('product_id', 'string', (o) => opt(o.productId)),
    col('product_name', 'string', (o) => opt(o.productName)),
    col('channel', 'string', (o) => o.channel, true),
    col('traffic', 'string', (o) => o.traffic, true),
    col('status', 'string', (o) => o.status, true),
    col('recipient_name', 'string', (o) => opt(o.recipientName)),
    col('recipient_phone', 'string', (o) => opt(o.recipientPhone)),
    col('province', 'string', (o) => opt(o.province)),
    col('city', 'string', (o) => opt(o.city)),
    col('promised_ship_at', 'timestamp', (o) => ms(o.promisedShipAt)),
    col('promised_ship_day', 'int32', (o) => day(o.promisedShipAt)),
    col('shipped_at', 'timestamp', (o) => ms(o.shippedAt)),
    col('shipped_day', 'int32', (o) => day(o.shippedAt)),
  ],
};

/** An item of an order with its order and position (one row of order_items.parquet). */
export interface OrderItemRow {
  order: Order;
  item: OrderItem;
  index: number;
}

/** The item rows of an order (an order read without items has none). */
export function orderItemRows(order: Order): OrderItemRow[] {
  return (order.items ?? []).map((item, index) => ({ order, item, index }));
}

/** order_items.parquet: one row per item, carrying its order's id, customer and paid day. */
export const ORDER_ITEMS_TABLE: ParquetTable<OrderItemRow> = {
  name: 'order_items',
  columns: [
    col('shop_id', 'string', (r) => r.order.shopId, true),
    col('order_id', 'string', (r) => r.order.orderId, true),
    col('customer_key', 'string', (r) => r.order.customerKey, true),
    col('item_index', 'int32', (r) => r.index, true),
    col('product_id', 'string', (r) => opt(r.item.productId)),
    col('product_name', 'string', (r) => r.item.productName, true),
    col('spec', 'string', (r) => opt(r.item.spec)),
    col('unit_price_fen', 'int64', (r) => opt(r.item.unitPriceFen)),
    col('quantity', 'int32', (r) => r.item.quantity, true),
  ],
};

/** contacts.parquet: one row per explicit contact (the orders' implicit contacts are derived in SQL, SPEC §2). */
export const CONTACTS_TABLE: ParquetTable<Contact> = {
  name: 'contacts',
  columns: [
    col('shop_id', 'string', (c) => c.shopId, true),
    col('customer_key', 'string', (c) => c.customerKey, true),
    col('contact_at', 'timestamp', (c) => ms(c.at), true),
    col('contact_day', 'int32', (c) => day(c.at), true),
    col('kind', 'string', (c) => c.kind, true),
    col('channel', 'string', (c) => opt(c.channel)),
    col('source', 'string', (c) => opt(c.source)),
    col('page', 'string', (c) => opt(c.page)),
    col('province', 'string', (c) => opt(c.province)),
    col('city', 'string', (c) => opt(c.city)),
  ],
};

/** One 高潜 score: a customer of users(W) − purchasers(W), scored as of W.end. */
export interface PropensityScoreRow {
  shopId: string;
  customerKey: string;
  windowStartDay: number;
  asOfDay: number;
  probability: number;
  /** Which scorer gave it ('logistic' fitted model, or 'fallback' heuristic). */
  scorer: string;
}

/** propensity_scores.parquet: the scored population of one window and each probability. */
export const PROPENSITY_SCORES_TABLE: ParquetTable<PropensityScoreRow> = {
  name: 'propensity_scores',
  columns: [
    col('shop_id', 'string', (r) => r.shopId, true),
    col('customer_key', 'string', (r) => r.customerKey, true),
    col('window_start_day', 'int32', (r) => r.windowStartDay, true),
    col('as_of_day', 'int32', (r) => r.asOfDay, true),
    col('probability', 'double', (r) => r.probability, true),
    col('scorer', 'string', (r) => r.scorer, true),
  ],
};

/** Rows of one table gathered as columns until the writer takes them (one row group). */
export class ColumnBatch<R> {
  private cells: Cell[][];
  private n = 0;
  constructor(readonly table: ParquetTable<R>) {
    this.cells = table.columns.map(() => []);
  }
  /** Rows gathered since the last take. */
  get size(): number {
    return this.n;
  }
  /** Adds one row. */
  add(r: R): void {
    const cols = this.table.columns;
    for (let j = 0; j < cols.length; j++) this.cells[j]!.push(cols[j]!.value(r));
    this.n++;
  }
  /** The gathered columns (in the table's column order), leaving the batch empty. */
  take(): Cell[][] {
    const out = this.cells;
    this.cells = this.table.columns.map(() => []);
    this.n = 0;
    return out;
  }
}
