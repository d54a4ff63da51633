/**
 * The snapshot's typed columns as the persisted record keeps them: narrowed where the values
 * allow it and without what the other columns derive, so that a cold open reads about half the
 * bytes (200k customers: ~95 MB instead of ~180 MB of columns). The in-memory Snapshot is the same.
 *
 *   day columns      Uint16 days after `dayBase` (the earliest day stored), 0xFFFF = NO_DAY
 *                    (Int32 when a shop's days span 179 years or more)
 *   code columns     Uint8 / Uint16 code + 1 (0 = none) when the dictionary is that small
 *   money            Int32 fen when every amount is an integer that fits (else Float64)
 *   contacts         only the explicit ones: the implicit order contacts and contactOrder are
 *                    written again from the orders (writeImplicitContacts, as the builder does)
 *   derived          orderHappenDay (paid day, else placed day), custPaidDay / custPaidAmountFen /
 *                    paidOrderDays (the paid orders' own values, gathered through the indexes)
 * A derived column is stored after all when the snapshot does not hold it as derived (never
 * for a built or updated snapshot; checked on every pack), so a pack always reads back equal.
 * Columns stored at their own width are used in place (views into the read bytes).
 */
import { writeImplicitContacts, snapshotOf } from './assemble';
import { KIND_PAID, KIND_PLACED, NO_DAY, type Snapshot, type SnapshotBase } from './types';

/** How one column is stored. */
export type StoredEncoding = 'u8' | 'i32' | 'f64' | 'day16' | 'code8' | 'code16' | 'fen32';

/** One stored column: its snapshot field, encoding and stored length (a prefix for the explicit contacts). */
export interface StoredColumn {
  name: keyof Snapshot;
  enc: StoredEncoding;
  length: number;
}

/** Where the columns are in the stored bytes and how to read them back. */
export interface PackedLayout {
  columns: StoredColumn[];
  /** The day number stored as 0 by day16 columns. */
  dayBase: number;
  /** Contacts stored (the explicit ones, or all when the implicit ones are not derivable). */
  storedContacts: number;
  /** Bytes of the columns (each 8-byte aligned), from offset 0 of the stored data. */
  bytes: number;
}

type Kind = 'u8' | 'index' | 'day' | 'code' | 'fen';
type Column = Uint8Array | Int32Array | Float64Array;

/** Stored columns in order, by what they hold (the encoding is chosen from the values). */
const STORED: readonly (readonly [keyof Snapshot, Kind])[] = [
  ['customerFlags', 'u8'], ['customerGender', 'u8'], ['customerProvince', 'code'], ['customerCity', 'code'],
  ['customerMemberLevel', 'code'], ['orderCustomer', 'index'], ['orderPlacedDay', 'day'], ['orderPaidDay', 'day'],
  ['orderPaid', 'u8'], ['orderAmountFen', 'fen'], ['orderChannel', 'u8'], ['orderTraffic', 'u8'], ['orderProduct', 'code'],
  ['contactCustomer', 'index'], ['contactDay', 'day'], ['contactKind', 'u8'], ['custContactStart', 'index'],
  ['custContactDay', 'day'], ['custContactIdx', 'index'], ['custPaidStart', 'index'], ['custPaidOrder', 'index'],
  ['custOrderStart', 'index'], ['custOrderIdx', 'index'], ['paidOrdersByDay', 'index'],
];
/** Columns normally derived on read; stored (after the others) only when a snapshot does not hold them as derived. */
const DERIVED: readonly (readonly [keyof Snapshot, Kind])[] = [
  ['orderHappenDay', 'day'], ['contactOrder', 'index'], ['custPaidDay', 'day'], ['custPaidAmountFen', 'fen'], ['paidOrderDays', 'day'],
];
const KIND_OF = new Map<keyof Snapshot, Kind>([...STORED, ...DERIVED]);
const WIDTH: Record<StoredEncoding, number> = { u8: 1, i32: 4, f64: 8, day16: 2, code8: 1, code16: 2, fen32: 4 };
const NO_DAY16 = 0xffff;
const align8 = (n: number) => (n + 7) & ~7;

