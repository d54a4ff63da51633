/**
 * The snapshot's typed columns as the persisted record keeps them, laid out for a cold open: what
 * costs there is memory touched for the first time (reading the Blob into a fresh buffer, and any
 * column decoded into a fresh array — on this machine's VM ~4–7 ms per MB, more than the reading
 * itself), so the open reads only the hot range and decodes nothing it does not use:
 *
 *   hot, in place    the columns the 概览 reads (report, previous window, 高潜 scores and fits):
 *                    stored first, at their own width, used as views into the read bytes. The
 *                    contact kinds are read per customer (custContactKind), so neither contactKind
 *                    nor custContactIdx is needed to show the 概览; the §5.1 metrics and the 高潜
 *                    scores read the paid orders per customer (custPaid*, their channel and traffic
 *                    in custPaidChannel / custPaidTraffic), so neither custPaidOrder nor any
 *                    order-indexed column, paidOrdersByDay or paidOrderDays is either
 *   cold             the rest (custContactIdx, the order index, the customers' attributes, …),
 *                    after `hotBytes`: read only when a list, a tag or a capture needs them
 *                    (supplyColdColumns); reading one before throws, never gives wrong values
 *   days, u16        custContactDay / custPaidDay / paidOrderDays: the same day numbers as Uint16
 *                    (Int32 only when a day is past 2149), read in place — half the bytes of the
 *                    biggest hot column (5.5M contacts: 11 MB instead of 22 MB), and the engine's
 *                    passes read either width (DayColumn)
 *   fen, i32         orderAmountFen / custPaidAmountFen: Int32 when every amount is a whole number
 *                    of fen in its range (Float64 otherwise, as built), read in place (FenColumn)
 *   narrowed         customerProvince / City / MemberLevel (Uint8 / Uint16 code + 1, 0 = none),
 *                    orderPlacedDay / orderPaidDay / orderHappenDay (Uint16 days after `dayBase`, 0xFFFF = NO_DAY;
 *                    Int32 when a shop's days span 179 years): widened on first read
 *   derived, lazy    contactCustomer, contactDay and contactKind (every contact is in the
 *                    per-customer index: custContactIdx / custContactDay / custContactKind),
 *                    contactOrder (-1 for the explicit contacts, then the implicit order contacts
 *                    in the builder's order): made on first read
 * Lazy fields are getters that settle into plain values (apply.ts and the audience tags read them
 * when a capture or a tag needs them). A derived column is stored (cold) after all when the
 * snapshot does not hold it as derived (never for a built or updated snapshot; checked on every
 * pack), so a pack always reads back equal. The in-memory Snapshot is the same as buildSnapshot's.
 */
import { snapshotOf } from './assemble';
import { NO_DAY, type Snapshot, type SnapshotBase } from './types';

/** How one column is stored. */
export type StoredEncoding = 'u8' | 'i32' | 'f64' | 'u16' | 'day16' | 'code8' | 'code16';

/** One stored column: its snapshot field, encoding and length. */
interface StoredColumn {
  name: keyof Snapshot;
  enc: StoredEncoding;
  length: number;
}

/** Where the columns are in the stored bytes and how to read them back. */
export interface PackedLayout {
  columns: StoredColumn[];
  /** The day number stored as 0 by day16 columns. */
  dayBase: number;
  /** Contacts before the implicit order contacts (contactOrder is -1 for them). */
  explicitContacts: number;
  /** Bytes of the hot columns (from offset 0): what a cold open reads. */
  hotBytes: number;
  /** Bytes of all the columns (each 8-byte aligned), from offset 0 of the stored data. */
  bytes: number;
}

