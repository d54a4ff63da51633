/**
 * THE one writer of IndexedDB (issue 12 item 1): every write of seller-lens's Dexie database is
 * one of these named commands, each `(db, …)`. UI code reaches them through the engine worker or
 * the background router, never directly. The bodies live beside this façade (lib/db/writer/*),
 * except `restoreShop`, whose transaction is lib/backup's (it writes a whole shop at once).
 * tests/unit/db/one-writer.test.ts fails on a table write anywhere else.
 */
import type { Audience, ExportRecord } from '../model';
import type { Snapshot } from '../engine/snapshot';
import { storeCaptureBatch, type CaptureBatch, type StoreResult } from './store';
import { deleteShopData } from './queries';
import { saveAnalysisModel as saveModel, saveAnalysisSnapshot, type PersistedModel } from './analysis-snapshot';
import { pruneChangeLog as pruneLog } from './changes';
import { lastReportKey, tierCacheKey } from './settings-keys';
import type { SellerLensDb } from './schema';
import {
  createAudience,
  deleteAudience as deleteSavedAudience,
  deleteExport as deleteExportRecord,
  freezeExport as freezeExportRecord,
  updateAudience as updateSavedAudience,
  type FreezeInput,
} from '../audience/saved';
// TODO(writer): re-export lib/backup's restoreShop once the backup helper lands it.
import { restoreBackupSource, type BackupSource, type RestoreOptions } from '../export/restore';
import type { RestoreResult } from '../export/backup';

export type { CaptureBatch, StoreResult, FreezeInput, PersistedModel };

/** Stores one captured batch in one transaction (see storeCaptureBatch). */
export function storeCapture(db: SellerLensDb, batch: CaptureBatch): Promise<StoreResult> {
  return storeCaptureBatch(db, batch);
}

/** Deletes everything of one shop (every table, its settings). */
export async function deleteShop(db: SellerLensDb, shopId: string): Promise<void> {
  await deleteShopData(db, shopId);
  await db.settings.delete(lastReportKey(shopId));
}

/** Saves a new audience (expression must parse, name must not be blank). */
export function saveAudience(
  db: SellerLensDb,
  input: { shopId: string; name: string; expression: string; audienceId?: string },
  now?: number | string | Date,
): Promise<Audience> {
  return createAudience(db, input, now);
}

/** Renames / re-expresses a saved audience. */
export function updateAudience(
  db: SellerLensDb,
  audienceId: string,
  patch: { name?: string; expression?: string },
  now?: number | string | Date,
): Promise<Audience> {
  return updateSavedAudience(db, audienceId, patch, now);
}

/** Deletes a saved audience (its export records stay). True when it existed. */
export function deleteAudience(db: SellerLensDb, audienceId: string): Promise<boolean> {
  return deleteSavedAudience(db, audienceId);
}

/** Freezes an export record (members and control at export time). */
export function freezeExport(db: SellerLensDb, input: FreezeInput): Promise<ExportRecord> {
  return freezeExportRecord(db, input);
}

/** Deletes one export record. */
export function deleteExport(db: SellerLensDb, exportId: string): Promise<void> {
  return deleteExportRecord(db, exportId);
}

/** Persists the engine's snapshot of a shop for a data token, then drops the change log up to it. */
export async function persistSnapshot(
  db: SellerLensDb,
  snap: Snapshot,
  token: string,
  opts: { names?: string[]; builtAt?: string; pruneUpTo?: number } = {},
): Promise<void> {
  await saveAnalysisSnapshot(db, snap, token, opts);
  if (opts.pruneUpTo !== undefined) await pruneLog(db, snap.shopId, opts.pruneUpTo);
}

/** Keeps a fitted 高潜 model of a data token. */
export function saveAnalysisModel(db: SellerLensDb, shopId: string, token: string, model: PersistedModel): Promise<void> {
  return saveModel(db, shopId, token, model);
}

/** The side panel's last computed result of a shop (shown at once on reopening). */
export async function saveLastReport(db: SellerLensDb, shopId: string, saved: unknown): Promise<void> {
  await db.settings.put({ key: lastReportKey(shopId), value: saved });
}

/** The tier chips' per-shop lookup (written after each report). */
export async function saveTierLookup(db: SellerLensDb, shopId: string, value: unknown): Promise<void> {
  await db.settings.put({ key: tierCacheKey(shopId), value });
}

/** Replaces a shop by a backup file (the restore transaction). */
export function restoreShop(db: SellerLensDb, source: BackupSource, options: RestoreOptions = {}): Promise<RestoreResult> {
  return restoreBackupSource(db, source, options);
}
