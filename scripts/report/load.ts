/**
 * Loading a backup file for the report CLI (and the multi-shop summary): the file's shop and its
 * analysis snapshot, or the refusal worded as the restore words it — never a throw.
 */
import { readFileSync } from 'node:fs';
import { backupCounts, parseBackup, type BackupCounts } from '../../lib/backup';
import { buildSnapshot, type Snapshot } from '../../lib/engine';
import type { Shop } from '../../lib/model';

/** A loaded backup: its shop, exportedAt, snapshot and record counts — or why it was refused. */
export type LoadedBackup =
  | { ok: true; shop: Shop; exportedAt?: string; snapshot: Snapshot; counts: BackupCounts }
  | { ok: false; reason: string };

/** Options of a load. */
export interface LoadOptions {
  /** Worker threads parsing the file (default: by size and cores; 0 = none). */
  workers?: number;
  /** Called as the file is read. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

/** Reads, validates and builds the snapshot of one backup file. */
export async function loadBackupFile(file: string, opts: LoadOptions = {}): Promise<LoadedBackup> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  opts.onProgress?.(text.length, text.length);
  const parsed = parseBackup(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { backup } = parsed;
  const snapshot = buildSnapshot({ shop: backup.shop, customers: backup.customers, orders: backup.orders, contacts: backup.contacts });
  return {
    ok: true,
    shop: backup.shop,
    ...(backup.exportedAt !== undefined ? { exportedAt: backup.exportedAt } : {}),
    snapshot,
    counts: backupCounts(backup),
  };
}
