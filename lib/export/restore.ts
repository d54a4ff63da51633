/**
 * Streaming restore of a §9 backup (a File / Blob, or a string), for files far past V8's string
 * limit (a 1M-order backup is ~1.26 GB). Two passes over the file, one record per line as
 * `serializeBackupParts` writes it:
 *
 *   pass 1 (validate)  reads the whole file keeping no records: JSON.parse + the fast readers
 *                      (zod fallback for the exact reason) per line, key maps for duplicates,
 *                      the 53-bit keyHash of every base record's natural key, which lines are
 *                      canonical (their text is what encodeBlock would write), and feeds every
 *                      record into the streaming snapshot builder.
 *   pass 2 (write)     ONE rw transaction: deletes the shop's old records, re-reads the file
 *                      (each read wrapped in Dexie.waitFor so the transaction stays open) and
 *                      writes customers / orders / contacts as base blocks (canonical lines are
 *                      joined as they are, no parse), one directory row per kind from pass 1's
 *                      hashes, the small arrays as rows, markShopReplaced, and the snapshot with
 *                      the shop's new data token. Any failure aborts it: nothing changed.
 *
 * Exact duplicate contacts (same contactId) collapse into one stored contact, the last one in
 * the file winning, as the row restore did. Pass 1 keeps only their keyHash (3.6M × 8 bytes, no
 * contactId strings); equal hashes are candidates, verified in pass 2 by their real contactId
 * (a collision of distinct contacts keeps both). Candidates are written at the end, after the
 * other contacts. The pass-1 snapshot saw every contact, so when a real duplicate is found it is
 * not persisted (the panel then builds it from the stored records, as for any other restore).
 *
 * Another JSON layout (minified, pretty-printed, arrays before `shop`) falls back to
 * parseBackup over the whole text when it fits in one string, else is refused with a message
 * naming the expected layout.
 */
import { Dexie } from 'dexie';
import type { z } from 'zod';
import {
  Audience,
  Capture,
  Contact,
  Customer,
  ExportRecord,
  Instant,
  Order,
  PlatformSnapshot,
  Shop,
  dayOf,
} from '../model';
import {
  BLOCK_RECORDS,
  buildDirectory,
  captureFingerprint,
  contactIdOf,
  contactKeyHash,
  deleteShopRecords,
  describeRecordIssues,
  fastContact,
  fastCustomer,
  fastOrder,
  isCanonicalText,
  keyHash,
  markShopReplaced,
  shopDataToken,
  shopTables,
  summarizeReasons,
  withoutUndefined,
  type AnalysisSnapshot,
  type BlockDirectory,
  type BlockKind,
  type SellerLensDb,
} from '../db';
import { analysisSnapshotRecord, analysisTokenKey } from '../db/analysis-snapshot';
import { createSnapshotBuilder, type SnapshotBuilder } from '../engine/snapshot';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  parseBackup,
  serializeBackupParts,
  type BackupCounts,
  type RestoreProgress,
  type RestoreResult,
} from './backup';

/** A backup file: a File / Blob (read in slices) or its text. */
export type BackupSource = Blob | string;

/** Options of a restore. */
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
}

/** Bytes read per slice of a Blob: few Dexie.waitFor round trips in pass 2, bounded memory. */
export const RESTORE_READ_BYTES = 8 << 20;
/** Bytes decoded into one string (≤ 64 KB of UTF-16: below V8's large-object size). */
const DECODE_PIECE = 32 << 10;
/** Largest file of another layout that is read as one string (V8's limit is ~537M characters). */
export const WHOLE_TEXT_MAX_BYTES = 256 << 20;
/** Base blocks in flight in pass 2 before waiting for the oldest put (bounded memory). */
const PENDING_PUTS = 6;
/** Reasons kept per array (more are counted): as validateBackup's cap. */
const MAX = 20;

const ARRAYS = ['customers', 'orders', 'contacts', 'captures', 'platformSnapshots', 'audiences', 'exports'] as const;
type ArrayName = (typeof ARRAYS)[number];
const isArrayName = (k: string): k is ArrayName => (ARRAYS as readonly string[]).includes(k);
const isBlockKind = (k: ArrayName): k is BlockKind => k === 'customers' || k === 'orders' || k === 'contacts';

