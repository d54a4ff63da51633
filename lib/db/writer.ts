/**
 * THE one writer of IndexedDB (issue 12 item 1): every write of seller-lens's Dexie database is
 * one of these named commands, each `(db, …)`. UI code reaches them through the engine worker or
 * the background router, never directly. The bodies live beside this façade (lib/db/writer/*),
 * except `restoreShop`'s transaction, which is lib/backup's (it writes a whole shop at once and
 * composes lib/db/writer/primitives). tests/unit/db/one-writer.test.ts fails on a table write
 * anywhere else.
 */
import type { Snapshot } from '../engine/snapshot';
import type { CaptureBatch, StoreResult } from './store';
import { storeCaptureBatch } from './writer/capture';
import { pruneCaptureRows, summarizeCaptures } from './writer/captures';
import { deleteShopEverywhere, eraseCustomerEverywhere, type ErasureResult } from './writer/shop';
import { saveAnalysisModel as saveModel, saveAnalysisSnapshot } from './writer/analysis';
import { pruneChangeLog } from './writer/primitives';
import { deleteSettingIn, putSettingIn } from './writer/settings';
import { lastReportSetting, tierLookupSetting, type SavedReportSetting, type TierLookup } from './settings/registry';
import type { SettingDef } from './settings/define';
import type { SellerLensDb } from './schema';
import { restoreShop as restoreShopTransaction } from '../backup/transaction';

export type { CaptureBatch, StoreResult, ErasureResult };
export { createAudience as saveAudience, deleteAudience, freezeExport } from './writer/audiences';
/** Renames / re-expresses a saved audience (part of the agreed command set; no view edits audiences yet). @public */
export { updateAudience } from './writer/audiences';
/** Keeps a fitted 高潜 model beside the shop's data token (not for a shop deleted meanwhile). */
export function saveAnalysisModel(...args: Parameters<typeof saveModel>): Promise<void> {
  return whileShopExists(args[0], args[1], () => saveModel(...args));
}

/**
 * Runs a write of results computed from a shop's data only while the shop still exists, in one
 * transaction with that check: an analysis that was running when the merchant deleted the shop
 * must not bring its report, tier lookup, snapshot or models back.
 */
async function whileShopExists(db: SellerLensDb, shopId: string, write: () => Promise<void>): Promise<void> {
  await db.transaction('rw', [db.shops, db.settings, db.analysisSnapshots, db.changeLog], async () => {
    if ((await db.shops.get(shopId)) === undefined) return;
    await write();
  });
}

/** Stores one captured batch in one transaction: upserts by natural key, the capture kept once (see writer/capture.ts). */
export function storeCapture(db: SellerLensDb, batch: CaptureBatch): Promise<StoreResult> {
  return storeCaptureBatch(db, batch);
}

/** Deletes everything of one shop in IndexedDB (every table, every setting naming it). */
export function deleteShop(db: SellerLensDb, shopId: string): Promise<void> {
  return deleteShopEverywhere(db, shopId);
}

/** Erases one customer of a shop everywhere (records, raw rows, frozen exports, caches). */
export function eraseCustomer(db: SellerLensDb, shopId: string, customerKey: string): Promise<ErasureResult> {
  return eraseCustomerEverywhere(db, shopId, customerKey);
}

/** Empties the raw rows of a shop's captures older than captureRetentionDays (records stay); how many. */
export function pruneCaptures(db: SellerLensDb, shopId: string, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.settings, db.captures, db.captureSummaries, () => pruneCaptureRows(db, shopId, now));
}

/** Persists the engine's snapshot of a shop for a data token; `pruneUpTo` then drops the change log up to that change. */
export async function persistSnapshot(
  db: SellerLensDb,
  snap: Snapshot,
  token: string,
  opts: { names?: string[]; builtAt?: string; pruneUpTo?: number } = {},
): Promise<void> {
  await whileShopExists(db, snap.shopId, async () => {
    await saveAnalysisSnapshot(db, snap, token, opts);
    if (opts.pruneUpTo !== undefined) await pruneChangeLog(db, snap.shopId, opts.pruneUpTo);
  });
}

/** The side panel's last computed result of a shop (shown at once on reopening). */
export function saveLastReport(db: SellerLensDb, shopId: string, saved: SavedReportSetting): Promise<void> {
  return whileShopExists(db, shopId, () => putSettingIn(db, lastReportSetting, saved, shopId));
}

/** The tier chips' per-shop lookup: tier ids per customer (written after each report). */
export function saveTierLookup(db: SellerLensDb, lookup: TierLookup): Promise<void> {
  return whileShopExists(db, lookup.shopId, () => putSettingIn(db, tierLookupSetting, lookup, lookup.shopId));
}

/** Writes a Dexie setting declared in the registry (validated; throws on a value its schema refuses). */
export function putSetting<T>(db: SellerLensDb, def: SettingDef<T>, value: T, scopeId?: string): Promise<void> {
  return putSettingIn(db, def, value, scopeId);
}

/** Deletes a Dexie setting declared in the registry (part of the agreed command set). @public */
export function deleteSetting<T>(db: SellerLensDb, def: SettingDef<T>, scopeId?: string): Promise<void> {
  return deleteSettingIn(db, def, scopeId);
}

/** Replaces a shop by a backup file (lib/backup's restore transaction), then lists its captures in the 数据 tab's summaries. */
export async function restoreShop(...args: Parameters<typeof restoreShopTransaction>): ReturnType<typeof restoreShopTransaction> {
  const r = await restoreShopTransaction(...args);
  if (r.ok) await summarizeCaptures(args[0], r.shopId);
  return r;
}
