/**
 * The capture path of the one writer: one captured batch stored in ONE read-write transaction,
 * idempotent upserts by natural key (moved here from lib/db/store.ts, which keeps the types).
 */
import { Capture, Contact, Customer, Order, PlatformSnapshot, Shop, dayOf } from '../../model';
import { captureFingerprint, contactIdOf } from '../keys';
import { mergeContact, mergeCustomer, mergeOrder, mergeShop, sameRecord, withoutUndefined } from '../merge';
import { cachedDirectory, findBaseRecords } from '../base-layer';
import type { BlockRecordOf } from '../blocks';
import {
  orderDayOf,
  type BlockKind,
  type ChangeLogEntry,
  type SellerLensDb,
  type StoredCapture,
  type StoredContact,
  type StoredOrder,
} from '../schema';
import { parseRecords, summarizeReasons } from '../validate';
import { CHANGE_LOG_KEEP, InvalidBatchError, dataChangeKey, type CaptureBatch, type StoreResult, type UpsertCounts } from '../store';
import { keepCapture, pruneCaptureRows } from './captures';

function mergeInto<K, T>(map: Map<K, T>, key: K, record: T, merge: (a: T | undefined, b: T) => T): void {
  map.set(key, merge(map.get(key), record));
}

/**
 * Stores one captured batch in ONE read-write transaction (all or nothing): upserts the shop,
 * enriches customers, upserts orders (last seen wins, never blanking), adds contacts
 * idempotently, replaces same-day platform snapshots and keeps the capture record once.
 * A key with no row is merged with the shop's base record of that key, if any (the row written
 * holds the full merged record and masks the base one). Every batch that changes something
 * bumps the shop's change counter and writes a changeLog row of that seq.
 */
