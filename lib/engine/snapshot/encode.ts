/**
 * How one §2 record becomes snapshot column values: the ONE encoding the builder and the
 * incremental update share (customer fields and flags, order days / status / channel / product,
 * contact kinds), so a forwarded snapshot equals a rebuilt one by construction.
 */
import type { Contact, Customer, Order } from '../../model';
import { isPaidStatus } from '../../model';
import { isFullPhone } from '../phone';
import { dayNumberOfInstant, type Dict } from './columns';
import { CHANNELS, CITY_KNOWN, CONTACT_KINDS, FAN, GENDER_KNOWN, HAS_RECORD, MEMBER, NO_DAY, PHONE_FULL, TRAFFICS, type Snapshot } from './types';

/** Per-customer columns a customer record is written into (a fresh row: flags 0, gender 0, codes -1). */
export interface CustomerColumns {
  flags: Uint8Array;
  gender: Uint8Array;
  province: Int32Array;
  city: Int32Array;
  level: Int32Array;
}

/** The dictionaries of a snapshot's customer columns. */
export interface CustomerDicts {
  provinces: Dict;
  cities: Dict;
  levels: Dict;
}

/** Display name of a customer record, as the panel lists it. */
export function displayName(c: Customer): string {
  return c.nickname || c.buyerId || '';
}

/**
 * Writes customer record `c` into row `i`, enriching what the row holds (SPEC §2: duplicate
 * records of one key enrich, never blank): flags are OR'd in, a code already set is kept.
 * Dictionary codes are taken in the order city, province, member level.
 */
export function encodeCustomer(c: Customer, cols: CustomerColumns, dicts: CustomerDicts, i: number): void {
  let f = cols.flags[i]! | HAS_RECORD;
  if (c.isFan) f |= FAN;
  if (c.isMember) f |= MEMBER;
  if (c.phone !== undefined && isFullPhone(c.phone)) f |= PHONE_FULL;
  const city = c.city?.trim();
  if (city) {
    f |= CITY_KNOWN;
    if (cols.city[i] === -1) cols.city[i] = dicts.cities.code(city);
  }
  const province = c.province?.trim();
  if (province && cols.province[i] === -1) cols.province[i] = dicts.provinces.code(province);
  if (c.gender === 'f' || c.gender === 'm') {
    f |= GENDER_KNOWN;
    if (cols.gender[i] === 0) cols.gender[i] = c.gender === 'f' ? 1 : 2;
  }
  if (c.memberLevel && cols.level[i] === -1) cols.level[i] = dicts.levels.code(c.memberLevel);
  cols.flags[i] = f;
}

/** Per-order columns an order record's own fields are written into (customer and product apart). */
export type OrderColumns = Pick<
  Snapshot,
  'orderPlacedDay' | 'orderPaidDay' | 'orderHappenDay' | 'orderPaid' | 'orderAmountFen' | 'orderChannel' | 'orderTraffic'
>;

/** Writes order `r`'s days, paid status, amount, channel and traffic at index `o`. */
export function encodeOrder(r: Order, cols: OrderColumns, o: number): void {
  const placed = dayNumberOfInstant(r.placedAt);
  const paid = r.paidAt !== undefined ? dayNumberOfInstant(r.paidAt) : NO_DAY;
  cols.orderPlacedDay[o] = placed;
  cols.orderPaidDay[o] = paid;
  cols.orderHappenDay[o] = paid !== NO_DAY ? paid : placed;
  cols.orderPaid[o] = isPaidStatus(r.status) ? 1 : 0;
  cols.orderAmountFen[o] = r.amountFen;
  cols.orderChannel[o] = Math.max(0, CHANNELS.indexOf(r.channel));
  cols.orderTraffic[o] = Math.max(0, TRAFFICS.indexOf(r.traffic));
}

/** Code of a contact's kind (CONTACT_KINDS; an unknown kind reads as 'visit'). */
export function contactKindCode(c: Contact): number {
  return Math.max(0, CONTACT_KINDS.indexOf(c.kind));
}

/**
 * Product dictionary: an order's product is its first item's (else the order's) productId, else
 * its productName; keys `id:<productId>` / `name:<productName>` coded in first-seen order, named by
 * the first order carrying the key. Looked up by the raw id / name, so no key string is built per order.
 */
export class ProductDict {
  readonly keys: string[] = [];
  readonly names: string[] = [];
  /** The name the last `code` call's order gives its product ('' when it has none). */
  lastName = '';
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  /** Starts from existing tables (a previous snapshot's productKeys / productNames). */
  static of(keys: readonly string[], names: readonly string[]): ProductDict {
    const d = new ProductDict();
    keys.forEach((k, i) => {
      if (k.startsWith('id:')) d.byId.set(k.slice(3), i);
      else d.byName.set(k.slice(5), i);
      d.keys.push(k);
      d.names.push(names[i] ?? '');
    });
    return d;
  }

  /** The product code of order `r` (-1 when it names no product), adding its key on first sight. */
  code(r: Order): number {
    const first = r.items?.[0];
    const pid = first?.productId ?? r.productId;
    const pname = first?.productName ?? r.productName;
    if (pid === undefined && pname === undefined) return -1;
    const byId = pid !== undefined;
    const map = byId ? this.byId : this.byName;
    const raw = (byId ? pid : pname)!;
    this.lastName = pname ?? pid ?? '';
    let code = map.get(raw);
    if (code === undefined) {
      code = this.keys.length;
      map.set(raw, code);
      this.keys.push(byId ? `id:${pid}` : `name:${pname}`);
      this.names.push(this.lastName);
    }
    return code;
  }
}
