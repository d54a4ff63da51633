/**
 * A backup file read whole (the report CLI, a file of another layout than one record per line):
 * JSON.parse, then the same BackupChecker as the streaming restore, record by record.
 */
import { BACKUP_ARRAYS, BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupArrayName } from './format';
import { refusal, refused, type Refusal } from './refusals';
import { BackupChecker, StopReading } from './validate-record';

export type ParseBackupResult = { ok: true; backup: Backup } | { ok: false; reason: string; refusal: Refusal };

/** Validates an already-parsed JSON value as a whole backup; nothing is accepted partially. */
export function validateBackup(value: unknown, options: { expectShopId?: string; maxRecords?: number } = {}): ParseBackupResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return refused(refusal('backup.notObject'));
  const file = value as Record<string, unknown>;
  const checker = new BackupChecker(options);
  const arrays = {} as Record<BackupArrayName, unknown[]>;
  try {
    for (const key of ['format', 'version', 'exportedAt', 'shop']) if (key in file) checker.field(key, file[key]);
    for (const name of BACKUP_ARRAYS) {
      const raw = file[name];
      arrays[name] = [];
      if (raw === undefined) continue;
      if (!Array.isArray(raw)) {
        checker.field(name, raw);
        continue;
      }
      const out: unknown[] = arrays[name];
      for (let i = 0; i < raw.length; i++) out.push(checker.record(name, i, raw[i]));
    }
  } catch (e) {
    if (e instanceof StopReading) return refused(e.refusal);
    throw e;
  }
  const r = checker.finish();
  if (!r.ok) return refused(r.refusal);
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    ...(r.exportedAt !== undefined ? { exportedAt: r.exportedAt } : {}),
    shop: r.shop,
    ...arrays,
  } as Backup;
  return { ok: true, backup };
}

/** Parses and validates a backup file's text completely: `{ ok, backup }` or `{ ok: false, reason, refusal }`. */
export function parseBackup(text: string): ParseBackupResult {
  if (text.trim() === '') return refused(refusal('backup.empty'));
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return refused(refusal('backup.notJson', { detail: (e as Error).message }));
  }
  return validateBackup(value);
}
