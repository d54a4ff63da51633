/**
 * Exact incremental update of a snapshot: the snapshot of a shop's records after a capture batch,
 * derived from the previous snapshot's typed columns and the changed records only (no other record
 * is read). Changed records are encoded by the builder's own encoders (./encode.ts); the
 * per-customer and per-day indexes are the previous ones with the changed entries merged in
 * (./apply-indexes.ts: linear, no re-sort), in exactly the order a rebuild's stable sorts give.
 *
 * Record order: the result is what `buildSnapshot` gives for the updated record set taken as
 *   customers — in customer-key order (the dictionaries province / city / member level are coded in
 *                that order, unused values dropped);
 *   orders    — the previous snapshot's order, an updated order in its place, added ones appended
 *                (products coded in first-seen order, unused ones dropped);
 *   contacts  — the previous explicit contacts, then the added ones.
 * Any other record order gives the same snapshot up to those codes and index orders.
 *
 * One thing the columns cannot tell: the name of a product key is taken from the first order that
 * carries the key; when that order is unchanged the previous name is kept, so if one productId
 * came with different names on different orders, a rebuild may pick another of them.
 */
import type { Contact, Customer, Order } from '../../model';
import { mergedIndexes } from './apply-indexes';
import { writeImplicitContacts, snapshotOf } from './assemble';
import { Arena, Dict, dayNumberOfInstant } from './columns';
import { ProductDict, contactKindCode, displayName, encodeCustomer, encodeOrder, type OrderColumns } from './encode';
import { customerIndexOf } from './query';
import { HAS_RECORD, NO_DAY, type Snapshot, type SnapshotBase } from './types';

/** Records changed by one or more capture batches (full merged records, as now stored). */
export interface SnapshotChanges {
  customers: { added: Customer[]; updated: Customer[] };
  orders: { added: Order[]; updated: Order[] };
  /** An updated contact never changes the snapshot: its key fields (customer, at, kind) are what the snapshot holds. */
  contacts: { added: Contact[] };
}

/** Last record of each key, in first-appearance order of the key. */
function lastByKey<T>(lists: readonly (readonly T[])[], keyOf: (r: T) => string, keep: (r: T) => boolean): Map<string, T> {
  const out = new Map<string, T>();
  for (const list of lists) for (const r of list) if (keep(r)) out.set(keyOf(r), r);
  return out;
}

/** Number of paid orders with a paid day (each has an implicit 'paid' contact). */
function paidWithPaidDay(orderPaid: Uint8Array, orderPaidDay: Int32Array, m: number): number {
  let p = 0;
  for (let o = 0; o < m; o++) if (orderPaid[o] === 1 && orderPaidDay[o] !== NO_DAY) p++;
  return p;
}

/** The customer index space of the update: previous keys 0..n-1, new keys n.. (sorted). */
interface CustomerSpace {
  newKeys: string[];
  /** n + newKeys.length. */
  size: number;
  /** Intermediate index of a key. */
  idxOf: (k: string) => number;
}

function customerSpace(snap: Snapshot, custs: Map<string, Customer>, ords: Map<string, Order>, added: Contact[]): CustomerSpace {
  const n = snap.customerCount;
  const newKeyIdx = new Map<string, number>();
  const noteKey = (k: string): void => {
    if (!newKeyIdx.has(k) && customerIndexOf(snap, k) < 0) newKeyIdx.set(k, -1);
  };
  for (const k of custs.keys()) noteKey(k);
  for (const o of ords.values()) noteKey(o.customerKey);
  for (const c of added) noteKey(c.customerKey);
  const newKeys = [...newKeyIdx.keys()].sort();
  newKeys.forEach((k, j) => newKeyIdx.set(k, n + j));
  const idxOf = (k: string): number => {
    const i = customerIndexOf(snap, k);
    return i >= 0 ? i : newKeyIdx.get(k)!;
  };
  return { newKeys, size: n + newKeys.length, idxOf };
}

/** The order columns after the batch: copies of the previous ones, changed orders written in place or appended. */
interface UpdatedOrders {
  m2: number;
  orderIds: string[];
  /** Intermediate customer ids until renumbered. */
  orderCustomer: Int32Array;
  /** Intermediate product codes (of `products`) until renumbered. */
  orderProduct: Int32Array;
  cols: OrderColumns;
  products: ProductDict;
  /** Name of the product as written by each changed order that has one (for the first-seen naming rule). */
  changedOrderName: Map<number, string>;
  /** 1 for each order written by the batch (their index entries are re-inserted). */
  changed: Uint8Array;
  changedList: number[];
  /** Previous customers that may have lost their last order (candidates for disappearing). */
  movedFrom: number[];
}

