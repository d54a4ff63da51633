/**
 * A canonical order line (`{"orderId":"…","shopId":"…",…,"items":[{…}],…}` as JSON.stringify
 * writes it, keys in schema order) read from the file's bytes without JSON.parse — orders are a
 * sixth of a backup's records but over two fifths of its bytes. Accepts only what fastOrder
 * (lib/db/fast-records) accepts from JSON.parse of the line, with the same values, or steps aside
 * (false): any escape, control character, whitespace, other key, other order, other value type,
 * a number that is not plain digits.
 */
import { isCanonicalInstant } from '../../lib/db/fast-records';
import { CHANNELS, NO_DAY, TRAFFICS, dayNumberOfInstant } from '../../lib/engine/snapshot';
import { isAbsentText, isPaidStatus } from '../../lib/model';
import { digits, timeOk } from './scan-contact';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The order's keys in schema order (lib/db/fast-records FAST_ORDER_KEYS), each as `"key":`. */
const ORDER_KEYS = [
  'orderId', 'shopId', 'customerKey', 'placedAt', 'paidAt', 'amountFen', 'quantity', 'productId', 'productName',
  'items', 'channel', 'traffic', 'status', 'recipientName', 'recipientPhone', 'province', 'city', 'promisedShipAt',
  'shippedAt',
] as const;
const KEYS = ORDER_KEYS.map((k) => ascii(`"${k}":`));
const K = Object.fromEntries(ORDER_KEYS.map((k, i) => [k, i])) as Record<(typeof ORDER_KEYS)[number], number>;
/** The keys every order has. */
const REQUIRED = [K.orderId, K.shopId, K.customerKey, K.placedAt, K.amountFen, K.quantity, K.channel, K.traffic, K.status].reduce((m, k) => m | (1 << k), 0);
/** The optional texts dropped when absent (SPEC §2; fast-records ORDER_TEXTS). */
const TEXTS = [K.paidAt, K.productId, K.productName, K.recipientName, K.recipientPhone, K.province, K.city, K.promisedShipAt, K.shippedAt].reduce((m, k) => m | (1 << k), 0);
const ITEM_KEYS = ['productId', 'productName', 'spec', 'unitPriceFen', 'quantity'].map((k) => ascii(`"${k}":`));

/** Accepted values (fast-records' sets) and the snapshot code each gets. */
const codes = (accepted: string[], coded: readonly string[]) => accepted.map((s) => ({ bytes: ascii(s), code: Math.max(0, coded.indexOf(s)) }));
const CHANNEL_CODES = codes(['live', 'video', 'card', 'other'], CHANNELS);
const TRAFFIC_CODES = codes(['paid', 'organic', 'unknown'], TRAFFICS);
const STATUS_CODES = ['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed'].map((s) => ({ bytes: ascii(s), code: isPaidStatus(s) ? 1 : 0 }));

/** What a scanned order gives the snapshot; the customer key is left in the bytes (keyStart, keyEnd). */
export interface ScannedOrder {
  orderId: string;
  shopId: string;
  keyStart: number;
  keyEnd: number;
  placedDay: number;
  paidDay: number;
  paid: number;
  amountFen: number;
  channel: number;
  traffic: number;
  /** The product the snapshot codes (the first item's, else the order's own fields); both undefined = none. */
  productId: string | undefined;
  productName: string | undefined;
}

const at = (buf: Uint8Array, i: number, pat: Uint8Array): boolean => {
  for (let j = 0; j < pat.length; j++) if (buf[i + j] !== pat[j]) return false;
  return true;
};

/** The end (closing quote) of the string whose opening quote is at `q`, or -1 (an escape, a control character, non-ASCII when `onlyAscii`). */
function stringEnd(buf: Uint8Array, q: number, end: number, onlyAscii: boolean): number {
  if (buf[q] !== 34) return -1;
  for (let e = q + 1; e < end; e++) {
    const c = buf[e]!;
    if (c === 34) return e;
    if (c < 0x20 || c === 92 || (onlyAscii && c >= 0x80)) return -1;
  }
  return -1;
}