/** The contacts before the implicit order contacts, when the snapshot holds those as writeImplicitContacts writes them; else null. */
function explicitContacts(s: Snapshot): number | null {
  const m = s.orderCount;
  let implicit = m;
  for (let o = 0; o < m; o++) if (s.orderPaid[o] === 1 && s.orderPaidDay[o] !== NO_DAY) implicit++;
  const cExplicit = s.contactCount - implicit;
  if (cExplicit < 0) return null;
  for (let k = 0; k < cExplicit; k++) if (s.contactOrder[k] !== -1) return null;
  let k = cExplicit;
  const is = (o: number, day: number, kind: number) =>
    s.contactCustomer[k] === s.orderCustomer[o] && s.contactDay[k] === day && s.contactKind[k] === kind && s.contactOrder[k] === o;
  for (let o = 0; o < m; o++, k++) if (!is(o, s.orderPlacedDay[o]!, KIND_PLACED)) return null;
  for (let o = 0; o < m; o++) {
    if (s.orderPaid[o] !== 1 || s.orderPaidDay[o] === NO_DAY) continue;
    if (!is(o, s.orderPaidDay[o]!, KIND_PAID)) return null;
    k++;
  }
  return cExplicit;
}

/** Whether the snapshot holds the derived column `name` exactly as `derive` makes it. */
function holdsDerived(s: Snapshot, name: keyof Snapshot): boolean {
  const by = (values: ArrayLike<number>, idx: Int32Array) => (j: number) => values[idx[j]!]!;
  const happen = s.orderHappenDay;
  const expect: Record<string, [Column, (j: number) => number]> = {
    orderHappenDay: [happen, (o) => (s.orderPaidDay[o] !== NO_DAY ? s.orderPaidDay[o]! : s.orderPlacedDay[o]!)],
    custPaidDay: [s.custPaidDay, by(happen, s.custPaidOrder)],
    custPaidAmountFen: [s.custPaidAmountFen, by(s.orderAmountFen, s.custPaidOrder)],
    paidOrderDays: [s.paidOrderDays, by(happen, s.paidOrdersByDay)],
  };
  const e = expect[name];
  if (!e) return false;
  const [col, value] = e;
  const n = name === 'orderHappenDay' ? s.orderCount : name === 'paidOrderDays' ? s.paidOrdersByDay.length : s.custPaidOrder.length;
  if (col.length !== n) return false;
  for (let j = 0; j < n; j++) if (!Object.is(col[j], value(j))) return false;
  return true;
}

/** The narrowest encoding of column `a` (of kind `kind`) that reads back exactly. */
function encodingOf(a: Column, kind: Kind, dayBase: number): StoredEncoding {
  if (kind === 'u8') return 'u8';
  if (kind === 'fen') {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isInteger(v) || v > 0x7fffffff || v < -0x80000000 || Object.is(v, -0)) return 'f64';
    }
    return 'fen32';
  }
  if (kind === 'index') return 'i32';
  let min = 0, max = 0;
  for (let i = 0; i < a.length; i++) {
    if (kind === 'day' && a[i] === NO_DAY) continue;
    const x = kind === 'day' ? a[i]! - dayBase : a[i]! + 1;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min < 0) return 'i32';
  if (kind === 'day') return max < NO_DAY16 ? 'day16' : 'i32';
  return max <= 0xff ? 'code8' : max <= 0xffff ? 'code16' : 'i32';
}

/** The bytes of `a`'s first `length` values in encoding `enc`. */
function encode(a: Column, enc: StoredEncoding, length: number, dayBase: number): Uint8Array {
  if (enc === 'u8' || enc === 'i32' || enc === 'f64') return new Uint8Array(a.buffer, a.byteOffset, length * WIDTH[enc]);
  const out = enc === 'day16' || enc === 'code16' ? new Uint16Array(length) : enc === 'code8' ? new Uint8Array(length) : new Int32Array(length);
  if (enc === 'day16') for (let i = 0; i < length; i++) out[i] = a[i] === NO_DAY ? NO_DAY16 : a[i]! - dayBase;
  else if (enc === 'fen32') for (let i = 0; i < length; i++) out[i] = a[i]!;
  else for (let i = 0; i < length; i++) out[i] = a[i]! + 1;
  return new Uint8Array(out.buffer);
}

