/**
 * Fast readers for the two big record kinds (orders, contacts) of canonical, well-formed input,
 * such as a seller-lens backup of a million orders. They return exactly what the zod schema
 * would (keys in schema order), or `undefined` for anything unusual — the caller then runs the schema, which gives
 * the precise reason. (zod alone takes ~20 µs an order; a restore must finish in seconds.)
 */
import { MIN_YEAR, isAbsentText, type Contact, type Customer, type Order, type OrderItem } from '../model';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ASCII digit at `i` as a number, or -1 (charCode arithmetic: no regex, no Number()). */
const digit = (v: string, i: number): number => {
  const d = v.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};
/** The two-digit number at `i..i+1`, or -1. */
const two = (v: string, i: number): number => {
  const a = digit(v, i), b = digit(v, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

/** True for a canonical `YYYY-MM-DDTHH:mm:ss+08:00` instant naming a real time. */
export function isCanonicalInstant(v: unknown): v is string {
  // Read char by char: a restore checks millions of them (a regex + six Number() was ~10% of it).
  if (typeof v !== 'string' || v.length !== 25) return false;
  const y1 = two(v, 0), y2 = two(v, 2), month = two(v, 5), day = two(v, 8), hour = two(v, 11), minute = two(v, 14), second = two(v, 17);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return false;
  }
  // '-' 45, 'T' 84, ':' 58, '+' 43, '0' 48, '8' 56
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  if (v.charCodeAt(19) !== 43 || v.charCodeAt(20) !== 48 || v.charCodeAt(21) !== 56 || v.charCodeAt(22) !== 58 || v.charCodeAt(23) !== 48 || v.charCodeAt(24) !== 48) {
    return false;
  }
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  const year = y1 * 100 + y2;
  if (year < MIN_YEAR) return false; // refused by the schema (lib/model/time): let it say why
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  return true;
}

/** Non-empty and already trimmed (zod's `.trim().min(1)` would return it unchanged). */
const trimmed = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;
const fen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
// An absent text (SPEC §2: "", whitespace, "-", "--") is dropped by `withoutAbsent` before these
// run (so a spreadsheet-made file of blank phones keeps the fast path); one left over steps aside.
const optTrimmed = (v: unknown) => v === undefined || (trimmed(v) && !isAbsentText(v));
const optString = (v: unknown) => v === undefined || (typeof v === 'string' && !isAbsentText(v));
const optInstant = (v: unknown) => v === undefined || isCanonicalInstant(v);

/** The optional texts of each kind (SPEC §2): absent when blank, whitespace, `-` or `--`. */
const CUSTOMER_TEXTS = ['buyerId', 'phone', 'province', 'city', 'gender', 'memberLevel'];
const ORDER_TEXTS = ['paidAt', 'productId', 'productName', 'recipientName', 'recipientPhone', 'province', 'city', 'promisedShipAt', 'shippedAt'];
const ITEM_TEXTS = ['productId', 'spec'];
const CONTACT_TEXTS = ['channel', 'source', 'page', 'province', 'city'];

/** `v` without the keys of `texts` that hold an absent text (key order kept), or `v` itself when none does. */
function withoutAbsent(v: Record<string, unknown>, texts: readonly string[]): Record<string, unknown> {
  let found = false;
  for (let i = 0; i < texts.length && !found; i++) found = isAbsentText(v[texts[i]!]);
  if (!found) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) if (!(texts.includes(k) && isAbsentText(v[k]))) out[k] = v[k];
  return out;
}

/** An order without its (and its items') absent optional texts, or itself. */
function orderWithoutAbsent(v: Record<string, unknown>): Record<string, unknown> {
  let o = withoutAbsent(v, ORDER_TEXTS);
  if (Array.isArray(o.items)) {
    const items = o.items as unknown[];
    const clean = items.map((i) => (isPlain(i) ? withoutAbsent(i, ITEM_TEXTS) : i));
    if (clean.some((c, j) => c !== items[j])) o = { ...o, items: clean };
  }
  return o;
}

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