function updatedOrders(snap: Snapshot, ords: Map<string, Order>, idxOf: (k: string) => number): UpdatedOrders {
  const m = snap.orderCount;
  const pos = new Map<string, number>();
  if (ords.size > 0)
    for (let o = 0; o < m; o++) {
      const id = snap.orderIds[o]!;
      if (ords.has(id)) pos.set(id, o);
    }
  const m2 = m + (ords.size - pos.size);
  const orderIds = snap.orderIds.slice();
  // Order columns in one allocation, the rest of the big columns in another (see Arena).
  const arena = new Arena(Arena.size(m2 * 4, m2 * 4, m2 * 4, m2 * 4, m2, m2 * 8, m2, m2, m2 * 4, m2));
  const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
    b.set(a.subarray(0, m));
    return b;
  };
  const orderCustomer = copy(snap.orderCustomer, arena.i32(m2));
  const cols: OrderColumns = {
    orderPlacedDay: copy(snap.orderPlacedDay, arena.i32(m2)),
    orderPaidDay: copy(snap.orderPaidDay, arena.i32(m2)),
    orderHappenDay: copy(snap.orderHappenDay, arena.i32(m2)),
    orderPaid: copy(snap.orderPaid, arena.u8(m2)),
    orderAmountFen: copy(snap.orderAmountFen, arena.f64(m2)),
    orderChannel: copy(snap.orderChannel, arena.u8(m2)),
    orderTraffic: copy(snap.orderTraffic, arena.u8(m2)),
  };
  const orderProduct = copy(snap.orderProduct, arena.i32(m2));
  const out: UpdatedOrders = {
    m2, orderIds, orderCustomer, orderProduct, cols,
    products: ProductDict.of(snap.productKeys, snap.productNames),
    changedOrderName: new Map(), changed: arena.u8(m2), changedList: [], movedFrom: [],
  };
  let next = m;
  for (const r of ords.values()) {
    let o = pos.get(r.orderId);
    if (o === undefined) {
      o = next++;
      orderIds[o] = r.orderId;
    } else out.movedFrom.push(snap.orderCustomer[o]!);
    out.changed[o] = 1;
    out.changedList.push(o);
    orderCustomer[o] = idxOf(r.customerKey);
    encodeOrder(r, cols, o);
    const code = out.products.code(r);
    orderProduct[o] = code;
    if (code >= 0) out.changedOrderName.set(o, out.products.lastName);
  }
  return out;
}

/** The added explicit contacts, encoded (intermediate customer ids); cE / cE2: explicit contacts before / after. */
function addedContactColumns(snap: Snapshot, added: Contact[], idxOf: (k: string) => number) {
  const m = snap.orderCount;
  const cE = snap.contactCount - m - paidWithPaidDay(snap.orderPaid, snap.orderPaidDay, m);
  const customer = new Int32Array(added.length);
  const day = new Int32Array(added.length);
  const kind = new Uint8Array(added.length);
  added.forEach((c, j) => {
    customer[j] = idxOf(c.customerKey);
    day[j] = dayNumberOfInstant(c.at);
    kind[j] = contactKindCode(c);
  });
  return { cE, cE2: cE + added.length, customer, day, kind };
}
type AddedContacts = ReturnType<typeof addedContactColumns>;

/**
 * Which intermediate keys still appear anywhere. Every new key comes from a record of this batch,
 * so only a previous customer whose order moved away can vanish: it stays if it has a record,
 * another order or an explicit contact.
 */
function usedKeys(snap: Snapshot, size: number, custs: Map<string, Customer>, orders: UpdatedOrders, added: AddedContacts): Uint8Array {
  const used = new Uint8Array(size).fill(1);
  for (const i of orders.movedFrom) {
    if (snap.customerFlags[i]! & HAS_RECORD || custs.has(snap.customerKeys[i]!)) continue;
    let keep = false;
    for (let p = snap.custOrderStart[i]!; p < snap.custOrderStart[i + 1]! && !keep; p++) keep = orders.changed[snap.custOrderIdx[p]!] === 0;
    for (let p = snap.custContactStart[i]!; p < snap.custContactStart[i + 1]! && !keep; p++) keep = snap.contactOrder[snap.custContactIdx[p]!] === -1;
    used[i] = keep ? 1 : 0;
  }
  for (const o of orders.changedList) used[orders.orderCustomer[o]!] = 1;
  for (let j = 0; j < added.customer.length; j++) used[added.customer[j]!] = 1;
  return used;
}

