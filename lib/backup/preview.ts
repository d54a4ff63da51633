/**
 * What a backup file holds, before anything is replaced (issue 11 item 5): its header (format,
 * version, exportedAt, shop) and the number of records per array, read in one streamed pass that
 * counts record lines without parsing them; and what a restore of it would replace in the
 * profile (the shop's audiences, exports, captures newer than the file).
 */
import { Instant, Shop } from '../model';
import type { SellerLensDb } from '../db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, MAX_LINE_CHARS, RESTORE_READ_BYTES, WHOLE_TEXT_MAX_BYTES, backupCounts, type BackupCounts } from './format';
import { LineLayout, LineReader, LineTooLong, NotLineLayout, type BackupSource } from './line-reader';
import { parseBackup } from './parse';
import { refusal, refused, type Refusal } from './refusals';
import type { RestoreOptions } from './restore';

/** A backup's header and record counts, or why it cannot be a backup. */
export type BackupPreview =
  | { ok: true; shop: Shop; exportedAt?: string; counts: BackupCounts }
  | { ok: false; reason: string; refusal: Refusal };

class Stop extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const isSpace = (b: number) => b === 32 || b === 9 || b === 13;

/**
 * Feeds `layout` the file's lines without decoding its records: a line inside an array that is
 * not its closing `]` is fed as a record line (only its comma is looked at), every other line (the header, `],` …) as
 * its text. Counting a 1.3 GB backup this way takes a second or two, not the ~10 s of decoding
 * every line. The line budget is kept in bytes: more than 3 bytes a character never happens in
 * UTF-8 (BMP), so a line refused here is one the restore refuses too.
 */
async function scanLines(src: BackupSource, layout: LineLayout, slice: number, maxLine: number): Promise<void> {
  if (typeof src === 'string') {
    // A string (tests, small files): its lines as the restore reads them.
    const reader = new LineReader(src, slice, maxLine);
    while (await reader.fill()) for (let l = reader.piece(); l !== null; l = reader.piece()) for (const line of l) layout.feed(line);
    return;
  }
  const decoder = new TextDecoder();
  const maxBytes = maxLine * 3;
  let carry: Uint8Array[] = [];
  let carried = 0;
  let lineNo = 0;
  const feed = (bytes: Uint8Array) => {
    lineNo++;
    let a = 0, b = bytes.length;
    if (lineNo === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) a = 3;
    while (a < b && isSpace(bytes[a]!)) a++;
    while (b > a && isSpace(bytes[b - 1]!)) b--;
    if (a === b) return layout.feed('');
    if (layout.inArray && bytes[a] !== 0x5d) return layout.feedRecord(bytes[b - 1] === 0x2c);
    layout.feed(decoder.decode(bytes.subarray(a, b)));
  };
  for (let pos = 0; pos < src.size; pos += slice) {
    const chunk = new Uint8Array(await src.slice(pos, Math.min(src.size, pos + slice)).arrayBuffer());
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (carried + nl - start > maxBytes) throw new LineTooLong(lineNo + 1);
      if (carried > 0) {
        carry.push(chunk.subarray(start, nl));
        feed(concat(carry, carried + nl - start));
        carry = [];
        carried = 0;
      } else feed(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      carry.push(chunk.slice(start));
      carried += chunk.length - start;
      if (carried > maxBytes) throw new LineTooLong(lineNo + 1);
    }
  }
  if (carried > 0) feed(concat(carry, carried));
}

