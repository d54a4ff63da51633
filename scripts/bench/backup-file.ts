/**
 * The bench shop as a §9 backup file (lib/backup's writer, one record per line), written once
 * and reused: the file the report comparison reads with the CLI, the reference and DuckDB.
 */
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { BACKUP_FORMAT, BACKUP_VERSION, serializeBackupChunks, type Backup } from '../../lib/backup';
import type { Contact, Customer, Order } from '../../lib/model';
import { generateShopStream } from '../../tests/fixtures/generate';
import type { Opts } from './options';

/** Bytes gathered before one write. */
const WRITE_BYTES = 4 << 20;

/** Writes the bench shop's backup to `file` unless it is there already; returns its size in bytes. */
export function ensureBenchBackup(opts: Opts, file: string): number {
  if (existsSync(file)) return statSync(file).size;
  const customers: Customer[] = [], orders: Order[] = [], contacts: Contact[] = [];
  const shop = generateShopStream(
    { seed: opts.seed, platform: 'douyin', shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: opts.endDay, days: opts.days },
    { customer: (c) => customers.push(c), contact: (c) => contacts.push(c), order: (o) => orders.push(o) },
  );
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: `${opts.endDay}T23:00:00+08:00`,
    shop,
    customers,
    orders,
    contacts,
    captures: [],
    platformSnapshots: [],
    audiences: [],
    exports: [],
  };
  const tmp = `${file}.part`;
  const fd = openSync(tmp, 'w');
  try {
    let buf: string[] = [], n = 0;
    for (const chunk of serializeBackupChunks(backup)) {
      buf.push(chunk);
      n += chunk.length;
      if (n >= WRITE_BYTES) {
        writeSync(fd, buf.join(''));
        (buf = []), (n = 0);
      }
    }
    writeSync(fd, buf.join(''));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return statSync(file).size;
}
