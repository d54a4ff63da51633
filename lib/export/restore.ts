/**
 * Streaming restore of a §9 backup (a File / Blob, or a string), for files far past V8's string
 * limit (a 1M-order backup is ~1.26 GB). ONE pass over the file, one record per line as
 * `serializeBackupParts` writes it, inside ONE rw transaction:
 *
 *   each line          JSON.parse + the fast readers (zod fallback for the exact reason), key maps
 *                      for duplicates, the 53-bit keyHash of every base record's natural key, and
 *                      the streaming snapshot builder; each accepted customer / order / contact
 *                      goes, as its canonical line (the file's own text when it already is), into
 *                      a base block that is put while later lines are validated — IndexedDB
 *                      writes in the browser process while this thread parses, so the two cores
 *                      overlap. Before the first block the shop's old records are deleted.
 *   at the end         the refusal, if any (every reason, in parseBackup's order and wording) —
 *                      thrown, which aborts the transaction: nothing changed, blocks included;
 *                      else repeated contacts, one directory row per kind, the small arrays,
 *                      markShopReplaced, and the snapshot under the shop's new data token.
 *
 * So the whole file is validated before anything is replaced (SPEC §9): no write is visible
 * before the commit, and a refusal at the last line leaves the database as it was. After the
 * first refused record nothing more is written; validation goes on to give every reason.
 *
 * Exact duplicate contacts (same contactId) collapse into one stored contact, the last one in
 * the file winning, as the row restore did: contacts whose keyHash repeats are read back from
 * their blocks at the end, compared by their real contactId, and dropped from their blocks. The
 * snapshot builder saw every contact, so when a real duplicate is found it is not persisted (the
 * panel then builds it from the stored records, as for any other restore).
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
  decodeBlock,
  deleteShopRecords,
  describeRecordIssues,
  encodeBlock,
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
  type BlockDirectory,
  type BlockKind,
  type RecordBlock,
  type SellerLensDb,
} from '../db';
import { saveAnalysisSnapshot } from '../db/analysis-snapshot';
import { createSnapshotBuilder, type Snapshot, type SnapshotBuilder } from '../engine/snapshot';
import {
  BACKUP_ARRAYS,
  BACKUP_FORMAT,
  BACKUP_SCHEMAS,
  BACKUP_VERSION,
  parseBackup,
  serializeBackupParts,
  type BackupArrayName,
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

/** Bytes read per slice of a Blob: few Dexie.waitFor round trips, bounded memory. */
export const RESTORE_READ_BYTES = 8 << 20;
/** Bytes decoded into one string (≤ 64 KB of UTF-16: below V8's large-object size). */
const DECODE_PIECE = 32 << 10;
/** Largest file of another layout that is read as one string (V8's limit is ~537M characters). */
export const WHOLE_TEXT_MAX_BYTES = 256 << 20;
/** Base blocks in flight before waiting for the oldest put (bounded memory). */
const PENDING_PUTS = 6;
/** Reasons kept per array (more are counted): as validateBackup's cap. */
const MAX = 20;

// BACKUP_ARRAYS / BACKUP_SCHEMAS are read when called, not here: backup.ts imports this module too.
type ArrayName = BackupArrayName;
const isArrayName = (k: string): k is ArrayName => (BACKUP_ARRAYS as readonly string[]).includes(k);
const isBlockKind = (k: ArrayName): k is BlockKind => k === 'customers' || k === 'orders' || k === 'contacts';

class RestoreRefused extends Error {}
/** The file is not laid out one record per line (`where` says what was found). */
class NotLineLayout extends Error {}

// ---- reading: text chunks → lines ----

/**
 * Reads a source's lines: `fill()` reads the next slice (the only asynchronous step), `piece()`
 * then gives the whole lines of its next ~32 KB, until the slice is used up. Lines are handed
 * out a piece at a time, not a slice at a time, so they die young: 30,000 lines held at once
 * would outlive a scavenge each and pile up in V8's old generation until a full GC.
 */