class RestoreRefused extends Error {}
/** The file is not laid out one record per line (`where` says what was found). */
class NotLineLayout extends Error {}

// ---- reading: text chunks → lines ----

/** Reads a source's lines a slice at a time; `next()` is the only asynchronous step. */
class LineReader {
  private pos = 0;
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private first = true;
  private ended = false;
  readonly size: number;
  constructor(
    private readonly src: BackupSource,
    private readonly chunk = RESTORE_READ_BYTES,
  ) {
    this.size = typeof src === 'string' ? src.length : src.size;
  }
  /** Bytes (characters for a string) consumed so far. */
  get done(): number {
    return this.pos;
  }
  /** The next batch of whole lines, or null at the end. */
  async next(): Promise<string[] | null> {
    if (this.pos >= this.size) {
      if (this.ended) return null;
      this.ended = true;
      const rest = this.carry + (typeof this.src === 'string' ? '' : this.decoder.decode());
      this.carry = '';
      return rest === '' ? null : [rest];
    }
    const lines: string[] = [];
    if (typeof this.src === 'string') {
      const text = this.src.slice(this.pos, this.pos + this.chunk);
      this.pos += text.length;
      this.split(text, lines);
      return lines;
    }
    const end = Math.min(this.size, this.pos + this.chunk);
    const buf = await this.src.slice(this.pos, end).arrayBuffer();
    this.pos = end;
    // Decoded in small pieces: each string stays in V8's young generation (a multi-MB string
    // goes to large-object space, freed only by a full GC: gigabytes of them pile up).
    for (let at = 0; at < buf.byteLength; at += DECODE_PIECE) {
      this.split(this.decoder.decode(new Uint8Array(buf, at, Math.min(DECODE_PIECE, buf.byteLength - at)), { stream: true }), lines);
    }
    return lines;
  }

  /** Appends the whole lines of `text` (after the carried partial line) to `lines`. */
  private split(text: string, lines: string[]): void {
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(start === 0 && this.carry !== '' ? this.carry + text.slice(0, nl) : text.slice(start, nl));
      if (start === 0) this.carry = '';
      start = nl + 1;
    }
    this.carry = start === 0 ? this.carry + text : text.slice(start);
  }
}

// ---- the line layout: `{`, top-level fields one per line, arrays one record per line, `}` ----

interface LayoutEvents {
  /** A top-level field whose value is on its line. */
  field(key: string, value: unknown): void;
  /** The line of record `index` of array `name` (its text without indentation or comma). */
  record(name: ArrayName, index: number, text: string): void;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
const ARRAY_START = /^("(?:[^"\\]|\\.)*")\s*:\s*\[$/;

/** Follows the layout line by line; throws NotLineLayout at the first line that does not fit. */
class LineLayout {
  private state: 'start' | 'top' | 'array' | 'end' = 'start';
  /** Whether another element may follow (after `{`, `[` or a line ending in a comma). */
  private open = true;
  private array: ArrayName | null = null;
  private index = 0;
  private line = 0;
  private readonly arrays = new Set<string>();
  private shopSeen = false;
  constructor(private readonly ev: LayoutEvents) {}

  private fail(what: string): never {
    throw new NotLineLayout(`line ${this.line}: ${what}`);
  }

