/** File names of downloads (SPEC §10): stable, dated in UTC+8. */
import { dayOfEpoch, isDay, parseInstant } from '../model';

// Bidi controls and marks (a U+202E shop name would show "…exe.txt" as "…txt.exe"), line separators.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * A shop id or name made safe for a file name: path separators, reserved and control characters
 * become "_", bidi controls are dropped, and a leading dot (hidden file, `..`) becomes "_".
 */
export function fileSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(BIDI, '').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();
  return safe.replace(/^\./, '_') || '_';
}

/** The UTC+8 day of `at` (epoch ms, Date or timestamp text; default now) as YYYYMMDD. */
export function compactDay(at: number | string | Date = Date.now()): string {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : parseInstant(at);
  if (ms === null || !Number.isFinite(ms)) throw new RangeError(`unreadable time for a file name: ${String(at)}`);
  return dayOfEpoch(ms).replaceAll('-', '');
}

/** `seller-lens-backup-<shopId>-<YYYYMMDD>.json`, the day of `at` in UTC+8. */
export function backupFileName(shopId: string, at: number | string | Date = Date.now()): string {
  return `seller-lens-backup-${fileSafe(shopId)}-${compactDay(at)}.json`;
}

/** `seller-lens-report-<shopId>-<from>-<to>.json` with from/to as YYYY-MM-DD. */
export function reportFileName(shopId: string, from: string, to: string): string {
  if (!isDay(from) || !isDay(to)) throw new RangeError(`report window must be YYYY-MM-DD days, got ${from} – ${to}`);
  return `seller-lens-report-${fileSafe(shopId)}-${from}-${to}.json`;
}

/** `seller-lens-<kind>-<shopId>-<label>-<YYYYMMDD>.<ext>` for audience exports (CSV, XLSX, DMP …). */
export function exportFileName(
  kind: string,
  shopId: string,
  label: string,
  ext: string,
  at: number | string | Date = Date.now(),
): string {
  const safeLabel = fileSafe(label).replace(/\s+/g, '_');
  return `seller-lens-${fileSafe(kind)}-${fileSafe(shopId)}-${safeLabel}-${compactDay(at)}.${ext.replace(/^\./, '')}`;
}
