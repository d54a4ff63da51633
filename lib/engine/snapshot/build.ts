/** Building a shop's snapshot from its records: the streaming builder and `buildSnapshot`. */
import type { Contact, Customer, Order, Shop, ShopData } from '../../model';
import { assembleSnapshot } from './assemble';
import { Arena, Dict, dayNumberOfInstant, grown } from './columns';
import { ProductDict, contactKindCode, displayName, encodeCustomer, encodeOrder, type CustomerColumns, type CustomerDicts, type OrderColumns } from './encode';
import { customerIndexOf } from './query';
import { NO_DAY, type Snapshot } from './types';

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

/**
 * Records already validated and encoded elsewhere (the report CLI's parse threads), added column
 * by column: the same columns addOrder / addContact write, customers by provisional id.
 */
export interface EncodedOrders {
  /** Provisional customer ids (customerId). */
  customer: Int32Array;
  orderIds: readonly string[];
  placedDay: Int32Array;
  paidDay: Int32Array;
  paid: Uint8Array;
  amountFen: Float64Array;
  channel: Uint8Array;
  traffic: Uint8Array;
  /** Product codes (productCode). */
  product: Int32Array;
}

/** A builder that also takes pre-encoded column batches (see EncodedOrders). */
export interface ColumnSnapshotBuilder extends SnapshotBuilder {
  /** The provisional id of a customer key (any number; finish renumbers by sorted key). */
  customerId(key: string): number;
  /** The product code of an order whose product is `productId` / `productName` (as ProductDict.code). */
  productCode(productId: string | undefined, productName: string | undefined): number;
  /** Orders [from, to) of a batch; all of this builder's shop. */
  addEncodedOrders(b: EncodedOrders, from: number, to: number): void;
  /** Explicit contacts [from, to): provisional customer ids, days, CONTACT_KINDS codes; all of this builder's shop. */
  addEncodedContacts(customer: Int32Array, day: Int32Array, kind: Uint8Array, from: number, to: number): void;
}

/**
 * The builder behind `createSnapshotBuilder`. Customers get provisional ids in first-seen order,
 * renumbered by sorted key in finish(); their record fields are merged per provisional id as
 * records arrive. Orders and explicit contacts fill growable columns (doubling); with a hint, carved from one arena.
 */
class ColumnarBuilder implements ColumnSnapshotBuilder {
  private readonly provisional = new Map<string, number>();
  private readonly seen: string[] = [];
  private cuCap = 0;
  private readonly cu: CustomerColumns = { flags: new Uint8Array(0), gender: new Uint8Array(0), province: new Int32Array(0), city: new Int32Array(0), level: new Int32Array(0) };
  private readonly cuName: string[] = [];
  private readonly dicts: CustomerDicts = { provinces: new Dict(), cities: new Dict(), levels: new Dict() };
  private oCap: number;
  private kCap: number;
  private orderIds: string[] = [];
  private orderCustomer: Int32Array;
  private orderProduct: Int32Array;
  private readonly oc: OrderColumns;
  private contactCustomer: Int32Array;
  private contactDay: Int32Array;
  private contactKind: Uint8Array;
  private readonly products = new ProductDict();
  private latestDay = NO_DAY;
  private paidWithPaidAt = 0;
  private m = 0;
  private cExplicit = 0;
  private finished = false;

  constructor(private readonly shop: Shop, hint?: SnapshotBuilderHint) {
    const oCap = (this.oCap = hint?.orders ?? 1024);
    // Room for the implicit contacts too (≤ 2 per order), so finish() appends them in place.
    const kCap = (this.kCap = hint ? hint.contacts + 2 * hint.orders : 4096);
    const arena = new Arena(
      Arena.size(oCap * 4, oCap * 4, oCap * 4, oCap * 4, oCap, oCap * 8, oCap, oCap, oCap * 4) + Arena.size(kCap * 4, kCap * 4, kCap),
    );
    this.orderCustomer = arena.i32(oCap);
    this.oc = {
      orderPlacedDay: arena.i32(oCap),
      orderPaidDay: arena.i32(oCap),
      orderHappenDay: arena.i32(oCap),
      orderPaid: arena.u8(oCap),
      orderAmountFen: arena.f64(oCap),
      orderChannel: arena.u8(oCap),
      orderTraffic: arena.u8(oCap),
    };
    this.orderProduct = arena.i32(oCap);
    this.contactCustomer = arena.i32(kCap);
    this.contactDay = arena.i32(kCap);
    this.contactKind = arena.u8(kCap);
  }

  private idOf(k: string): number {
    let i = this.provisional.get(k);
    if (i === undefined) {
      i = this.seen.length;
      this.seen.push(k);
      this.provisional.set(k, i);
    }
    return i;
  }

  private open(): void {
    if (this.finished) throw new Error('snapshot builder already finished');
  }