  feed(raw: string): void {
    this.line++;
    let a = 0, b = raw.length;
    while (a < b && isSpace(raw.charCodeAt(a))) a++;
    while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
    if (a === b) return;
    const comma = raw.charCodeAt(b - 1) === 44;
    const body = comma ? raw.slice(a, b - 1) : raw.slice(a, b);
    if (this.state === 'array') {
      if (body === ']') {
        if (this.open && this.index > 0) this.fail('a comma before "]"');
        this.state = 'top';
        this.open = comma;
        this.array = null;
        return;
      }
      if (!this.open) this.fail('a record without a comma before it');
      this.open = comma;
      this.ev.record(this.array!, this.index++, body);
      return;
    }
    if (this.state === 'start') {
      if (body !== '{' || comma) this.fail('the file does not start with "{" on a line of its own');
      this.state = 'top';
      return;
    }
    if (this.state === 'end') this.fail('text after the closing "}"');
    // top level
    if (body === '}') {
      if (comma) this.fail('a comma after the closing "}"');
      if (this.open && this.line > 2) this.fail('a comma before "}"');
      this.state = 'end';
      return;
    }
    if (!this.open) this.fail('a field without a comma before it');
    this.open = comma;
    const m = ARRAY_START.exec(body);
    if (m) {
      const key = JSON.parse(m[1]!) as string;
      if (!isArrayName(key)) this.fail(`"${key}" is not an array of a backup`);
      if (!this.shopSeen) this.fail(`"${key}" comes before "shop"`);
      if (this.arrays.has(key)) this.fail(`"${key}" appears twice`);
      if (comma) this.fail(`"${key}": [ followed by a comma`);
      this.arrays.add(key);
      this.state = 'array';
      this.open = true;
      this.array = key;
      this.index = 0;
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(`{${body}}`);
    } catch {
      this.fail('not a "field": value line');
    }
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      if (isArrayName(key)) {
        if (!this.shopSeen) this.fail(`"${key}" comes before "shop"`);
        if (this.arrays.has(key)) this.fail(`"${key}" appears twice`);
        this.arrays.add(key);
        // `"captures": []` (or a short array on one line): each element as a record line.
        if (Array.isArray(value)) value.forEach((v, i) => this.ev.record(key, i, JSON.stringify(v)));
        else this.ev.field(key, value);
        continue;
      }
      if (key === 'shop') this.shopSeen = true;
      this.ev.field(key, value);
    }
  }

  end(): void {
    if (this.state !== 'end') this.fail('the file ends before its closing "}"');
  }
}

// ---- pass 1: validation ----

type Schemas = { [K in ArrayName]: z.ZodType };
const SCHEMAS: Schemas = {
  customers: Customer,
  orders: Order as unknown as z.ZodType,
  contacts: Contact,
  captures: Capture,
  platformSnapshots: PlatformSnapshot,
  audiences: Audience,
  exports: ExportRecord,
};

const FAST: Partial<Record<ArrayName, (v: unknown) => unknown>> = { customers: fastCustomer, orders: fastOrder, contacts: fastContact };

/** Growable Float64Array (no array of boxed numbers for millions of hashes). */
class F64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}
/** Growable Uint8Array of per-record flags. */
class U8 {
  a = new Uint8Array(1024);
  set(i: number, v: number) {
    if (i >= this.a.length) {
      const b = new Uint8Array(Math.max(i + 1, this.a.length * 2));
      b.set(this.a);
      this.a = b;
    }
    this.a[i] = v;
  }
}

/** Per base kind: keyHash of each record's key (by index), whether its line is canonical, maxDay. */
interface KindInfo {
  hashes: F64;
  canonical: U8;
  count: number;
  maxDay: string | null;
  /** The latest instant seen (maxDay is its day, set at the end of pass 1). */
  maxAt: string | null;
}

/** What pass 1 keeps: no base records, only what pass 2 and the refusal need. */
interface Validated {
  shop: Shop;
  exportedAt?: string;
  kinds: Record<BlockKind, KindInfo>;
  /** Small arrays, validated records in file order. */
  small: { captures: Capture[]; platformSnapshots: PlatformSnapshot[]; audiences: Audience[]; exports: ExportRecord[] };
  /** keyHash values of contacts that share a hash with another contact (verified in pass 2). */
  contactCandidates: Set<number>;
  /**
   * The file's snapshot as the stored record (token filled in pass 2), made at the end of pass 1:
   * the builder's working memory and the columns are freed before writing, not at its peak.
   */
  snapshot: AnalysisSnapshot | null;
}

type Pass1 = { ok: true; v: Validated } | { ok: false; reason: string };

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
 * The holder's builder's snapshot as the record saveAnalysisSnapshot writes (token set in pass 2).
 * The builder is dropped from the holder once finished (no other reference to it): its working
 * maps are garbage while the columns are copied into the record, and the columns right after.
 */