/** Splits a snapshot's typed columns into the stored parts (back to back, 8-byte aligned) and their layout. */
export function packSnapshotColumns(s: Snapshot): { layout: PackedLayout; parts: Uint8Array[] } {
  let dayBase = Infinity;
  for (const [name, kind] of KIND_OF) {
    if (kind !== 'day') continue;
    const a = s[name] as Int32Array;
    for (let i = 0; i < a.length; i++) if (a[i] !== NO_DAY && a[i]! < dayBase) dayBase = a[i]!;
  }
  if (dayBase === Infinity) dayBase = 0;
  const cExplicit = explicitContacts(s);
  const storedContacts = cExplicit ?? s.contactCount;
  const names = [...STORED.map(([n]) => n), ...DERIVED.map(([n]) => n).filter((n) => (n === 'contactOrder' ? cExplicit === null : !holdsDerived(s, n)))];
  const columns: StoredColumn[] = [];
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const name of names) {
    const a = s[name] as Column;
    const length = name === 'contactCustomer' || name === 'contactDay' || name === 'contactKind' ? storedContacts : a.length;
    const enc = encodingOf(a.subarray(0, length), KIND_OF.get(name)!, dayBase);
    const bytes = encode(a, enc, length, dayBase);
    const start = align8(at);
    if (start > at) parts.push(new Uint8Array(start - at));
    parts.push(bytes);
    at = start + bytes.byteLength;
    columns.push({ name, enc, length });
  }
  const bytes = align8(at);
  if (bytes > at) parts.push(new Uint8Array(bytes - at));
  return { layout: { columns, dayBase, storedContacts, bytes }, parts };
}

/** Column `c` read from `data` at byte `at` into `full` values (the stored ones first); in place when it can be. */
function decode(c: StoredColumn, data: ArrayBuffer, at: number, full: number, dayBase: number): Column {
  const { enc, length } = c;
  if (full === length && enc === 'u8') return new Uint8Array(data, at, length);
  if (full === length && enc === 'i32') return new Int32Array(data, at, length);
  if (full === length && enc === 'f64') return new Float64Array(data, at, length);
  if (enc === 'u8') return copyInto(new Uint8Array(full), new Uint8Array(data, at, length));
  if (enc === 'i32') return copyInto(new Int32Array(full), new Int32Array(data, at, length));
  if (enc === 'f64' || enc === 'fen32') {
    const src = enc === 'f64' ? new Float64Array(data, at, length) : new Int32Array(data, at, length);
    return copyInto(new Float64Array(full), src);
  }
  const out = new Int32Array(full);
  if (enc === 'day16') {
    const src = new Uint16Array(data, at, length);
    for (let i = 0; i < length; i++) {
      const v = src[i]!;
      out[i] = v === NO_DAY16 ? NO_DAY : v + dayBase;
    }
  } else {
    const src = enc === 'code8' ? new Uint8Array(data, at, length) : new Uint16Array(data, at, length);
    for (let i = 0; i < length; i++) out[i] = src[i]! - 1;
  }
  return out;
}

function copyInto<T extends Column>(out: T, src: ArrayLike<number>): T {
  if (src instanceof Int32Array && out instanceof Float64Array) for (let i = 0; i < src.length; i++) out[i] = src[i]!;
  else out.set(src as T);
  return out;
}

/** The snapshot fields that are not typed columns (strings, counts), as stored beside the columns. */
export type SnapshotScalars = Pick<
  Snapshot,
  | 'shopId' | 'platform' | 'latestDay' | 'customerCount' | 'customerKeys' | 'provinces' | 'cities' | 'memberLevels'
  | 'orderCount' | 'orderIds' | 'productKeys' | 'productNames' | 'contactCount'
>;

/**
 * The snapshot of packed columns `data` (packSnapshotColumns' layout) and its scalars: the same
 * object shape as buildSnapshot's. Throws when the layout does not fit the data or the counts.
 */
