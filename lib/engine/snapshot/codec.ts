/**
 * Serialisation: typed-array columns as ArrayBuffers + a JSON-able header (string tables, sizes),
 * so that IndexedDB can keep a snapshot without rebuilding it.
 */
import type { Platform } from '../../model';
import type { Snapshot } from './types';

const TYPED_COLUMNS = [
  ['customerFlags', 'u8'], ['customerGender', 'u8'], ['customerProvince', 'i32'], ['customerCity', 'i32'],
  ['customerMemberLevel', 'i32'], ['orderCustomer', 'i32'], ['orderPlacedDay', 'i32'], ['orderPaidDay', 'i32'],
  ['orderHappenDay', 'i32'], ['orderPaid', 'u8'], ['orderAmountFen', 'f64'], ['orderChannel', 'u8'],
  ['orderTraffic', 'u8'], ['orderProduct', 'i32'], ['contactCustomer', 'i32'], ['contactDay', 'i32'],
  ['contactKind', 'u8'], ['contactOrder', 'i32'], ['custContactStart', 'i32'], ['custContactDay', 'i32'],
  ['custContactIdx', 'i32'], ['custContactKind', 'u8'], ['custPaidStart', 'i32'], ['custPaidDay', 'i32'], ['custPaidAmountFen', 'f64'],
  ['custPaidOrder', 'i32'], ['custPaidChannel', 'u8'], ['custPaidTraffic', 'u8'], ['custOrderStart', 'i32'], ['custOrderIdx', 'i32'], ['paidOrdersByDay', 'i32'],
  ['paidOrderDays', 'i32'],
] as const satisfies readonly (readonly [keyof Snapshot, 'u8' | 'i32' | 'f64'])[];

export const SNAPSHOT_FORMAT = 'seller-lens-snapshot';
export const SNAPSHOT_VERSION = 3; // 2: custContactKind; 3: custPaidChannel / custPaidTraffic

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
    // slice() copies exactly this view's bytes into a fresh, unshared buffer; a day or fen column
    // read narrower from a stored snapshot (DayColumn, FenColumn) is written at its declared type.
    const declared = type === 'i32' && !(arr instanceof Int32Array) ? Int32Array.from(arr) : type === 'f64' && !(arr instanceof Float64Array) ? Float64Array.from(arr) : arr.slice();
    buffers.push(declared.buffer as ArrayBuffer);
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
    custContactKind: u8('custContactKind'),
    custPaidStart: i32('custPaidStart'),
    custPaidDay: i32('custPaidDay'),
    custPaidAmountFen: f64('custPaidAmountFen'),
    custPaidOrder: i32('custPaidOrder'),
    custPaidChannel: u8('custPaidChannel'),
    custPaidTraffic: u8('custPaidTraffic'),
    custOrderStart: i32('custOrderStart'),
    custOrderIdx: i32('custOrderIdx'),
    paidOrdersByDay: i32('paidOrdersByDay'),
    paidOrderDays: i32('paidOrderDays'),
  };
}
