/** Reading one shop's data; every query is scoped by shopId (deleting is the one writer's: lib/db/writer). */
import { byShopOrder } from './shop-order';
import { parseInstant, type Capture, type Contact, type Customer, type Order, type Shop, type ShopData } from '../model';
import { baseLatestDay, forEachBaseBlock, getDirectory, hasBaseBlocks, readBaseRecords } from './base-layer';
import { blockKeyOf, candidateBlocks, type BlockRecordOf } from './blocks';
import { contactIdOf } from './keys';
import { type BlockKind, type SellerLensDb, type StoredCapture, type StoredContact, type StoredOrder } from './schema';

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

/** A shop's customers, orders and contacts: base records not masked by a row, plus the rows. */
export interface ShopRecords {
  /** Unmasked base customers in block order, then the rows by customerKey. */
  customers: Customer[];
  /** Unmasked base orders in block order, then the rows by orderId. */
  orders: Order[];
  /** All contacts in compareContacts order (at, then contactId). */
  contacts: Contact[];
}

const keyOfContact = (c: Contact) => contactIdOf(c);

/** Contacts of the base in compareContacts order (already so when written from a backup: then only checked). */
function sortBaseContacts(base: Contact[]): void {
  for (let i = 1; i < base.length; i++) {
    const a = base[i - 1]!, b = base[i]!;
    const c = byText(a.at, b.at) || (a.at === b.at ? byText(keyOfContact(a), keyOfContact(b)) : 0);
    if (c > 0) {
      base.sort((x, y) => byText(x.at, y.at) || byText(keyOfContact(x), keyOfContact(y)));
      return;
    }
  }
}

/**
 * The base records of a kind that no row masks. Only the blocks that may hold a row's key
 * (directory candidates) have their records' keys computed; without a directory, all are.
 */
async function unmaskedBase<K extends BlockKind>(
  db: SellerLensDb,
  shopId: string,
  kind: K,
  rowKeys: Set<string>,
): Promise<BlockRecordOf[K][]> {
  if (!(await hasBaseBlocks(db, shopId, kind))) return [];
  if (rowKeys.size === 0) return readBaseRecords(db, shopId, kind);
  const dir = await getDirectory(db, shopId, kind);
  let suspects: Set<number> | null = null;
  if (dir) {
    suspects = new Set();
    for (const k of rowKeys) for (const s of candidateBlocks(dir, k)) suspects.add(s);
  }
  const out: BlockRecordOf[K][] = [];
  await forEachBaseBlock(db, shopId, kind, (records, seq) => {
    if (suspects && !suspects.has(seq)) {
      for (const r of records) out.push(r);
      return;
    }
    for (const r of records) if (!rowKeys.has(blockKeyOf(kind, r))) out.push(r);
  });
  return out;
}

/**
 * A shop's records (base layer overlaid by rows); call inside a transaction covering customers,
 * orders, contacts, recordBlocks and blockDirectories. Without a base layer: exactly the rows.
 */
export async function readShopRecords(db: SellerLensDb, shopId: string): Promise<ShopRecords> {
  const [customerRows, orderRows, contactRows] = await Promise.all([
    db.customers.where('shopId').equals(shopId).toArray(),
    db.orders.where('shopId').equals(shopId).toArray(),
    db.contacts.where('shopId').equals(shopId).toArray(),
  ]);
  contactRows.sort(compareContacts);
  const [baseCustomers, baseOrders, baseContacts] = await Promise.all([
    unmaskedBase(db, shopId, 'customers', new Set(customerRows.map((c) => c.customerKey))),
    unmaskedBase(db, shopId, 'orders', new Set(orderRows.map((o) => o.orderId))),
    unmaskedBase(db, shopId, 'contacts', new Set(contactRows.map((c) => c.contactId))),
  ]);
  const customers = baseCustomers;
  for (const c of customerRows) customers.push(c);
  const orders = baseOrders;
  for (const o of orderRows) orders.push(toOrder(o));
  let contacts: Contact[];
  if (baseContacts.length === 0) contacts = contactRows.map(toContact);
  else {
    sortBaseContacts(baseContacts);
    // Merge two sorted lists (rows are few next to a restored base).
    contacts = new Array<Contact>(baseContacts.length + contactRows.length);
    let i = 0, j = 0, k = 0;
    while (i < baseContacts.length || j < contactRows.length) {
      const b = baseContacts[i], r = contactRows[j];
      const takeRow =
        b === undefined || (r !== undefined && (byText(r.at, b.at) || (r.at === b.at ? byText(r.contactId, keyOfContact(b)) : 0)) < 0);
      contacts[k++] = takeRow ? toContact(r!) : b!;
      if (takeRow) j++;
      else i++;
    }
  }
  return { customers, orders, contacts };
}

