/**
 * Columnar snapshot of one shop's data: what every engine module reads.
 *
 * Layout (all days are integer day numbers, see `dayNumber` in lib/model/time.ts; NO_DAY = -1):
 *
 *   customers  0..n-1, one per distinct customerKey seen in customers, orders or contacts
 *              (a key without a customer record still counts), sorted by key (code-unit order),
 *              so that the snapshot — and every member list — does not depend on record order.
 *     customerKeys[i]          string
 *     customerFlags[i]         bits: HAS_RECORD | FAN | MEMBER | PHONE_FULL | CITY_KNOWN | GENDER_KNOWN
 *     customerGender[i]        0 unknown, 1 'f', 2 'm'
 *     customerProvince/City/MemberLevel[i]  code into provinces / cities / memberLevels, -1 = none
 *
 *   orders     0..m-1 in input order (after dropping other shops' records)
 *     orderIds[o], orderCustomer[o], orderPlacedDay[o], orderPaidDay[o] (NO_DAY when paidAt unknown),
 *     orderHappenDay[o] = paidDay ?? placedDay, orderPaid[o] (1 = paid/shipped/completed as last seen),
 *     orderAmountFen[o] (Float64: fen sums can pass 2^31), orderChannel[o] (CHANNELS code),
 *     orderTraffic[o] (TRAFFICS code), orderProduct[o] (code into productKeys/productNames, -1 none)
 *
 *   contacts   0..c-1: explicit contacts first (input order), then the implicit ones — every order
 *              at placedAt (kind 'placed'), every paid order with a paidAt also at paidAt (kind 'paid').
 *     contactCustomer[k], contactDay[k], contactKind[k] (CONTACT_KINDS code), contactOrder[k] (-1 explicit)
 *
 *   per-customer CSR indexes (segment of customer i is [start[i], start[i+1])), each sorted by day:
 *     custContactStart / custContactDay / custContactIdx     every contact (incl. implicit)
 *     custPaidStart / custPaidDay / custPaidAmountFen / custPaidOrder   paid orders by happen day
 *     custOrderStart / custOrderIdx                           every order by placed day
 *
 *   paidOrdersByDay / paidOrderDays: paid orders sorted by happen day (stable), for window slices.
 *
 *   latestDay: the latest day of any contact, placedAt or paidAt (paidAt of unpaid/refunded orders
 *   included, as SPEC §2 says "latest day with data"); NO_DAY when the shop has none.
 */
import type { Contact, Customer, Order, Platform, Shop, ShopData } from '../model';
import { isPaidStatus, parseInstant, dayOfEpoch, dayNumber } from '../model';
import { isFullPhone } from './phone';

export const NO_DAY = -1;

export const CONTACT_KINDS = ['visit', 'view', 'click', 'cart', 'order', 'placed', 'paid'] as const;
export type SnapshotContactKind = (typeof CONTACT_KINDS)[number];
export const KIND_VISIT = 0, KIND_VIEW = 1, KIND_CLICK = 2, KIND_CART = 3, KIND_ORDER = 4, KIND_PLACED = 5, KIND_PAID = 6;

export const CHANNELS = ['live', 'video', 'card', 'other'] as const;
export const TRAFFICS = ['paid', 'organic', 'unknown'] as const;

export const HAS_RECORD = 1, FAN = 2, MEMBER = 4, PHONE_FULL = 8, CITY_KNOWN = 16, GENDER_KNOWN = 32;

export interface Snapshot {
  shopId: string;
  platform: Platform;
  latestDay: number;
  customerCount: number;
  customerKeys: string[];
  customerFlags: Uint8Array;
  customerGender: Uint8Array;
  customerProvince: Int32Array;
  customerCity: Int32Array;
  customerMemberLevel: Int32Array;
  provinces: string[];
  cities: string[];
  memberLevels: string[];

  orderCount: number;
  orderIds: string[];
  orderCustomer: Int32Array;
  orderPlacedDay: Int32Array;
  orderPaidDay: Int32Array;
  orderHappenDay: Int32Array;
  orderPaid: Uint8Array;
  orderAmountFen: Float64Array;
  orderChannel: Uint8Array;
  orderTraffic: Uint8Array;
  orderProduct: Int32Array;
  productKeys: string[];
  productNames: string[];

  contactCount: number;
  contactCustomer: Int32Array;
  contactDay: Int32Array;
  contactKind: Uint8Array;
  contactOrder: Int32Array;

  custContactStart: Int32Array;
  custContactDay: Int32Array;
  custContactIdx: Int32Array;
  custPaidStart: Int32Array;
  custPaidDay: Int32Array;
  custPaidAmountFen: Float64Array;
  custPaidOrder: Int32Array;
  custOrderStart: Int32Array;
  custOrderIdx: Int32Array;