/** The plain digits at `i` (no sign, fraction, exponent or leading zero; at most 15 digits: a safe integer) as a number and their end, or -1. */
function digitsEnd(buf: Uint8Array, i: number, end: number, out: { n: number }): number {
  let v = 0, e = i;
  for (; e < end; e++) {
    const d = buf[e]! - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (e === i || e - i > 15 || (buf[i] === 48 && e - i > 1)) return -1;
  out.n = v;
  return e;
}

const text = (buf: Buffer, s: number, e: number) => buf.toString('utf8', s, e);

/** isAbsentText of the text `buf[s, e)`: decoded only when its first character could start an absent text. */
function absent(buf: Buffer, s: number, e: number): boolean {
  if (s === e) return true;
  const b = buf[s]!;
  // An ASCII character above '-', or a character U+4000…U+EFFF (lead byte E4…EE): real text (isAbsentText's own fast exit).
  if ((b > 0x2d && b < 0x80) || (b >= 0xe4 && b <= 0xee)) return false;
  return isAbsentText(text(buf, s, e));
}

/** Whether the text `buf[s, e)` is non-empty and trimmed: decoded only when an end is neither plain ASCII nor a U+4000…U+EFFF character. */
function trimmed(buf: Buffer, s: number, e: number): boolean {
  if (s === e) return false;
  const first = buf[s]!, last = buf[e - 1]!;
  const firstOk = (first < 0x80 && first !== 32) || (first >= 0xe4 && first <= 0xee);
  const lastOk = last < 0x80 ? last !== 32 : e - s >= 3 && buf[e - 3]! >= 0xe4 && buf[e - 3]! <= 0xee;
  if (firstOk && lastOk) return true;
  const t = text(buf, s, e);
  return t.trim() === t;
}

/** The code of the accepted value `buf[s, e)`, or -1. */
function codeOf(buf: Uint8Array, s: number, e: number, table: { bytes: Uint8Array; code: number }[]): number {
  for (const v of table) if (v.bytes.length === e - s && at(buf, s, v.bytes)) return v.code;
  return -1;
}

/** Dates (YYYYMMDD as a number) isCanonicalInstant accepted, and their day: an order's four instants are of a few days. */
const dayOfDate = new Map<number, number>();
/** instant()'s answer for an instant isCanonicalInstant refuses (a day may be negative: before 1970). */
const NOT_AN_INSTANT = Number.MIN_SAFE_INTEGER;
/** The day of the instant `buf[s, e)` if isCanonicalInstant accepts it (judged by it on a date not yet seen), else NOT_AN_INSTANT. */
function instant(buf: Buffer, s: number, e: number): number {
  if (e - s !== 25) return NOT_AN_INSTANT;
  const y = digits(buf, s, 4), m = digits(buf, s + 5, 2), d = digits(buf, s + 8, 2);
  const day = y < 0 || m < 0 || d < 0 ? undefined : dayOfDate.get(y * 10000 + m * 100 + d);
  if (day === undefined) {
    const v = buf.toString('latin1', s, e);
    if (!isCanonicalInstant(v)) return NOT_AN_INSTANT;
    const n = dayNumberOfInstant(v);
    dayOfDate.set(y * 10000 + m * 100 + d, n);
    return n;
  }
  // A date already accepted: only the rest of the instant is left to check, as isCanonicalInstant does.
  return timeOk(buf, s) ? day : NOT_AN_INSTANT;
}

const num = { n: 0 };
/** The first item's product, as fastOrder's first item holds it. */
const firstItem: { seen: boolean; productId: string | undefined; productName: string | undefined } = { seen: false, productId: undefined, productName: undefined };

/** Reads the items array whose `[` is at `i`; returns the index after its `]`, or -1. */
function scanItems(buf: Buffer, i: number, end: number): number {
  if (buf[i] !== 91) return -1;
  i++;
  firstItem.seen = false;
  if (buf[i] === 93) return i + 1;
  for (;;) {
    if (buf[i] !== 123) return -1;
    i++;
    let next = 0, seen = 0;
    let pid: string | undefined, pname: string | undefined;
    for (;;) {
      let k = next;
      while (k < ITEM_KEYS.length && !at(buf, i, ITEM_KEYS[k]!)) k++;
      if (k === ITEM_KEYS.length) return -1;
      next = k + 1;
      const vs = i + ITEM_KEYS[k]!.length;
      let ve: number;
      if (k <= 2) {
        const e = stringEnd(buf, vs, end, false);
        if (e < 0) return -1;
        ve = e + 1;
        // productId and spec are dropped when absent; productName is any text.
        if (k === 0) {
          if (!absent(buf, vs + 1, e)) {
            if (!trimmed(buf, vs + 1, e)) return -1;
            if (!firstItem.seen) pid = text(buf, vs + 1, e);
            seen |= 1;
          }
        } else if (k === 1) {
          if (!firstItem.seen) pname = text(buf, vs + 1, e);
          seen |= 2;
        }
      } else {
        ve = digitsEnd(buf, vs, end, num);
        if (ve < 0 || (k === 4 && num.n === 0)) return -1;
        seen |= 1 << k;
      }
      i = ve;
      if (buf[i] === 44) {
        i++;
        continue;
      }
      if (buf[i] !== 125 || (seen & 18) !== 18) return -1; // productName and quantity are required
      i++;
      break;
    }
    if (!firstItem.seen) {
      firstItem.seen = true;
      firstItem.productId = pid;
      firstItem.productName = pname;
    }
    if (buf[i] === 44) {
      i++;
      continue;
    }
    return buf[i] === 93 ? i + 1 : -1;
  }
}

/**
 * Reads the order line `buf[start, end)` (no indentation, no trailing comma) of valid UTF-8 into
 * `out`; `shopHint` spares a string for the usual shopId. Punctuation is exact on bytes (UTF-8
 * never puts a byte below 0x80 inside a character); orderId and shopId must be ASCII.
 */
export function scanOrder(buf: Buffer, start: number, end: number, shopHint: string, out: ScannedOrder): boolean {
  if (buf[start] !== 123 || buf[end - 1] !== 125) return false;
  let i = start + 1, next = 0, seen = 0;
  let pid: string | undefined, pname: string | undefined, items = false;
  out.paidDay = NO_DAY;
  for (;;) {
    let k = next;
    while (k < KEYS.length && !at(buf, i, KEYS[k]!)) k++;
    if (k === KEYS.length) return false;
    next = k + 1;
    const vs = i + KEYS[k]!.length;
    let ve: number;
    if (k === K.amountFen || k === K.quantity) {
      ve = digitsEnd(buf, vs, end, num);
      if (ve < 0) return false;
      if (k === K.amountFen) out.amountFen = num.n;
      seen |= 1 << k;
    } else if (k === K.items) {
      ve = scanItems(buf, vs, end);
      if (ve < 0) return false;
      items = true;
    } else {
      const e = stringEnd(buf, vs, end, k <= K.shopId);
      if (e < 0) return false;
      ve = e + 1;
      const s = vs + 1;
      if (((TEXTS >> k) & 1) === 0 || !absent(buf, s, e)) {
        seen |= 1 << k;
        if (k === K.orderId) {
          if (!trimmed(buf, s, e)) return false;
          out.orderId = buf.toString('latin1', s, e);
        } else if (k === K.shopId) {
          let same = e > s && e - s === shopHint.length;
          for (let j = 0; same && j < shopHint.length; j++) same = buf[s + j] === shopHint.charCodeAt(j);
          if (same) out.shopId = shopHint;
          else if (!trimmed(buf, s, e)) return false;
          else out.shopId = buf.toString('latin1', s, e);
        } else if (k === K.customerKey) {
          if (!trimmed(buf, s, e)) return false;
          out.keyStart = s;
          out.keyEnd = e;
        } else if (k === K.placedAt || k === K.paidAt || k === K.promisedShipAt || k === K.shippedAt) {
          const day = instant(buf, s, e);
          if (day === NOT_AN_INSTANT) return false;
          if (k === K.placedAt) out.placedDay = day;
          else if (k === K.paidAt) out.paidDay = day;
        } else if (k === K.channel) {
          if ((out.channel = codeOf(buf, s, e, CHANNEL_CODES)) < 0) return false;
        } else if (k === K.traffic) {
          if ((out.traffic = codeOf(buf, s, e, TRAFFIC_CODES)) < 0) return false;
        } else if (k === K.status) {
          if ((out.paid = codeOf(buf, s, e, STATUS_CODES)) < 0) return false;
        } else if (k === K.productId) {
          if (!trimmed(buf, s, e)) return false;
          pid = text(buf, s, e);
        } else if (k === K.productName) pname = text(buf, s, e);
        else if ((k === K.province || k === K.city) && !trimmed(buf, s, e)) return false;
        // recipientName, recipientPhone: any text that is not absent.
      }
    }
    i = ve;
    const c = buf[i];
    if (c === 44) {
      i++;
      continue;
    }
    if (!(c === 125 && i === end - 1 && (seen & REQUIRED) === REQUIRED)) return false;
    break;
  }
  // The product the snapshot codes: the first item's fields, else the order's own (fastOrder
  // makes an order without items one item of its productName, with its productId).
  const fromItem = items && firstItem.seen;
  out.productId = fromItem ? (firstItem.productId ?? pid) : pid;
  out.productName = fromItem ? firstItem.productName : pname;
  return true;
}