class LineReader {
  private pos = 0;
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private first = true;
  /** 0 reading, 1 the carried rest is still to be given, 2 ended. */
  private ending = 0;
  /** The slice being handed out, and where its next piece starts. */
  private bytes: Uint8Array | null = null;
  private chars: string | null = null;
  private at = 0;
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
  /** Reads the next slice; false at the end. */
  async fill(): Promise<boolean> {
    this.at = 0;
    this.bytes = null;
    this.chars = null;
    if (this.pos >= this.size) {
      if (this.ending === 2) return false;
      this.ending = 1;
      return true;
    }
    if (typeof this.src === 'string') {
      this.chars = this.src.slice(this.pos, this.pos + this.chunk);
      this.pos += this.chars.length;
      return true;
    }
    const end = Math.min(this.size, this.pos + this.chunk);
    this.bytes = new Uint8Array(await this.src.slice(this.pos, end).arrayBuffer());
    this.pos = end;
    return true;
  }
  /** The whole lines of the slice's next piece, or null when the slice is used up. */
  piece(): string[] | null {
    const lines: string[] = [];
    if (this.ending === 1) {
      this.ending = 2;
      const rest = this.carry + (typeof this.src === 'string' ? '' : this.decoder.decode());
      this.carry = '';
      if (rest !== '') lines.push(rest);
      return lines;
    }
    if (this.chars !== null) {
      if (this.at >= this.chars.length) return null;
      this.split(this.chars.slice(this.at, this.at + DECODE_PIECE), lines);
      this.at += DECODE_PIECE;
      return lines;
    }
    const b = this.bytes;
    if (b === null || this.at >= b.length) return null;
    // Decoded in small pieces: each string stays in V8's young generation (a multi-MB string
    // goes to large-object space, freed only by a full GC: gigabytes of them pile up).
    this.split(this.decoder.decode(b.subarray(this.at, Math.min(b.length, this.at + DECODE_PIECE)), { stream: true }), lines);
    this.at += DECODE_PIECE;
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

// ---- validation (and, in a restore, writing as it goes) ----


const FAST: Partial<Record<ArrayName, (v: unknown) => unknown>> = { customers: fastCustomer, orders: fastOrder, contacts: fastContact };
const BLOCK_KINDS = ['customers', 'orders', 'contacts'] as const;

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

/** Per base kind: keyHash of each record's key (by index), the count, maxDay. */
interface KindInfo {
  hashes: F64;
  count: number;
  maxDay: string | null;
  /** The latest instant seen (maxDay is its day, set at the end). */
  maxAt: string | null;
}

/** What the pass keeps: no base records, only what the end of a restore and a refusal need. */
interface Validated {
  shop: Shop;
  exportedAt?: string;
  kinds: Record<BlockKind, KindInfo>;
  /** Small arrays, validated records in file order. */
  small: { captures: Capture[]; platformSnapshots: PlatformSnapshot[]; audiences: Audience[]; exports: ExportRecord[] };
  /** The streaming snapshot builder fed every base record (null when not asked for). */
  builder: SnapshotBuilder | null;
}

/** A refusal or failure found inside the restore's transaction: thrown to abort it, `reason` returned. */
class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
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
 * Where a restore writes the base records the pass accepts: blocks of canonical lines, put while
 * later lines are still being validated (inside the restore's one transaction). `open` runs once,
 * before the first block: it replaces the shop's old records.
 */
class BlockWriter {
  private readonly buf: Record<BlockKind, string[]> = { customers: [], orders: [], contacts: [] };
  readonly seq: Record<BlockKind, number> = { customers: 0, orders: 0, contacts: 0 };
  private readonly due: BlockKind[] = [];
  private readonly pending: Promise<unknown>[] = [];
  private opened: Promise<void> | null = null;
  /** Base records written (each block once put). */
  written = 0;
  constructor(
    private readonly db: SellerLensDb,
    private readonly open: (shopId: string) => Promise<void>,
  ) {}

  /** Adds a record's canonical line (records go in file order: record i is in block ⌊i / BLOCK_RECORDS⌋). */
  add(kind: BlockKind, line: string): void {
    const b = this.buf[kind];
    b.push(line);
    if (b.length === BLOCK_RECORDS[kind]) this.due.push(kind);
  }

  /** Whether a full block waits to be put. */
  get hasDue(): boolean {
    return this.due.length > 0;
  }

  /** Opens (once) the replacement of shop `shopId`. */
  ensureOpen(shopId: string): Promise<void> {
    return (this.opened ??= this.open(shopId));
  }

  /** Puts the full blocks (keeping at most PENDING_PUTS in flight). */
  async flushDue(shopId: string): Promise<void> {
    while (this.due.length > 0) await this.flush(shopId, this.due.shift()!);
  }

  /** Puts the partial blocks too and waits for every put. */
  async finish(shopId: string): Promise<void> {
    await this.ensureOpen(shopId);
    for (const k of BLOCK_KINDS) await this.flush(shopId, k);
    await Promise.all(this.pending.splice(0));
  }

  private async flush(shopId: string, kind: BlockKind): Promise<void> {
    const lines = this.buf[kind];
    if (lines.length === 0) return;
    await this.ensureOpen(shopId);
    this.buf[kind] = [];
    // Byte for byte what encodeBlock writes: JSON.stringify of an array joins its elements' texts.
    this.pending.push(this.db.recordBlocks.put({ shopId, kind, seq: this.seq[kind]++, count: lines.length, text: `[${lines.join(',')}]` }));
    this.written += lines.length;
    if (this.pending.length >= PENDING_PUTS) await this.pending.shift();
  }
}

/**
 * One pass over the source: validates every line (JSON.parse + the fast readers, zod for the
 * exact reason), keeps key maps for duplicates and each base record's keyHash, feeds the snapshot
 * builder, and hands each accepted base record's canonical line to `writer` (a restore) — until
 * the first refused record, after which it only validates, to give every reason. Throws
 * NotLineLayout when the source is not one record per line.
 */
async function streamPass(
  src: BackupSource,
  opts: RestoreOptions,
  writer: BlockWriter | null,
  read: <T>(p: Promise<T>) => Promise<T> = (p) => p,
): Promise<{ ok: true; v: Validated } | { ok: false; reason: string }> {
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
  for (const n of BACKUP_ARRAYS) {
    groups[n] = [];
    extra[n] = 0;
    dups[n] = [];
    dupExtra[n] = 0;
    firstIndex[n] = new Map();
  }
  const kinds = {} as Record<BlockKind, KindInfo>;
  for (const k of BLOCK_KINDS) kinds[k] = { hashes: new F64(), count: 0, maxDay: null, maxAt: null };
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
  const refuse = () => {
    refused = true;
    st.builder = null; // a refused file builds nothing more (and writes nothing more)
  };
  const reason = (name: ArrayName, group: string[]) => {
    refuse();
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
          // Known before any record: a file of another shop is refused without reading on.
          if (opts.expectShopId !== undefined && opts.expectShopId !== st.shop.shopId) {
            throw new Refused(refusedText(`it holds shop "${st.shop.shopId}", not the selected shop "${opts.expectShopId}"`));
          }
          if (opts.snapshot !== false && !refused) st.builder = createSnapshotBuilder(st.shop);
        } else {
          shopReasons = describeRecordIssues('shop', r.error.issues, value);
          refuse();
        }
      }
      if (isArrayName(key)) {
        refuse();
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
        const r = (BACKUP_SCHEMAS[name] as z.ZodType).safeParse(value);
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
          refuse();
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
      } else if (!refused) (small[name] as unknown[]).push(data);
    },
  });

  opts.onProgress?.({ phase: 'validating', done: 0, total: reader.size });
  try {
    while (await read(reader.fill())) {
      for (let lines = reader.piece(); lines !== null; lines = reader.piece()) {
        for (const line of lines) {
          layout.feed(line);
          if (writer?.hasDue && !refused) await writer.flushDue(st.shop!.shopId);
        }
      }
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
  for (const n of BACKUP_ARRAYS) {
    for (const g of groups[n]) {
      if (reasons.length < MAX) reasons.push(...g);
      else hidden++;
    }
    hidden += extra[n];
  }
  for (const n of BACKUP_ARRAYS) {
    for (const d of dups[n]) {
      if (reasons.length < MAX) reasons.push(d);
      else hidden++;
    }
    hidden += dupExtra[n];
  }
  const shop = st.shop;
  if (reasons.length > 0 || shop === null) {
    return { ok: false, reason: refusedText(summarizeReasons([...reasons, ...new Array<string>(hidden).fill('')])) };
  }
  for (const k of ['orders', 'contacts'] as const) kinds[k].maxDay = kinds[k].maxAt === null ? null : dayOf(kinds[k].maxAt!);
  return {
    ok: true,
    v: { shop, ...(exportedAt !== undefined ? { exportedAt } : {}), kinds, small, builder: st.builder },
  };
}

/** Hashes held by more than one record: candidates for exact duplicates; the sorted copy is freed on return. */
function duplicateHashes(h: Float64Array): Set<number> {
  const out = new Set<number>();
  const sorted = h.slice().sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i]!);
  return out;
}

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