/** Final numbering: previous and new keys merged in sorted order, unused ones dropped. */
function finalNumbering(snap: Snapshot, space: CustomerSpace, used: Uint8Array) {
  const n = snap.customerCount, newKeys = space.newKeys;
  const finalOf = new Int32Array(space.size).fill(-1);
  const interOf = new Int32Array(space.size); // final → intermediate (first n2 used)
  const customerKeys: string[] = [];
  let identity = newKeys.length === 0;
  for (let i = 0, j = 0; i < n || j < newKeys.length; ) {
    const takeOld = j >= newKeys.length || (i < n && snap.customerKeys[i]! < newKeys[j]!);
    const inter = takeOld ? i++ : n + j++;
    if (!used[inter]) {
      identity = false;
      continue;
    }
    interOf[customerKeys.length] = inter;
    finalOf[inter] = customerKeys.length;
    customerKeys.push(takeOld ? snap.customerKeys[inter]! : newKeys[inter - n]!);
  }
  return { finalOf, interOf, customerKeys, identity };
}
type Numbering = ReturnType<typeof finalNumbering>;

/**
 * Customer columns in final order: a changed customer's record replaces the key's previous
 * record(s) wholesale (encoded into a fresh row), others are copied; dictionaries coded by first
 * use in that order (the builder's order of first use within one customer: city, province, level).
 */
function customerColumns(snap: Snapshot, names: string[], custs: Map<string, Customer>, num: Numbering, arena: Arena) {
  const n = snap.customerCount, n2 = num.customerKeys.length;
  const cols = { flags: arena.u8(n2), gender: arena.u8(n2), province: arena.i32(n2).fill(-1), city: arena.i32(n2).fill(-1), level: arena.i32(n2).fill(-1) };
  const dicts = { provinces: new Dict(), cities: new Dict(), levels: new Dict() };
  const names2 = new Array<string>(n2).fill('');
  // Previous code → new code, filled on first use.
  const provRe = new Int32Array(snap.provinces.length).fill(-1);
  const cityRe = new Int32Array(snap.cities.length).fill(-1);
  const levelRe = new Int32Array(snap.memberLevels.length).fill(-1);
  const recode = (re: Int32Array, table: string[], into: Dict, c: number): number => {
    if (c < 0) return -1;
    if (re[c] === -1) re[c] = into.code(table[c]!);
    return re[c]!;
  };
  for (let i = 0; i < n2; i++) {
    const inter = num.interOf[i]!;
    const r = custs.get(num.customerKeys[i]!);
    if (r !== undefined) {
      names2[i] = displayName(r);
      encodeCustomer(r, cols, dicts, i);
    } else if (inter < n) {
      names2[i] = names[inter] ?? '';
      cols.flags[i] = snap.customerFlags[inter]!;
      cols.gender[i] = snap.customerGender[inter]!;
      cols.city[i] = recode(cityRe, snap.cities, dicts.cities, snap.customerCity[inter]!);
      cols.province[i] = recode(provRe, snap.provinces, dicts.provinces, snap.customerProvince[inter]!);
      cols.level[i] = recode(levelRe, snap.memberLevels, dicts.levels, snap.customerMemberLevel[inter]!);
    }
  }
  return { cols, dicts, names2 };
}

/** Renumbers customers in the order columns and products by first use in order order; the orders' latest day. */
function renumberOrders(snap: Snapshot, orders: UpdatedOrders, finalOf: Int32Array) {
  const { orderCustomer, orderProduct, products, changedOrderName } = orders;
  const { orderPlacedDay, orderPaidDay } = orders.cols;
  const prodRe = new Int32Array(products.keys.length).fill(-1);
  const productKeys: string[] = [];
  const productNames: string[] = [];
  let latestDay = NO_DAY;
  for (let o = 0; o < orders.m2; o++) {
    orderCustomer[o] = finalOf[orderCustomer[o]!]!;
    const pc = orderProduct[o]!;
    if (pc >= 0) {
      if (prodRe[pc] === -1) {
        prodRe[pc] = productKeys.length;
        productKeys.push(products.keys[pc]!);
        // The first order of a key names it: a changed order's own name, else the key's previous name.
        productNames.push(changedOrderName.get(o) ?? products.names[pc]!);
      }
      orderProduct[o] = prodRe[pc]!;
    }
    const placed = orderPlacedDay[o]!, paid = orderPaidDay[o]!;
    if (placed > latestDay) latestDay = placed;
    if (paid > latestDay) latestDay = paid;
  }
  // Unchanged tables: share the previous arrays.
  const shared = snap.productKeys.length === productKeys.length && productKeys.every((k, i) => k === snap.productKeys[i] && productNames[i] === snap.productNames[i]);
  return shared ? { productKeys: snap.productKeys, productNames: snap.productNames, latestDay } : { productKeys, productNames, latestDay };
}