function snapshotRecordOf(holder: { builder: SnapshotBuilder | null }): AnalysisSnapshot | null {
  const finished = holder.builder?.finish();
  holder.builder = null;
  return finished ? analysisSnapshotRecord(finished.snap, '', { names: finished.names }) : null;
}

/** Hashes held by more than one contact: candidates for exact duplicates (verified in pass 2); the sorted copy is freed on return. */
function duplicateHashes(h: F64): Set<number> {
  const out = new Set<number>();
  const sorted = h.a.slice(0, h.n).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i]!);
  return out;
}

/** Pass 1: validates the whole source (throws NotLineLayout when it is not one record per line). */
async function validatePass(src: BackupSource, opts: RestoreOptions): Promise<Pass1> {
  const reader = new LineReader(src, opts.readBytes);
  const fields = new Map<string, unknown>();
  // Set from the layout's callbacks (a holder: control flow does not see closure assignments).
  const st: { shop: Shop | null; builder: SnapshotBuilder | null } = { shop: null, builder: null };
  let shopReasons: string[] = [];
  const groups = {} as Record<ArrayName, string[][]>;
  const extra = {} as Record<ArrayName, number>;
  const dups = {} as Record<ArrayName, string[]>;
  const dupExtra = {} as Record<ArrayName, number>;
  const firstIndex = {} as Record<ArrayName, Map<string, number>>;
  for (const n of ARRAYS) {
    groups[n] = [];
    extra[n] = 0;
    dups[n] = [];
    dupExtra[n] = 0;
    firstIndex[n] = new Map();
  }
  const kinds = {} as Record<BlockKind, KindInfo>;
  for (const k of ['customers', 'orders', 'contacts'] as const) kinds[k] = { hashes: new F64(), canonical: new U8(), count: 0, maxDay: null, maxAt: null };
  const small: Validated['small'] = { captures: [], platformSnapshots: [], audiences: [], exports: [] };
  let refused = false;
  const keyOf: Partial<Record<ArrayName, (r: unknown) => string>> = {
    customers: (r) => (r as Customer).customerKey,
    orders: (r) => (r as Order).orderId,
    captures: (r) => (r as Capture).captureId,
    platformSnapshots: (r) => `${(r as PlatformSnapshot).source}|${(r as PlatformSnapshot).seenOn}`,
    audiences: (r) => (r as Audience).audienceId,
    exports: (r) => (r as ExportRecord).exportId,
  };
  const dupField: Partial<Record<ArrayName, string>> = {
    customers: 'customerKey', orders: 'orderId', captures: 'captureId', platformSnapshots: 'seenOn', audiences: 'audienceId', exports: 'exportId',
  };
  const reason = (name: ArrayName, group: string[]) => {
    refused = true;
    st.builder = null; // a refused file builds nothing more
    if (groups[name].length < MAX) groups[name].push(group);
    else extra[name]++;
  };

  const layout = new LineLayout({
    field(key, value) {
      fields.set(key, value);
      if (key === 'format' && value !== BACKUP_FORMAT) throw new RestoreRefused('format');
      if (key === 'version' && fields.get('format') === BACKUP_FORMAT && value !== BACKUP_VERSION) throw new RestoreRefused('version');
      if (key === 'shop') {
        const r = Shop.safeParse(value);
        if (r.success) {
          st.shop = withoutUndefined(r.data);
          if (opts.snapshot !== false && !refused) st.builder = createSnapshotBuilder(st.shop);
        } else shopReasons = describeRecordIssues('shop', r.error.issues, value);
      }
      if (isArrayName(key)) {
        refused = true;
        st.builder = null;
        shopReasons.push(`${key}: expected an array`);
      }
    },
    record(name, index, text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new NotLineLayout(`${name}[${index}] is not one JSON value on its line`);
      }
      const quick = FAST[name]?.(value);
      let data: unknown;
      if (quick !== undefined) data = quick;
      else {
        const r = SCHEMAS[name].safeParse(value);
        if (!r.success) {
          reason(name, describeRecordIssues(`${name}[${index}]`, r.error.issues, value));
          return;
        }
        data = withoutUndefined(r.data as object);
      }
      const sid = (data as { shopId: string }).shopId;
      if (st.shop !== null && sid !== st.shop.shopId) {
        reason(name, [`${name}[${index}].shopId: "${sid}" differs from the backup's shop "${st.shop.shopId}"`]);
      }
      const kf = keyOf[name];
      if (kf) {
        const k = kf(data);
        const seen = firstIndex[name];
        const j = seen.get(k);
        if (j === undefined) seen.set(k, index);
        else {
          refused = true;
          st.builder = null;
          const field = dupField[name]!;
          if (dups[name].length < MAX) dups[name].push(`${name}[${index}].${field}: duplicate ${field} ${JSON.stringify(k)} (also ${name}[${j}])`);
          else dupExtra[name]++;
        }
      }
      if (isBlockKind(name)) {
        const info = kinds[name];
        info.count = index + 1;
        if (refused) return;
        info.hashes.push(
          name === 'customers'
            ? keyHash((data as Customer).customerKey)
            : name === 'orders'
              ? keyHash((data as Order).orderId)
              : (contactKeyHash(data as Contact) ?? keyHash(contactIdOf(data as Contact))),
        );
        // The parsed object itself (keys in schema order): proven without stringify when possible.
        if (data === value ? isCanonicalText(text, value) : JSON.stringify(data) === text) info.canonical.set(index, 1);
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
      } else if (!refused) (small[name] as unknown[]).push(data);
    },
  });

  opts.onProgress?.({ phase: 'validating', done: 0, total: reader.size });
  try {
    for (let lines = await reader.next(); lines !== null; lines = await reader.next()) {
      for (const line of lines) layout.feed(line);
      opts.onProgress?.({ phase: 'validating', done: reader.done, total: reader.size });
    }
    layout.end();
  } catch (e) {
    if (!(e instanceof RestoreRefused)) throw e;
  }

  // Refusals in validateBackup's order and wording.
  const format = fields.get('format');
  if (format !== BACKUP_FORMAT) {
    return {
      ok: false,
      reason:
        format === undefined
          ? 'not a seller-lens backup: no "format" field'
          : `not a seller-lens backup: format is ${JSON.stringify(format)}, expected "${BACKUP_FORMAT}"`,
    };
  }
  const version = fields.get('version');
  if (version !== BACKUP_VERSION) {
    return { ok: false, reason: `backup version ${JSON.stringify(version)} is not supported (this seller-lens reads version ${BACKUP_VERSION})` };
  }
  const reasons: string[] = [];
  let exportedAt: string | undefined;
  if (fields.has('exportedAt') && fields.get('exportedAt') !== undefined) {
    const r = Instant.safeParse(fields.get('exportedAt'));
    if (r.success) exportedAt = r.data;
    else reasons.push(...describeRecordIssues('exportedAt', r.error.issues, fields.get('exportedAt')));
  }
  if (!fields.has('shop')) reasons.push('shop: missing');
  reasons.push(...shopReasons);
  let hidden = 0;
  for (const n of ARRAYS) {
    for (const g of groups[n]) {
      if (reasons.length < MAX) reasons.push(...g);
      else hidden++;
    }
    hidden += extra[n];
  }
  for (const n of ARRAYS) {
    for (const d of dups[n]) {
      if (reasons.length < MAX) reasons.push(d);
      else hidden++;
    }
    hidden += dupExtra[n];
  }
  const shop = st.shop;
  if (reasons.length > 0 || shop === null) {
    return { ok: false, reason: `backup refused, nothing was changed: ${summarizeReasons([...reasons, ...new Array<string>(hidden).fill('')])}` };
  }

  for (const k of ['orders', 'contacts'] as const) kinds[k].maxDay = kinds[k].maxAt === null ? null : dayOf(kinds[k].maxAt!);
  // Pass 1's key maps (a million order ids) are garbage before the snapshot's record is made.
  for (const n of ARRAYS) firstIndex[n].clear();
  const contactCandidates = duplicateHashes(kinds.contacts.hashes);
  const snapshot = snapshotRecordOf(st);
  return {
    ok: true,
    v: { shop, ...(exportedAt !== undefined ? { exportedAt } : {}), kinds, small, contactCandidates, snapshot },
  };
}

