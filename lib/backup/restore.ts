/**
 * The streaming pass over a §9 backup (a File / Blob, or a string), for files far past V8's
 * string limit (a 1M-order backup is ~1.26 GB): ONE pass, one record per line as
 * `serializeBackupParts` writes it. Each line: JSON.parse, then BackupChecker (the one per-record
 * validator: fast readers, zod for the exact reason, key maps for duplicates); each accepted
 * customer / order / contact gets its 53-bit keyHash, feeds the streaming snapshot builder and,
 * in a restore, goes as its canonical line (the file's own text when it already is) to the block
 * writer, which puts blocks while later lines are validated — IndexedDB writes in the browser
 * process while this thread parses, so the two cores overlap. After the first refused record
 * nothing more is written; validation goes on to give every reason.
 *
 * The transaction around a restore is lib/backup/transaction.ts; this module writes nothing.
 *
 * Another JSON layout (minified, pretty-printed, arrays before `shop`) falls back to parseBackup
 * over the whole text when it is at most WHOLE_TEXT_MAX_BYTES, else is refused with a message
 * naming the expected layout (a line longer than MAX_LINE_CHARS: `backup.lineTooLong`).
 */
import { dayOf, type Audience, type Capture, type Contact, type Customer, type ExportRecord, type Order, type PlatformSnapshot, type Shop } from '../model';
import { keyHash } from '../db/blocks';
import { contactIdOf } from '../db/keys';
import { contactKeyHash, isCanonicalText } from '../db/fast-records';
import type { BlockKind } from '../db/schema';
import { createSnapshotBuilder, type Snapshot, type SnapshotBuilder } from '../engine/snapshot';
import { BLOCK_KINDS, F64, type BlockWriter } from './block-writer';
import { WHOLE_TEXT_MAX_BYTES, serializeBackupParts, type BackupArrayName, type BackupCounts, type RestoreProgress } from './format';
import { LineLayout, LineReader, LineTooLong, NotLineLayout, type BackupSource } from './line-reader';
import { parseBackup } from './parse';
import { refusal, refused, type Refusal } from './refusals';
import { BackupChecker, StopReading } from './validate-record';

export type { BackupSource };

/** Options of a restore (and of its validation alone). */
export interface RestoreOptions {
  onProgress?: (p: RestoreProgress) => void;
  /** Refuse a file of another shop than this one. */
  expectShopId?: string;
  /** Build the shop's analysis snapshot while validating and store it with the data (default true). */
  snapshot?: boolean;
  /** Bytes per read of a Blob (default RESTORE_READ_BYTES; tests split characters with tiny reads). */
  readBytes?: number;
  /** Largest file of another layout read as one string (default WHOLE_TEXT_MAX_BYTES). */
  wholeTextMaxBytes?: number;
  /** Longest line (default MAX_LINE_CHARS). */
  maxLineChars?: number;
  /** Most records (default MAX_RECORDS). */
  maxRecords?: number;
  /** Storage the browser has left (navigator.storage.estimate: quota − usage); a bigger file is refused before reading. */
  storageFreeBytes?: number;
}

/** The outcome of a restore: the shop and what was written, or the refusal (nothing changed). */
export type RestoreResult = { ok: true; shopId: string; counts: BackupCounts } | { ok: false; reason: string; refusal: Refusal };
/** A refused outcome. */
export type Refused = Extract<RestoreResult, { ok: false }>;

const isBlockKind = (k: BackupArrayName): k is BlockKind => k === 'customers' || k === 'orders' || k === 'contacts';

/** Per base kind: keyHash of each record's key (by index), the count, maxDay. */
export interface KindInfo {
  hashes: F64;
  count: number;
  maxDay: string | null;
  /** The latest instant seen (maxDay is its day, set at the end). */
  maxAt: string | null;
}

/** What the pass keeps: no base records, only what the end of a restore and a refusal need. */
export interface Validated {
  shop: Shop;
  exportedAt?: string;
  kinds: Record<BlockKind, KindInfo>;
  /** Small arrays, validated records in file order. */
  small: { captures: Capture[]; platformSnapshots: PlatformSnapshot[]; audiences: Audience[]; exports: ExportRecord[] };
  /** The streaming snapshot builder fed every base record (null when not asked for). */
  builder: SnapshotBuilder | null;
}

/**
 * The latest instant of a record. Validated instants are canonical `…+08:00` text, whose day is
 * its first 10 characters (dayOf), so the latest text has the latest day: the day is taken once,
 * at the end, not sliced per record.
 */
function maxAtOf(kind: BlockKind, r: Order | Contact): string {
  if (kind === 'contacts') return (r as Contact).at;
  const o = r as Order;
  return o.paidAt !== undefined && o.paidAt > o.placedAt ? o.paidAt : o.placedAt;
}

/**
 * One pass over the source: validates every line, keeps each base record's keyHash, feeds the
 * snapshot builder, and hands each accepted base record's canonical line to `writer` (a restore)
 * until the first refused record. Throws NotLineLayout / LineTooLong when the source is not one
 * record per line.
 */
