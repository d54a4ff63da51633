/**
 * Exact incremental update of a snapshot: the snapshot of a shop's records after a capture batch,
 * derived from the previous snapshot's typed columns and the changed records only (no other record
 * is read). The per-customer and per-day indexes are the previous ones with the changed entries
 * merged in (linear, no re-sort), in exactly the order a rebuild's stable sorts give.
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
  Arena, Dict, customerIndexOf, dayNumberOfInstant, snapshotOf, writeImplicitContacts, type Snapshot, type SnapshotBase,
  type SnapshotIndexes,
} from './snapshot';

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
  // Order columns in one allocation, the rest of the big columns in another (see Arena).
  const orderArena = new Arena(Arena.size(m2 * 4, m2 * 4, m2 * 4, m2 * 4, m2, m2 * 8, m2, m2, m2 * 4, m2));
  const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
    b.set(a.subarray(0, m));
    return b;
  };
  const orderCustomer = copy(snap.orderCustomer, orderArena.i32(m2)); // intermediate ids until renumbered below
  const orderPlacedDay = copy(snap.orderPlacedDay, orderArena.i32(m2));
  const orderPaidDay = copy(snap.orderPaidDay, orderArena.i32(m2));
  const orderHappenDay = copy(snap.orderHappenDay, orderArena.i32(m2));
  const orderPaid = copy(snap.orderPaid, orderArena.u8(m2));
  const orderAmountFen = copy(snap.orderAmountFen, orderArena.f64(m2));
  const orderChannel = copy(snap.orderChannel, orderArena.u8(m2));
  const orderTraffic = copy(snap.orderTraffic, orderArena.u8(m2));
  const orderProduct = copy(snap.orderProduct, orderArena.i32(m2)); // intermediate product codes until renumbered below
  // Intermediate product codes: previous codes, then new keys.
  const P = snap.productKeys.length;
  const productCode = new Map<string, number>();
  snap.productKeys.forEach((k, i) => productCode.set(k, i));
  const interProductKeys = snap.productKeys.slice();
  const interProductNames = snap.productNames.slice();
  // Name of a product key as written by a changed order (for the first-seen rule below).
  const changedOrderName = new Map<number, string>();
  let next = m;
  const changed = orderArena.u8(m2); // orders written by this batch (their index entries are re-inserted)
  const changedList: number[] = [];
  // Previous customers that may have lost their last order (candidates for disappearing).
  const movedFrom: number[] = [];
  for (const r of ords.values()) {
    let o = pos.get(r.orderId);
    if (o === undefined) {
      o = next++;
      orderIds[o] = r.orderId;
    } else movedFrom.push(snap.orderCustomer[o]!);
    changed[o] = 1;
    changedList.push(o);
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
  // Every new key comes from a record of this batch, so only a previous customer whose order moved
  // away can vanish: it stays if it has a record, another order or an explicit contact.
  const used = new Uint8Array(N).fill(1);
  for (const i of movedFrom) {
    if (snap.customerFlags[i]! & HAS_RECORD || custs.has(snap.customerKeys[i]!)) continue;
    let keep = false;
    for (let p = snap.custOrderStart[i]!; p < snap.custOrderStart[i + 1]! && !keep; p++) keep = changed[snap.custOrderIdx[p]!] === 0;
    for (let p = snap.custContactStart[i]!; p < snap.custContactStart[i + 1]! && !keep; p++) keep = snap.contactOrder[snap.custContactIdx[p]!] === -1;
    used[i] = keep ? 1 : 0;
  }
  for (const o of changedList) used[orderCustomer[o]!] = 1;
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
  let pCount = 0, paidCount = 0; // paid orders; those with a paid day (one implicit contact each)
  for (let o = 0; o < m2; o++)
    if (orderPaid[o] === 1) {
      pCount++;
      if (orderPaidDay[o] !== NO_DAY) paidCount++;
    }
  const cCount = cE2 + m2 + paidCount;
  const arena = new Arena(
    Arena.size(n2, n2, n2 * 4, n2 * 4, n2 * 4) + // customer columns
      Arena.size(cCount * 4, cCount * 4, cCount, cCount * 4) + // contact columns + contactOrder
      Arena.size((n2 + 1) * 4, cCount * 4, cCount * 4) + // contact CSR
      Arena.size((n2 + 1) * 4, pCount * 4, pCount * 4, pCount * 8, pCount * 4, pCount * 4) + // paid CSR + paid by day
      Arena.size((n2 + 1) * 4, m2 * 4, m2 * 4), // order CSR + paid contact of each order (scratch)
  );
  const customerFlags = arena.u8(n2);
  const customerGender = arena.u8(n2);
  const customerProvince = arena.i32(n2).fill(-1);
  const customerCity = arena.i32(n2).fill(-1);
  const customerMemberLevel = arena.i32(n2).fill(-1);
  const names2 = new Array<string>(n2).fill('');
  const provinces = new Dict(), cities = new Dict(), levels = new Dict();
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
  }
  // Unchanged tables: share the previous arrays.
  const shared = P === productKeys.length && productKeys.every((k, i) => k === snap.productKeys[i] && productNames[i] === snap.productNames[i]);

  // ---- contact columns: explicit (renumbered), room for the implicit ones assembleSnapshot writes.
  const contactCustomer = arena.i32(cCount);
  const contactDay = arena.i32(cCount);
  const contactKind = arena.u8(cCount);
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

  const b: SnapshotBase = {
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
    };
  const contactOrder = arena.i32(cCount);
  writeImplicitContacts(b, cE2, contactOrder);
  const out = snapshotOf(b, mergedIndexes(snap, b, contactOrder, { interOf, changed, changedList, cE, cE2, pCount, arena }));
  return { snap: out, names: names2 };
}

interface Layout {
  /** Final customer → index in the intermediate space (previous customers first). */
  interOf: Int32Array;
  /** 1 for each order written by the batch (in place or appended). */
  changed: Uint8Array;
  changedList: number[];
  /** Explicit contacts before and after the batch. */
  cE: number;
  cE2: number;
  /** Paid orders after the batch. */
  pCount: number;
  /** Where the index columns are carved from. */
  arena: Arena;
}

