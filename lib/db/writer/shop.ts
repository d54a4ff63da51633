/**
 * Privacy commands of the one writer (issue 11 item 7): deleting a shop everywhere in IndexedDB,
 * and erasing one customer of a shop everywhere — rows and base-layer records (customer, orders,
 * contacts), the raw rows of captures that show them (blanked in place, so rejected-row numbers
 * still point at the right rows), frozen export member lists, the change log, and every cache
 * derived from the shop's data (analysis snapshot, 高潜 models, last report, tier lookup). The
 * shop gets a new data token, so every open panel rebuilds from what is left.
 */
import type { Customer, Order } from '../../model';
import { directoryAccumulator, forEachBaseBlock, hasBaseBlocks, type BaseDirectory } from '../base-layer';
import { encodeBlock, type BlockRecordOf } from '../blocks';
import { shopTables, type BlockKind, type SellerLensDb, type StoredCapture } from '../schema';
import { shopSettingKeys } from '../settings/registry';
import { deleteShopRecords, dropAnalysisSnapshot, markShopReplaced } from './primitives';

/**
 * Deletes everything of one shop in one transaction: every shop table's rows of it and every
 * Dexie setting that names it (the registry's per-shop keys, and any other `…:<shopId>` key).
 * chrome.storage.local entries naming it are the caller's (lib/db/settings/local.ts: clearShopFromLocal).
 */
export async function deleteShopEverywhere(db: SellerLensDb, shopId: string): Promise<void> {
  await db.transaction('rw', [...shopTables(db), db.settings], async () => {
    await deleteShopRecords(db, shopId);
    await db.settings.bulkDelete(shopSettingKeys(shopId));
    await db.settings.filter((s) => s.key.endsWith(`:${shopId}`)).delete();
  });
  await dropAnalysisSnapshot(db, shopId);
}

/** What one erasure removed. */
export interface ErasureResult {
  customers: number;
  orders: number;
  contacts: number;
  /** Raw rows of captures blanked. */
  captureRows: number;
  /** Export records whose member or control list held the customer. */
  exports: number;
}

/** Cells that identify a customer in a raw row: nickname, buyer id, phone, its orders' ids and recipients. */
function identifiersOf(customers: readonly Customer[], orders: readonly Order[]): Set<string> {
  const ids = new Set<string>();
  const add = (v: string | undefined) => {
    const t = v?.trim();
    if (t) ids.add(t);
  };
  for (const c of customers) [c.nickname, c.buyerId, c.phone].forEach(add);
  for (const o of orders) [o.orderId, o.recipientPhone, o.recipientName].forEach(add);
  return ids;
}

/** True when a raw row shows one of `ids` (a cell equal to it, or holding a long id such as a phone or order id). */
function rowNames(row: readonly string[], ids: Set<string>): boolean {
  return row.some((cell) => {
    const t = cell.trim();
    if (ids.has(t)) return true;
    for (const id of ids) if (id.length >= 6 && t.includes(id)) return true;
    return false;
  });
}

/** Rewrites a shop's base blocks of one kind without the records `drop` picks; returns those dropped. */
async function dropFromBase<K extends BlockKind>(db: SellerLensDb, shopId: string, kind: K, drop: (r: BlockRecordOf[K]) => boolean): Promise<BlockRecordOf[K][]> {
  if (!(await hasBaseBlocks(db, shopId, kind))) return [];
  const dropped: BlockRecordOf[K][] = [];
  const acc = directoryAccumulator(shopId, kind);
  const rewrites: ReturnType<typeof encodeBlock>[] = [];
  await forEachBaseBlock(db, shopId, kind, (records, seq) => {
    const kept = records.filter((r) => !drop(r));
    acc.addRecords(seq, kept);
    if (kept.length !== records.length) {
      for (const r of records) if (drop(r)) dropped.push(r);
      rewrites.push(encodeBlock(shopId, kind, seq, kept));
    }
  });
  if (rewrites.length > 0) {
    await db.recordBlocks.bulkPut(rewrites);
    const dir: BaseDirectory = acc.finish();
    await db.blockDirectories.put(dir);
  }
  return dropped;
}