  paidOrdersByDay: Int32Array;
  paidOrderDays: Int32Array;
}

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * Day number of a timestamp. Canonical `YYYY-MM-DDTHH:mm:ss+08:00` strings (what the zod model
 * stores) are read digit by digit without allocating — millions of them per build; anything else
 * goes through parseInstant.
 */
export function dayNumberOfInstant(instant: string): number {
  if (instant.length >= 25 && instant.charCodeAt(4) === 45 && instant.charCodeAt(7) === 45 && instant.endsWith('+08:00')) {
    const y = digit(instant, 0) * 1000 + digit(instant, 1) * 100 + digit(instant, 2) * 10 + digit(instant, 3);
    const m = digit(instant, 5) * 10 + digit(instant, 6);
    const d = digit(instant, 8) * 10 + digit(instant, 9);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, m, d);
  }
  const ms = parseInstant(instant);
  if (ms === null) throw new Error(`unreadable timestamp: ${instant}`);
  return dayNumber(dayOfEpoch(ms));
}

/** Dictionary encoder: string → dense code, in first-seen order. */
export class Dict {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  code(v: string): number {
    let c = this.map.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.map.set(v, c);
    }
    return c;
  }
}

/**
 * Typed arrays carved out of one ArrayBuffer. With the shop's records in the heap, every big
 * separate typed-array allocation counts as "external memory pressure" and makes V8 run a full
 * GC over a million record objects (≈1 s each under load); one allocation does it at most once.
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private at = 0;
  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }
  /** Bytes an arena needs for arrays of these byte sizes (each 8-byte aligned). */
  static size(...bytes: number[]): number {
    return bytes.reduce((sum, b) => sum + ((b + 7) & ~7), 0);
  }
  private take(bytes: number): number {
    const at = this.at;
    this.at += (bytes + 7) & ~7;
    if (this.at > this.buffer.byteLength) throw new Error('snapshot arena too small'); // a sizing bug, never data
    return at;
  }
  /** An Int32Array of n values. */
  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n * 4), n);
  }
  /** A Uint8Array of n values. */
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
  /** A Float64Array of n values. */
  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n * 8), n);
  }
}

/**
 * Stable counting sort of indexes 0..len-1 by an integer key, then bucketed by group.
 * Result: for each group g, its members in [start[g], start[g+1]) ordered by key (ties by index).
 * `byKey` and `idx` come from `alloc` (an arena), the small per-group arrays from the heap.
 */
function groupSortedByKey(
  len: number,
  keys: Int32Array,
  groups: Int32Array,
  groupCount: number,
  include: Uint8Array | null,
  alloc: { byKey: (n: number) => Int32Array; idx: (n: number) => Int32Array },
): { start: Int32Array; idx: Int32Array; byKey: Int32Array } {
  let min = Infinity, max = -Infinity, m = 0;
  for (let i = 0; i < len; i++) {
    if (include !== null && include[i] === 0) continue;
    const k = keys[i]!;
    if (k < min) min = k;
    if (k > max) max = k;
    m++;
  }
  const byKey = alloc.byKey(m);
  if (m > 0) {
    const span = max - min + 1;
    const cnt = new Int32Array(span + 1);
    for (let i = 0; i < len; i++) if (include === null || include[i] !== 0) cnt[keys[i]! - min + 1]!++;
    for (let d = 0; d < span; d++) cnt[d + 1]! += cnt[d]!;
    for (let i = 0; i < len; i++) if (include === null || include[i] !== 0) byKey[cnt[keys[i]! - min]!++] = i;
  }
  const start = new Int32Array(groupCount + 1);
  for (let j = 0; j < m; j++) start[groups[byKey[j]!]! + 1]!++;
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groupCount);
  const idx = alloc.idx(m);
  for (let j = 0; j < m; j++) {
    const i = byKey[j]!;
    idx[fill[groups[i]!]!++] = i;
  }
  return { start, idx, byKey };
}

/** Streams one shop's records into a snapshot (see `createSnapshotBuilder`). */
export interface SnapshotBuilder {
  /** A §2 customer record (already validated); records of another shop are ignored. */
  addCustomer(c: Customer): void;
  /** A §2 order record (already validated); records of another shop are ignored. */
  addOrder(o: Order): void;
  /** An explicit contact (exact duplicates already removed by the caller); other shops' are ignored. */
  addContact(c: Contact): void;
  /** names[i] = nickname || buyerId || '' of customer i's record (last record of a key wins), '' when none. */
  finish(): { snap: Snapshot; names: string[] };
}

/** Capacity hints for a builder that knows its input sizes (no growth, one allocation). */
export interface SnapshotBuilderHint {
  orders: number;
  /** Explicit contacts. */
  contacts: number;
}

/** Copy of `a` with room for `cap` values (the first `len` kept). */
function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, len: number, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a.subarray(0, len));
  return b;
}