export async function streamPass(
  src: BackupSource,
  opts: RestoreOptions,
  writer: BlockWriter | null,
  read: <T>(p: Promise<T>) => Promise<T> = (p) => p,
): Promise<{ ok: true; v: Validated } | Refused> {
  const reader = new LineReader(src, opts.readBytes, opts.maxLineChars);
  // Set from the layout's callbacks (a holder: control flow does not see closure assignments).
  const st: { builder: SnapshotBuilder | null } = { builder: null };
  const checker: BackupChecker = new BackupChecker({
    ...(opts.expectShopId !== undefined ? { expectShopId: opts.expectShopId } : {}),
    ...(opts.maxRecords !== undefined ? { maxRecords: opts.maxRecords } : {}),
    onShop: (shop) => {
      if (opts.snapshot !== false && !checker.refused) st.builder = createSnapshotBuilder(shop);
    },
  });
  const kinds = {} as Record<BlockKind, KindInfo>;
  for (const k of BLOCK_KINDS) kinds[k] = { hashes: new F64(), count: 0, maxDay: null, maxAt: null };
  const small: Validated['small'] = { captures: [], platformSnapshots: [], audiences: [], exports: [] };

  const layout: LineLayout = new LineLayout({
    field: (key, value) => checker.field(key, value),
    record(name, index, text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new NotLineLayout(layout.line, `${name}[${index}] is not one JSON value on its line`);
      }
      const data = checker.record(name, index, value);
      if (checker.refused) st.builder = null; // a refused file builds nothing more (and writes nothing more)
      if (data === undefined) return;
      if (isBlockKind(name)) {
        const info = kinds[name];
        info.count = index + 1;
        if (checker.refused) return;
        info.hashes.push(
          name === 'customers'
            ? keyHash((data as Customer).customerKey)
            : name === 'orders'
              ? keyHash((data as Order).orderId)
              : (contactKeyHash(data as Contact) ?? keyHash(contactIdOf(data as Contact))),
        );
        if (writer) {
          // The line as encodeBlock would write it: the file's own text when it is already that
          // (proven on the parsed object without stringify when it is the reader's output).
          const line = data === value ? (isCanonicalText(text, value) ? text : JSON.stringify(data)) : JSON.stringify(data);
          writer.add(name, line);
        }
        if (name !== 'customers') {
          const at = maxAtOf(name, data as Order | Contact);
          if (info.maxAt === null || at > info.maxAt) info.maxAt = at;
        }
        const b = st.builder;
        if (b) {
          if (name === 'customers') b.addCustomer(data as Customer);
          else if (name === 'orders') b.addOrder(data as Order);
          else b.addContact(data as Contact);
        }
      } else if (!checker.refused) (small[name] as unknown[]).push(data);
    },
  });

  opts.onProgress?.({ phase: 'validating', done: 0, total: reader.size });
  try {
    while (await read(reader.fill())) {
      for (let lines = reader.piece(); lines !== null; lines = reader.piece()) {
        for (const line of lines) {
          layout.feed(line);
          if (writer?.hasDue && !checker.refused) await writer.flushDue(checker.shop!.shopId);
        }
      }
      opts.onProgress?.({ phase: 'validating', done: reader.done, total: reader.size });
    }
    layout.end();
  } catch (e) {
    if (e instanceof StopReading) return refused(e.refusal);
    throw e;
  }
  const verdict = checker.finish();
  if (!verdict.ok) return refused(verdict.refusal);
  for (const k of ['orders', 'contacts'] as const) kinds[k].maxDay = kinds[k].maxAt === null ? null : dayOf(kinds[k].maxAt!);
  return {
    ok: true,
    v: { shop: verdict.shop, ...(verdict.exportedAt !== undefined ? { exportedAt: verdict.exportedAt } : {}), kinds, small, builder: st.builder },
  };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * Runs `pass` over the source after the budgets known before reading (an empty file, a file
 * bigger than the storage left); a file of another layout goes through parseBackup (when it is
 * small enough to be read whole) and `pass` runs again over its records in the line layout.
 */
export async function overAnyLayout<T>(
  src: BackupSource,
  opts: RestoreOptions,
  pass: (s: BackupSource) => Promise<T | Refused>,
): Promise<T | Refused> {
  const size = typeof src === 'string' ? src.length : src.size;
  if (size === 0) return refused(refusal('backup.empty'));
  if (opts.storageFreeBytes !== undefined && size > opts.storageFreeBytes) {
    return refused(refusal('backup.tooBigForStorage', { mb: mb(size), freeMb: mb(Math.max(0, opts.storageFreeBytes)) }));
  }
  try {
    return await pass(src);
  } catch (e) {
    if (!(e instanceof NotLineLayout) && !(e instanceof LineTooLong)) throw e;
    if (size > (opts.wholeTextMaxBytes ?? WHOLE_TEXT_MAX_BYTES)) {
      if (e instanceof LineTooLong) return refused(refusal('backup.lineTooLong', { line: e.line }));
      return refused(refusal('backup.notLineLayout', { mb: mb(size), line: e.line, detail: e.message }));
    }
    const text = typeof src === 'string' ? src : await src.text();
    const parsed = parseBackup(text);
    if (!parsed.ok) return parsed;
    // The validated records in the line layout: the same engine restores them.
    return pass(serializeBackupParts(parsed.backup).join(''));
  }
}

/** A restore's validation alone (and the snapshot it builds), nothing written: for benches and dry runs. */
export async function validateBackupSource(
  source: BackupSource,
  options: RestoreOptions = {},
): Promise<{ ok: true; shopId: string; counts: Record<BlockKind, number>; snapshot: Snapshot | null } | Refused> {
  return overAnyLayout(source, options, async (src) => {
    const r = await streamPass(src, options, null);
    if (!r.ok) return r;
    const { kinds, shop, builder } = r.v;
    return {
      ok: true as const,
      shopId: shop.shopId,
      counts: { customers: kinds.customers.count, orders: kinds.orders.count, contacts: kinds.contacts.count },
      snapshot: builder ? builder.finish().snap : null,
    };
  });
}