/**
 * The new snapshot's indexes: each previous index entry that still holds (renumbered) merged with
 * the entries of the changed orders and the added contacts, in (day, index) order per segment —
 * what `groupSortedByKey`'s stable counting sort gives for the new columns.
 */
function mergedIndexes(old: Snapshot, b: SnapshotBase, contactOrder: Int32Array, l: Layout): SnapshotIndexes {
  const { interOf, changed, changedList, cE, cE2, pCount, arena } = l;
  const n = old.customerCount, n2 = b.customerCount, m = old.orderCount, m2 = b.orderCount, cCount = b.contactCount;
  const { orderCustomer, orderPlacedDay, orderHappenDay, orderPaid, orderAmountFen, contactCustomer, contactDay } = b;

  // ---- contacts. New index of the 'paid' contact of each order (previous ones move with paid-status changes).
  const paidContactOf = arena.i32(m2);
  for (let k = cE2 + m2; k < cCount; k++) paidContactOf[contactOrder[k]!] = k;
  const fresh: number[] = [];
  for (let k = cE; k < cE2; k++) fresh.push(k);
  for (const o of changedList) fresh.push(cE2 + o);
  for (const o of changedList) if (orderPaid[o] === 1 && b.orderPaidDay[o] !== NO_DAY) fresh.push(paidContactOf[o]!);
  fresh.sort((x, y) => contactCustomer[x]! - contactCustomer[y]! || contactDay[x]! - contactDay[y]! || x - y);
  const custContactStart = arena.i32(n2 + 1);
  const custContactIdx = arena.i32(cCount);
  const custContactDay = arena.i32(cCount);
  const oStart = old.custContactStart, oIdx = old.custContactIdx, oDay = old.custContactDay, oOrder = old.contactOrder;
  const placedEnd = cE + m;
  let w = 0, q = 0;
  for (let i = 0; i < n2; i++) {
    custContactStart[i] = w;
    const inter = interOf[i]!;
    let p = inter < n ? oStart[inter]! : 0;
    const pe = inter < n ? oStart[inter + 1]! : 0;
    if (q >= fresh.length || contactCustomer[fresh[q]!] !== i) {
      // Nothing to insert (almost every customer): the previous entries that hold, renumbered.
      for (; p < pe; p++) {
        const j = oIdx[p]!;
        let k: number;
        if (j < cE) k = j;
        else if (j < placedEnd) k = changed[j - cE] === 1 ? -1 : cE2 + j - cE;
        else {
          const o = oOrder[j]!;
          k = changed[o] === 1 ? -1 : paidContactOf[o]!;
        }
        if (k < 0) continue;
        custContactIdx[w] = k;
        custContactDay[w++] = oDay[p]!;
      }
      continue;
    }
    for (;;) {
      // Next previous entry that still holds, with its new index: explicit contacts keep theirs,
      // implicit ones of unchanged orders move to the new layout, those of changed orders go.
      let nk = -1;
      for (; p < pe; p++) {
        const j = oIdx[p]!;
        if (j < cE) nk = j;
        else if (j < placedEnd) nk = changed[j - cE] === 1 ? -1 : cE2 + j - cE;
        else {
          const o = oOrder[j]!;
          nk = changed[o] === 1 ? -1 : paidContactOf[o]!;
        }
        if (nk >= 0) break;
      }
      const hasNew = q < fresh.length && contactCustomer[fresh[q]!] === i;
      if (nk < 0 && !hasNew) break;
      let takeOld = nk >= 0;
      if (takeOld && hasNew) {
        const f = fresh[q]!, od = oDay[p]!, fd = contactDay[f]!;
        takeOld = od < fd || (od === fd && nk < f);
      }
      if (takeOld) {
        custContactIdx[w] = nk;
        custContactDay[w++] = oDay[p++]!;
      } else {
        const f = fresh[q++]!;
        custContactIdx[w] = f;
        custContactDay[w++] = contactDay[f]!;
      }
    }
  }
  custContactStart[n2] = w;
  if (w !== cCount || q !== fresh.length) throw new Error(`incremental contact index has ${w} entries, expected ${cCount}`); // a bug, never data

  // ---- orders: paid ones by happen day, all by placed day (per customer), paid ones by happen day (global).
  const paidFresh = changedList.filter((o) => orderPaid[o] === 1);
  const byCustomerDay = (day: Int32Array) => (x: number, y: number) => orderCustomer[x]! - orderCustomer[y]! || day[x]! - day[y]! || x - y;
  const custPaidStart = arena.i32(n2 + 1), custPaidOrder = arena.i32(pCount), custPaidDay = arena.i32(pCount);
  mergeOrderLists(n2, interOf, n, old.custPaidStart, old.custPaidOrder, old.custPaidDay, orderHappenDay, orderCustomer, changed,
    paidFresh.slice().sort(byCustomerDay(orderHappenDay)), custPaidOrder, custPaidDay, custPaidStart);
  const custPaidAmountFen = arena.f64(pCount);
  for (let j = 0; j < pCount; j++) custPaidAmountFen[j] = orderAmountFen[custPaidOrder[j]!]!;

  const custOrderStart = arena.i32(n2 + 1), custOrderIdx = arena.i32(m2);
  mergeOrderLists(n2, interOf, n, old.custOrderStart, old.custOrderIdx, null, orderPlacedDay, orderCustomer, changed,
    changedList.slice().sort(byCustomerDay(orderPlacedDay)), custOrderIdx, null, custOrderStart);

  const paidOrdersByDay = arena.i32(pCount), paidOrderDays = arena.i32(pCount);
  mergeOrderLists(1, null, 1, Int32Array.of(0, old.paidOrdersByDay.length), old.paidOrdersByDay, old.paidOrderDays, orderHappenDay, null,
    changed, paidFresh.slice().sort((x, y) => orderHappenDay[x]! - orderHappenDay[y]! || x - y), paidOrdersByDay, paidOrderDays, null);

  return {
    contactOrder,
    custContactStart,
    custContactDay,
    custContactIdx,
    custPaidStart,
    custPaidDay,
    custPaidAmountFen,
    custPaidOrder,
    custOrderStart,
    custOrderIdx,
    paidOrdersByDay,
    paidOrderDays,
  };
}

