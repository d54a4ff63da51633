/**
 * Full backup of one shop (SPEC §9): `seller-lens-backup` version 1. Build, serialise with a
 * stable key order, validate a file completely, and restore it in one transaction.
 */
import type { z } from 'zod';
import {
  Audience,
  Capture,
  Contact,
  Customer,
  ExportRecord,
  Instant,
  Order,
  OrderItem,
  PlatformSnapshot,
  Shop,
  toShanghaiIso,
} from '../model';
import {
  compareContacts,
  describeRecordIssues,
  fastContact,
  fastOrder,
  readShopRecords,
  shopTables,
  summarizeReasons,
  toCapture,
  withoutUndefined,
  type SellerLensDb,
} from '../db';
import { restoreBackupSource } from './restore';

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

/** Record counts of a backup (what a restore wrote). */
export interface BackupCounts {
  customers: number;
  orders: number;
  contacts: number;
  captures: number;
  platformSnapshots: number;
  audiences: number;
  exports: number;
}

export type ParseBackupResult = { ok: true; backup: Backup } | { ok: false; reason: string };
export type RestoreResult = { ok: true; shopId: string; counts: BackupCounts } | { ok: false; reason: string };
/** Restore progress: records written so far of all records in the file. */
export interface RestoreProgress {
  phase: 'validating' | 'writing' | 'done';
  done: number;
  total: number;
}

/** The record arrays of a backup, in the order a backup writes them. */
export const BACKUP_ARRAYS = ['customers', 'orders', 'contacts', 'captures', 'platformSnapshots', 'audiences', 'exports'] as const;
const ARRAYS = BACKUP_ARRAYS;
/** The name of one record array of a backup. */
export type BackupArrayName = (typeof BACKUP_ARRAYS)[number];
type ArrayName = BackupArrayName;

/** The schema of each array's records. */
export const BACKUP_SCHEMAS: { [K in ArrayName]: z.ZodType<Backup[K][number]> } = {
  customers: Customer,
  orders: Order as unknown as z.ZodType<Order>,
  contacts: Contact,
  captures: Capture,
  platformSnapshots: PlatformSnapshot,
  audiences: Audience,
  exports: ExportRecord,
};

