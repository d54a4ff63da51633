/**
 * Fast readers for the two big record kinds (orders, contacts) of canonical, well-formed input,
 * such as a seller-lens backup of a million orders. They return exactly what the zod schema
 * would (keys in schema order), or `undefined` for anything unusual — the caller then runs the schema, which gives
 * the precise reason. (zod alone takes ~20 µs an order; a restore must finish in seconds.)
 */
import type { Contact, Order, OrderItem } from '../model';

const CANONICAL_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a canonical `YYYY-MM-DDTHH:mm:ss+08:00` instant naming a real time. */
export function isCanonicalInstant(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 25) return false;
  const m = CANONICAL_INSTANT.exec(v);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  return true;
}

/** Non-empty and already trimmed (zod's `.trim().min(1)` would return it unchanged). */
const trimmed = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;
const fen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optTrimmed = (v: unknown) => v === undefined || trimmed(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const optInstant = (v: unknown) => v === undefined || isCanonicalInstant(v);

const CHANNELS = new Set(['live', 'video', 'card', 'other']);
const TRAFFIC = new Set(['paid', 'organic', 'unknown']);
const STATUSES = new Set(['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed']);
const KINDS = new Set(['visit', 'view', 'click', 'cart', 'order']);

export const FAST_ORDER_KEYS = new Set([
  'orderId', 'shopId', 'customerKey', 'placedAt', 'paidAt', 'amountFen', 'quantity', 'productId', 'productName',
  'items', 'channel', 'traffic', 'status', 'recipientName', 'recipientPhone', 'province', 'city', 'promisedShipAt',
  'shippedAt',
]);
export const FAST_ITEM_KEYS = new Set(['productId', 'productName', 'spec', 'unitPriceFen', 'quantity']);
export const FAST_CONTACT_KEYS = new Set(['shopId', 'customerKey', 'at', 'kind', 'channel', 'source', 'page', 'province', 'city']);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A copy with the keys in schema order (so a backup writes it without reordering). */
function inSchemaOrder(v: Record<string, unknown>, keys: Set<string>, items?: OrderItem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === 'items' && items) out.items = items;
    else if (v[k] !== undefined) out[k] = v[k];
  }
  return out;
}

function onlyKeys(o: Record<string, unknown>, allowed: Set<string>): boolean {
  for (const k in o) if (!allowed.has(k) || o[k] === undefined) return false;
  return true;
}

function fastItem(v: unknown): OrderItem | undefined {
  if (!isPlain(v) || !onlyKeys(v, FAST_ITEM_KEYS)) return undefined;
  if (!optTrimmed(v.productId) || typeof v.productName !== 'string' || !optString(v.spec)) return undefined;
  if (v.unitPriceFen !== undefined && !fen(v.unitPriceFen)) return undefined;
  if (!(typeof v.quantity === 'number' && Number.isSafeInteger(v.quantity) && v.quantity > 0)) return undefined;
  return inSchemaOrder(v, FAST_ITEM_KEYS) as OrderItem;
}

/** The Order schema's output for a canonical order, or undefined (then use the schema). */
export function fastOrder(v: unknown): Order | undefined {
  if (!isPlain(v) || !onlyKeys(v, FAST_ORDER_KEYS)) return undefined;
  if (!trimmed(v.orderId) || !trimmed(v.shopId) || !trimmed(v.customerKey)) return undefined;
  if (!isCanonicalInstant(v.placedAt) || !optInstant(v.paidAt) || !optInstant(v.promisedShipAt) || !optInstant(v.shippedAt)) {
    return undefined;
  }
  if (!fen(v.amountFen) || !fen(v.quantity)) return undefined;
  if (!optTrimmed(v.productId) || !optString(v.productName) || !optString(v.recipientName) || !optString(v.recipientPhone)) {
    return undefined;
  }
  if (!optTrimmed(v.province) || !optTrimmed(v.city)) return undefined;
  if (!CHANNELS.has(v.channel as string) || !TRAFFIC.has(v.traffic as string) || !STATUSES.has(v.status as string)) {
    return undefined;
  }
  let items: OrderItem[];
  if (v.items === undefined) {
    // As the schema: one item from the top-level product fields, or none.
    items =
      v.productName !== undefined
        ? [
            {
              ...(v.productId ? { productId: v.productId as string } : {}),
              productName: v.productName as string,
              quantity: Math.max(1, v.quantity as number),
            },
          ]
        : [];
  } else {
    if (!Array.isArray(v.items)) return undefined;
    items = [];
    for (const raw of v.items) {
      const item = fastItem(raw);
      if (!item) return undefined;
      items.push(item);
    }
  }
  return inSchemaOrder(v, FAST_ORDER_KEYS, items) as Order;
}

/** The Contact schema's output for a canonical contact, or undefined (then use the schema). */
export function fastContact(v: unknown): Contact | undefined {
  if (!isPlain(v) || !onlyKeys(v, FAST_CONTACT_KEYS)) return undefined;
  if (!trimmed(v.shopId) || !trimmed(v.customerKey) || !isCanonicalInstant(v.at) || !KINDS.has(v.kind as string)) {
    return undefined;
  }
  if (!optString(v.channel) || !optString(v.source) || !optString(v.page) || !optTrimmed(v.province) || !optTrimmed(v.city)) {
    return undefined;
  }
  return inSchemaOrder(v, FAST_CONTACT_KEYS) as Contact;
}