type Kind = 'u8' | 'i32' | 'f64' | 'narrowDay' | 'narrowFen' | 'day' | 'code';
type Column = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** The columns the 概览 reads (the report pair and the 高潜 fit and scores), stored first: only these are read at open. */
const HOT: readonly (readonly [keyof Snapshot, Kind])[] = [
  ['customerFlags', 'u8'], ['custContactStart', 'i32'], ['custContactDay', 'narrowDay'], ['custContactKind', 'u8'], ['custPaidStart', 'i32'],
  ['custPaidDay', 'narrowDay'], ['custPaidAmountFen', 'narrowFen'], ['custPaidChannel', 'u8'], ['custPaidTraffic', 'u8'],
];
/**
 * The other stored columns, after the hot ones (day and code columns are narrowed when the values allow). The order-indexed
 * columns and the paid orders by day are cold: the §5.1 metrics and the 高潜 scores read the per-customer paid-order index
 * with each paid order's channel and traffic (custPaidChannel / custPaidTraffic), not custPaidOrder into the order columns.
 */
const COLD: readonly (readonly [keyof Snapshot, Kind])[] = [
  ['customerGender', 'u8'], ['customerProvince', 'code'], ['customerCity', 'code'], ['customerMemberLevel', 'code'],
  ['orderPlacedDay', 'day'], ['orderPaidDay', 'day'], ['orderHappenDay', 'day'], ['orderPaid', 'u8'], ['orderProduct', 'i32'], ['custContactIdx', 'i32'],
  ['custOrderStart', 'i32'], ['custOrderIdx', 'i32'], ['orderCustomer', 'i32'], ['orderAmountFen', 'narrowFen'], ['paidOrdersByDay', 'i32'],
  ['paidOrderDays', 'narrowDay'], ['custPaidOrder', 'i32'], ['orderChannel', 'u8'], ['orderTraffic', 'u8'],
];
const STORED = [...HOT, ...COLD];
/** Columns made on first read; stored (cold, after the others) only when a snapshot does not hold them as derived. */
const DERIVED = ['contactCustomer', 'contactDay', 'contactKind', 'contactOrder'] as const;
const DERIVED_KIND: Record<(typeof DERIVED)[number], Kind> = { contactCustomer: 'i32', contactDay: 'i32', contactKind: 'u8', contactOrder: 'i32' };
const KIND_OF = new Map<keyof Snapshot, Kind>([...STORED, ...DERIVED.map((n) => [n, DERIVED_KIND[n]] as const)]);
const WIDTH: Record<StoredEncoding, number> = { u8: 1, i32: 4, f64: 8, u16: 2, day16: 2, code8: 1, code16: 2 };
const NO_DAY16 = 0xffff;
const align8 = (n: number) => (n + 7) & ~7;

/** Whether contactCustomer / contactDay / contactKind are what the per-customer contact index gives (each contact once). */
function contactsInIndex(s: Snapshot): boolean {
  const { custContactStart: start, custContactIdx: idx, custContactDay: day, custContactKind: kind, contactCount: c } = s;
  if (start[s.customerCount] !== c || idx.length !== c || kind.length !== c) return false;
  const seen = new Uint8Array(c);
  for (let i = 0; i < s.customerCount; i++)
    for (let j = start[i]!; j < start[i + 1]!; j++) {
      const k = idx[j]!;
      if (k < 0 || k >= c || seen[k] === 1 || s.contactCustomer[k] !== i || s.contactDay[k] !== day[j] || s.contactKind[k] !== kind[j]) return false;
      seen[k] = 1;
    }
  return true;
}

/** contactOrder as the builder writes it (writeImplicitContacts): -1 for the explicit contacts, then each order's placed contact, then each paid order's paid contact. */
function contactOrderOf(s: Snapshot, explicit: number): Int32Array {
  const m = s.orderCount, paid = s.orderPaid, paidDay = s.orderPaidDay;
  const out = new Int32Array(s.contactCount);
  out.fill(-1, 0, explicit);
  let k = explicit;
  for (let o = 0; o < m; o++) out[k++] = o;
  for (let o = 0; o < m; o++) if (paid[o] === 1 && paidDay[o] !== NO_DAY) out[k++] = o;
  return out;
}