/** Each key's position in its schema (for the in-order check). */
const positions = (keys: Set<string>) => new Map([...keys].map((k, i) => [k, i] as const));
const ORDER_POS = positions(FAST_ORDER_KEYS);
const ITEM_POS = positions(FAST_ITEM_KEYS);
const CONTACT_POS = positions(FAST_CONTACT_KEYS);

const REFUSE = 0, UNORDERED = 1, ORDERED = 2;
/**
 * REFUSE when `o` has a key outside the schema or one holding undefined; else ORDERED when its
 * keys already come in schema order (it is then returned as it is: no copy), else UNORDERED.
 */
function keyCheck(o: Record<string, unknown>, pos: Map<string, number>): number {
  let last = -1, ordered = true;
  for (const k in o) {
    const p = pos.get(k);
    if (p === undefined || o[k] === undefined) return REFUSE;
    if (p < last) ordered = false;
    last = p;
  }
  return ordered ? ORDERED : UNORDERED;
}

function fastItem(v: unknown): OrderItem | undefined {
  if (!isPlain(v)) return undefined;
  const keys = keyCheck(v, ITEM_POS);
  if (keys === REFUSE) return undefined;
  if (!optTrimmed(v.productId) || typeof v.productName !== 'string' || !optString(v.spec)) return undefined;
  if (v.unitPriceFen !== undefined && !fen(v.unitPriceFen)) return undefined;
  if (!(typeof v.quantity === 'number' && Number.isSafeInteger(v.quantity) && v.quantity > 0)) return undefined;
  return (keys === ORDERED ? v : inSchemaOrder(v, FAST_ITEM_KEYS)) as OrderItem;
}

/**
 * The Order schema's output for a canonical order, or undefined (then use the schema). An order
 * whose keys and items are already in schema order is returned itself, not copied.
 */
export function fastOrder(raw: unknown): Order | undefined {
  if (!isPlain(raw)) return undefined;
  const v = orderWithoutAbsent(raw);
  const keys = keyCheck(v, ORDER_POS);
  if (keys === REFUSE) return undefined;
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
  let same = keys === ORDERED;
  if (v.items === undefined) {
    same = false;
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
      if (item !== raw) same = false;
      items.push(item);
    }
    if (same) return v as Order;
  }
  return inSchemaOrder(v, FAST_ORDER_KEYS, items) as Order;
}

/** The Contact schema's output for a canonical contact, or undefined (then use the schema); itself when its keys are in schema order. */
export function fastContact(raw: unknown): Contact | undefined {
  if (!isPlain(raw)) return undefined;
  const v = withoutAbsent(raw, CONTACT_TEXTS);
  const keys = keyCheck(v, CONTACT_POS);
  if (keys === REFUSE) return undefined;
  if (!trimmed(v.shopId) || !trimmed(v.customerKey) || !isCanonicalInstant(v.at) || !KINDS.has(v.kind as string)) {
    return undefined;
  }
  if (!optString(v.channel) || !optString(v.source) || !optString(v.page) || !optTrimmed(v.province) || !optTrimmed(v.city)) {
    return undefined;
  }
  return (keys === ORDERED ? v : inSchemaOrder(v, FAST_CONTACT_KEYS)) as Contact;
}

export const FAST_CUSTOMER_KEYS = new Set([
  'customerKey', 'shopId', 'nickname', 'buyerId', 'phone', 'province', 'city', 'gender', 'isFan', 'isMember', 'memberLevel', 'tags',
]);
const CUSTOMER_POS = positions(FAST_CUSTOMER_KEYS);
const optBool = (v: unknown) => v === undefined || typeof v === 'boolean';