/** Display name of a customer record, as the panel lists it. */
function displayName(c: Customer): string {
  return c.nickname || c.buyerId || '';
}

/**
 * A builder that takes one shop's records one at a time, in any interleaving, and builds the same
 * Snapshot as `buildSnapshot` of those records in that order (per kind) — without keeping the
 * records: order and contact columns are typed arrays that double as they fill. A restore streams a
 * backup through it. `hint` pre-sizes the columns when the input sizes are known.
 */
export function createSnapshotBuilder(shop: Shop, hint?: SnapshotBuilderHint): SnapshotBuilder {
  const shopId = shop.shopId;
  const readDay = dayNumberOfInstant;

  // Customers: every key seen anywhere. Provisional ids in first-seen order, renumbered by sorted
  // key in finish(); their record fields are merged per provisional id as records arrive.
  const provisional = new Map<string, number>();
  const seen: string[] = [];
  const idOf = (k: string): number => {
    let i = provisional.get(k);
    if (i === undefined) {
      i = seen.length;
      seen.push(k);
      provisional.set(k, i);
    }
    return i;
  };
  let cuCap = 0;
  let cuFlags = new Uint8Array(0), cuGender = new Uint8Array(0);
  let cuProvince = new Int32Array(0), cuCity = new Int32Array(0), cuLevel = new Int32Array(0);
  const cuName: string[] = [];
  const provinces = new Dict(), cities = new Dict(), levels = new Dict();

  // Orders and explicit contacts: growable columns (doubling); with a hint, carved from one arena.
  let oCap = hint?.orders ?? 1024;
  // Room for the implicit contacts too (≤ 2 per order), so finish() appends them in place.
  let kCap = hint ? hint.contacts + 2 * hint.orders : 4096;
  const arena = new Arena(
    Arena.size(oCap * 4, oCap * 4, oCap * 4, oCap * 4, oCap, oCap * 8, oCap, oCap, oCap * 4) + Arena.size(kCap * 4, kCap * 4, kCap),
  );
  let orderIds: string[] = [];
  let orderCustomer = arena.i32(oCap);
  let orderPlacedDay = arena.i32(oCap);
  let orderPaidDay = arena.i32(oCap);
  let orderHappenDay = arena.i32(oCap);
  let orderPaid = arena.u8(oCap);
  let orderAmountFen = arena.f64(oCap);
  let orderChannel = arena.u8(oCap);
  let orderTraffic = arena.u8(oCap);
  let orderProduct = arena.i32(oCap);
  let contactCustomer = arena.i32(kCap);
  let contactDay = arena.i32(kCap);
  let contactKind = arena.u8(kCap);
  // Product codes in first-seen order of their key (`id:<productId>`, else `name:<productName>`);
  // looked up by the raw id / name, so no key string is built per order.
  const productById = new Map<string, number>(), productByName = new Map<string, number>();
  const productKeys: string[] = [];
  const productNames: string[] = [];
  let latestDay = NO_DAY;
  let paidWithPaidAt = 0;
  let m = 0;
  let cExplicit = 0;
  let finished = false;

  const growOrders = (cap: number) => {
    orderCustomer = grown(orderCustomer, m, cap);
    orderPlacedDay = grown(orderPlacedDay, m, cap);
    orderPaidDay = grown(orderPaidDay, m, cap);
    orderHappenDay = grown(orderHappenDay, m, cap);
    orderPaid = grown(orderPaid, m, cap);
    orderAmountFen = grown(orderAmountFen, m, cap);
    orderChannel = grown(orderChannel, m, cap);
    orderTraffic = grown(orderTraffic, m, cap);
    orderProduct = grown(orderProduct, m, cap);
    oCap = cap;
  };
  const growContacts = (cap: number) => {
    contactCustomer = grown(contactCustomer, cExplicit, cap);
    contactDay = grown(contactDay, cExplicit, cap);
    contactKind = grown(contactKind, cExplicit, cap);
    kCap = cap;
  };
  const growCustomers = (need: number) => {
    const cap = Math.max(need, cuCap * 2, 1024);
    cuFlags = grown(cuFlags, cuCap, cap);
    cuGender = grown(cuGender, cuCap, cap);
    cuProvince = grown(cuProvince, cuCap, cap);
    cuCity = grown(cuCity, cuCap, cap);
    cuLevel = grown(cuLevel, cuCap, cap);
    cuProvince.fill(-1, cuCap);
    cuCity.fill(-1, cuCap);
    cuLevel.fill(-1, cuCap);
    cuCap = cap;
  };
  const open = () => {
    if (finished) throw new Error('snapshot builder already finished');
  };

  return {
    addCustomer(c) {
      open();
      if (c.shopId !== shopId) return;
      const i = idOf(c.customerKey);
      if (i >= cuCap) growCustomers(i + 1);
      while (cuName.length <= i) cuName.push('');
      cuName[i] = displayName(c); // last record of a key wins
      // Duplicate records of one key enrich, never blank (SPEC §2).
      let f = cuFlags[i]! | HAS_RECORD;
      if (c.isFan) f |= FAN;
      if (c.isMember) f |= MEMBER;
      if (c.phone !== undefined && isFullPhone(c.phone)) f |= PHONE_FULL;
      const city = c.city?.trim();
      if (city) {
        f |= CITY_KNOWN;
        if (cuCity[i] === -1) cuCity[i] = cities.code(city);
      }
      const province = c.province?.trim();
      if (province && cuProvince[i] === -1) cuProvince[i] = provinces.code(province);
      if (c.gender === 'f' || c.gender === 'm') {
        f |= GENDER_KNOWN;
        if (cuGender[i] === 0) cuGender[i] = c.gender === 'f' ? 1 : 2;
      }
      if (c.memberLevel && cuLevel[i] === -1) cuLevel[i] = levels.code(c.memberLevel);
      cuFlags[i] = f;
    },

    addOrder(r) {
      open();
      if (r.shopId !== shopId) return;
      if (m === oCap) growOrders(Math.max(1024, oCap * 2));
      const o = m++;
      orderIds.push(r.orderId);
      orderCustomer[o] = idOf(r.customerKey); // provisional id, renumbered in finish()
      const placed = readDay(r.placedAt);
      const paid = r.paidAt !== undefined ? readDay(r.paidAt) : NO_DAY;
      orderPlacedDay[o] = placed;
      orderPaidDay[o] = paid;
      orderHappenDay[o] = paid !== NO_DAY ? paid : placed;
      if (placed > latestDay) latestDay = placed;
      if (paid > latestDay) latestDay = paid;
      const isPaid = isPaidStatus(r.status);
      orderPaid[o] = isPaid ? 1 : 0;
      if (isPaid && paid !== NO_DAY) paidWithPaidAt++;
      orderAmountFen[o] = r.amountFen;
      orderChannel[o] = Math.max(0, CHANNELS.indexOf(r.channel));
      orderTraffic[o] = Math.max(0, TRAFFICS.indexOf(r.traffic));
      const first = r.items?.[0];
      const pid = first?.productId ?? r.productId;
      const pname = first?.productName ?? r.productName;
      if (pid !== undefined || pname !== undefined) {
        const byId = pid !== undefined;
        const map = byId ? productById : productByName;
        const raw = (byId ? pid : pname)!;
        let code = map.get(raw);
        if (code === undefined) {
          code = productKeys.length;
          map.set(raw, code);
          productKeys.push(byId ? `id:${pid}` : `name:${pname}`);
          productNames.push(pname ?? pid ?? '');
        }
        orderProduct[o] = code;
      } else orderProduct[o] = -1;
    },

    addContact(r) {
      open();
      if (r.shopId !== shopId) return;
      if (cExplicit === kCap) growContacts(Math.max(4096, kCap * 2));
      const k = cExplicit++;
      contactCustomer[k] = idOf(r.customerKey); // provisional id, renumbered in finish()
      const d = readDay(r.at);
      contactDay[k] = d;
      if (d > latestDay) latestDay = d;
      contactKind[k] = Math.max(0, CONTACT_KINDS.indexOf(r.kind));
    },

    finish() {
      open();
      finished = true;
      // Contacts: explicit, then one per order at placedAt, then one per paid order at paidAt.
      const cCount = cExplicit + m + paidWithPaidAt;
      if (cCount > kCap) growContacts(cCount);

      // Renumber customers by sorted key, so indexes do not depend on record order.
      const n = seen.length;
      // The built-in string sort (code-unit order) is much faster than a comparator callback.
      const customerKeys = seen.slice().sort();
      const rank = new Int32Array(n);
      for (let r = 0; r < n; r++) rank[provisional.get(customerKeys[r]!)!] = r;
      provisional.clear();
      for (let o = 0; o < m; o++) orderCustomer[o] = rank[orderCustomer[o]!]!;
      for (let j = 0; j < cExplicit; j++) contactCustomer[j] = rank[contactCustomer[j]!]!;
      const customerFlags = new Uint8Array(n);
      const customerGender = new Uint8Array(n);
      const customerProvince = new Int32Array(n).fill(-1);
      const customerCity = new Int32Array(n).fill(-1);
      const customerMemberLevel = new Int32Array(n).fill(-1);
      const names = new Array<string>(n).fill('');
      for (let p = 0; p < Math.min(n, cuCap); p++) {
        const i = rank[p]!;
        customerFlags[i] = cuFlags[p]!;
        customerGender[i] = cuGender[p]!;
        customerProvince[i] = cuProvince[p]!;
        customerCity[i] = cuCity[p]!;
        customerMemberLevel[i] = cuLevel[p]!;
      }
      for (let p = 0; p < cuName.length; p++) names[rank[p]!] = cuName[p]!;

      const snap = assembleSnapshot({
        shopId,
        platform: shop.platform,
        latestDay,
        customerCount: n,
        customerKeys,
        customerFlags,
        customerGender,
        customerProvince,
        customerCity,
        customerMemberLevel,
        provinces: provinces.values,
        cities: cities.values,
        memberLevels: levels.values,
        orderCount: m,
        orderIds,
        orderCustomer: orderCustomer.subarray(0, m),
        orderPlacedDay: orderPlacedDay.subarray(0, m),
        orderPaidDay: orderPaidDay.subarray(0, m),
        orderHappenDay: orderHappenDay.subarray(0, m),
        orderPaid: orderPaid.subarray(0, m),
        orderAmountFen: orderAmountFen.subarray(0, m),
        orderChannel: orderChannel.subarray(0, m),
        orderTraffic: orderTraffic.subarray(0, m),
        orderProduct: orderProduct.subarray(0, m),
        productKeys,
        productNames,
        contactCount: cCount,
        contactCustomer: contactCustomer.subarray(0, cCount),
        contactDay: contactDay.subarray(0, cCount),
        contactKind: contactKind.subarray(0, cCount),
      }, cExplicit);
      orderIds = [];
      return { snap, names };
    },
  };
}