// ---- pass 2: writing ----

/**
 * buildDirectory's row, sorted natively: (hash, seq) packed in 64 bits (53-bit hash, seq in the
 * low bits) instead of an index sort with a comparator (~3× faster on 3.6M contacts). Equal
 * hashes come out by seq, not by record order: the directory means the same (candidateBlocks
 * collects them all). Falls back to buildDirectory when the seqs do not fit beside the hash.
 */
function directoryOf(shopId: string, kind: BlockKind, hashes: Float64Array, blocks: Int32Array): BlockDirectory {
  let maxSeq = 0;
  for (let i = 0; i < blocks.length; i++) if (blocks[i]! > maxSeq) maxSeq = blocks[i]!;
  const bits = Math.max(1, Math.ceil(Math.log2(maxSeq + 1)));
  if (53 + bits > 64) return buildDirectory(shopId, kind, hashes, blocks);
  const n = hashes.length;
  const shift = BigInt(bits), mask = (1n << shift) - 1n;
  const packed = new BigUint64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (BigInt(hashes[i]!) << shift) | BigInt(blocks[i]!);
  packed.sort();
  const h = new Float64Array(n), s = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = packed[i]!;
    h[i] = Number(p >> shift);
    s[i] = Number(p & mask);
  }
  return { shopId, kind, count: n, hashes: h, blocks: s };
}