/** Everything the engine reads for one shop; throws when the shop is unknown. */
export async function loadShopData(db: SellerLensDb, shopId: string): Promise<ShopData> {
  return db.transaction('r', [db.shops, db.customers, db.orders, db.contacts, db.recordBlocks, db.blockDirectories], async () => {
    const shop = await db.shops.get(shopId);
    if (!shop) throw new Error(`no shop with id "${shopId}" in this profile`);
    return { shop, ...(await readShopRecords(db, shopId)) };
  });
}

/** All shops in the profile, by name then id. */
export async function listShops(db: SellerLensDb): Promise<Shop[]> {
  const shops = await db.shops.toArray();
  return shops.sort(byShopOrder);
}

/**
 * The latest UTC+8 day with an order or contact of the shop (SPEC §2 default window end), or
 * null. Rows: the `[shopId+day]` indexes, two key lookups; base layer: the directories' maxDay.
 * Call inside a transaction covering orders, contacts, recordBlocks and blockDirectories, or none.
 */
export async function latestDayWithData(db: SellerLensDb, shopId: string): Promise<string | null> {
  const range = (t: typeof db.orders | typeof db.contacts) =>
    (t.where('[shopId+day]') as import('dexie').WhereClause).between([shopId, ''], [shopId, '\uffff'], true, true);
  const [o, c, base] = await Promise.all([range(db.orders).last(), range(db.contacts).last(), baseLatestDay(db, shopId)]);
  const days = [(o as StoredOrder | undefined)?.day, (c as StoredContact | undefined)?.day, base ?? undefined].filter(
    (d): d is string => d !== undefined,
  );
  // An order row's day is its paidAt day; placedAt is never later in real data, so this is the max.
  return days.length ? days.sort().at(-1)! : null;
}

/**
 * When the shop was last captured, or null: the latest `capturedAt` or `refreshedAt` (a page seen
 * again refreshes its capture instead of adding one) among its most recent capture summaries.
 */
export async function lastCaptureAt(db: SellerLensDb, shopId: string): Promise<string | null> {
  const recent = await db.captureSummaries.where('[shopId+capturedAt]').between([shopId, ''], [shopId, '\uffff']).reverse().limit(50).toArray();
  let best: { at: string; ms: number } | null = null;
  for (const s of recent) {
    for (const at of [s.capturedAt, s.refreshedAt]) {
      const ms = at === undefined ? null : parseInstant(at);
      if (at !== undefined && ms !== null && (best === null || ms > best.ms)) best = { at, ms };
    }
  }
  return best?.at ?? null;
}

/** The shop's captured pages as the 数据完整度 strip lists them: adapter, when last seen (a refresh counts), rows read. */
export async function capturedPages(db: SellerLensDb, shopId: string): Promise<{ adapter: string; capturedAt: string; rowCount: number }[]> {
  const summaries = await db.captureSummaries.where('shopId').equals(shopId).toArray();
  // A page seen again refreshes its capture; refreshedAt is that later visit's capturedAt, so it is the later of the two.
  return summaries.map((s) => ({ adapter: s.adapter, capturedAt: s.refreshedAt ?? s.capturedAt, rowCount: s.rowCount }));
}
