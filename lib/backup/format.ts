/**
 * The backup file of SPEC §9 (`seller-lens-backup` version 1): its constants, its record arrays
 * and their §2 schemas, the budgets a restore keeps to, and the serialisation — keys in the
 * order of the §2 schemas, one record per line (the layout the streaming restore reads).
 */
import type { z } from 'zod';
import {
  Audience,
  Capture,
  Contact,
  Customer,
  ExportRecord,
  Order,
  OrderItem,
  PlatformSnapshot,
  Shop,
} from '../model';

export const BACKUP_FORMAT = 'seller-lens-backup';
export const BACKUP_VERSION = 1;

/** A backup of one shop, records exactly as in SPEC §2. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** Absent only in a hand-written file. */
  exportedAt?: string;
  shop: Shop;
  customers: Customer[];
  orders: Order[];
  contacts: Contact[];
  captures: Capture[];
  platformSnapshots: PlatformSnapshot[];
  audiences: Audience[];
  exports: ExportRecord[];
}

/** Record counts of a backup (what a restore wrote, what a preview counted). */
export interface BackupCounts {
  customers: number;
  orders: number;
  contacts: number;
  captures: number;
  platformSnapshots: number;
  audiences: number;
  exports: number;
}

/** Restore progress: records written so far of all records in the file. */
export interface RestoreProgress {
  phase: 'validating' | 'writing' | 'done';
  done: number;
  total: number;
}

/** The record arrays of a backup, in the order a backup writes them. */
export const BACKUP_ARRAYS = ['customers', 'orders', 'contacts', 'captures', 'platformSnapshots', 'audiences', 'exports'] as const;
/** The name of one record array of a backup. */
export type BackupArrayName = (typeof BACKUP_ARRAYS)[number];

/** Whether `k` names a record array of a backup. */
export const isBackupArray = (k: string): k is BackupArrayName => (BACKUP_ARRAYS as readonly string[]).includes(k);

/** The schema of each array's records. */
export const BACKUP_SCHEMAS: { [K in BackupArrayName]: z.ZodType<Backup[K][number]> } = {
  customers: Customer,
  orders: Order as unknown as z.ZodType<Order>,
  contacts: Contact,
  captures: Capture,
  platformSnapshots: PlatformSnapshot,
  audiences: Audience,
  exports: ExportRecord,
};

// ---- budgets (issue 11 item 9: refused with a clear message before memory runs out) ----

/**
 * Longest line read (in UTF-16 code units, ≈ bytes for the ASCII of JSON punctuation): the
 * biggest record seller-lens writes is a capture of one page (a few hundred rows of cells,
 * tens of KB); 1 MB is far above it and small enough that the reader never holds more than
 * ~2 MB of one unfinished line (a 2 GB one-line file is refused after its first MB).
 */
export const MAX_LINE_CHARS = 1 << 20;
/**
 * Most records one restore reads. The pass keeps per base record an 8-byte key hash, and per
 * customer and order a key-map entry (~100 bytes with its key string), and holds the small
 * arrays whole; 8,000,000 records keep that under ~600 MB in the worst mix, while the largest
 * shop measured (1M orders, 3.6M contacts, 0.3M customers: ~5M records) still fits.
 */
export const MAX_RECORDS = 8_000_000;
/** A file of another layout (minified, pretty-printed) is read whole up to this size; bigger ones must be one record per line. */
export const WHOLE_TEXT_MAX_BYTES = 16 << 20;
/** Bytes read per slice of a Blob: few Dexie.waitFor round trips, bounded memory. */
export const RESTORE_READ_BYTES = 8 << 20;

// ---- serialisation: keys in the order of the §2 schemas, one record per line ----

type Shape = { readonly shape: Record<string, unknown> };
const keysOf = (s: Shape) => Object.keys(s.shape);
const ORDER_KEYS = keysOf((Order as unknown as { in: Shape }).in);
const CUSTOMER_KEYS = keysOf(Customer);
const ITEM_KEYS = keysOf(OrderItem);
const CONTACT_KEYS = keysOf(Contact);