/** Validated record of a line that is not canonical, as encodeBlock writes it. */
function canonicalText(name: BlockKind, text: string): string {
  const value = JSON.parse(text) as unknown;
  const quick = FAST[name]?.(value);
  return JSON.stringify(quick ?? withoutUndefined(SCHEMAS[name].parse(value) as object));
}

async function writePass(db: SellerLensDb, src: BackupSource, v: Validated, opts: RestoreOptions): Promise<BackupCounts> {
  const shopId = v.shop.shopId;
  const { kinds, small } = v;
  const total = kinds.customers.count + kinds.orders.count + kinds.contacts.count +
    small.captures.length + small.platformSnapshots.length + small.audiences.length + small.exports.length;
  let done = 0;
  const progress = () => opts.onProgress?.({ phase: 'writing', done: Math.min(done, total), total });
  let storedContacts = 0;
  let duplicatesFound = false;

  await db.transaction('rw', [...shopTables(db), db.settings], async () => {
    // Ids that are global keys must not belong to another shop: that would be overwritten.
    const clash = async (name: string, table: { bulkGet(keys: string[]): Promise<({ shopId: string } | undefined)[]> }, ids: string[]) => {
      const found = await table.bulkGet(ids);
      const i = found.findIndex((r) => r !== undefined && r.shopId !== shopId);
      if (i >= 0) throw new RestoreRefused(`${name}[${i}]: id "${ids[i]}" already belongs to another shop in this profile`);
    };
    await clash('captures', db.captures, small.captures.map((c) => c.captureId));
    await clash('audiences', db.audiences, small.audiences.map((a) => a.audienceId));
    await clash('exports', db.exports, small.exports.map((e) => e.exportId));

    await deleteShopRecords(db, shopId);
    await db.shops.put(v.shop);
    // The shop's new data token from here on (same transaction: nothing is visible before commit).
    await markShopReplaced(db, shopId);
    // The snapshot under that token, which the panel computes next: its first open reads it
    // instead of rebuilding. Written first, so its ~200 MB record is not held while blocks are
    // written; deferred when contacts may repeat (the builder saw every one of them).
    const putSnapshot = async () => {
      const record = v.snapshot;
      if (!record) return;
      v.snapshot = null;
      const token = await shopDataToken(db, shopId);
      record.token = token; // the record's `token` field (see analysis-snapshot.ts), unknown until now
      await db.analysisSnapshots.put(record);
      await db.settings.put({ key: analysisTokenKey(shopId), value: token });
    };
    if (v.contactCandidates.size === 0) await putSnapshot();
    progress();

    const pending: Promise<unknown>[] = [];
    const seqOf = {} as Record<BlockKind, Int32Array>;
    const buf = {} as Record<BlockKind, string[]>;
    const seq = {} as Record<BlockKind, number>;
    for (const k of ['customers', 'orders', 'contacts'] as const) {
      seqOf[k] = new Int32Array(kinds[k].count).fill(-1);
      buf[k] = [];
      seq[k] = 0;
    }
    const flush = async (kind: BlockKind) => {
      const lines = buf[kind];
      if (lines.length === 0) return;
      buf[kind] = [];
      // Byte for byte what encodeBlock writes: JSON.stringify of an array joins its elements' texts.
      pending.push(db.recordBlocks.put({ shopId, kind, seq: seq[kind]++, count: lines.length, text: `[${lines.join(',')}]` }));
      done += lines.length;
      progress();
      if (pending.length >= PENDING_PUTS) await pending.shift();
    };
    /** Contacts that may be duplicates: contactId → [text, file index], the last one wins. */
    const held = new Map<string, [string, number]>();
    const candidates = v.contactCandidates;
    const hashes = { customers: kinds.customers.hashes.a, orders: kinds.orders.hashes.a, contacts: kinds.contacts.hashes.a };
    const toFlush: BlockKind[] = [];

    const layout = new LineLayout({
      field() {},
      record(name, index, text) {
        if (!isBlockKind(name)) return;
        if (index >= kinds[name].count) throw new Error('the file changed while it was being restored');
        const line = kinds[name].canonical.a[index] === 1 ? text : canonicalText(name, text);
        if (name === 'contacts' && candidates.size > 0 && candidates.has(hashes.contacts[index]!)) {
          const id = contactIdOf(JSON.parse(line) as Contact);
          const before = held.get(id);
          if (before) {
            duplicatesFound = true;
            done++; // exact repeats collapse into one stored contact
          }
          held.set(id, [line, index]);
          return;
        }
        const b = buf[name];
        b.push(line);
        seqOf[name][index] = seq[name];
        if (b.length === BLOCK_RECORDS[name]) toFlush.push(name);
      },
    });
    const reader = new LineReader(src, opts.readBytes);
    for (;;) {
      const lines = await Dexie.waitFor(reader.next());
      if (lines === null) break;
      for (const line of lines) {
        layout.feed(line);
        while (toFlush.length > 0) await flush(toFlush.shift()!);
      }
    }
    layout.end();
    // The held contacts, after the others; a dropped duplicate has no directory entry.
    for (const [line, index] of held.values()) {
      buf.contacts.push(line);
      seqOf.contacts[index] = seq.contacts;
      if (buf.contacts.length === BLOCK_RECORDS.contacts) await flush('contacts');
    }
    for (const k of ['customers', 'orders', 'contacts'] as const) await flush(k);
    await Promise.all(pending);

    for (const k of ['customers', 'orders', 'contacts'] as const) {
      const s = seqOf[k], h = hashes[k];
      let n = 0;
      for (let i = 0; i < s.length; i++) if (s[i]! >= 0) n++;
      const hh = new Float64Array(n), bb = new Int32Array(n);
      for (let i = 0, j = 0; i < s.length; i++) if (s[i]! >= 0) {
        hh[j] = h[i]!;
        bb[j++] = s[i]!;
      }
      if (k === 'contacts') storedContacts = n;
      kinds[k].hashes.a = hashes[k] = new Float64Array(0); // freed before the snapshot record is made
      seqOf[k] = new Int32Array(0);
      const dir = directoryOf(shopId, k, hh, bb);
      await db.blockDirectories.put(k === 'customers' ? dir : { ...dir, maxDay: kinds[k].maxDay } as typeof dir);
    }

    const put = async <T>(table: { bulkPut(items: readonly T[]): Promise<unknown> }, items: readonly T[]) => {
      if (items.length === 0) return;
      await table.bulkPut(items);
      done += items.length;
      progress();
    };
    await put(db.captures, small.captures.map((c) => ({ ...c, fingerprint: captureFingerprint(c) })));
    await put(db.platformSnapshots, small.platformSnapshots);
    await put(db.audiences, small.audiences);
    await put(db.exports, small.exports);
    // Real repeats were fed to the builder: no snapshot (the panel builds it from the stored records).
    if (!duplicatesFound) await putSnapshot();
  });
  return {
    customers: kinds.customers.count,
    orders: kinds.orders.count,
    contacts: storedContacts,
    captures: small.captures.length,
    platformSnapshots: small.platformSnapshots.length,
    audiences: small.audiences.length,
    exports: small.exports.length,
  };
}

