/**
 * The one writer's primitives that a shop-wide transaction composes (the capture path, deleteShop,
 * and lib/backup's restore transaction, which may import these but never lib/db/writer.ts):
 * base-layer blocks, a shop's records, its restore stamp, the change log, a dropped snapshot.
 * Each works inside the caller's rw transaction over the tables it names (else Dexie runs each
 * write on its own).
 */
import { BLOCK_RECORDS, encodeBlock, type BlockRecordOf } from '../blocks';
import { BLOCK_KINDS, directoryAccumulator, forgetDirectories, kindRange, type BaseDirectory } from '../base-layer';
import type { BlockKind, RecordBlock, SellerLensDb } from '../schema';
import { dataVersionSetting, settingKey, shopSettingKeys } from '../settings/registry';

/** Deletes one shop's blocks of one kind and its directory row (inside a rw transaction). */
export async function deleteBaseKind(db: SellerLensDb, shopId: string, kind: BlockKind): Promise<void> {
  const [lo, hi] = kindRange(shopId, kind);
  await Promise.all([
    db.recordBlocks.where('[shopId+kind+seq]').between(lo, hi, true, true).delete(),
    db.blockDirectories.delete([shopId, kind]),
  ]);
  forgetDirectories(db, shopId);
}

/** Deletes a shop's whole base layer and change log (inside a transaction over recordBlocks, blockDirectories, changeLog). */
export async function deleteBaseLayer(db: SellerLensDb, shopId: string): Promise<void> {
  await Promise.all([
    ...BLOCK_KINDS.map((kind) => deleteBaseKind(db, shopId, kind)),
    db.changeLog.where('[shopId+seq]').between([shopId, -Infinity], [shopId, Infinity], true, true).delete(),
  ]);
  forgetDirectories(db, shopId);
}

/**
 * Replaces a shop's base layer of one kind with `records` (validated §2 records, no derived
 * fields): blocks of BLOCK_RECORDS[kind] in the order given, then the directory. Works inside
 * an open rw transaction over recordBlocks and blockDirectories (else Dexie runs each write on
 * its own). A restore must also call markShopReplaced (the capture path's cache stamp).
 */
export async function writeBaseLayer<K extends BlockKind>(
  db: SellerLensDb,
  shopId: string,
  kind: K,
  records: readonly BlockRecordOf[K][],
): Promise<BaseDirectory> {
  const size = BLOCK_RECORDS[kind];
  const acc = directoryAccumulator(shopId, kind);
  const blocks: RecordBlock[] = [];
  for (let i = 0, seq = 0; i < records.length; i += size, seq++) {
    const chunk = records.slice(i, i + size);
    acc.addRecords(seq, chunk);
    blocks.push(encodeBlock(shopId, kind, seq, chunk));
  }
  const dir = acc.finish();
  await deleteBaseKind(db, shopId, kind);
  if (blocks.length > 0) await db.recordBlocks.bulkPut(blocks);
  await db.blockDirectories.put(dir);
  forgetDirectories(db, shopId);
  return dir;
}


/** Deletes one shop's records (rows, captures and their summaries, base blocks, directories, change log); call inside a transaction covering every shop table. */
export async function deleteShopRecords(db: SellerLensDb, shopId: string): Promise<void> {
  await Promise.all([
    db.shops.delete(shopId),
    db.analysisSnapshots.delete(shopId),
    db.customers.where('shopId').equals(shopId).delete(),
    db.orders.where('shopId').equals(shopId).delete(),
    db.contacts.where('shopId').equals(shopId).delete(),
    db.captures.where('shopId').equals(shopId).delete(),
    db.captureSummaries.where('shopId').equals(shopId).delete(),
    db.platformSnapshots.where('shopId').equals(shopId).delete(),
    db.audiences.where('shopId').equals(shopId).delete(),
    db.exports.where('shopId').equals(shopId).delete(),
    deleteBaseLayer(db, shopId),
  ]);
}

/** Inside a restore's transaction: a new data token for the shop and no results derived from the data it replaced (the registry's derived settings). */
export async function markShopReplaced(db: SellerLensDb, shopId: string): Promise<void> {
  await db.settings.put({ key: settingKey(dataVersionSetting, shopId), value: Date.now() });
  await db.settings.bulkDelete(shopDerivedKeys(shopId));
}

/** The derived settings keys of a shop (caches a restore or an erasure makes wrong). */
export function shopDerivedKeys(shopId: string): string[] {
  return shopSettingKeys(shopId, 'derived');
}

/** Drops a shop's change-log entries up to `seq` (a persisted snapshot at that change no longer needs them). */
export async function pruneChangeLog(db: SellerLensDb, shopId: string, seq: number): Promise<void> {
  await db.changeLog.where('[shopId+seq]').between([shopId, -Infinity], [shopId, seq], true, true).delete();
}

/** Drops a shop's persisted analysis snapshot (unreadable, or made wrong by an erasure); best effort. */
export async function dropAnalysisSnapshot(db: SellerLensDb, shopId: string): Promise<void> {
  await db.analysisSnapshots.delete(shopId).catch(() => undefined);
}