/**
 * Exact repeats of a contact (same contactId) collapse into one stored contact, the last one in
 * the file winning. Contacts are written as they come, so record i of the file is record
 * i % BLOCK_RECORDS of block ⌊i / BLOCK_RECORDS⌋; contacts whose keyHash repeats are read back
 * from their blocks and compared by their real contactId (a collision of distinct contacts keeps
 * both), and the blocks holding a dropped one are rewritten without it. Returns the block seq of
 * every contact, -1 for a dropped one.
 */
async function collapseRepeatedContacts(db: SellerLensDb, shopId: string, hashes: Float64Array): Promise<Int32Array> {
  const per = BLOCK_RECORDS.contacts;
  const seqs = new Int32Array(hashes.length);
  for (let i = 0; i < seqs.length; i++) seqs[i] = Math.floor(i / per);
  const candidates = duplicateHashes(hashes);
  if (candidates.size === 0) return seqs;
  const byBlock = new Map<number, number[]>();
  for (let i = 0; i < hashes.length; i++) {
    if (!candidates.has(hashes[i]!)) continue;
    const b = seqs[i]!;
    const list = byBlock.get(b);
    if (list) list.push(i);
    else byBlock.set(b, [i]);
  }
  const blocks = new Map<number, Contact[]>();
  const lastOf = new Map<string, number>();
  for (const [seq] of byBlock) {
    const row = await db.recordBlocks.get([shopId, 'contacts', seq]);
    if (!row) throw new Error(`contacts block ${seq} was not written`);
    blocks.set(seq, decodeBlock(row as RecordBlock & { kind: 'contacts' }));
  }
  const idOf = (i: number) => contactIdOf(blocks.get(seqs[i]!)![i % per]!);
  for (const list of byBlock.values()) for (const i of list) {
    const id = idOf(i);
    if ((lastOf.get(id) ?? -1) < i) lastOf.set(id, i);
  }
  const dropped = new Set<number>();
  for (const list of byBlock.values()) for (const i of list) if (lastOf.get(idOf(i)) !== i) dropped.add(i);
  for (const [seq, list] of byBlock) {
    if (!list.some((i) => dropped.has(i))) continue;
    const kept = blocks.get(seq)!.filter((_, at) => !dropped.has(seq * per + at));
    await db.recordBlocks.put(encodeBlock(shopId, 'contacts', seq, kept));
  }
  for (const i of dropped) seqs[i] = -1;
  return seqs;
}