// ---- entry point ----

const refusedText = (m: string) => `backup refused, nothing was changed: ${m}`;

/** Pass 1 over a source; a file of another layout goes through parseBackup and is re-laid out. */
async function validateAny(src: BackupSource, opts: RestoreOptions): Promise<{ ok: true; v: Validated; src: BackupSource } | { ok: false; reason: string }> {
  const size = typeof src === 'string' ? src.length : src.size;
  if (size === 0) return { ok: false, reason: 'not a seller-lens backup: the file is empty' };
  try {
    const r = await validatePass(src, opts);
    return r.ok ? { ok: true, v: r.v, src } : r;
  } catch (e) {
    if (!(e instanceof NotLineLayout)) throw e;
    if (size > (opts.wholeTextMaxBytes ?? WHOLE_TEXT_MAX_BYTES)) {
      return {
        ok: false,
        reason:
          `not a seller-lens backup file as seller-lens writes it: a file of ${(size / 1e6).toFixed(1)} MB must hold one record per line ` +
          `("{", each top-level field on its own line, each record of customers / orders / contacts … on its own line, "}"); ${e.message}`,
      };
    }
    const text = typeof src === 'string' ? src : await src.text();
    const parsed = parseBackup(text);
    if (!parsed.ok) return parsed;
    // The validated records in the line layout: the same engine restores them.
    const lines = serializeBackupParts(parsed.backup).join('');
    const r = await validatePass(lines, opts);
    return r.ok ? { ok: true, v: r.v, src: lines } : r;
  }
}