/** A snapshot's own columns (customers, orders, explicit contacts); the rest is derived from them. */
export type SnapshotBase = Pick<
  Snapshot,
  | 'shopId' | 'platform' | 'latestDay' | 'customerCount' | 'customerKeys' | 'customerFlags' | 'customerGender'
  | 'customerProvince' | 'customerCity' | 'customerMemberLevel' | 'provinces' | 'cities' | 'memberLevels'
  | 'orderCount' | 'orderIds' | 'orderCustomer' | 'orderPlacedDay' | 'orderPaidDay' | 'orderHappenDay' | 'orderPaid'
  | 'orderAmountFen' | 'orderChannel' | 'orderTraffic' | 'orderProduct' | 'productKeys' | 'productNames' | 'contactCount'
  | 'contactCustomer' | 'contactDay' | 'contactKind'
>;

/**
 * Completes a snapshot from its own columns: writes the implicit order contacts into
 * contacts [cExplicit, contactCount) (the contact columns must have that length), builds
 * contactOrder and the per-customer / per-day indexes. Shared by the builder and the incremental
 * update, so both derive the indexes the same way.
 */
export function assembleSnapshot(b: SnapshotBase, cExplicit: number): Snapshot {
  const n = b.customerCount, m = b.orderCount, cCount = b.contactCount;
  const { orderCustomer, orderPlacedDay, orderHappenDay, orderPaid, orderAmountFen } = b;
  const { contactCustomer, contactDay } = b;
  let pCount = 0;
  for (let o = 0; o < m; o++) if (orderPaid[o] === 1) pCount++;
  // The derived columns in one allocation (see Arena).
  const arena = new Arena(
    Arena.size(cCount * 4) + // contactOrder
      Arena.size(cCount * 4, cCount * 4) + // custContactIdx, custContactDay
      Arena.size(pCount * 4, pCount * 4, pCount * 4, pCount * 8, pCount * 4) + // paid CSR + paidOrdersByDay / paidOrderDays
      Arena.size(m * 4), // custOrderIdx
  );
  const contactOrder = arena.i32(cCount);
  writeImplicitContacts(b, cExplicit, contactOrder);

  // Scratch for the sort orders nobody keeps (contacts by day, orders by placed day): one allocation, reused.
  const scratch = new Int32Array(Math.max(cCount, m));
  const fromScratch = (len: number) => scratch.subarray(0, len);
  const cc = groupSortedByKey(cCount, contactDay, contactCustomer, n, null, { byKey: fromScratch, idx: (k) => arena.i32(k) });
  const custContactDay = arena.i32(cc.idx.length);
  for (let j = 0; j < cc.idx.length; j++) custContactDay[j] = contactDay[cc.idx[j]!]!;

  const pc = groupSortedByKey(m, orderHappenDay, orderCustomer, n, orderPaid, { byKey: (k) => arena.i32(k), idx: (k) => arena.i32(k) });
  const custPaidDay = arena.i32(pCount);
  const custPaidAmountFen = arena.f64(pCount);
  for (let j = 0; j < pCount; j++) {
    const o = pc.idx[j]!;
    custPaidDay[j] = orderHappenDay[o]!;
    custPaidAmountFen[j] = orderAmountFen[o]!;
  }
  const paidOrderDays = arena.i32(pCount);
  for (let j = 0; j < pCount; j++) paidOrderDays[j] = orderHappenDay[pc.byKey[j]!]!;

  const oc = groupSortedByKey(m, orderPlacedDay, orderCustomer, n, null, { byKey: fromScratch, idx: (k) => arena.i32(k) });

  return snapshotOf(b, {
    contactOrder,
    custContactStart: cc.start,
    custContactDay,
    custContactIdx: cc.idx,
    custPaidStart: pc.start,
    custPaidDay,
    custPaidAmountFen,
    custPaidOrder: pc.idx,
    custOrderStart: oc.start,
    custOrderIdx: oc.idx,
    paidOrdersByDay: pc.byKey,
    paidOrderDays,
  });
}