  private growOrders(cap: number): void {
    const m = this.m, oc = this.oc;
    this.orderCustomer = grown(this.orderCustomer, m, cap);
    oc.orderPlacedDay = grown(oc.orderPlacedDay, m, cap);
    oc.orderPaidDay = grown(oc.orderPaidDay, m, cap);
    oc.orderHappenDay = grown(oc.orderHappenDay, m, cap);
    oc.orderPaid = grown(oc.orderPaid, m, cap);
    oc.orderAmountFen = grown(oc.orderAmountFen, m, cap);
    oc.orderChannel = grown(oc.orderChannel, m, cap);
    oc.orderTraffic = grown(oc.orderTraffic, m, cap);
    this.orderProduct = grown(this.orderProduct, m, cap);
    this.oCap = cap;
  }

  private growContacts(cap: number): void {
    const k = this.cExplicit;
    this.contactCustomer = grown(this.contactCustomer, k, cap);
    this.contactDay = grown(this.contactDay, k, cap);
    this.contactKind = grown(this.contactKind, k, cap);
    this.kCap = cap;
  }

  private growCustomers(need: number): void {
    const old = this.cuCap, cu = this.cu;
    const cap = Math.max(need, old * 2, 1024);
    cu.flags = grown(cu.flags, old, cap);
    cu.gender = grown(cu.gender, old, cap);
    cu.province = grown(cu.province, old, cap).fill(-1, old);
    cu.city = grown(cu.city, old, cap).fill(-1, old);
    cu.level = grown(cu.level, old, cap).fill(-1, old);
    this.cuCap = cap;
  }

  addCustomer(c: Customer): void {
    this.open();
    if (c.shopId !== this.shop.shopId) return;
    const i = this.idOf(c.customerKey);
    if (i >= this.cuCap) this.growCustomers(i + 1);
    while (this.cuName.length <= i) this.cuName.push('');
    this.cuName[i] = displayName(c); // last record of a key wins
    encodeCustomer(c, this.cu, this.dicts, i);
  }

  addOrder(r: Order): void {
    this.open();
    if (r.shopId !== this.shop.shopId) return;
    if (this.m === this.oCap) this.growOrders(Math.max(1024, this.oCap * 2));
    const o = this.m++;
    this.orderIds.push(r.orderId);
    this.orderCustomer[o] = this.idOf(r.customerKey); // provisional id, renumbered in finish()
    const oc = this.oc;
    encodeOrder(r, oc, o);
    const placed = oc.orderPlacedDay[o]!, paid = oc.orderPaidDay[o]!;
    if (placed > this.latestDay) this.latestDay = placed;
    if (paid > this.latestDay) this.latestDay = paid;
    if (oc.orderPaid[o] === 1 && paid !== NO_DAY) this.paidWithPaidAt++;
    this.orderProduct[o] = this.products.code(r);
  }

  addContact(r: Contact): void {
    this.open();
    if (r.shopId !== this.shop.shopId) return;
    if (this.cExplicit === this.kCap) this.growContacts(Math.max(4096, this.kCap * 2));
    const k = this.cExplicit++;
    this.contactCustomer[k] = this.idOf(r.customerKey); // provisional id, renumbered in finish()
    const d = dayNumberOfInstant(r.at);
    this.contactDay[k] = d;
    if (d > this.latestDay) this.latestDay = d;
    this.contactKind[k] = contactKindCode(r);
  }

  customerId(key: string): number {
    return this.idOf(key);
  }

  productCode(productId: string | undefined, productName: string | undefined): number {
    const r = {} as { productId?: string; productName?: string };
    if (productId !== undefined) r.productId = productId;
    if (productName !== undefined) r.productName = productName;
    return this.products.code(r as Order);
  }

  addEncodedOrders(b: EncodedOrders, from: number, to: number): void {
    this.open();
    const need = this.m + (to - from);
    if (need > this.oCap) this.growOrders(Math.max(1024, this.oCap * 2, need));
    const oc = this.oc;
    let latest = this.latestDay;
    for (let j = from; j < to; j++) {
      const o = this.m++;
      this.orderIds.push(b.orderIds[j]!);
      this.orderCustomer[o] = b.customer[j]!;
      const placed = b.placedDay[j]!, paid = b.paidDay[j]!;
      oc.orderPlacedDay[o] = placed;
      oc.orderPaidDay[o] = paid;
      oc.orderHappenDay[o] = paid !== NO_DAY ? paid : placed;
      oc.orderPaid[o] = b.paid[j]!;
      oc.orderAmountFen[o] = b.amountFen[j]!;
      oc.orderChannel[o] = b.channel[j]!;
      oc.orderTraffic[o] = b.traffic[j]!;
      if (placed > latest) latest = placed;
      if (paid > latest) latest = paid;
      if (b.paid[j] === 1 && paid !== NO_DAY) this.paidWithPaidAt++;
      this.orderProduct[o] = b.product[j]!;
    }
    this.latestDay = latest;
  }

