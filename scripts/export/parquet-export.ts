/**
 * `exportParquet(file, dir)`: a backup's customers, orders, order items and contacts as Parquet
 * files, plus the 高潜 scores of the report's window (the model `npm run report` fits, scored as
 * of W.end over users(W) − purchasers(W)). Files are written to a temporary folder while the
 * backup streams in and moved into `dir` only once the whole file was valid: a refused backup
 * writes nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, openAsBlob, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { overAnyLayout } from '../../lib/backup/restore';
import { nonPurchasingUsers, toRange, type DayWindow } from '../../lib/engine';
import { dayNumber } from '../../lib/model';
import {
  CONTACTS_TABLE,
  CUSTOMERS_TABLE,
  ORDER_ITEMS_TABLE,
  ORDERS_TABLE,
  PROPENSITY_SCORES_TABLE,
  orderItemRows,
  type ParquetTable,
} from '../../lib/export/parquet-tables';
import { reportOfLoaded } from '../report/compute';
import { ParquetTableFile } from './parquet-file';
import { readBackupInto, type ReadBackup } from './read';

/** One written file: its table, path and row count. */
export interface WrittenFile {
  table: string;
  path: string;
  rows: number;
  bytes: number;
}

/** What an export did: the files and the window of the 高潜 scores — or why the backup was refused. */
export type ExportResult =
  | { ok: true; shopId: string; window: DayWindow; scorer: string; files: WrittenFile[] }
  | { ok: false; reason: string };

/** Moves a file, across file systems too. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

type Staged = Extract<ReadBackup, { ok: true }> & { tmp: string; files: ParquetTableFile<never>[] };

/** One pass over the source into a fresh temporary folder (removed again unless the pass succeeds). */
async function stage(src: Blob | string): Promise<Staged | { ok: false; reason: string }> {
  const tmp = mkdtempSync(join(tmpdir(), 'seller-lens-export-'));
  try {
    const open = <R>(t: ParquetTable<R>) => new ParquetTableFile(t, join(tmp, `${t.name}.parquet`));
    const customers = open(CUSTOMERS_TABLE), orders = open(ORDERS_TABLE), items = open(ORDER_ITEMS_TABLE), contacts = open(CONTACTS_TABLE);
    const read = await readBackupInto(src, {
      customer: (c) => customers.add(c),
      order: (o) => {
        orders.add(o);
        for (const row of orderItemRows(o)) items.add(row);
      },
      contact: (c) => contacts.add(c),
    });
    if (!read.ok) {
      rmSync(tmp, { recursive: true, force: true });
      return read;
    }
    const files = [customers, orders, items, contacts] as ParquetTableFile<never>[];
    for (const f of files) f.finish();
    return { ...read, tmp, files };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Exports backup `file` into folder `dir` (created when missing); the scores are of window from..to (default: the report's). */
export async function exportParquet(file: string, dir: string, range: { from?: string; to?: string } = {}): Promise<ExportResult> {
  let src: Blob;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    src = await openAsBlob(file);
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  const staged = await overAnyLayout(src, {}, stage);
  if (!staged.ok) return { ok: false, reason: staged.reason };
  const { tmp } = staged;
  try {
    const { window, model } = reportOfLoaded(staged, range);
    const snap = staged.snapshot;
    // The scorer the report's 高潜 uses: the backtest's pick where the model reports one (issue 14), else the model's kind.
    const scorer = (model as { selection?: { chosen: string } }).selection?.chosen ?? model.kind;
    const r = toRange(window);
    const candidates = nonPurchasingUsers(snap, r);
    const p = candidates.length > 0 ? model.score(snap, r.end, candidates) : new Float64Array(0);
    const scores = new ParquetTableFile(PROPENSITY_SCORES_TABLE, join(tmp, `${PROPENSITY_SCORES_TABLE.name}.parquet`));
    for (let j = 0; j < candidates.length; j++) {
      scores.add({
        shopId: snap.shopId,
        customerKey: snap.customerKeys[candidates[j]!]!,
        windowStartDay: dayNumber(window.start),
        asOfDay: r.end,
        probability: p[j]!,
        scorer,
      });
    }
    scores.finish();
    mkdirSync(dir, { recursive: true });
    const files: WrittenFile[] = [];
    for (const f of [...staged.files, scores] as ParquetTableFile<never>[]) {
      const to = join(dir, `${f.table.name}.parquet`);
      move(f.path, to);
      files.push({ table: f.table.name, path: to, rows: f.rows, bytes: statSync(to).size });
    }
    return { ok: true, shopId: snap.shopId, window, scorer, files };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