/**
 * Writes the implicit contacts into contacts [cExplicit, contactCount) of `b`: one per order at
 * placedAt (kind 'placed'), then one per paid order with a paid day (kind 'paid'); contactOrder
 * gets -1 for the explicit ones and the order for the implicit ones.
 */
export function writeImplicitContacts(b: SnapshotBase, cExplicit: number, contactOrder: Int32Array): void {
  const m = b.orderCount, cCount = b.contactCount;
  const { orderCustomer, orderPlacedDay, orderPaidDay, orderPaid, contactCustomer, contactDay, contactKind } = b;
  contactOrder.fill(-1, 0, cExplicit);
  let k = cExplicit;
  for (let o = 0; o < m; o++, k++) {
    contactCustomer[k] = orderCustomer[o]!;
    contactDay[k] = orderPlacedDay[o]!;
    contactKind[k] = KIND_PLACED;
    contactOrder[k] = o;
  }
  for (let o = 0; o < m; o++) {
    if (orderPaid[o] !== 1 || orderPaidDay[o] === NO_DAY) continue;
    contactCustomer[k] = orderCustomer[o]!;
    contactDay[k] = orderPaidDay[o]!;
    contactKind[k] = KIND_PAID;
    contactOrder[k] = o;
    k++;
  }
  if (k !== cCount) throw new Error(`snapshot has ${k} contacts, expected ${cCount}`); // a caller bug, never data
}