  addEncodedContacts(customer: Int32Array, day: Int32Array, kind: Uint8Array, from: number, to: number): void {
    this.open();
    const need = this.cExplicit + (to - from);
    if (need > this.kCap) this.growContacts(Math.max(4096, this.kCap * 2, need));
    this.contactCustomer.set(customer.subarray(from, to), this.cExplicit);
    this.contactDay.set(day.subarray(from, to), this.cExplicit);
    this.contactKind.set(kind.subarray(from, to), this.cExplicit);
    let latest = this.latestDay;
    for (let j = from; j < to; j++) if (day[j]! > latest) latest = day[j]!;
    this.latestDay = latest;
    this.cExplicit = need;
  }

  /** Customers renumbered by sorted key (so indexes do not depend on record order): keys, columns and names. */
  private customersByKey() {
    const n = this.seen.length, m = this.m, cu = this.cu;
    // The built-in string sort (code-unit order) is much faster than a comparator callback.
    const customerKeys = this.seen.slice().sort();
    const rank = new Int32Array(n);
    for (let r = 0; r < n; r++) rank[this.provisional.get(customerKeys[r]!)!] = r;
    this.provisional.clear();
    for (let o = 0; o < m; o++) this.orderCustomer[o] = rank[this.orderCustomer[o]!]!;
    for (let j = 0; j < this.cExplicit; j++) this.contactCustomer[j] = rank[this.contactCustomer[j]!]!;
    const customerFlags = new Uint8Array(n);
    const customerGender = new Uint8Array(n);
    const customerProvince = new Int32Array(n).fill(-1);
    const customerCity = new Int32Array(n).fill(-1);
    const customerMemberLevel = new Int32Array(n).fill(-1);
    const names = new Array<string>(n).fill('');
    for (let p = 0; p < Math.min(n, this.cuCap); p++) {
      const i = rank[p]!;
      customerFlags[i] = cu.flags[p]!;
      customerGender[i] = cu.gender[p]!;
      customerProvince[i] = cu.province[p]!;
      customerCity[i] = cu.city[p]!;
      customerMemberLevel[i] = cu.level[p]!;
    }
    for (let p = 0; p < this.cuName.length; p++) names[rank[p]!] = this.cuName[p]!;
    return { customerKeys, customerFlags, customerGender, customerProvince, customerCity, customerMemberLevel, names };
  }

  finish(): { snap: Snapshot; names: string[] } {
    this.open();
    this.finished = true;
    // Contacts: explicit, then one per order at placedAt, then one per paid order at paidAt.
    const m = this.m, cExplicit = this.cExplicit;
    const cCount = cExplicit + m + this.paidWithPaidAt;
    if (cCount > this.kCap) this.growContacts(cCount);
    const { names, ...cust } = this.customersByKey();
    const oc = this.oc;
    const snap = assembleSnapshot({
      shopId: this.shop.shopId,
      platform: this.shop.platform,
      latestDay: this.latestDay,
      customerCount: cust.customerKeys.length,
      customerKeys: cust.customerKeys,
      customerFlags: cust.customerFlags,
      customerGender: cust.customerGender,
      customerProvince: cust.customerProvince,
      customerCity: cust.customerCity,
      customerMemberLevel: cust.customerMemberLevel,
      provinces: this.dicts.provinces.values,
      cities: this.dicts.cities.values,
      memberLevels: this.dicts.levels.values,
      orderCount: m,
      orderIds: this.orderIds,
      orderCustomer: this.orderCustomer.subarray(0, m),
      orderPlacedDay: oc.orderPlacedDay.subarray(0, m),
      orderPaidDay: oc.orderPaidDay.subarray(0, m),
      orderHappenDay: oc.orderHappenDay.subarray(0, m),
      orderPaid: oc.orderPaid.subarray(0, m),
      orderAmountFen: oc.orderAmountFen.subarray(0, m),
      orderChannel: oc.orderChannel.subarray(0, m),
      orderTraffic: oc.orderTraffic.subarray(0, m),
      orderProduct: this.orderProduct.subarray(0, m),
      productKeys: this.products.keys,
      productNames: this.products.names,
      contactCount: cCount,
      contactCustomer: this.contactCustomer.subarray(0, cCount),
      contactDay: this.contactDay.subarray(0, cCount),
      contactKind: this.contactKind.subarray(0, cCount),
    }, cExplicit);
    this.orderIds = [];
    return { snap, names };
  }
}

/**
 * A builder that takes one shop's records one at a time, in any interleaving, and builds the same
 * Snapshot as `buildSnapshot` of those records in that order (per kind) — without keeping the
 * records: order and contact columns are typed arrays that double as they fill. A restore streams a
 * backup through it. `hint` pre-sizes the columns when the input sizes are known.
 */
export function createSnapshotBuilder(shop: Shop, hint?: SnapshotBuilderHint): SnapshotBuilder {
  return new ColumnarBuilder(shop, hint);
}

/** A streaming builder that also takes pre-encoded column batches (the report CLI's parse threads); `hint` as createSnapshotBuilder's. */
export function createColumnSnapshotBuilder(shop: Shop, hint?: SnapshotBuilderHint): ColumnSnapshotBuilder {
  return new ColumnarBuilder(shop, hint);
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
