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
 *     custContactKind[j] = contactKind[custContactIdx[j]]    (what the 概览 and 高潜 read, without the idx)
 *     custPaidStart / custPaidDay / custPaidAmountFen / custPaidOrder   paid orders by happen day
 *     custPaidChannel[j] / custPaidTraffic[j] = orderChannel / orderTraffic[custPaidOrder[j]]   (what the
 *                                            概览 and 高潜 read, without custPaidOrder or the order columns)
 *     custOrderStart / custOrderIdx                           every order by placed day
 *
 *   paidOrdersByDay / paidOrderDays: paid orders sorted by happen day (stable), for window slices.
 *
 *   latestDay: the latest day of any contact, placedAt or paidAt (paidAt of unpaid/refunded orders
 *   included, as SPEC §2 says "latest day with data"); NO_DAY when the shop has none.
 */
import type { Platform } from '../../model';

export const NO_DAY = -1;

/**
 * A day column (the per-customer contact and paid-order days, the paid orders' days by day): Int32 as built;
 * Uint16 — the same day numbers, half the bytes — when a stored snapshot is read at a cold open
 * and every day fits (lib/engine/snapshot/packed.ts). Read-only for the engine's passes either way.
 */
export type DayColumn = Int32Array | Uint16Array;

/**
 * An amount column in fen (orderAmountFen, custPaidAmountFen): Float64 as built (fen
 * sums can pass 2^31); Int32 — half the bytes — when a stored snapshot is read at a cold open and
 * every amount is a whole number of fen in Int32's range. Read-only for the engine's passes.
 */
export type FenColumn = Float64Array | Int32Array;

export const CONTACT_KINDS = ['visit', 'view', 'click', 'cart', 'order', 'placed', 'paid'] as const;
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
  orderAmountFen: FenColumn;
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
  custContactDay: DayColumn;
  custContactIdx: Int32Array;
  custContactKind: Uint8Array;
  custPaidStart: Int32Array;
  custPaidDay: DayColumn;
  custPaidAmountFen: FenColumn;
  custPaidOrder: Int32Array;
  custPaidChannel: Uint8Array;
  custPaidTraffic: Uint8Array;
  custOrderStart: Int32Array;
  custOrderIdx: Int32Array;

  paidOrdersByDay: Int32Array;
  paidOrderDays: DayColumn;
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

/** What a snapshot derives from its own columns: contactOrder and the per-customer / per-day indexes. */
export type SnapshotIndexes = Omit<Snapshot, keyof SnapshotBase>;
