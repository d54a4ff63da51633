/** The derived half of a snapshot: implicit contacts, contactOrder and the per-customer / per-day indexes. */
import { Arena } from './columns';
import { KIND_PAID, KIND_PLACED, NO_DAY, type Snapshot, type SnapshotBase, type SnapshotIndexes } from './types';

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

/**
 * Completes a snapshot from its own columns: writes the implicit order contacts into
 * contacts [cExplicit, contactCount) (the contact columns must have that length), builds
 * contactOrder and the per-customer / per-day indexes. Shared by the builder and the incremental
 * update, so both derive the indexes the same way.
 */
export function assembleSnapshot(b: SnapshotBase, cExplicit: number): Snapshot {
  const n = b.customerCount, m = b.orderCount, cCount = b.contactCount;
  const { orderCustomer, orderPlacedDay, orderHappenDay, orderPaid, orderAmountFen, orderChannel, orderTraffic } = b;
  const { contactCustomer, contactDay } = b;
  let pCount = 0;
  for (let o = 0; o < m; o++) if (orderPaid[o] === 1) pCount++;
  // The derived columns in one allocation (see Arena).
  const arena = new Arena(
    Arena.size(cCount * 4) + // contactOrder
      Arena.size(cCount * 4, cCount * 4, cCount) + // custContactIdx, custContactDay, custContactKind
      Arena.size(pCount * 4, pCount * 4, pCount * 4, pCount * 8, pCount * 4, pCount, pCount) + // paid CSR + paidOrdersByDay / paidOrderDays
      Arena.size(m * 4), // custOrderIdx
  );
  const contactOrder = arena.i32(cCount);
  writeImplicitContacts(b, cExplicit, contactOrder);

  // Scratch for the sort orders nobody keeps (contacts by day, orders by placed day): one allocation, reused.
  const scratch = new Int32Array(Math.max(cCount, m));
  const fromScratch = (len: number) => scratch.subarray(0, len);
  const cc = groupSortedByKey(cCount, contactDay, contactCustomer, n, null, { byKey: fromScratch, idx: (k) => arena.i32(k) });
  const custContactDay = arena.i32(cc.idx.length);
  const custContactKind = arena.u8(cc.idx.length);
  const { contactKind } = b;
  for (let j = 0; j < cc.idx.length; j++) {
    const k = cc.idx[j]!;
    custContactDay[j] = contactDay[k]!;
    custContactKind[j] = contactKind[k]!;
  }

  const pc = groupSortedByKey(m, orderHappenDay, orderCustomer, n, orderPaid, { byKey: (k) => arena.i32(k), idx: (k) => arena.i32(k) });
  const custPaidDay = arena.i32(pCount);
  const custPaidAmountFen = arena.f64(pCount);
  const custPaidChannel = arena.u8(pCount), custPaidTraffic = arena.u8(pCount);
  for (let j = 0; j < pCount; j++) {
    const o = pc.idx[j]!;
    custPaidDay[j] = orderHappenDay[o]!;
    custPaidAmountFen[j] = orderAmountFen[o]!;
    custPaidChannel[j] = orderChannel[o]!;
    custPaidTraffic[j] = orderTraffic[o]!;
  }
  const paidOrderDays = arena.i32(pCount);
  for (let j = 0; j < pCount; j++) paidOrderDays[j] = orderHappenDay[pc.byKey[j]!]!;

  const oc = groupSortedByKey(m, orderPlacedDay, orderCustomer, n, null, { byKey: fromScratch, idx: (k) => arena.i32(k) });

  return snapshotOf(b, {
    contactOrder,
    custContactStart: cc.start,
    custContactDay,
    custContactIdx: cc.idx,
    custContactKind,
    custPaidStart: pc.start,
    custPaidDay,
    custPaidAmountFen,
    custPaidOrder: pc.idx,
    custPaidChannel,
    custPaidTraffic,
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
    custContactKind: d.custContactKind,
    custPaidStart: d.custPaidStart,
    custPaidDay: d.custPaidDay,
    custPaidAmountFen: d.custPaidAmountFen,
    custPaidOrder: d.custPaidOrder,
    custPaidChannel: d.custPaidChannel,
    custPaidTraffic: d.custPaidTraffic,
    custOrderStart: d.custOrderStart,
    custOrderIdx: d.custOrderIdx,
    paidOrdersByDay: d.paidOrdersByDay,
    paidOrderDays: d.paidOrderDays,
  };
}
