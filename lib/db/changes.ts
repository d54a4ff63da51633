/**
 * Reading the per-shop change log (schema v3 `changeLog`): what the capture batches stored
 * between two data tokens, as full records, so the engine can update a snapshot instead of
 * reading the whole shop again. Only captures write the log; a restore starts a new data
 * version, after which only a rebuild (or the restore's own snapshot) is valid.
 */
import type { Contact, Customer, Order } from '../model';
import { toContact, toOrder } from './queries';
import type { SellerLensDb, StoredContact, StoredOrder } from './schema';

/** A parsed data token (`shopDataToken`): the change counter and the restore stamp. */
export interface DataToken {
  change: number;
  version: string;
}

/** The parts of a `shopDataToken` string, or null for anything else. */
export function parseDataToken(token: string): DataToken | null {
  const m = /^c(\d+):v(.*)$/.exec(token);
  return m ? { change: Number(m[1]), version: m[2]! } : null;
}

/** Full stored records that changed, by kind (updated contacts never matter to the engine: see SnapshotChanges). */
export interface ChangedRecords {
  customers: { added: Customer[]; updated: Customer[] };
  orders: { added: Order[]; updated: Order[] };
  contacts: { added: Contact[] };
}

/** Change-log rows past this many keys: reading the shop again is about as cheap. */
export const MAX_INCREMENTAL_KEYS = 200_000;

/**
 * What changed in a shop from data token `from` to `to`, read from the change log and the row
 * tables; null when the log cannot tell (another restore stamp, a gap in the log, too much).
 */
export async function changesBetween(db: SellerLensDb, shopId: string, from: string, to: string): Promise<ChangedRecords | null> {
  const a = parseDataToken(from), b = parseDataToken(to);
  if (!a || !b || a.version !== b.version || b.change < a.change) return null;
  const empty: ChangedRecords = { customers: { added: [], updated: [] }, orders: { added: [], updated: [] }, contacts: { added: [] } };
  if (b.change === a.change) return empty;
  return db.transaction('r', [db.changeLog, db.customers, db.orders, db.contacts], async () => {
    const entries = await db.changeLog.where('[shopId+seq]').between([shopId, a.change + 1], [shopId, b.change], true, true).toArray();
    // Every bump of the change counter writes exactly one entry: a gap means the log was pruned.
    if (entries.length !== b.change - a.change) return null;
    // A key's first appearance decides added vs updated (the snapshot at `from` did not have an added key).
    const firstSeen = (kind: 'customers' | 'orders' | 'contacts') => {
      const added = new Set<string>(), updated = new Set<string>();
      for (const e of entries) {
        for (const k of e[kind].added) if (!updated.has(k)) added.add(k);
        for (const k of e[kind].updated) if (!added.has(k)) updated.add(k);
      }
      return { added: [...added], updated: [...updated] };
    };
    const cust = firstSeen('customers'), ord = firstSeen('orders'), cont = firstSeen('contacts');
    if (cust.added.length + cust.updated.length + ord.added.length + ord.updated.length + cont.added.length > MAX_INCREMENTAL_KEYS) return null;
    const rows = async <T>(table: { bulkGet(keys: never[]): Promise<(T | undefined)[]> }, keys: unknown[]): Promise<T[] | null> => {
      const got = await table.bulkGet(keys as never[]);
      // A logged key without its row: the log and the rows disagree, so only a rebuild is safe.
      return got.every((r) => r !== undefined) ? (got as T[]) : null;
    };
    const ck = (keys: string[]) => keys.map((k) => [shopId, k]);
    const customersAdded = await rows<Customer>(db.customers, ck(cust.added));
    const customersUpdated = await rows<Customer>(db.customers, ck(cust.updated));
    const ordersAdded = await rows<StoredOrder>(db.orders, ck(ord.added));
    const ordersUpdated = await rows<StoredOrder>(db.orders, ck(ord.updated));
    const contactsAdded = await rows<StoredContact>(db.contacts, cont.added);
    if (!customersAdded || !customersUpdated || !ordersAdded || !ordersUpdated || !contactsAdded) return null;
    return {
      customers: { added: customersAdded, updated: customersUpdated },
      orders: { added: ordersAdded.map(toOrder), updated: ordersUpdated.map(toOrder) },
      contacts: { added: contactsAdded.map(toContact) },
    };
  });
}