/** Fast paths for the big arrays; anything unusual falls through to the schema. */
const FAST: Partial<Record<ArrayName, (v: unknown) => unknown>> = { orders: fastOrder, contacts: fastContact };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/** Everything of one shop as a backup object, in a stable record order. */
export async function buildBackup(
  db: SellerLensDb,
  shopId: string,
  exportedAt: string | number = Date.now(),
): Promise<Backup> {
  const at = typeof exportedAt === 'number' ? toShanghaiIso(exportedAt) : Instant.parse(exportedAt);
  return db.transaction('r', [...shopTables(db)], async () => {
    const shop = await db.shops.get(shopId);
    if (!shop) throw new Error(`no shop with id "${shopId}" in this profile`);
    // Base records not masked by a row, plus the rows (contacts already in compareContacts order).
    const [{ customers, orders, contacts }, captures, platformSnapshots, audiences, exports] = await Promise.all([
      readShopRecords(db, shopId),
      db.captures.where('shopId').equals(shopId).toArray(),
      db.platformSnapshots.where('shopId').equals(shopId).toArray(),
      db.audiences.where('shopId').equals(shopId).toArray(),
      db.exports.where('shopId').equals(shopId).toArray(),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: at,
      shop: withoutUndefined(shop),
      customers: customers.sort((a, b) => byText(a.customerKey, b.customerKey)).map((r) => withoutUndefined(r)),
      orders: orders
        .sort((a, b) => byText(a.placedAt, b.placedAt) || byText(a.orderId, b.orderId))
        .map((o) => withoutUndefined(o)),
      contacts: contacts.map((c) => withoutUndefined(c)),
      captures: captures
        .sort((a, b) => byText(a.capturedAt, b.capturedAt) || byText(a.captureId, b.captureId))
        .map((c) => withoutUndefined(toCapture(c))),
      platformSnapshots: platformSnapshots
        .sort((a, b) => byText(a.source, b.source) || byText(a.seenOn, b.seenOn))
        .map((r) => withoutUndefined(r)),
      audiences: audiences.sort((a, b) => byText(a.audienceId, b.audienceId)).map((r) => withoutUndefined(r)),
      exports: exports
        .sort((a, b) => byText(a.exportedAt, b.exportedAt) || byText(a.exportId, b.exportId))
        .map((r) => withoutUndefined(r)),
    };
  });
}

// ---- serialisation: keys in the order of the §2 schemas, one record per line ----

type Shape = { readonly shape: Record<string, unknown> };
const keysOf = (s: Shape) => Object.keys(s.shape);
const ORDER_KEYS = keysOf((Order as unknown as { in: Shape }).in);

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

const CUSTOMER_KEYS = keysOf(Customer);
const ITEM_KEYS = keysOf(OrderItem);
const CONTACT_KEYS = keysOf(Contact);

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

const CANONICAL: { [K in ArrayName]: (r: Backup[K][number]) => Record<string, unknown> } = {
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
  for (const name of ARRAYS) {
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

// ---- validation ----

/** Validates an already-parsed JSON value as a whole backup; nothing is accepted partially. */
export function validateBackup(value: unknown): ParseBackupResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'not a seller-lens backup: the file is not a JSON object' };
  }
  const file = value as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT) {
    return {
      ok: false,
      reason:
        file.format === undefined
          ? 'not a seller-lens backup: no "format" field'
          : `not a seller-lens backup: format is ${JSON.stringify(file.format)}, expected "${BACKUP_FORMAT}"`,
    };
  }
  if (file.version !== BACKUP_VERSION) {
    return {
      ok: false,
      reason: `backup version ${JSON.stringify(file.version)} is not supported (this seller-lens reads version ${BACKUP_VERSION})`,
    };
  }
  const reasons: string[] = [];
  let exportedAt: string | undefined;
  if (file.exportedAt !== undefined) {
    const r = Instant.safeParse(file.exportedAt);
    if (r.success) exportedAt = r.data;
    else reasons.push(...describeRecordIssues('exportedAt', r.error.issues, file.exportedAt));
  }
  const shopR = Shop.safeParse(file.shop);
  if (!shopR.success) {
    reasons.push(...(file.shop === undefined ? ['shop: missing'] : describeRecordIssues('shop', shopR.error.issues, file.shop)));
  }
  const shopId = shopR.success ? shopR.data.shopId : undefined;

  const parsed = {} as { [K in ArrayName]: (Backup[K][number] | undefined)[] };
  let hidden = 0;
  const MAX = 20;
  for (const name of ARRAYS) {
    const raw = file[name];
    if (raw === undefined) {
      parsed[name] = [];
      continue;
    }
    if (!Array.isArray(raw)) {
      reasons.push(`${name}: expected an array`);
      parsed[name] = [];
      continue;
    }
    const schema = BACKUP_SCHEMAS[name] as z.ZodType;
    const fast = FAST[name];
    const out: unknown[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const quick = fast?.(raw[i]);
      const r = quick !== undefined ? { success: true as const, data: quick } : schema.safeParse(raw[i]);
      if (r.success) {
        out[i] = quick ?? withoutUndefined(r.data as object);
        const sid = (r.data as { shopId: string }).shopId;
        if (shopId !== undefined && sid !== shopId) {
          if (reasons.length < MAX) reasons.push(`${name}[${i}].shopId: "${sid}" differs from the backup's shop "${shopId}"`);
          else hidden++;
        }
      } else if (reasons.length < MAX) {
        reasons.push(...describeRecordIssues(`${name}[${i}]`, r.error.issues, raw[i]));
      } else hidden++;
    }
    (parsed as Record<string, unknown[]>)[name] = out;
  }

  // Duplicate natural keys would silently overwrite each other on restore: refuse them.
  const unique = <T>(name: ArrayName, field: string, keyOf: (r: T) => string) => {
    const first = new Map<string, number>();
    (parsed[name] as (T | undefined)[]).forEach((r, i) => {
      if (r === undefined) return;
      const k = keyOf(r);
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else if (reasons.length < MAX) reasons.push(`${name}[${i}].${field}: duplicate ${field} ${JSON.stringify(k)} (also ${name}[${j}])`);
      else hidden++;
    });
  };
  unique<Customer>('customers', 'customerKey', (r) => r.customerKey);
  unique<Order>('orders', 'orderId', (r) => r.orderId);
  unique<Capture>('captures', 'captureId', (r) => r.captureId);
  unique<PlatformSnapshot>('platformSnapshots', 'seenOn', (r) => `${r.source}|${r.seenOn}`);
  unique<Audience>('audiences', 'audienceId', (r) => r.audienceId);
  unique<ExportRecord>('exports', 'exportId', (r) => r.exportId);

  if (reasons.length > 0 || !shopR.success) {
    const all = [...reasons, ...new Array<string>(hidden).fill('')];
    return { ok: false, reason: `backup refused, nothing was changed: ${summarizeReasons(all)}` };
  }
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    ...(exportedAt !== undefined ? { exportedAt } : {}),
    shop: withoutUndefined(shopR.data),
  } as Backup;
  for (const name of ARRAYS) (backup as unknown as Record<string, unknown[]>)[name] = parsed[name];
  return { ok: true, backup };
}

/** Parses and validates a backup file's text completely: `{ ok, backup }` or `{ ok: false, reason }`. */
export function parseBackup(text: string): ParseBackupResult {
  if (text.trim() === '') return { ok: false, reason: 'not a seller-lens backup: the file is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, reason: `not a seller-lens backup: the file is not valid JSON (${(e as Error).message})` };
  }
  return validateBackup(value);
}

// ---- restore ----

/**
 * Validates the whole file, then replaces that shop's records with the file's in ONE
 * transaction (other shops untouched). Any failure, even midway, changes nothing. The text
 * goes through the streaming restore (restore.ts) like a File does.
 */
export async function restoreBackup(
  db: SellerLensDb,
  text: string,
  onProgress?: (p: RestoreProgress) => void,
  options: { expectShopId?: string; snapshot?: boolean } = {},
): Promise<RestoreResult> {
  return restoreBackupSource(db, text, { ...options, ...(onProgress ? { onProgress } : {}) });
}