export async function storeCaptureBatch(db: SellerLensDb, batch: CaptureBatch): Promise<StoreResult> {
  // Validate everything before touching the database.
  const reasons: string[] = [];
  const shopParsed = Shop.safeParse(batch.shop);
  if (!shopParsed.success) throw new InvalidBatchError(`shop: ${shopParsed.error.issues.map((i) => i.message).join('; ')}`);
  const shop = shopParsed.data;
  const shopId = shop.shopId;
  const customers = parseRecords('customers', Customer, batch.customers ?? [], reasons);
  const orders = parseRecords('orders', Order, batch.orders ?? [], reasons);
  const contacts = parseRecords('contacts', Contact, batch.contacts ?? [], reasons);
  const snapshots = parseRecords('platformSnapshots', PlatformSnapshot, batch.platformSnapshots ?? [], reasons);
  const captures = parseRecords('capture', Capture, batch.capture ? [batch.capture] : [], reasons);
  const foreign = (name: string, list: readonly { shopId: string }[]) =>
    list.forEach((r, i) => {
      if (r.shopId !== shopId) reasons.push(`${name}[${i}].shopId: "${r.shopId}" is not the batch's shop "${shopId}"`);
    });
  foreign('customers', customers);
  foreign('orders', orders);
  foreign('contacts', contacts);
  foreign('platformSnapshots', snapshots);
  foreign('capture', captures);
  if (reasons.length > 0) throw new InvalidBatchError(`batch not stored: ${summarizeReasons(reasons)}`);

  // Collapse repeats within the batch (e.g. an order seen on its header and item rows).
  const customerMap = new Map<string, Customer>();
  for (const c of customers) mergeInto(customerMap, c.customerKey, c, mergeCustomer);
  const orderMap = new Map<string, StoredOrder>();
  for (const o of orders) mergeInto(orderMap, o.orderId, { ...o, day: orderDayOf(o) }, mergeOrder);
  for (const o of orderMap.values()) o.day = orderDayOf(o);
  const contactMap = new Map<string, StoredContact>();
  for (const c of contacts) {
    const contactId = contactIdOf(c);
    mergeInto(contactMap, contactId, { ...c, contactId, day: dayOf(c.at) }, mergeContact);
  }
  const snapshotMap = new Map<string, PlatformSnapshot>();
  for (const s of snapshots) snapshotMap.set(`${s.source}|${s.seenOn}`, withoutUndefined(s)); // latest wins
  const capture: StoredCapture | undefined = captures[0]
    ? { ...withoutUndefined(captures[0]), fingerprint: captureFingerprint(captures[0]) }
    : undefined;

  const result: StoreResult = {
    shopId,
    customers: { added: 0, updated: 0 },
    orders: { added: 0, updated: 0 },
    contacts: { added: 0, updated: 0 },
    snapshots: { added: 0, updated: 0 },
    capture: capture ? 'added' : 'none',
    rejected: capture?.rejected.length ?? 0,
    keys: {
      customers: [...customerMap.keys()],
      orders: [...orderMap.keys()],
      contacts: [...contactMap.keys()],
      snapshots: [...snapshotMap.keys()],
    },
  };

  const log: ChangeLogEntry = {
    shopId,
    seq: 0,
    customers: { added: [], updated: [] },
    orders: { added: [], updated: [] },
    contacts: { added: [], updated: [] },
  };
  /** The base records of keys without a row, in their stored form (one directory get per kind, cached). */
  const baseOf = <K extends BlockKind, T>(kind: K, stored: (r: BlockRecordOf[K]) => T) => async (keys: string[]) => {
    const out = new Map<string, T>();
    const dir = await cachedDirectory(db, shopId, kind);
    if (!dir) return out;
    for (const [k, r] of await findBaseRecords(db, dir, shopId, kind, keys)) out.set(k, stored(r));
    return out;
  };

  await db.transaction(
    'rw',
    [
      db.shops,
      db.customers,
      db.orders,
      db.contacts,
      db.captures,
      db.captureSummaries,
      db.platformSnapshots,
      db.settings,
      db.recordBlocks,
      db.blockDirectories,
      db.changeLog,
    ],
    async () => {
      const oldShop = await db.shops.get(shopId);
      const newShop = mergeShop(oldShop, shop);
      if (!oldShop || !sameRecord(oldShop, newShop)) await db.shops.put(newShop);

      await upsert(
        db.customers,
        [...customerMap.values()].map((c) => [shopId, c.customerKey] as [string, string]),
        [...customerMap.values()],
        mergeCustomer,
        result.customers,
        { naturalKeys: [...customerMap.keys()], base: baseOf('customers', (c) => c), log: log.customers },
      );
      await upsert(
        db.orders,
        [...orderMap.values()].map((o) => [shopId, o.orderId] as [string, string]),
        [...orderMap.values()],
        (a, b) => {
          const m = mergeOrder(a, b);
          m.day = orderDayOf(m);
          return m;
        },
        result.orders,
        {
          naturalKeys: [...orderMap.keys()],
          base: baseOf('orders', (o): StoredOrder => ({ ...o, day: orderDayOf(o) })),
          log: log.orders,
        },
      );
      await upsert(db.contacts, [...contactMap.keys()], [...contactMap.values()], mergeContact, result.contacts, {
        naturalKeys: [...contactMap.keys()],
        base: baseOf('contacts', (c): StoredContact => ({ ...c, contactId: contactIdOf(c), day: dayOf(c.at) })),
        log: log.contacts,
      });
      await upsert(
        db.platformSnapshots,
        [...snapshotMap.values()].map((s) => [shopId, s.source, s.seenOn] as [string, string, string]),
        [...snapshotMap.values()],
        (_old, latest) => latest, // same shop, source and day: the latest figures replace
        result.snapshots,
      );

      if (capture) result.capture = await keepCapture(db, shopId, capture);
      // The shop's change counter (dataChangeKey): a data token without counting a million records.
      const n = result.customers.added + result.customers.updated + result.orders.added + result.orders.updated +
        result.contacts.added + result.contacts.updated + result.snapshots.added + result.snapshots.updated;
      if (n > 0 || result.capture === 'added') {
        const key = dataChangeKey(shopId);
        const old = (await db.settings.get(key))?.value;
        log.seq = (typeof old === 'number' ? old : 0) + 1;
        await db.settings.put({ key, value: log.seq });
        // Every bump gets its entry (empty lists for a snapshot- or capture-only batch), so a
        // reader sees gap-free seqs and knows it missed nothing.
        await db.changeLog.put(log);
        // Bounded when no panel persists a snapshot for a long while (it prunes the log when it does):
        // a snapshot older than this many batches is rebuilt instead of brought forward.
        if (log.seq > CHANGE_LOG_KEEP)
          await db.changeLog.where('[shopId+seq]').between([shopId, -Infinity], [shopId, log.seq - CHANGE_LOG_KEEP], true, true).delete();
      }
      // Retention: raw rows of captures older than captureRetentionDays are emptied (records stay).
      if (capture) await pruneCaptureRows(db, shopId);
    },
  );
  return result;
}

/** Base-layer lookup and change-log lists of one record table in `upsert`. */
interface UpsertBase<T> {
  /** Natural key of each incoming record (same order). */
  naturalKeys: string[];
  /** The stored form of the base records of keys that have no row. */
  base: (keys: string[]) => Promise<Map<string, T>>;
  log: { added: string[]; updated: string[] };
}

/**
 * Reads the stored versions (the row, else the base record), merges, writes only what changed,
 * counts added / updated. A merged record equal to its base record is unchanged: no row.
 */
async function upsert<T, K extends import('dexie').IndexableType>(
  table: import('dexie').Table<T, K>,
  keys: K[],
  incoming: T[],
  merge: (existing: T | undefined, incoming: T) => T,
  counts: UpsertCounts,
  withBase?: UpsertBase<T>,
): Promise<void> {
  if (incoming.length === 0) return;
  const existing: (T | undefined)[] = await table.bulkGet(keys);
  if (withBase) {
    const missing = withBase.naturalKeys.filter((_, i) => existing[i] === undefined);
    if (missing.length > 0) {
      const base = await withBase.base(missing);
      if (base.size > 0) withBase.naturalKeys.forEach((k, i) => (existing[i] ??= base.get(k)));
    }
  }
  const changed: T[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const old = existing[i];
    const next = merge(old, incoming[i] as T);
    if (old === undefined) {
      counts.added++;
      withBase?.log.added.push(withBase.naturalKeys[i]!);
      changed.push(next);
    } else if (!sameRecord(old, next)) {
      counts.updated++;
      withBase?.log.updated.push(withBase.naturalKeys[i]!);
      changed.push(next);
    }
  }
  if (changed.length > 0) await table.bulkPut(changed);
}

