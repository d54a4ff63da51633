/**
 * FROZEN copy of `buildSnapshot` as it was before the streaming builder (commit 298a6c9), kept as
 * the reference the builder-based implementation must match field by field. Do not "improve" it.
 */
import type { Contact, Customer, Order, ShopData } from '@/lib/model';
import { isPaidStatus } from '@/lib/model';
import {
  CHANNELS, CONTACT_KINDS, CITY_KNOWN, FAN, GENDER_KNOWN, HAS_RECORD, KIND_PAID, KIND_PLACED, MEMBER, NO_DAY, PHONE_FULL,
  TRAFFICS, dayNumberOfInstant, isFullPhone, type Snapshot,
} from '@/lib/engine';

/** Dictionary encoder: string → dense code. */
class Dict {
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
class Arena {
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
  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n * 4), n);
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
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

/** Reference build (frozen). */
export function referenceBuildSnapshot(data: ShopData): Snapshot {
  const shopId = data.shop.shopId;
  const customers: Customer[] = data.customers.filter((c) => c.shopId === shopId);
  // Orders and contacts are filtered inside the loops that read them: one pass over millions of objects.
  const allOrders: readonly Order[] = data.orders, allContacts: readonly Contact[] = data.contacts;
  const readDay = dayNumberOfInstant;

  // Customers: every key seen anywhere. Provisional ids in first-seen order (one Map lookup per
  // record, in the same pass that reads the record), renumbered by sorted key further down.
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

  // Every order- and contact-sized column in one allocation (see Arena), sized by upper bounds:
  // contacts ≤ explicit + one per order + one per paid order.
  const mMax = allOrders.length;
  const cMax = allContacts.length + 2 * mMax;
  const arena = new Arena(
    Arena.size(mMax * 4, mMax * 4, mMax * 4, mMax * 4, mMax, mMax * 8, mMax, mMax, mMax * 4) + // order columns
      Arena.size(cMax * 4, cMax * 4, cMax, cMax * 4) + // contact columns
      Arena.size(cMax * 4, cMax * 4) + // custContactIdx, custContactDay
      Arena.size(mMax * 4, mMax * 4, mMax * 4, mMax * 8, mMax * 4) + // paid CSR + paidOrdersByDay / paidOrderDays
      Arena.size(mMax * 4), // custOrderIdx
  );
  let orderIds: string[] = new Array<string>(mMax);
  let orderCustomer = arena.i32(mMax);
  let orderPlacedDay = arena.i32(mMax);
  let orderPaidDay = arena.i32(mMax);
  let orderHappenDay = arena.i32(mMax);
  let orderPaid = arena.u8(mMax);
  let orderAmountFen = arena.f64(mMax);
  let orderChannel = arena.u8(mMax);
  let orderTraffic = arena.u8(mMax);
  let orderProduct = arena.i32(mMax);
  // Product codes in first-seen order of their key (`id:<productId>`, else `name:<productName>`);
  // looked up by the raw id / name, so no key string is built per order.
  const productById = new Map<string, number>(), productByName = new Map<string, number>();
  const productKeys: string[] = [];
  const productNames: string[] = [];
  let latestDay = NO_DAY;
  let paidWithPaidAt = 0;
  let m = 0;
  for (let i = 0; i < mMax; i++) {
    const r = allOrders[i]!;
    if (r.shopId !== shopId) continue;
    const o = m++;
    orderIds[o] = r.orderId;
    orderCustomer[o] = idOf(r.customerKey); // provisional id, renumbered below
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
  }
  if (m < mMax) {
    // Records of other shops were skipped: keep exactly this shop's orders.
    orderIds = orderIds.slice(0, m);
    orderCustomer = orderCustomer.subarray(0, m);
    orderPlacedDay = orderPlacedDay.subarray(0, m);
    orderPaidDay = orderPaidDay.subarray(0, m);
    orderHappenDay = orderHappenDay.subarray(0, m);
    orderPaid = orderPaid.subarray(0, m);
    orderAmountFen = orderAmountFen.subarray(0, m);
    orderChannel = orderChannel.subarray(0, m);
    orderTraffic = orderTraffic.subarray(0, m);
    orderProduct = orderProduct.subarray(0, m);
  }

  // Contacts: explicit, then one per order at placedAt, then one per paid order at paidAt.
  const cUpper = allContacts.length + m + paidWithPaidAt;
  let contactCustomer = arena.i32(cUpper);
  let contactDay = arena.i32(cUpper);
  let contactKind = arena.u8(cUpper);
  let contactOrder = arena.i32(cUpper).fill(-1);
  let cExplicit = 0;
  for (let i = 0; i < allContacts.length; i++) {
    const r = allContacts[i]!;
    if (r.shopId !== shopId) continue;
    const k = cExplicit++;
    contactCustomer[k] = idOf(r.customerKey); // provisional id, renumbered below
    const d = readDay(r.at);
    contactDay[k] = d;
    if (d > latestDay) latestDay = d;
    contactKind[k] = Math.max(0, CONTACT_KINDS.indexOf(r.kind));
  }
  const cCount = cExplicit + m + paidWithPaidAt;
  if (cCount < cUpper) {
    contactCustomer = contactCustomer.subarray(0, cCount);
    contactDay = contactDay.subarray(0, cCount);
    contactKind = contactKind.subarray(0, cCount);
    contactOrder = contactOrder.subarray(0, cCount);
  }

  // Renumber customers by sorted key, so indexes do not depend on record order.
  const recordCustomer = new Int32Array(customers.length);
  for (let i = 0; i < customers.length; i++) recordCustomer[i] = idOf(customers[i]!.customerKey);
  const n = seen.length;
  // The built-in string sort (code-unit order) is much faster than a comparator callback.
  const customerKeys = seen.slice().sort();
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[provisional.get(customerKeys[r]!)!] = r;
  for (let i = 0; i < recordCustomer.length; i++) recordCustomer[i] = rank[recordCustomer[i]!]!;
  for (let o = 0; o < m; o++) orderCustomer[o] = rank[orderCustomer[o]!]!;
  for (let j = 0; j < cExplicit; j++) contactCustomer[j] = rank[contactCustomer[j]!]!;

  const customerFlags = new Uint8Array(n);
  const customerGender = new Uint8Array(n);
  const customerProvince = new Int32Array(n).fill(-1);
  const customerCity = new Int32Array(n).fill(-1);
  const customerMemberLevel = new Int32Array(n).fill(-1);
  const provinces = new Dict(), cities = new Dict(), levels = new Dict();
  for (let r = 0; r < customers.length; r++) {
    const c = customers[r]!;
    // Duplicate records of one key enrich, never blank (SPEC §2).
    const i = recordCustomer[r]!;
    let f = customerFlags[i]! | HAS_RECORD;
    if (c.isFan) f |= FAN;
    if (c.isMember) f |= MEMBER;
    if (c.phone !== undefined && isFullPhone(c.phone)) f |= PHONE_FULL;
    const city = c.city?.trim();
    if (city) {
      f |= CITY_KNOWN;
      if (customerCity[i] === -1) customerCity[i] = cities.code(city);
    }
    const province = c.province?.trim();
    if (province && customerProvince[i] === -1) customerProvince[i] = provinces.code(province);
    if (c.gender === 'f' || c.gender === 'm') {
      f |= GENDER_KNOWN;
      if (customerGender[i] === 0) customerGender[i] = c.gender === 'f' ? 1 : 2;
    }
    if (c.memberLevel && customerMemberLevel[i] === -1) customerMemberLevel[i] = levels.code(c.memberLevel);
    customerFlags[i] = f;
  }

  // Implicit contacts, now that customer ids are final.
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

  // Scratch for the sort orders nobody keeps (contacts by day, orders by placed day): one allocation, reused.
  const scratch = new Int32Array(Math.max(cCount, m));
  const fromScratch = (len: number) => scratch.subarray(0, len);
  const cc = groupSortedByKey(cCount, contactDay, contactCustomer, n, null, { byKey: fromScratch, idx: (k) => arena.i32(k) });
  const custContactDay = arena.i32(cc.idx.length);
  for (let j = 0; j < cc.idx.length; j++) custContactDay[j] = contactDay[cc.idx[j]!]!;

  const pc = groupSortedByKey(m, orderHappenDay, orderCustomer, n, orderPaid, { byKey: (k) => arena.i32(k), idx: (k) => arena.i32(k) });
  const pCount = pc.idx.length;
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

  return {
    shopId,
    platform: data.shop.platform,
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
    orderCustomer,
    orderPlacedDay,
    orderPaidDay,
    orderHappenDay,
    orderPaid,
    orderAmountFen,
    orderChannel,
    orderTraffic,
    orderProduct,
    productKeys,
    productNames,
    contactCount: cCount,
    contactCustomer,
    contactDay,
    contactKind,
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
  };
}