/** Contact columns: the explicit ones (renumbered), room for the implicit ones writeImplicitContacts adds; their latest day. */
function contactColumns(snap: Snapshot, added: AddedContacts, num: Numbering, arena: Arena, cCount: number, latestDay: number) {
  const { cE, customer, day, kind } = added;
  const contactCustomer = arena.i32(cCount);
  const contactDay = arena.i32(cCount);
  const contactKind = arena.u8(cCount);
  contactDay.set(snap.contactDay.subarray(0, cE));
  contactKind.set(snap.contactKind.subarray(0, cE));
  if (num.identity) contactCustomer.set(snap.contactCustomer.subarray(0, cE));
  else for (let j = 0; j < cE; j++) contactCustomer[j] = num.finalOf[snap.contactCustomer[j]!]!;
  for (let j = 0; j < cE; j++) if (contactDay[j]! > latestDay) latestDay = contactDay[j]!;
  for (let j = 0; j < customer.length; j++) {
    contactCustomer[cE + j] = num.finalOf[customer[j]!]!;
    contactDay[cE + j] = day[j]!;
    contactKind[cE + j] = kind[j]!;
    if (day[j]! > latestDay) latestDay = day[j]!;
  }
  return { contactCustomer, contactDay, contactKind, latestDay };
}

/** The snapshot (and names) of the shop's data after these changes, equal to a rebuild from all records. */
export function applySnapshotChanges(snap: Snapshot, names: string[], changes: SnapshotChanges): { snap: Snapshot; names: string[] } {
  const shopId = snap.shopId;
  const ours = (r: { shopId: string }) => r.shopId === shopId;
  // "added" and "updated" mean the same here: a record replaces the previous one of its key, if any.
  const custs = lastByKey([changes.customers.added, changes.customers.updated], (c) => c.customerKey, ours);
  const ords = lastByKey([changes.orders.added, changes.orders.updated], (o) => o.orderId, ours);
  const addedContacts = changes.contacts.added.filter(ours);

  const space = customerSpace(snap, custs, ords, addedContacts);
  const orders = updatedOrders(snap, ords, space.idxOf);
  const added = addedContactColumns(snap, addedContacts, space.idxOf);
  const num = finalNumbering(snap, space, usedKeys(snap, space.size, custs, orders, added));
  const n2 = num.customerKeys.length, m2 = orders.m2;
  const { orderPaid, orderPaidDay } = orders.cols;
  let pCount = 0; // paid orders
  for (let o = 0; o < m2; o++) if (orderPaid[o] === 1) pCount++;
  const cCount = added.cE2 + m2 + paidWithPaidDay(orderPaid, orderPaidDay, m2);
  const arena = new Arena(
    Arena.size(n2, n2, n2 * 4, n2 * 4, n2 * 4) + // customer columns
      Arena.size(cCount * 4, cCount * 4, cCount, cCount * 4) + // contact columns + contactOrder
      Arena.size((n2 + 1) * 4, cCount * 4, cCount * 4, cCount) + // contact CSR
      Arena.size((n2 + 1) * 4, pCount * 4, pCount * 4, pCount * 8, pCount, pCount, pCount * 4, pCount * 4) + // paid CSR + paid by day
      Arena.size((n2 + 1) * 4, m2 * 4, m2 * 4), // order CSR + paid contact of each order (scratch)
  );
  const cust = customerColumns(snap, names, custs, num, arena);
  const prod = renumberOrders(snap, orders, num.finalOf);
  const con = contactColumns(snap, added, num, arena, cCount, prod.latestDay);
  const b: SnapshotBase = {
    shopId,
    platform: snap.platform,
    latestDay: con.latestDay,
    customerCount: n2,
    customerKeys: num.customerKeys,
    customerFlags: cust.cols.flags,
    customerGender: cust.cols.gender,
    customerProvince: cust.cols.province,
    customerCity: cust.cols.city,
    customerMemberLevel: cust.cols.level,
    provinces: cust.dicts.provinces.values,
    cities: cust.dicts.cities.values,
    memberLevels: cust.dicts.levels.values,
    orderCount: m2,
    orderIds: orders.orderIds,
    orderCustomer: orders.orderCustomer,
    ...orders.cols,
    orderProduct: orders.orderProduct,
    productKeys: prod.productKeys,
    productNames: prod.productNames,
    contactCount: cCount,
    contactCustomer: con.contactCustomer,
    contactDay: con.contactDay,
    contactKind: con.contactKind,
  };
  const contactOrder = arena.i32(cCount);
  writeImplicitContacts(b, added.cE2, contactOrder);
  const out = snapshotOf(b, mergedIndexes(snap, b, contactOrder, { interOf: num.interOf, changed: orders.changed, changedList: orders.changedList, cE: added.cE, cE2: added.cE2, pCount, arena }));
  return { snap: out, names: cust.names2 };
}
