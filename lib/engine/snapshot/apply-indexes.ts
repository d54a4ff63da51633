/**
 * The incremental update's indexes: each previous index entry that still holds (renumbered)
 * merged with the entries of the changed orders and the added contacts — linear, no re-sort.
 */
import type { Arena } from './columns';
import { NO_DAY, type DayColumn, type Snapshot, type SnapshotBase, type SnapshotIndexes } from './types';

export interface Layout {
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
 * The new index of previous contact `j`: explicit contacts keep theirs, implicit ones of unchanged
 * orders move to the new layout, those of changed orders go (-1).
 */
function relocated(j: number, oOrder: Int32Array, changed: Uint8Array, paidContactOf: Int32Array, cE: number, cE2: number, placedEnd: number): number {
  if (j < cE) return j;
  if (j < placedEnd) return changed[j - cE] === 1 ? -1 : cE2 + j - cE;
  const o = oOrder[j]!;
  return changed[o] === 1 ? -1 : paidContactOf[o]!;
}

/** The contacts of the changed orders and the added contacts (new indexes), by (customer, day, index). */
function freshContacts(b: SnapshotBase, changedList: number[], paidContactOf: Int32Array, cE: number, cE2: number): number[] {
  const { contactCustomer, contactDay, orderPaid, orderPaidDay } = b;
  const fresh: number[] = [];
  for (let k = cE; k < cE2; k++) fresh.push(k);
  for (const o of changedList) fresh.push(cE2 + o);
  for (const o of changedList) if (orderPaid[o] === 1 && orderPaidDay[o] !== NO_DAY) fresh.push(paidContactOf[o]!);
  fresh.sort((x, y) => contactCustomer[x]! - contactCustomer[y]! || contactDay[x]! - contactDay[y]! || x - y);
  return fresh;
}

/** The per-customer contact index (CSR by day): the previous entries that hold merged with the fresh ones. */
function mergedContactIndex(old: Snapshot, b: SnapshotBase, contactOrder: Int32Array, l: Layout) {
  const { interOf, changed, changedList, cE, cE2, arena } = l;
  const n = old.customerCount, n2 = b.customerCount, m = old.orderCount, m2 = b.orderCount, cCount = b.contactCount;
  const { contactCustomer, contactDay } = b;
  // New index of the 'paid' contact of each order (previous ones move with paid-status changes).
  const paidContactOf = arena.i32(m2);
  for (let k = cE2 + m2; k < cCount; k++) paidContactOf[contactOrder[k]!] = k;
  const fresh = freshContacts(b, changedList, paidContactOf, cE, cE2);
  const custContactStart = arena.i32(n2 + 1);
  const custContactIdx = arena.i32(cCount);
  const custContactDay = arena.i32(cCount);
  const custContactKind = arena.u8(cCount);
  const { contactKind } = b;
  const oStart = old.custContactStart, oIdx = old.custContactIdx, oDay = old.custContactDay, oOrder = old.contactOrder;
  const placedEnd = cE + m;
  let w = 0, q = 0;
  for (let i = 0; i < n2; i++) {
    custContactStart[i] = w;
    const inter = interOf[i]!;
    let p = inter < n ? oStart[inter]! : 0;
    const pe = inter < n ? oStart[inter + 1]! : 0;
    for (;;) {
      // Next previous entry that still holds, with its new index.
      let nk = -1;
      for (; p < pe; p++) {
        nk = relocated(oIdx[p]!, oOrder, changed, paidContactOf, cE, cE2, placedEnd);
        if (nk >= 0) break;
      }
      const hasNew = q < fresh.length && contactCustomer[fresh[q]!] === i;
      if (nk < 0 && !hasNew) break;
      let takeOld = nk >= 0;
      if (takeOld && hasNew) {
        const f = fresh[q]!, od = oDay[p]!, fd = contactDay[f]!;
        takeOld = od < fd || (od === fd && nk < f);
      }
      const k = takeOld ? nk : fresh[q++]!;
      custContactIdx[w] = k;
      custContactKind[w] = contactKind[k]!;
      custContactDay[w++] = takeOld ? oDay[p++]! : contactDay[k]!;
    }
  }
  custContactStart[n2] = w;
  if (w !== cCount || q !== fresh.length) throw new Error(`incremental contact index has ${w} entries, expected ${cCount}`); // a bug, never data
  return { custContactStart, custContactDay, custContactIdx, custContactKind };
}

/**
 * The new snapshot's indexes: each previous index entry that still holds (renumbered) merged with
 * the entries of the changed orders and the added contacts, in (day, index) order per segment —
 * what `groupSortedByKey`'s stable counting sort gives for the new columns.
 */
export function mergedIndexes(old: Snapshot, b: SnapshotBase, contactOrder: Int32Array, l: Layout): SnapshotIndexes {
  const { interOf, changed, changedList, pCount, arena } = l;
  const n = old.customerCount, n2 = b.customerCount, m2 = b.orderCount;
  const { orderCustomer, orderPlacedDay, orderHappenDay, orderPaid, orderAmountFen, orderChannel, orderTraffic } = b;
  const contacts = mergedContactIndex(old, b, contactOrder, l);

  // Orders: paid ones by happen day, all by placed day (per customer), paid ones by happen day (global).
  const paidFresh = changedList.filter((o) => orderPaid[o] === 1);
  const byCustomerDay = (day: Int32Array) => (x: number, y: number) => orderCustomer[x]! - orderCustomer[y]! || day[x]! - day[y]! || x - y;
  const custPaidStart = arena.i32(n2 + 1), custPaidOrder = arena.i32(pCount), custPaidDay = arena.i32(pCount);
  mergeOrderLists(n2, interOf, n, old.custPaidStart, old.custPaidOrder, old.custPaidDay, orderHappenDay, orderCustomer, changed,
    paidFresh.slice().sort(byCustomerDay(orderHappenDay)), custPaidOrder, custPaidDay, custPaidStart);
  const custPaidAmountFen = arena.f64(pCount), custPaidChannel = arena.u8(pCount), custPaidTraffic = arena.u8(pCount);
  for (let j = 0; j < pCount; j++) {
    const o = custPaidOrder[j]!;
    custPaidAmountFen[j] = orderAmountFen[o]!;
    custPaidChannel[j] = orderChannel[o]!;
    custPaidTraffic[j] = orderTraffic[o]!;
  }

  const custOrderStart = arena.i32(n2 + 1), custOrderIdx = arena.i32(m2);
  mergeOrderLists(n2, interOf, n, old.custOrderStart, old.custOrderIdx, null, orderPlacedDay, orderCustomer, changed,
    changedList.slice().sort(byCustomerDay(orderPlacedDay)), custOrderIdx, null, custOrderStart);

  const paidOrdersByDay = arena.i32(pCount), paidOrderDays = arena.i32(pCount);
  mergeOrderLists(1, null, 1, Int32Array.of(0, old.paidOrdersByDay.length), old.paidOrdersByDay, old.paidOrderDays, orderHappenDay, null,
    changed, paidFresh.slice().sort((x, y) => orderHappenDay[x]! - orderHappenDay[y]! || x - y), paidOrdersByDay, paidOrderDays, null);

  return {
    contactOrder,
    custContactStart: contacts.custContactStart,
    custContactDay: contacts.custContactDay,
    custContactIdx: contacts.custContactIdx,
    custContactKind: contacts.custContactKind,
    custPaidStart,
    custPaidDay,
    custPaidAmountFen,
    custPaidOrder,
    custPaidChannel,
    custPaidTraffic,
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
  oldDay: DayColumn | null,
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