export function unpackSnapshotColumns(layout: PackedLayout, data: ArrayBuffer, sc: SnapshotScalars): Snapshot {
  const n = sc.customerCount, m = sc.orderCount;
  if (layout.bytes > data.byteLength) throw new Error('the stored columns run past the stored data');
  const cols = new Map<keyof Snapshot, Column>();
  let at = 0;
  for (const c of layout.columns) {
    at = align8(at);
    const kind = KIND_OF.get(c.name);
    if (!kind || cols.has(c.name)) throw new Error(`unexpected stored column ${c.name}`);
    const contact = c.name === 'contactCustomer' || c.name === 'contactDay' || c.name === 'contactKind';
    if (contact && c.length !== layout.storedContacts) throw new Error(`stored column ${c.name} has ${c.length} values, expected ${layout.storedContacts}`);
    if (at + c.length * WIDTH[c.enc] > layout.bytes) throw new Error(`stored column ${c.name} runs past the stored columns`);
    cols.set(c.name, decode(c, data, at, contact ? sc.contactCount : c.length, layout.dayBase));
    at += c.length * WIDTH[c.enc];
  }
  const col = <T extends Column>(name: keyof Snapshot, length: number): T => {
    const a = cols.get(name);
    if (!a || a.length !== length) throw new Error(`stored column ${name} is missing or has ${a?.length} values, expected ${length}`);
    return a as T;
  };
  const placed = col<Int32Array>('orderPlacedDay', m), paid = col<Int32Array>('orderPaidDay', m);
  if (!cols.has('orderHappenDay')) {
    const happen = new Int32Array(m);
    for (let o = 0; o < m; o++) happen[o] = paid[o] !== NO_DAY ? paid[o]! : placed[o]!;
    cols.set('orderHappenDay', happen);
  }
  const base: SnapshotBase = {
    ...sc,
    customerFlags: col('customerFlags', n), customerGender: col('customerGender', n), customerProvince: col('customerProvince', n),
    customerCity: col('customerCity', n), customerMemberLevel: col('customerMemberLevel', n), orderCustomer: col('orderCustomer', m),
    orderPlacedDay: placed, orderPaidDay: paid, orderHappenDay: col('orderHappenDay', m), orderPaid: col('orderPaid', m),
    orderAmountFen: col('orderAmountFen', m), orderChannel: col('orderChannel', m), orderTraffic: col('orderTraffic', m),
    orderProduct: col('orderProduct', m), contactCustomer: col('contactCustomer', sc.contactCount),
    contactDay: col('contactDay', sc.contactCount), contactKind: col('contactKind', sc.contactCount),
  };
  if (!cols.has('contactOrder')) {
    // The implicit order contacts after the explicit ones, as the builder writes them.
    const contactOrder = new Int32Array(sc.contactCount);
    writeImplicitContacts(base, layout.storedContacts, contactOrder);
    cols.set('contactOrder', contactOrder);
  }
  const custPaidStart = col<Int32Array>('custPaidStart', n + 1);
  const paidCount = custPaidStart[n]!;
  const custPaidOrder = col<Int32Array>('custPaidOrder', paidCount), paidOrdersByDay = col<Int32Array>('paidOrdersByDay', paidCount);
  const gather = <T extends Int32Array | Float64Array>(name: keyof Snapshot, out: T, values: Column, idx: Int32Array): void => {
    if (cols.has(name)) return;
    for (let j = 0; j < idx.length; j++) out[j] = values[idx[j]!]!;
    cols.set(name, out);
  };
  gather('custPaidDay', new Int32Array(paidCount), base.orderHappenDay, custPaidOrder);
  gather('custPaidAmountFen', new Float64Array(paidCount), base.orderAmountFen, custPaidOrder);
  gather('paidOrderDays', new Int32Array(paidCount), base.orderHappenDay, paidOrdersByDay);
  return snapshotOf(base, {
    contactOrder: col('contactOrder', sc.contactCount),
    custContactStart: col('custContactStart', n + 1),
    custContactDay: col('custContactDay', sc.contactCount),
    custContactIdx: col('custContactIdx', sc.contactCount),
    custPaidStart,
    custPaidDay: col('custPaidDay', paidCount),
    custPaidAmountFen: col('custPaidAmountFen', paidCount),
    custPaidOrder,
    custOrderStart: col('custOrderStart', n + 1),
    custOrderIdx: col('custOrderIdx', m),
    paidOrdersByDay,
    paidOrderDays: col('paidOrderDays', paidCount),
  });
}