/** What a snapshot derives from its own columns: contactOrder and the per-customer / per-day indexes. */
export type SnapshotIndexes = Omit<Snapshot, keyof SnapshotBase>;

/** A Snapshot from its own columns and derived indexes. */
export function snapshotOf(b: SnapshotBase, d: SnapshotIndexes): Snapshot {
  // Same literal shape (and property order) everywhere a Snapshot is made, so engine loops stay monomorphic.
  return {
    shopId: b.shopId,
    platform: b.platform,
    latestDay: b.latestDay,
    customerCount: b.customerCount,
    customerKeys: b.customerKeys,
    customerFlags: b.customerFlags,
    customerGender: b.customerGender,
    customerProvince: b.customerProvince,
    customerCity: b.customerCity,
    customerMemberLevel: b.customerMemberLevel,
    provinces: b.provinces,
    cities: b.cities,
    memberLevels: b.memberLevels,
    orderCount: b.orderCount,
    orderIds: b.orderIds,
    orderCustomer: b.orderCustomer,
    orderPlacedDay: b.orderPlacedDay,
    orderPaidDay: b.orderPaidDay,
    orderHappenDay: b.orderHappenDay,
    orderPaid: b.orderPaid,
    orderAmountFen: b.orderAmountFen,
    orderChannel: b.orderChannel,
    orderTraffic: b.orderTraffic,
    orderProduct: b.orderProduct,
    productKeys: b.productKeys,
    productNames: b.productNames,
    contactCount: b.contactCount,
    contactCustomer: b.contactCustomer,
    contactDay: b.contactDay,
    contactKind: b.contactKind,
    contactOrder: d.contactOrder,
    custContactStart: d.custContactStart,
    custContactDay: d.custContactDay,
    custContactIdx: d.custContactIdx,
    custPaidStart: d.custPaidStart,
    custPaidDay: d.custPaidDay,
    custPaidAmountFen: d.custPaidAmountFen,
    custPaidOrder: d.custPaidOrder,
    custOrderStart: d.custOrderStart,
    custOrderIdx: d.custOrderIdx,
    paidOrdersByDay: d.paidOrdersByDay,
    paidOrderDays: d.paidOrderDays,
  };
}

/** Builds the columnar snapshot of one shop; records of other shops in `data` are ignored. */
export function buildSnapshot(data: ShopData): Snapshot {
  const b = createSnapshotBuilder(data.shop, { orders: data.orders.length, contacts: data.contacts.length });
  // Customers last, as the records' own order per kind is all that matters.
  for (let i = 0; i < data.orders.length; i++) b.addOrder(data.orders[i]!);
  for (let i = 0; i < data.contacts.length; i++) b.addContact(data.contacts[i]!);
  for (let i = 0; i < data.customers.length; i++) b.addCustomer(data.customers[i]!);
  return b.finish().snap;
}