/**
 * Merges lists of order indexes kept in segments sorted by (day, order): the previous entries
 * (orders keep their index) minus the changed orders, plus `fresh` (changed orders to list, sorted
 * by group, day, order). `interOf` maps a new group to its previous one (null: the same, one group).
 */
function mergeOrderLists(
  groups: number,
  interOf: Int32Array | null,
  oldGroups: number,
  oldStart: Int32Array,
  oldIdx: Int32Array,
  oldDay: Int32Array | null,
  dayOf: Int32Array,
  groupOf: Int32Array | null,
  changed: Uint8Array,
  fresh: number[],
  outIdx: Int32Array,
  outDay: Int32Array | null,
  outStart: Int32Array | null,
): void {
  let w = 0, q = 0;
  for (let g = 0; g < groups; g++) {
    if (outStart) outStart[g] = w;
    const og = interOf ? interOf[g]! : g;
    let p = og < oldGroups ? oldStart[og]! : 0;
    const pe = og < oldGroups ? oldStart[og + 1]! : 0;
    for (;;) {
      while (p < pe && changed[oldIdx[p]!] === 1) p++;
      const hasOld = p < pe;
      const hasNew = q < fresh.length && (groupOf ? groupOf[fresh[q]!]! : 0) === g;
      if (!hasOld && !hasNew) break;
      let takeOld = hasOld;
      if (hasOld && hasNew) {
        const o = oldIdx[p]!, f = fresh[q]!;
        const od = oldDay ? oldDay[p]! : dayOf[o]!, fd = dayOf[f]!;
        takeOld = od < fd || (od === fd && o < f);
      }
      if (takeOld) {
        if (outDay) outDay[w] = oldDay ? oldDay[p]! : dayOf[oldIdx[p]!]!;
        outIdx[w++] = oldIdx[p++]!;
      } else {
        const f = fresh[q++]!;
        if (outDay) outDay[w] = dayOf[f]!;
        outIdx[w++] = f;
      }
    }
  }
  if (outStart) outStart[groups] = w;
  if (w !== outIdx.length || q !== fresh.length) throw new Error(`incremental order index has ${w} entries, expected ${outIdx.length}`); // a bug, never data
}