/** Writes `o` with `keys` first (in that order), then any other keys sorted; nested fields via `nested`. */
function ordered(
  o: Record<string, unknown>,
  keys: readonly string[],
  nested: Record<string, (v: unknown) => unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let written = 0;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    const f = nested[k];
    out[k] = f ? f(v) : v;
    written++;
  }
  const all = Object.keys(o);
  if (all.length !== written) {
    // Keys outside the schema (none in records read through it): kept, sorted, after the known ones.
    const known = new Set(keys);
    for (const k of all.filter((k) => !known.has(k) && o[k] !== undefined).sort()) out[k] = o[k];
  }
  return out;
}
const rec = (v: unknown) => v as Record<string, unknown>;
const window = (v: unknown) => ordered(rec(v), ['start', 'end']);

/** True when `o`'s keys already come in `keys` order (then it is written as is: no copy). */
function inOrder(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in o) {
    while (j < keys.length && keys[j] !== k) j++;
    if (j === keys.length) return false;
    j++;
  }
  return true;
}

const CANONICAL: { [K in BackupArrayName]: (r: Backup[K][number]) => Record<string, unknown> } = {
  customers: (r) => (inOrder(rec(r), CUSTOMER_KEYS) ? rec(r) : ordered(rec(r), CUSTOMER_KEYS)),
  orders: (r) => {
    const o = rec(r);
    const itemsOk = r.items.every((i) => inOrder(rec(i), ITEM_KEYS));
    if (itemsOk && inOrder(o, ORDER_KEYS)) return o;
    return ordered(o, ORDER_KEYS, {
      items: (items) => (items as unknown[]).map((i) => ordered(rec(i), ITEM_KEYS)),
    });
  },
  contacts: (r) => (inOrder(rec(r), CONTACT_KEYS) ? rec(r) : ordered(rec(r), CONTACT_KEYS)),
  captures: (r) =>
    ordered(rec(r), keysOf(Capture), {
      rejected: (list) => (list as unknown[]).map((x) => ordered(rec(x), ['row', 'reason'])),
    }),
  platformSnapshots: (r) =>
    ordered(rec(r), keysOf(PlatformSnapshot), {
      window,
      metrics: (m) => {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(rec(m)).sort()) out[k] = ordered(rec(rec(m)[k]), ['value', 'change']);
        return out;
      },
    }),
  audiences: (r) => ordered(rec(r), keysOf(Audience)),
  exports: (r) => ordered(rec(r), keysOf(ExportRecord), { window }),
};

/** The backup file's text chunk by chunk, made as they are read (a 1M-order file never held whole); joined they are `serializeBackup`. */
export function* serializeBackupChunks(backup: Backup): Generator<string> {
  yield '{\n';
  yield `  "format": ${JSON.stringify(backup.format)},\n  "version": ${JSON.stringify(backup.version)},\n`;
  if (backup.exportedAt !== undefined) yield `  "exportedAt": ${JSON.stringify(backup.exportedAt)},\n`;
  yield `  "shop": ${JSON.stringify(ordered(rec(backup.shop), keysOf(Shop)))}`;
  for (const name of BACKUP_ARRAYS) {
    const list = backup[name] as readonly unknown[];
    const canon = CANONICAL[name] as (r: unknown) => Record<string, unknown>;
    if (list.length === 0) {
      yield `,\n  ${JSON.stringify(name)}: []`;
      continue;
    }
    yield `,\n  ${JSON.stringify(name)}: [\n`;
    for (let i = 0; i < list.length; i++) {
      yield `    ${JSON.stringify(canon(list[i]))}${i + 1 < list.length ? ',\n' : '\n'}`;
    }
    yield '  ]';
  }
  yield '\n}\n';
}

/** The backup file as text chunks (for a Blob without one giant string); joined they are `serializeBackup`. */
export function serializeBackupParts(backup: Backup): string[] {
  return [...serializeBackupChunks(backup)];
}

/** The backup as JSON text: stable key order, one record per line, timestamps `…+08:00`. */
export function serializeBackup(backup: Backup): string {
  return serializeBackupParts(backup).join('');
}

/** Number of records per array. */
export function backupCounts(b: Backup): BackupCounts {
  return {
    customers: b.customers.length,
    orders: b.orders.length,
    contacts: b.contacts.length,
    captures: b.captures.length,
    platformSnapshots: b.platformSnapshots.length,
    audiences: b.audiences.length,
    exports: b.exports.length,
  };
}