/** The explicit contacts' count when contactOrder is what contactOrderOf makes; else null. */
function explicitContacts(s: Snapshot): number | null {
  let implicit = s.orderCount;
  for (let o = 0; o < s.orderCount; o++) if (s.orderPaid[o] === 1 && s.orderPaidDay[o] !== NO_DAY) implicit++;
  const explicit = s.contactCount - implicit;
  if (explicit < 0 || s.contactOrder.length !== s.contactCount) return null;
  const want = contactOrderOf(s, explicit);
  for (let k = 0; k < want.length; k++) if (want[k] !== s.contactOrder[k]) return null;
  return explicit;
}

/** The narrowest encoding of column `a` (of kind `kind`) that reads back exactly. */
function encodingOf(a: Column, kind: Kind, dayBase: number): StoredEncoding {
  if (kind === 'narrowDay') {
    for (let i = 0; i < a.length; i++) if (!(a[i]! >= 0 && a[i]! <= 0xffff)) return 'i32';
    return 'u16';
  }
  if (kind === 'narrowFen') {
    for (let i = 0; i < a.length; i++) if ((a[i]! | 0) !== a[i] || Object.is(a[i], -0)) return 'f64';
    return 'i32';
  }
  if (kind !== 'day' && kind !== 'code') return kind;
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

/** The bytes of column `a` in encoding `enc`. */
function encode(a: Column, enc: StoredEncoding, dayBase: number): Uint8Array {
  // A day or fen column read in place at one width is stored at the other when its values ask for it.
  if (enc === 'u16' && !(a instanceof Uint16Array)) a = Uint16Array.from(a);
  if (enc === 'i32' && !(a instanceof Int32Array)) a = Int32Array.from(a);
  if (enc === 'f64' && !(a instanceof Float64Array)) a = Float64Array.from(a);
  if (enc === 'u8' || enc === 'u16' || enc === 'i32' || enc === 'f64') return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = enc === 'code8' ? new Uint8Array(a.length) : new Uint16Array(a.length);
  if (enc === 'day16') for (let i = 0; i < a.length; i++) out[i] = a[i] === NO_DAY ? NO_DAY16 : a[i]! - dayBase;
  else for (let i = 0; i < a.length; i++) out[i] = a[i]! + 1;
  return new Uint8Array(out.buffer);
}

/** Splits a snapshot's typed columns into the stored parts (back to back, 8-byte aligned) and their layout. */
export function packSnapshotColumns(s: Snapshot): { layout: PackedLayout; parts: Uint8Array[] } {
  let dayBase = Infinity;
  for (const a of [s.orderPlacedDay, s.orderPaidDay]) for (let i = 0; i < a.length; i++) if (a[i] !== NO_DAY && a[i]! < dayBase) dayBase = a[i]!;
  if (dayBase === Infinity) dayBase = 0;
  const explicit = explicitContacts(s);
  const inIndex = contactsInIndex(s);
  const names = [...STORED.map(([n]) => n), ...DERIVED.filter((n) => (n === 'contactOrder' ? explicit === null : !inIndex))];
  const columns: StoredColumn[] = [];
  const parts: Uint8Array[] = [];
  let at = 0, hotBytes = 0;
  for (const name of names) {
    if (name === COLD[0]![0]) hotBytes = align8(at);
    const a = s[name] as Column;
    const enc = encodingOf(a, KIND_OF.get(name)!, dayBase);
    const bytes = encode(a, enc, dayBase);
    const start = align8(at);
    if (start > at) parts.push(new Uint8Array(start - at));
    parts.push(bytes);
    at = start + bytes.byteLength;
    columns.push({ name, enc, length: a.length });
  }
  const bytes = align8(at);
  if (bytes > at) parts.push(new Uint8Array(bytes - at));
  return { layout: { columns, dayBase, explicitContacts: explicit ?? 0, hotBytes, bytes }, parts };
}

/** Column `c` at byte `at` of `data`: a view when stored at its own width, else widened into a new Int32Array. */
function decode(c: StoredColumn, data: ArrayBuffer, at: number, dayBase: number): Column {
  // One monomorphic loop per encoding (a loop over mixed array types runs many times slower in V8).
  switch (c.enc) {
    case 'u8':
      return new Uint8Array(data, at, c.length);
    case 'i32':
      return new Int32Array(data, at, c.length);
    case 'f64':
      return new Float64Array(data, at, c.length);
    case 'u16':
      return new Uint16Array(data, at, c.length);
    case 'day16':
      return expandDays(new Uint16Array(data, at, c.length), dayBase);
    case 'code8':
      return expandCodes8(new Uint8Array(data, at, c.length));
    case 'code16':
      return expandCodes16(new Uint16Array(data, at, c.length));
  }
}

function expandDays(src: Uint16Array, dayBase: number): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    out[i] = v === NO_DAY16 ? NO_DAY : v + dayBase;
  }
  return out;
}
function expandCodes8(src: Uint8Array): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! - 1;
  return out;
}
function expandCodes16(src: Uint16Array): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! - 1;
  return out;
}