/** A restore's pass 1 alone (validation and snapshot build, nothing written): for benches and dry runs. */
export async function validateBackupSource(
  source: BackupSource,
  options: RestoreOptions = {},
): Promise<{ ok: true; shopId: string; counts: Record<BlockKind, number>; snapshot: AnalysisSnapshot | null } | { ok: false; reason: string }> {
  const r = await validateAny(source, options);
  if (!r.ok) return r;
  const { kinds, shop, snapshot } = r.v;
  return { ok: true, shopId: shop.shopId, counts: { customers: kinds.customers.count, orders: kinds.orders.count, contacts: kinds.contacts.count }, snapshot };
}

/**
 * Restores a backup from a File / Blob or string: validates the whole file, then replaces that
 * shop's records with the file's in ONE transaction (other shops untouched). Any refusal or
 * failure changes nothing. Progress: `validating` in bytes (characters) read of the size, then
 * `writing` in records written of all records.
 */
export async function restoreBackupSource(db: SellerLensDb, source: BackupSource, options: RestoreOptions = {}): Promise<RestoreResult> {
  let checked;
  try {
    checked = await validateAny(source, options);
  } catch (e) {
    return { ok: false, reason: `restore failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!checked.ok) return checked;
  const { v } = checked;
  const shopId = v.shop.shopId;
  if (options.expectShopId !== undefined && options.expectShopId !== shopId) {
    return { ok: false, reason: refusedText(`it holds shop "${shopId}", not the selected shop "${options.expectShopId}"`) };
  }
  let counts: BackupCounts;
  try {
    counts = await writePass(db, checked.src, v, options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: e instanceof RestoreRefused ? refusedText(message) : `restore failed, nothing was changed: ${message}` };
  }
  const total = Object.values(counts).reduce((a, n) => a + n, 0);
  options.onProgress?.({ phase: 'done', done: total, total });
  return { ok: true, shopId, counts };
}
