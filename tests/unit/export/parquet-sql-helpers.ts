/** Shared by the docs/sql tests: where the SQL lives, the exported tables, a backup of a world, a file with its window. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backup } from '@/lib/backup';
import type { DayWindow } from '@/lib/engine';
import { dayNumber, type ShopData } from '@/lib/model';
import { withWindow } from '@/scripts/export/sql-run';

export const SQL_DIR = join(__dirname, '../../../docs/sql');
export const TABLES = ['customers', 'orders', 'order_items', 'contacts', 'propensity_scores'] as const;

/** A §9 backup of a world (exported 2026-12-01). */
export const backupOf = (d: ShopData): Backup => ({
  format: 'seller-lens-backup',
  version: 1,
  exportedAt: '2026-12-01T10:00:00+08:00',
  ...d,
  captures: [],
  platformSnapshots: [],
  audiences: [],
  exports: [],
});

/** A docs/sql file with the window (and W.end) substituted into its params CTE. */
export function sqlOf(file: string, w: DayWindow): string {
  return withWindow(readFileSync(join(SQL_DIR, file), 'utf8'), dayNumber(w.start), dayNumber(w.end));
}