/** contactCustomer, contactDay and contactKind from the per-customer contact index (each contact is in it once). */
function contactsFromIndex(s: Snapshot): { customer: Int32Array; day: Int32Array; kind: Uint8Array } {
  const customer = new Int32Array(s.contactCount), day = new Int32Array(s.contactCount), kind = new Uint8Array(s.contactCount);
  const { custContactStart: start, custContactIdx: idx, custContactDay: cday, custContactKind: ckind } = s;
  for (let i = 0; i < s.customerCount; i++)
    for (let j = start[i]!; j < start[i + 1]!; j++) {
      const k = idx[j]!;
      customer[k] = i;
      day[k] = cday[j]!;
      kind[k] = ckind[j]!;
    }
  return { customer, day, kind };
}

/** Makes `snap[name]` computed by `make` on first read (then a plain value again; assignable). */
export function lazyField<K extends keyof Snapshot>(snap: Snapshot, name: K, make: () => Snapshot[K]): void {
  const settle = (value: Snapshot[K]) => Object.defineProperty(snap, name, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(snap, name, {
    get: () => {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** The snapshot fields that are not typed columns (strings, counts), as stored beside the columns. */
export type SnapshotScalars = Pick<
  Snapshot,
  | 'shopId' | 'platform' | 'latestDay' | 'customerCount' | 'customerKeys' | 'provinces' | 'cities' | 'memberLevels'
  | 'orderCount' | 'orderIds' | 'productKeys' | 'productNames' | 'contactCount'
>;

/** The length column `name` has in a snapshot of these counts (null: given by custPaidStart). */
function lengthOf(name: keyof Snapshot, sc: SnapshotScalars): number | null {
  if (name.startsWith('customer')) return sc.customerCount;
  if (name.endsWith('Start')) return sc.customerCount + 1;
  if (name.startsWith('order') || name === 'custOrderIdx') return sc.orderCount;
  if (name.startsWith('contact') || name.startsWith('custContact')) return sc.contactCount;
  return null;
}

/** Where the cold columns of snapshots unpacked without them are supplied (supplyColdColumns). */
const coldSupply = new WeakMap<Snapshot, (bytes: ArrayBuffer) => void>();

/** Whether `snap` still waits for its cold columns (unpacked from the hot range only). */
export function lacksColdColumns(snap: Snapshot): boolean {
  return coldSupply.has(snap);
}

/**
 * Gives a snapshot unpacked from its hot range its cold columns: `bytes` is the stored data from
 * `layout.hotBytes` to `layout.bytes` (or further). Its cold fields read from them from then on.
 */
export function supplyColdColumns(snap: Snapshot, bytes: ArrayBuffer): void {
  const supply = coldSupply.get(snap);
  if (!supply) return;
  supply(bytes);
  coldSupply.delete(snap);
}

/**
 * The snapshot of packed columns `data` (packSnapshotColumns' layout) and its scalars: the same
 * fields in the same order as buildSnapshot's, the lazy ones made on first read. `data` holds all
 * the columns, or only the hot range (`layout.hotBytes`): then the cold fields throw until
 * supplyColdColumns gives them. Throws when the layout does not fit the data or the counts.
 */
export function unpackSnapshotColumns(layout: PackedLayout, data: ArrayBuffer, sc: SnapshotScalars): Snapshot {
  const hotOnly = data.byteLength < layout.bytes;
  if (layout.hotBytes > data.byteLength || layout.hotBytes > layout.bytes) throw new Error('the stored columns run past the stored data');
  const stored = new Map<keyof Snapshot, { c: StoredColumn; at: number }>();
  let at = 0;
  for (const c of layout.columns) {
    at = align8(at);
    if (!KIND_OF.has(c.name) || stored.has(c.name)) throw new Error(`unexpected stored column ${c.name}`);
    if (at + c.length * WIDTH[c.enc] > layout.bytes) throw new Error(`stored column ${c.name} runs past the stored columns`);
    stored.set(c.name, { c, at });
    at += c.length * WIDTH[c.enc];
  }
  const paidCount = stored.get('custPaidOrder')?.c.length ?? -1;
  for (const name of [...STORED.map(([n]) => n), ...DERIVED.filter((n) => stored.has(n))]) {
    const want = lengthOf(name, sc) ?? paidCount;
    const got = stored.get(name)?.c.length;
    if (got !== want) throw new Error(`stored column ${name} is missing or has ${got} values, expected ${want}`);
  }
  for (const [name] of HOT) {
    const { c, at: from } = stored.get(name)!;
    if (from + c.length * WIDTH[c.enc] > layout.hotBytes) throw new Error(`hot column ${name} is not in the hot range`);
  }
  if (layout.explicitContacts < 0 || layout.explicitContacts > sc.contactCount) throw new Error('the stored contact layout does not fit the snapshot');
  // The cold columns' bytes and where offset `hotBytes` is in them (set now, or by supplyColdColumns).
  let cold: { bytes: ArrayBuffer; shift: number } | null = hotOnly ? null : { bytes: data, shift: 0 };
  const coldOf = (name: keyof Snapshot) => {
    if (!cold) throw new Error(`the stored column ${name} is read with the cold columns first`);
    return cold;
  };
  const lazy = new Map<keyof Snapshot, () => Column>();
  const cols = {} as Record<keyof Snapshot, Column>;
  const empty = new Int32Array(0);
  for (const [name, { c, at: from }] of stored) {
    const inPlace = c.enc === 'u8' || c.enc === 'u16' || c.enc === 'i32' || c.enc === 'f64';
    if (from < layout.hotBytes) cols[name] = decode(c, data, from, layout.dayBase);
    else if (inPlace && cold) cols[name] = decode(c, data, from, layout.dayBase);
    else
      lazy.set(name, () => {
        const { bytes, shift } = coldOf(name);
        return decode(c, bytes, from - shift, layout.dayBase);
      });
  }
  if ((cols.custPaidStart as Int32Array)[sc.customerCount] !== paidCount) throw new Error('the stored paid-order index does not fit the snapshot');
  for (const name of DERIVED) if (!stored.has(name)) cols[name] = empty;
  for (const name of lazy.keys()) cols[name] = empty;
  const base = { ...sc, ...cols } as unknown as SnapshotBase;
  const snap = snapshotOf(base, cols as unknown as Parameters<typeof snapshotOf>[1]);
  for (const [name, make] of lazy) lazyField(snap, name, make as () => never);
  let fromIndex: ReturnType<typeof contactsFromIndex> | null = null;
  const viaIndex = () => (fromIndex ??= contactsFromIndex(snap));
  if (!stored.has('contactCustomer')) lazyField(snap, 'contactCustomer', () => viaIndex().customer);
  if (!stored.has('contactDay')) lazyField(snap, 'contactDay', () => viaIndex().day);
  if (!stored.has('contactKind')) lazyField(snap, 'contactKind', () => viaIndex().kind);
  if (!stored.has('contactOrder')) lazyField(snap, 'contactOrder', () => contactOrderOf(snap, layout.explicitContacts));
  if (!cold)
    coldSupply.set(snap, (bytes) => {
      if (bytes.byteLength < layout.bytes - layout.hotBytes) throw new Error('the cold columns are cut short');
      cold = { bytes, shift: layout.hotBytes };
    });
  return snap;
}