/** names[i] = nickname || buyerId || '' of snapshot customer i's record (the last record of a key wins), '' when none. */
export function customerNames(snap: Snapshot, customers: readonly Customer[]): string[] {
  const names = new Array<string>(snap.customerCount).fill('');
  for (const x of customers) {
    const i = customerIndexOf(snap, x.customerKey);
    if (i >= 0) names[i] = displayName(x);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Queries: binary searches over the CSR segments. Ranges are half-open day intervals [a, b).

/** First index j in [lo, hi) with arr[j] >= x (hi when none). */
export function lowerBound(arr: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when customer `c` has a contact on a day in [a, b). */
export function hasContactIn(s: Snapshot, c: number, a: number, b: number): boolean {
  const hi = s.custContactStart[c + 1]!;
  const j = lowerBound(s.custContactDay, s.custContactStart[c]!, hi, a);
  return j < hi && s.custContactDay[j]! < b;
}

/** Day of customer `c`'s first contact in [a, b), or NO_DAY. */
export function firstContactIn(s: Snapshot, c: number, a: number, b: number): number {
  const hi = s.custContactStart[c + 1]!;
  const j = lowerBound(s.custContactDay, s.custContactStart[c]!, hi, a);
  return j < hi && s.custContactDay[j]! < b ? s.custContactDay[j]! : NO_DAY;
}

/** True when customer `c` has a paid order happening on a day in [a, b). */
export function hasPaidIn(s: Snapshot, c: number, a: number, b: number): boolean {
  const hi = s.custPaidStart[c + 1]!;
  const j = lowerBound(s.custPaidDay, s.custPaidStart[c]!, hi, a);
  return j < hi && s.custPaidDay[j]! < b;
}

/** Day of customer `c`'s first-ever contact, or NO_DAY. */
export function firstContactDay(s: Snapshot, c: number): number {
  const j = s.custContactStart[c]!;
  return j < s.custContactStart[c + 1]! ? s.custContactDay[j]! : NO_DAY;
}

/** Index of a customerKey in the snapshot (keys are sorted), or -1. */
export function customerIndexOf(s: Snapshot, key: string): number {
  let lo = 0, hi = s.customerCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.customerKeys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.customerCount && s.customerKeys[lo] === key ? lo : -1;
}

/** Customer keys of a member set of customer indexes. */
export function keysOf(s: Snapshot, members: Int32Array): string[] {
  const out = new Array<string>(members.length);
  for (let j = 0; j < members.length; j++) out[j] = s.customerKeys[members[j]!]!;
  return out;
}

/** Indexes of flagged customers (flags[i] !== 0), ascending. */
export function membersOf(flags: Uint8Array): Int32Array {
  let cnt = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) cnt++;
  const out = new Int32Array(cnt);
  let j = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) out[j++] = i;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Serialisation: typed-array columns as ArrayBuffers + a JSON-able header (string tables, sizes),
// so that IndexedDB can keep a snapshot without rebuilding it.

const TYPED_COLUMNS = [
  ['customerFlags', 'u8'], ['customerGender', 'u8'], ['customerProvince', 'i32'], ['customerCity', 'i32'],
  ['customerMemberLevel', 'i32'], ['orderCustomer', 'i32'], ['orderPlacedDay', 'i32'], ['orderPaidDay', 'i32'],
  ['orderHappenDay', 'i32'], ['orderPaid', 'u8'], ['orderAmountFen', 'f64'], ['orderChannel', 'u8'],
  ['orderTraffic', 'u8'], ['orderProduct', 'i32'], ['contactCustomer', 'i32'], ['contactDay', 'i32'],
  ['contactKind', 'u8'], ['contactOrder', 'i32'], ['custContactStart', 'i32'], ['custContactDay', 'i32'],
  ['custContactIdx', 'i32'], ['custPaidStart', 'i32'], ['custPaidDay', 'i32'], ['custPaidAmountFen', 'f64'],
  ['custPaidOrder', 'i32'], ['custOrderStart', 'i32'], ['custOrderIdx', 'i32'], ['paidOrdersByDay', 'i32'],
  ['paidOrderDays', 'i32'],
] as const satisfies readonly (readonly [keyof Snapshot, 'u8' | 'i32' | 'f64'])[];

/** The typed columns in serialisation order, with their element type (for writers that pack them themselves). */
export const SNAPSHOT_COLUMNS: readonly (readonly [keyof Snapshot, 'u8' | 'i32' | 'f64'])[] = TYPED_COLUMNS;

export const SNAPSHOT_FORMAT = 'seller-lens-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  shopId: string;
  platform: Platform;
  latestDay: number;
  customerCount: number;
  orderCount: number;
  contactCount: number;
  customerKeys: string[];
  provinces: string[];
  cities: string[];
  memberLevels: string[];
  orderIds: string[];
  productKeys: string[];
  productNames: string[];
  /** Column name, element type and length, in the order of `buffers`. */
  columns: { name: string; type: 'u8' | 'i32' | 'f64'; length: number }[];
}

/** Splits a snapshot into a JSON-able header and one ArrayBuffer per typed column. */
export function snapshotToBuffers(s: Snapshot): { header: SnapshotHeader; buffers: ArrayBuffer[] } {
  const columns: SnapshotHeader['columns'] = [];
  const buffers: ArrayBuffer[] = [];
  for (const [name, type] of TYPED_COLUMNS) {
    const arr = s[name];
    columns.push({ name, type, length: arr.length });
    // slice() copies exactly this view's bytes into a fresh, unshared buffer.
    buffers.push(arr.slice().buffer as ArrayBuffer);
  }
  return {
    header: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      shopId: s.shopId,
      platform: s.platform,
      latestDay: s.latestDay,
      customerCount: s.customerCount,
      orderCount: s.orderCount,
      contactCount: s.contactCount,
      customerKeys: s.customerKeys,
      provinces: s.provinces,
      cities: s.cities,
      memberLevels: s.memberLevels,
      orderIds: s.orderIds,
      productKeys: s.productKeys,
      productNames: s.productNames,
      columns,
    },
    buffers,
  };
}