/**
 * The end of a restore, in its transaction after the pass accepted the whole file: the last
 * blocks, repeated contacts, one directory per kind, the small arrays, and the snapshot under
 * the shop's new data token (its first open reads it instead of rebuilding).
 */
async function finishRestore(db: SellerLensDb, writer: BlockWriter, v: Validated, opts: RestoreOptions): Promise<BackupCounts> {
  const shopId = v.shop.shopId;
  const { kinds, small } = v;
  const total = kinds.customers.count + kinds.orders.count + kinds.contacts.count +
    small.captures.length + small.platformSnapshots.length + small.audiences.length + small.exports.length;
  let done = 0;
  const progress = () => opts.onProgress?.({ phase: 'writing', done: Math.min(done, total), total });

  await writer.finish(shopId);
  done = writer.written;
  progress();
  let storedContacts = 0, repeats = false;
  for (const k of BLOCK_KINDS) {
    const h = kinds[k].hashes.a.subarray(0, kinds[k].hashes.n);
    let seqs: Int32Array;
    if (k === 'contacts') seqs = await collapseRepeatedContacts(db, shopId, h);
    else {
      seqs = new Int32Array(h.length);
      for (let i = 0; i < seqs.length; i++) seqs[i] = Math.floor(i / BLOCK_RECORDS[k]);
    }
    let n = 0;
    for (let i = 0; i < seqs.length; i++) if (seqs[i]! >= 0) n++;
    let hh = h, bb = seqs;
    if (n !== seqs.length) {
      hh = new Float64Array(n);
      bb = new Int32Array(n);
      for (let i = 0, j = 0; i < seqs.length; i++) if (seqs[i]! >= 0) {
        hh[j] = h[i]!;
        bb[j++] = seqs[i]!;
      }
    }
    if (k === 'contacts') {
      storedContacts = n;
      repeats = n !== seqs.length;
    }
    const dir = directoryOf(shopId, k, hh, bb);
    kinds[k].hashes = new F64(); // freed before the snapshot's record is made
    await db.blockDirectories.put(k === 'customers' ? dir : ({ ...dir, maxDay: kinds[k].maxDay } as typeof dir));
    progress();
  }

  // Ids that are global keys must not belong to another shop: that would be overwritten.
  const clash = async (name: string, table: { bulkGet(keys: string[]): Promise<({ shopId: string } | undefined)[]> }, ids: string[]) => {
    const found = await table.bulkGet(ids);
    const i = found.findIndex((r) => r !== undefined && r.shopId !== shopId);
    if (i >= 0) throw new Refused(refusedText(`${name}[${i}]: id "${ids[i]}" already belongs to another shop in this profile`));
  };
  await clash('captures', db.captures, small.captures.map((c) => c.captureId));
  await clash('audiences', db.audiences, small.audiences.map((a) => a.audienceId));
  await clash('exports', db.exports, small.exports.map((e) => e.exportId));
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

  // The builder saw every contact: with repeats its snapshot is not the stored data (the panel builds it).
  const builder = v.builder;
  v.builder = null;
  if (builder && !repeats) {
    const { snap, names } = builder.finish();
    await saveAnalysisSnapshot(db, snap, await shopDataToken(db, shopId), { names });
  }
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

/**
 * A whole restore in ONE rw transaction: the pass writes blocks while it validates, and any
 * refusal or failure — a bad record at the file's end included — aborts the transaction, so
 * nothing changed. The shop's old records are deleted just before its first block.
 */
async function restoreInTransaction(db: SellerLensDb, src: BackupSource, opts: RestoreOptions): Promise<RestoreResult> {
  let shopId = '';
  const counts = await db.transaction('rw', [...shopTables(db), db.settings], async () => {
    const writer = new BlockWriter(db, async (id) => {
      await deleteShopRecords(db, id);
      // The shop's new data token from here on (same transaction: nothing is visible before commit).
      await markShopReplaced(db, id);
    });
    const r = await streamPass(src, opts, writer, (p) => Dexie.waitFor(p));
    if (!r.ok) throw new Refused(r.reason);
    shopId = r.v.shop.shopId;
    await writer.ensureOpen(shopId);
    await db.shops.put(r.v.shop);
    return finishRestore(db, writer, r.v, opts);
  });
  return { ok: true, shopId, counts };
}

// ---- entry point ----

const refusedText = (m: string) => `backup refused, nothing was changed: ${m}`;

/**
 * Runs `pass` over the source; a file of another layout goes through parseBackup (when it fits
 * in one string) and `pass` runs again over its records in the line layout.
 */
async function overAnyLayout<T>(
  src: BackupSource,
  opts: RestoreOptions,
  pass: (s: BackupSource) => Promise<T | { ok: false; reason: string }>,
): Promise<T | { ok: false; reason: string }> {
  const size = typeof src === 'string' ? src.length : src.size;
  if (size === 0) return { ok: false, reason: 'not a seller-lens backup: the file is empty' };
  try {
    return await pass(src);
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
    return pass(serializeBackupParts(parsed.backup).join(''));
  }
}

/** A restore's validation alone (and the snapshot it builds), nothing written: for benches and dry runs. */
export async function validateBackupSource(
  source: BackupSource,
  options: RestoreOptions = {},
): Promise<{ ok: true; shopId: string; counts: Record<BlockKind, number>; snapshot: Snapshot | null } | { ok: false; reason: string }> {
  return overAnyLayout(source, options, async (src) => {
    let r;
    try {
      r = await streamPass(src, options, null);
    } catch (e) {
      if (e instanceof Refused) return { ok: false as const, reason: e.reason };
      throw e;
    }
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

/**
 * Restores a backup from a File / Blob or string: validates the whole file and replaces that
 * shop's records with the file's in ONE transaction (other shops untouched), writing blocks as
 * the file is read. Any refusal or failure aborts it: nothing changed. Progress: `validating` in
 * bytes (characters) read of the size while reading, checking and writing, then `writing` in
 * records of all records for the directories, the small arrays and the snapshot.
 */
export async function restoreBackupSource(db: SellerLensDb, source: BackupSource, options: RestoreOptions = {}): Promise<RestoreResult> {
  let r: RestoreResult;
  try {
    r = await overAnyLayout(source, options, (src) => restoreInTransaction(db, src, options));
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.reason };
    return { ok: false, reason: `restore failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!r.ok) return r;
  const total = Object.values(r.counts).reduce((a, n) => a + n, 0);
  options.onProgress?.({ phase: 'done', done: total, total });
  return r;
}