/** Erases one customer of a shop everywhere (see the header); a customer the shop does not know erases nothing but the caches. */
export async function eraseCustomerEverywhere(db: SellerLensDb, shopId: string, customerKey: string): Promise<ErasureResult> {
  const result: ErasureResult = { customers: 0, orders: 0, contacts: 0, captureRows: 0, exports: 0 };
  await db.transaction('rw', [...shopTables(db), db.settings], async () => {
    const customerRows = await db.customers.where('[shopId+customerKey]').equals([shopId, customerKey]).toArray();
    const orderRows = await db.orders.where('[shopId+customerKey]').equals([shopId, customerKey]).toArray();
    const contactCount = await db.contacts.where('[shopId+customerKey]').equals([shopId, customerKey]).count();
    const mine = (r: { customerKey: string }) => r.customerKey === customerKey;
    const baseCustomers = await dropFromBase(db, shopId, 'customers', mine);
    const baseOrders = await dropFromBase(db, shopId, 'orders', mine);
    const baseContacts = await dropFromBase(db, shopId, 'contacts', mine);
    await db.customers.where('[shopId+customerKey]').equals([shopId, customerKey]).delete();
    await db.orders.where('[shopId+customerKey]').equals([shopId, customerKey]).delete();
    await db.contacts.where('[shopId+customerKey]').equals([shopId, customerKey]).delete();
    const customers = [...customerRows, ...baseCustomers];
    const orders: Order[] = [...orderRows, ...baseOrders];
    // A row keyed only by the customer's key still names them (keys hold the nickname or buyer id).
    result.customers = new Set(customers.map((c) => c.customerKey)).size;
    result.orders = new Set(orders.map((o) => o.orderId)).size;
    result.contacts = contactCount + baseContacts.length;

    const ids = identifiersOf(customers, orders);
    if (ids.size > 0) {
      const changed: StoredCapture[] = [];
      await db.captures.where('shopId').equals(shopId).each((c) => {
        let n = 0;
        const rawRows = c.rawRows.map((row) => (rowNames(row, ids) ? (n++, row.map(() => '')) : row));
        // A rejected row's reason may quote its cells: that row's reason goes too.
        const rejected = c.rejected.map((r) => (rowNames([r.reason], ids) || (rawRows[r.row] !== c.rawRows[r.row]) ? { ...r, reason: '' } : r));
        const scrubbed = rejected.some((r, i) => r !== c.rejected[i]);
        if (n > 0 || scrubbed) {
          result.captureRows += n;
          changed.push({ ...c, rawRows, rejected });
        }
      });
      if (changed.length > 0) {
        await db.captures.bulkPut(changed);
        // The 数据 tab's summaries hold the rejected reasons too.
        const summaries = await db.captureSummaries.bulkGet(changed.map((c) => c.captureId));
        const next = summaries.flatMap((sum, i) => (sum ? [{ ...sum, rejected: changed[i]!.rejected }] : []));
        if (next.length > 0) await db.captureSummaries.bulkPut(next);
      }
    }

    const exports = await db.exports.where('shopId').equals(shopId).toArray();
    const edited = exports
      .filter((e) => e.members.includes(customerKey) || e.control.includes(customerKey))
      .map((e) => ({ ...e, members: e.members.filter((k) => k !== customerKey), control: e.control.filter((k) => k !== customerKey) }));
    result.exports = edited.length;
    if (edited.length > 0) await db.exports.bulkPut(edited);

    // The change log lists the erased keys and is of the old data token: gone with it.
    await db.changeLog.where('[shopId+seq]').between([shopId, -Infinity], [shopId, Infinity], true, true).delete();
    await db.analysisSnapshots.delete(shopId);
    // A new data token and no derived caches (last report's lists and tier lookup name customers).
    await markShopReplaced(db, shopId);
  });
  return result;
}