/** Rebuilds a snapshot from `snapshotToBuffers` output; throws a clear error on a mismatched header. */
export function snapshotFromBuffers(header: SnapshotHeader, buffers: ArrayBuffer[]): Snapshot {
  if (header.format !== SNAPSHOT_FORMAT || header.version !== SNAPSHOT_VERSION)
    throw new Error(`not a ${SNAPSHOT_FORMAT} v${SNAPSHOT_VERSION} header (got ${header.format} v${header.version})`);
  if (header.columns.length !== TYPED_COLUMNS.length || buffers.length !== TYPED_COLUMNS.length)
    throw new Error(`snapshot has ${buffers.length} columns, expected ${TYPED_COLUMNS.length}`);
  const cols = new Map<string, Uint8Array | Int32Array | Float64Array>();
  TYPED_COLUMNS.forEach(([name, type], i) => {
    const meta = header.columns[i]!;
    const buf = buffers[i]!;
    if (meta.name !== name || meta.type !== type) throw new Error(`snapshot column ${i} is ${meta.name}, expected ${name}`);
    const arr = type === 'u8' ? new Uint8Array(buf) : type === 'i32' ? new Int32Array(buf) : new Float64Array(buf);
    if (arr.length !== meta.length) throw new Error(`snapshot column ${name} has ${arr.length} values, expected ${meta.length}`);
    cols.set(name, arr);
  });
  const u8 = (name: string) => cols.get(name) as Uint8Array;
  const i32 = (name: string) => cols.get(name) as Int32Array;
  const f64 = (name: string) => cols.get(name) as Float64Array;
  // Same literal shape (and property order) as buildSnapshot's, so engine loops stay monomorphic.
  return {
    shopId: header.shopId,
    platform: header.platform,
    latestDay: header.latestDay,
    customerCount: header.customerCount,
    customerKeys: header.customerKeys,
    customerFlags: u8('customerFlags'),
    customerGender: u8('customerGender'),
    customerProvince: i32('customerProvince'),
    customerCity: i32('customerCity'),
    customerMemberLevel: i32('customerMemberLevel'),
    provinces: header.provinces,
    cities: header.cities,
    memberLevels: header.memberLevels,
    orderCount: header.orderCount,
    orderIds: header.orderIds,
    orderCustomer: i32('orderCustomer'),
    orderPlacedDay: i32('orderPlacedDay'),
    orderPaidDay: i32('orderPaidDay'),
    orderHappenDay: i32('orderHappenDay'),
    orderPaid: u8('orderPaid'),
    orderAmountFen: f64('orderAmountFen'),
    orderChannel: u8('orderChannel'),
    orderTraffic: u8('orderTraffic'),
    orderProduct: i32('orderProduct'),
    productKeys: header.productKeys,
    productNames: header.productNames,
    contactCount: header.contactCount,
    contactCustomer: i32('contactCustomer'),
    contactDay: i32('contactDay'),
    contactKind: u8('contactKind'),
    contactOrder: i32('contactOrder'),
    custContactStart: i32('custContactStart'),
    custContactDay: i32('custContactDay'),
    custContactIdx: i32('custContactIdx'),
    custPaidStart: i32('custPaidStart'),
    custPaidDay: i32('custPaidDay'),
    custPaidAmountFen: f64('custPaidAmountFen'),
    custPaidOrder: i32('custPaidOrder'),
    custOrderStart: i32('custOrderStart'),
    custOrderIdx: i32('custOrderIdx'),
    paidOrdersByDay: i32('paidOrdersByDay'),
    paidOrderDays: i32('paidOrderDays'),
  };
}