/** The Customer schema's output for a canonical customer, or undefined (then use the schema); itself when already in schema order. */
export function fastCustomer(raw: unknown): Customer | undefined {
  if (!isPlain(raw)) return undefined;
  const v = withoutAbsent(raw, CUSTOMER_TEXTS);
  const keys = keyCheck(v, CUSTOMER_POS);
  if (keys === REFUSE) return undefined;
  if (!trimmed(v.customerKey) || !trimmed(v.shopId) || typeof v.nickname !== 'string') return undefined;
  if (!optTrimmed(v.buyerId) || !optTrimmed(v.phone) || !optTrimmed(v.province) || !optTrimmed(v.city) || !optTrimmed(v.memberLevel)) {
    return undefined;
  }
  if (v.gender !== undefined && v.gender !== 'f' && v.gender !== 'm') return undefined;
  if (!optBool(v.isFan) || !optBool(v.isMember)) return undefined;
  if (v.tags !== undefined && !(Array.isArray(v.tags) && v.tags.every((t) => typeof t === 'string'))) return undefined;
  // The output always has tags (default []), the schema's last key.
  if (keys === ORDERED && v.tags !== undefined) return v as Customer;
  const out = inSchemaOrder(v, FAST_CUSTOMER_KEYS);
  out.tags = v.tags ?? [];
  return out as Customer;
}

// cyrb53 state of contactKeyHash (module-level: no allocation per contact).
let h1 = 0, h2 = 0;
/** Mixes `s`'s characters into the state; false when JSON.stringify would escape one (or a surrogate: left to the slow path). */
function mix(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x20 || ch === 34 || ch === 92 || (ch >= 0xd800 && ch <= 0xdfff)) return false;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return true;
}
/** Mixes the JSON punctuation / `null` text `s` (no check). */
function raw(s: string): true {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return true;
}
function mixValue(s: string | undefined): boolean {
  if (s === undefined) return raw('null');
  return raw('"') && mix(s) && raw('"');
}

/**
 * keyHash(contactIdOf(c)) — cyrb53 (seed 0) of the JSON array text — hashed as it would be
 * written, without building that string (a restore hashes 3.6M contacts). `null` when a field
 * needs escaping or holds a surrogate: the caller then hashes contactIdOf(c).
 */
export function contactKeyHash(c: Contact): number | null {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  const ok =
    raw('["') && mix(c.shopId) && raw('","') && mix(c.customerKey) && raw('","') && mix(c.at) && raw('","') && mix(c.kind) &&
    raw('",') && mixValue(c.source) && raw(',') && mixValue(c.page) && raw(']');
  if (!ok) return null;
  let a = h1, b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

const EXPONENT = /\d[eE]/;
/** String.prototype.isWellFormed (ES2024): older engines take the stringify path. */
const CAN_CHECK_SURROGATES = typeof ''.isWellFormed === 'function';
/** Whether the last jsonLength walk met a number. */
let sawNumber = false;
/**
 * Length of JSON.stringify(v) when v's strings need no escaping and its numbers are integers,
 * else -1 (unknown).
 */
function jsonLength(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return v.length + 2;
    case 'number':
      sawNumber = true;
      return Number.isSafeInteger(v) ? String(v).length : -1;
    case 'boolean':
      return v ? 4 : 5;
    case 'object': {
      if (v === null) return 4;
      let n = 1, count = 0;
      if (Array.isArray(v)) {
        for (const x of v) {
          const l = jsonLength(x);
          if (l < 0) return -1;
          n += l;
          count++;
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const l = jsonLength(o[k]);
          if (l < 0) return -1;
          n += k.length + 3 + l;
          count++;
        }
      }
      return n + (count === 0 ? 1 : count); // commas + the closing bracket
    }
    default:
      return -1;
  }
}

/**
 * Exactly `JSON.stringify(value) === text`, for `value` = JSON.parse(text) (keys in their text
 * order), mostly without building the string. When the text has no backslash and no lone
 * surrogate, its strings are written as JSON.stringify writes them, and every other difference
 * (whitespace, a duplicate key's dropped pair, `5.0`, `-0`) only makes it longer — except an
 * exponent (`1e2` for 100), looked for when the value holds a number: equal lengths then mean
 * equal texts. Anything else is compared the slow way.
 */
export function isCanonicalText(text: string, value: unknown): boolean {
  if (CAN_CHECK_SURROGATES && text.indexOf('\\') < 0 && text.isWellFormed()) {
    sawNumber = false;
    const n = jsonLength(value);
    if (n >= 0 && !(sawNumber && EXPONENT.test(text))) return n === text.length;
  }
  return JSON.stringify(value) === text;
}
