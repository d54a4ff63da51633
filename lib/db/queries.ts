/** Reading and deleting one shop's data; every query is scoped by shopId. */
import type { Capture, Contact, Order, Shop, ShopData } from '../model';
import { shopTables, type SellerLensDb, type StoredCapture, type StoredContact, type StoredOrder } from './schema';

/** The §2 order of a stored one (drops the derived `day`). */
export function toOrder(s: StoredOrder): Order {
  const { day: _day, ...order } = s;
  return order;
}

/** The §2 contact of a stored one (drops `contactId` and `day`). */
export function toContact(s: StoredContact): Contact {
  const { contactId: _id, day: _day, ...contact } = s;
  return contact;
}

/** The §2 capture of a stored one (drops `fingerprint`). */
export function toCapture(s: StoredCapture): Capture {
  const { fingerprint: _fp, ...capture } = s;
  return capture;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Contacts in time order (then by natural key), so the engine and backups see a stable order. */
export function compareContacts(a: StoredContact, b: StoredContact): number {
  return byText(a.at, b.at) || byText(a.contactId, b.contactId);
}

/** Everything the engine reads for one shop; throws when the shop is unknown. */
export async function loadShopData(db: SellerLensDb, shopId: string): Promise<ShopData> {
  return db.transaction('r', [db.shops, db.customers, db.orders, db.contacts], async () => {
    const shop = await db.shops.get(shopId);
    if (!shop) throw new Error(`no shop with id "${shopId}" in this profile`);
    const [customers, orders, contacts] = await Promise.all([
      db.customers.where('shopId').equals(shopId).toArray(),
      db.orders.where('shopId').equals(shopId).toArray(),
      db.contacts.where('shopId').equals(shopId).toArray(),
    ]);
    contacts.sort(compareContacts);
    return { shop, customers, orders: orders.map(toOrder), contacts: contacts.map(toContact) };
  });
}

/** All shops in the profile, by name then id. */
export async function listShops(db: SellerLensDb): Promise<Shop[]> {
  const shops = await db.shops.toArray();
  return shops.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || byText(a.shopId, b.shopId));
}

/** Deletes everything of one shop in one transaction; other shops are untouched. */
export async function deleteShopData(db: SellerLensDb, shopId: string): Promise<void> {
  await db.transaction('rw', [...shopTables(db)], () => deleteShopRecords(db, shopId));
}

/** Deletes one shop's records; call inside a transaction covering every shop table. */
export async function deleteShopRecords(db: SellerLensDb, shopId: string): Promise<void> {
  await Promise.all([
    db.shops.delete(shopId),
    db.analysisSnapshots.delete(shopId),
    db.customers.where('shopId').equals(shopId).delete(),
    db.orders.where('shopId').equals(shopId).delete(),
    db.contacts.where('shopId').equals(shopId).delete(),
    db.captures.where('shopId').equals(shopId).delete(),
    db.platformSnapshots.where('shopId').equals(shopId).delete(),
    db.audiences.where('shopId').equals(shopId).delete(),
    db.exports.where('shopId').equals(shopId).delete(),
  ]);
}

/**
 * The latest UTC+8 day with an order or contact of the shop (SPEC §2 default window end), or
 * null. Reads the `[shopId+day]` indexes: two key lookups, no scan.
 */
export async function latestDayWithData(db: SellerLensDb, shopId: string): Promise<string | null> {
  const range = (t: typeof db.orders | typeof db.contacts) =>
    (t.where('[shopId+day]') as import('dexie').WhereClause).between([shopId, ''], [shopId, '\uffff'], true, true);
  const [o, c] = await Promise.all([range(db.orders).last(), range(db.contacts).last()]);
  const days = [(o as StoredOrder | undefined)?.day, (c as StoredContact | undefined)?.day].filter(
    (d): d is string => d !== undefined,
  );
  // An order's day is its paidAt day; placedAt is never later in real data, so this is the max.
  return days.length ? days.sort().at(-1)! : null;
}
