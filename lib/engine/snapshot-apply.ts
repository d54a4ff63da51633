/**
 * Exact incremental update of a snapshot: the snapshot of a shop's records after a capture batch,
 * derived from the previous snapshot's typed columns and the changed records only (no other record
 * is read), then completed by the same `assembleSnapshot` the builder uses.
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
import type { Contact, Customer, Order } from '../model';
import { isPaidStatus } from '../model';
import { isFullPhone } from './phone';
import {
  CHANNELS, CITY_KNOWN, CONTACT_KINDS, FAN, GENDER_KNOWN, HAS_RECORD, MEMBER, NO_DAY, PHONE_FULL, TRAFFICS,
  assembleSnapshot, customerIndexOf, dayNumberOfInstant, type Snapshot,
} from './snapshot';

/** Records changed by one or more capture batches (full merged records, as now stored). */
export interface SnapshotChanges {
  customers: { added: Customer[]; updated: Customer[] };
  orders: { added: Order[]; updated: Order[] };
  /** An updated contact never changes the snapshot: its key fields (customer, at, kind) are what the snapshot holds. */
  contacts: { added: Contact[] };
}

/** Dictionary encoder in first-seen order (same codes as the builder's for the same sequence). */
class Codes {
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

/** The snapshot (and names) of the shop's data after these changes, equal to a rebuild from all records. */
export function applySnapshotChanges(snap: Snapshot, names: string[], changes: SnapshotChanges): { snap: Snapshot; names: string[] } {
  const shopId = snap.shopId;
  const ours = (r: { shopId: string }) => r.shopId === shopId;
  // "added" and "updated" mean the same here: a record replaces the previous one of its key, if any.
  const custs = lastByKey([changes.customers.added, changes.customers.updated], (c) => c.customerKey, ours);
  const ords = lastByKey([changes.orders.added, changes.orders.updated], (o) => o.orderId, ours);
  const addedContacts = changes.contacts.added.filter(ours);

  // ---- customers: previous keys 0..n-1, new keys n.. (sorted) in an intermediate index space.
  const n = snap.customerCount;
  const newKeyIdx = new Map<string, number>();
  const noteKey = (k: string): void => {
    if (!newKeyIdx.has(k) && customerIndexOf(snap, k) < 0) newKeyIdx.set(k, -1);
  };
  for (const k of custs.keys()) noteKey(k);
  for (const o of ords.values()) noteKey(o.customerKey);
  for (const c of addedContacts) noteKey(c.customerKey);
  const newKeys = [...newKeyIdx.keys()].sort();
  newKeys.forEach((k, j) => newKeyIdx.set(k, n + j));
  const N = n + newKeys.length;
  const idxOf = (k: string): number => {
    const i = customerIndexOf(snap, k);
    return i >= 0 ? i : newKeyIdx.get(k)!;
  };

  // ---- orders: copies of the previous columns, changed orders written in place or appended.
  const m = snap.orderCount;
  const pos = new Map<string, number>();
  if (ords.size > 0)
    for (let o = 0; o < m; o++) {
      const id = snap.orderIds[o]!;
      if (ords.has(id)) pos.set(id, o);
    }
  const m2 = m + (ords.size - pos.size);
  const orderIds = snap.orderIds.slice();
  const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (len: number) => T)(m2);
    b.set(a.subarray(0, m));
    return b;
  };
  const orderCustomer = copy(snap.orderCustomer); // intermediate ids until renumbered below
  const orderPlacedDay = copy(snap.orderPlacedDay);
  const orderPaidDay = copy(snap.orderPaidDay);
  const orderHappenDay = copy(snap.orderHappenDay);
  const orderPaid = copy(snap.orderPaid);
  const orderAmountFen = copy(snap.orderAmountFen);
  const orderChannel = copy(snap.orderChannel);
  const orderTraffic = copy(snap.orderTraffic);
  const orderProduct = copy(snap.orderProduct); // intermediate product codes until renumbered below
  // Intermediate product codes: previous codes, then new keys.
  const P = snap.productKeys.length;
  const productCode = new Map<string, number>();
  snap.productKeys.forEach((k, i) => productCode.set(k, i));
  const interProductKeys = snap.productKeys.slice();
  const interProductNames = snap.productNames.slice();
  // Name of a product key as written by a changed order (for the first-seen rule below).
  const changedOrderName = new Map<number, string>();
  let next = m;
  for (const r of ords.values()) {
    let o = pos.get(r.orderId);
    if (o === undefined) {
      o = next++;
      orderIds[o] = r.orderId;
    }
    // Same derivations as the builder's addOrder.
    orderCustomer[o] = idxOf(r.customerKey);
    const placed = dayNumberOfInstant(r.placedAt);
    const paid = r.paidAt !== undefined ? dayNumberOfInstant(r.paidAt) : NO_DAY;
    orderPlacedDay[o] = placed;
    orderPaidDay[o] = paid;
    orderHappenDay[o] = paid !== NO_DAY ? paid : placed;
    orderPaid[o] = isPaidStatus(r.status) ? 1 : 0;
    orderAmountFen[o] = r.amountFen;
    orderChannel[o] = Math.max(0, CHANNELS.indexOf(r.channel));
    orderTraffic[o] = Math.max(0, TRAFFICS.indexOf(r.traffic));
    const first = r.items?.[0];
    const pid = first?.productId ?? r.productId;
    const pname = first?.productName ?? r.productName;
    if (pid !== undefined || pname !== undefined) {
      const key = pid !== undefined ? `id:${pid}` : `name:${pname}`;
      let code = productCode.get(key);
      if (code === undefined) {
        code = interProductKeys.length;
        productCode.set(key, code);
        interProductKeys.push(key);
        interProductNames.push(pname ?? pid ?? '');
      }
      orderProduct[o] = code;
      changedOrderName.set(o, pname ?? pid ?? '');
    } else orderProduct[o] = -1;
  }

  // ---- explicit contacts: the previous ones (a prefix of the contact columns), then the added ones.
  const cE = snap.contactCount - m - paidWithPaidDay(snap.orderPaid, snap.orderPaidDay, m);
  const cE2 = cE + addedContacts.length;
  const addedCustomer = new Int32Array(addedContacts.length);
  const addedDay = new Int32Array(addedContacts.length);
  const addedKind = new Uint8Array(addedContacts.length);
  addedContacts.forEach((c, j) => {
    addedCustomer[j] = idxOf(c.customerKey);
    addedDay[j] = dayNumberOfInstant(c.at);
    addedKind[j] = Math.max(0, CONTACT_KINDS.indexOf(c.kind));
  });

  // ---- which keys still appear anywhere (a key can vanish when an order moves to another customer).
  const used = new Uint8Array(N);
  for (let i = 0; i < n; i++) if (snap.customerFlags[i]! & HAS_RECORD) used[i] = 1;
  for (const k of custs.keys()) used[idxOf(k)] = 1;
  for (let o = 0; o < m2; o++) used[orderCustomer[o]!] = 1;
  for (let j = 0; j < cE; j++) used[snap.contactCustomer[j]!] = 1;
  for (let j = 0; j < addedCustomer.length; j++) used[addedCustomer[j]!] = 1;

  // Final numbering: previous and new keys merged in sorted order, unused ones dropped.
  const finalOf = new Int32Array(N).fill(-1);
  const interOf = new Int32Array(N); // final → intermediate (first n2 used)
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
  const n2 = customerKeys.length;

  // ---- customer columns in final order; dictionaries coded by first use in that order.
  const customerFlags = new Uint8Array(n2);
  const customerGender = new Uint8Array(n2);
  const customerProvince = new Int32Array(n2).fill(-1);
  const customerCity = new Int32Array(n2).fill(-1);
  const customerMemberLevel = new Int32Array(n2).fill(-1);
  const names2 = new Array<string>(n2).fill('');
  const provinces = new Codes(), cities = new Codes(), levels = new Codes();
  // Previous code → new code, filled on first use.
  const provRe = new Int32Array(snap.provinces.length).fill(-1);
  const cityRe = new Int32Array(snap.cities.length).fill(-1);
  const levelRe = new Int32Array(snap.memberLevels.length).fill(-1);
  const recode = (re: Int32Array, table: string[], into: Codes, c: number): number => {
    if (c < 0) return -1;
    if (re[c] === -1) re[c] = into.code(table[c]!);
    return re[c]!;
  };
  for (let i = 0; i < n2; i++) {
    const inter = interOf[i]!;
    const key = customerKeys[i]!;
    const r = custs.get(key);
    if (r !== undefined) {
      // The record replaces the key's previous record(s) wholesale: fields as the builder reads one record.
      names2[i] = r.nickname || r.buyerId || '';
      let f = HAS_RECORD;
      if (r.isFan) f |= FAN;
      if (r.isMember) f |= MEMBER;
      if (r.phone !== undefined && isFullPhone(r.phone)) f |= PHONE_FULL;
      const city = r.city?.trim();
      if (city) {
        f |= CITY_KNOWN;
        customerCity[i] = cities.code(city);
      }
      const province = r.province?.trim();
      if (province) customerProvince[i] = provinces.code(province);
      if (r.gender === 'f' || r.gender === 'm') {
        f |= GENDER_KNOWN;
        customerGender[i] = r.gender === 'f' ? 1 : 2;
      }
      if (r.memberLevel) customerMemberLevel[i] = levels.code(r.memberLevel);
      customerFlags[i] = f;
    } else if (inter < n) {
      names2[i] = names[inter] ?? '';
      customerFlags[i] = snap.customerFlags[inter]!;
      customerGender[i] = snap.customerGender[inter]!;
      // Builder order of first use within one customer: city, province, member level.
      customerCity[i] = recode(cityRe, snap.cities, cities, snap.customerCity[inter]!);
      customerProvince[i] = recode(provRe, snap.provinces, provinces, snap.customerProvince[inter]!);
      customerMemberLevel[i] = recode(levelRe, snap.memberLevels, levels, snap.customerMemberLevel[inter]!);
    }
  }

  // ---- renumber customers in the order columns; products by first use in order order.
  const prodRe = new Int32Array(interProductKeys.length).fill(-1);
  const productKeys: string[] = [];
  const productNames: string[] = [];
  let latestDay = NO_DAY;
  let paidCount = 0;
  for (let o = 0; o < m2; o++) {
    orderCustomer[o] = finalOf[orderCustomer[o]!]!;
    const pc = orderProduct[o]!;
    if (pc >= 0) {
      if (prodRe[pc] === -1) {
        prodRe[pc] = productKeys.length;
        productKeys.push(interProductKeys[pc]!);
        // The first order of a key names it: a changed order's own name, else the key's previous name.
        productNames.push(changedOrderName.get(o) ?? interProductNames[pc]!);
      }
      orderProduct[o] = prodRe[pc]!;
    }
    const placed = orderPlacedDay[o]!, paid = orderPaidDay[o]!;
    if (placed > latestDay) latestDay = placed;
    if (paid > latestDay) latestDay = paid;
    if (orderPaid[o] === 1 && paid !== NO_DAY) paidCount++;
  }
  // Unchanged tables: share the previous arrays.
  const shared = P === productKeys.length && productKeys.every((k, i) => k === snap.productKeys[i] && productNames[i] === snap.productNames[i]);

  // ---- contact columns: explicit (renumbered), room for the implicit ones assembleSnapshot writes.
  const cCount = cE2 + m2 + paidCount;
  const contactCustomer = new Int32Array(cCount);
  const contactDay = new Int32Array(cCount);
  const contactKind = new Uint8Array(cCount);
  contactDay.set(snap.contactDay.subarray(0, cE));
  contactKind.set(snap.contactKind.subarray(0, cE));
  if (identity) contactCustomer.set(snap.contactCustomer.subarray(0, cE));
  else for (let j = 0; j < cE; j++) contactCustomer[j] = finalOf[snap.contactCustomer[j]!]!;
  for (let j = 0; j < cE; j++) if (contactDay[j]! > latestDay) latestDay = contactDay[j]!;
  for (let j = 0; j < addedContacts.length; j++) {
    contactCustomer[cE + j] = finalOf[addedCustomer[j]!]!;
    contactDay[cE + j] = addedDay[j]!;
    contactKind[cE + j] = addedKind[j]!;
    if (addedDay[j]! > latestDay) latestDay = addedDay[j]!;
  }

  const out = assembleSnapshot(
    {
      shopId,
      platform: snap.platform,
      latestDay,
      customerCount: n2,
      customerKeys,
      customerFlags,
      customerGender,
      customerProvince,
      customerCity,
      customerMemberLevel,
      provinces: provinces.values,
      cities: cities.values,
      memberLevels: levels.values,
      orderCount: m2,
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
      productKeys: shared ? snap.productKeys : productKeys,
      productNames: shared ? snap.productNames : productNames,
      contactCount: cCount,
      contactCustomer,
      contactDay,
      contactKind,
    },
    cE2,
  );
  return { snap: out, names: names2 };
}