/** The byte arrays joined. */
function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a backup's header and counts its records per array without writing anything (records are checked by the restore). */
export async function previewBackup(
  src: BackupSource,
  opts: Pick<RestoreOptions, 'readBytes' | 'maxLineChars' | 'wholeTextMaxBytes'> = {},
): Promise<BackupPreview> {
  const size = typeof src === 'string' ? src.length : src.size;
  if (size === 0) return refused(refusal('backup.empty'));
  const fields = new Map<string, unknown>();
  const counts: BackupCounts = { customers: 0, orders: 0, contacts: 0, captures: 0, platformSnapshots: 0, audiences: 0, exports: 0 };
  const header = () => {
    const format = fields.get('format');
    if (format === undefined) return refusal('backup.noFormat');
    if (format !== BACKUP_FORMAT) return refusal('backup.wrongFormat', { format: JSON.stringify(format) ?? String(format) });
    const version = fields.get('version');
    if (version !== BACKUP_VERSION) return refusal('backup.wrongVersion', { version: JSON.stringify(version) ?? 'undefined', supported: BACKUP_VERSION });
    return null;
  };
  const layout = new LineLayout({
    field(key, value) {
      fields.set(key, value);
      // Another format or version: refused at its line, without reading on.
      if (key === 'format' && value !== BACKUP_FORMAT) throw new Stop(header()!);
      if (key === 'version' && fields.get('format') === BACKUP_FORMAT && value !== BACKUP_VERSION) throw new Stop(header()!);
    },
    record(name) {
      counts[name]++;
    },
  });
  try {
    await scanLines(src, layout, opts.readBytes ?? RESTORE_READ_BYTES, opts.maxLineChars ?? MAX_LINE_CHARS);
    layout.end();
  } catch (e) {
    if (e instanceof Stop) return refused(e.refusal);
    if (!(e instanceof NotLineLayout) && !(e instanceof LineTooLong)) throw e;
    if (size > (opts.wholeTextMaxBytes ?? WHOLE_TEXT_MAX_BYTES)) {
      if (e instanceof LineTooLong) return refused(refusal('backup.lineTooLong', { line: e.line }));
      return refused(refusal('backup.notLineLayout', { mb: mb(size), line: e.line, detail: e.message }));
    }
    // Another layout, small enough to read whole: the full validation gives header and counts.
    const parsed = parseBackup(typeof src === 'string' ? src : await src.text());
    if (!parsed.ok) return parsed;
    const b = parsed.backup;
    return { ok: true, shop: b.shop, ...(b.exportedAt !== undefined ? { exportedAt: b.exportedAt } : {}), counts: backupCounts(b) };
  }
  const bad = header();
  if (bad) return refused(bad);
  const shop = Shop.safeParse(fields.get('shop'));
  if (!shop.success) return refused({ code: 'backup.invalidRecords', params: {}, problems: [{ field: 'shop', kind: 'other', message: 'missing' }], hidden: 0 });
  const at = fields.get('exportedAt');
  const exportedAt = at === undefined ? undefined : Instant.safeParse(at);
  return { ok: true, shop: shop.data, ...(exportedAt?.success ? { exportedAt: exportedAt.data } : {}), counts };
}

/** What a restore of shop `shopId` would replace: whether the profile holds it, its audiences, exports, and captures (newer than `since`). */
export interface ReplacedData {
  exists: boolean;
  shopName?: string;
  audiences: number;
  exports: number;
  captures: number;
  /** Captures taken after the file was made (`since`): lost by the restore. */
  newerCaptures: number;
}

/** Counts what a restore of `shopId` would replace (reads only). */
export async function replacedData(db: SellerLensDb, shopId: string, since?: string): Promise<ReplacedData> {
  return db.transaction('r', [db.shops, db.audiences, db.exports, db.captures], async () => {
    const shop = await db.shops.get(shopId);
    const [audiences, exports, captures] = await Promise.all([
      db.audiences.where('shopId').equals(shopId).count(),
      db.exports.where('shopId').equals(shopId).count(),
      db.captures.where('shopId').equals(shopId).count(),
    ]);
    const newerCaptures =
      since === undefined ? captures : await db.captures.where('shopId').equals(shopId).filter((c) => c.capturedAt > since).count();
    return { exists: shop !== undefined, ...(shop ? { shopName: shop.name } : {}), audiences, exports, captures, newerCaptures };
  });
}
