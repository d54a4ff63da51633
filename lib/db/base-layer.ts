/**
 * Reading, finding and writing a shop's base layer (schema v3, formats in blocks.ts): every base
 * record of a kind block by block, base records by natural key through the hash directory, the
 * directory cache of the capture path, and a writer (tests, restore) built from per-block pieces
 * that a streaming restore can use one block at a time.
 */
import { dayOf } from '../model';
import type { Contact, Order } from '../model';
import { blockKeyOf, buildDirectory, candidateBlocks, decodeBlock, keyHash, type BlockRecordOf } from './blocks';
import type { BlockDirectory, BlockKind, RecordBlock, SellerLensDb } from './schema';
import { dataVersionKey } from './settings-keys';

/** The three kinds of base records. */
export const BLOCK_KINDS: readonly BlockKind[] = ['customers', 'orders', 'contacts'];

/**
 * A directory row as this module writes it: plus `maxDay`, the latest UTC+8 day of a base
 * record of the kind (orders: placedAt or paidAt; contacts: at; null when none, absent for
 * customers and for directories written without it — then readers scan the blocks).
 */
export type BaseDirectory = BlockDirectory & { maxDay?: string | null };

/** Builds a directory while blocks are written one by one (no second pass over the records). */
export interface DirectoryAccumulator {
  /** Records that the base record of `key` lives in block `seq`. */
  add(key: string, seq: number): void;
  /** Records a day a base record happens on (for `maxDay`). */
  noteDay(day: string): void;
  /** `add` + `noteDay` for every record of block `seq`. */
  addRecords(seq: number, records: readonly unknown[]): void;
  /** The finished, sorted directory row (the accumulator is spent). */
  finish(): BaseDirectory;
}

/** The latest day a §2 record of a kind happens on (undefined for customers). */
export function baseRecordDay(kind: BlockKind, record: unknown): string | undefined {
  if (kind === 'orders') {
    const o = record as Order;
    const placed = dayOf(o.placedAt);
    if (o.paidAt === undefined) return placed;
    const paid = dayOf(o.paidAt);
    return paid > placed ? paid : placed;
  }
  if (kind === 'contacts') return dayOf((record as Contact).at);
  return undefined;
}

/** A directory accumulator for one shop and kind (growable typed arrays: no array of boxed numbers). */
export function directoryAccumulator(shopId: string, kind: BlockKind): DirectoryAccumulator {
  let hashes = new Float64Array(1024);
  let blocks = new Int32Array(1024);
  let n = 0;
  let maxDay: string | null = null;
  const acc: DirectoryAccumulator = {
    add(key, seq) {
      if (n === hashes.length) {
        const h = new Float64Array(n * 2), b = new Int32Array(n * 2);
        h.set(hashes);
        b.set(blocks);
        hashes = h;
        blocks = b;
      }
      hashes[n] = keyHash(key);
      blocks[n] = seq;
      n++;
    },
    noteDay(day) {
      if (maxDay === null || day > maxDay) maxDay = day;
    },
    addRecords(seq, records) {
      for (const r of records) {
        acc.add(blockKeyOf(kind, r as BlockRecordOf[BlockKind]), seq);
        const day = baseRecordDay(kind, r);
        if (day !== undefined) acc.noteDay(day);
      }
    },
    finish() {
      const dir: BaseDirectory = buildDirectory(shopId, kind, hashes.subarray(0, n), blocks.subarray(0, n));
      if (kind !== 'customers') dir.maxDay = maxDay;
      return dir;
    },
  };
  return acc;
}

/** IndexedDB key range of one shop's blocks of one kind (seq from `from`). */
/** The `[shopId+kind+seq]` key range of a shop's blocks of one kind (from seq `from`). */
export const kindRange = (shopId: string, kind: BlockKind, from = -Infinity) =>
  [
    [shopId, kind, from],
    [shopId, kind, Infinity],
  ] as const;

/** Blocks read per IndexedDB request when scanning: bounded memory (text of ~50 blocks at a time). */
const SCAN_PAGE = 50;

/** Calls `fn` with the records of every base block of a shop and kind, in seq order, a page of blocks at a time. */
export async function forEachBaseBlock<K extends BlockKind>(
  db: SellerLensDb,
  shopId: string,
  kind: K,
  fn: (records: BlockRecordOf[K][], seq: number) => void,
): Promise<void> {
  let from = -Infinity;
  for (;;) {
    const [lo, hi] = kindRange(shopId, kind, from);
    const page = await db.recordBlocks.where('[shopId+kind+seq]').between(lo, hi, true, true).limit(SCAN_PAGE).toArray();
    for (const block of page) fn(decodeBlock(block as RecordBlock & { kind: K }), block.seq);
    if (page.length < SCAN_PAGE) return;
    from = page[page.length - 1]!.seq + 1;
  }
}

/** Every base record of a shop and kind, in block order ([] when the shop has no base layer). */
export async function readBaseRecords<K extends BlockKind>(db: SellerLensDb, shopId: string, kind: K): Promise<BlockRecordOf[K][]> {
  const out: BlockRecordOf[K][] = [];
  await forEachBaseBlock(db, shopId, kind, (records) => {
    for (const r of records) out.push(r);
  });
  return out;
}

/** True when the shop has at least one base block of the kind (a key-only read). */
export async function hasBaseBlocks(db: SellerLensDb, shopId: string, kind: BlockKind): Promise<boolean> {
  const [lo, hi] = kindRange(shopId, kind);
  return (await db.recordBlocks.where('[shopId+kind+seq]').between(lo, hi, true, true).limit(1).primaryKeys()).length > 0;
}

/** The stored directory row of a shop and kind, or undefined (reads the whole row: use the cache on hot paths). */
export async function getDirectory(db: SellerLensDb, shopId: string, kind: BlockKind): Promise<BaseDirectory | undefined> {
  return db.blockDirectories.get([shopId, kind]);
}

/**
 * A cheap test that lets a record through only if it may have one of `keys` (contacts: its
 * `at` must be one of theirs), so that a lookup computes contactIdOf for few records.
 */
function prefilter(kind: BlockKind, keys: Iterable<string>): (r: unknown) => boolean {
  if (kind !== 'contacts') return () => true;
  const ats = new Set<unknown>();
  for (const k of keys) {
    try {
      ats.add((JSON.parse(k) as unknown[])[2]);
    } catch {
      return () => true; // not a contactId: compare keys only
    }
  }
  return (r) => ats.has((r as Contact).at);
}

/**
 * The base records of `keys` (natural keys), found through `dir`: only the candidate blocks of
 * the keys' hashes are read, and a record counts only if its key equals one of `keys` exactly
 * (hash collisions are harmless). A block missing from the store is skipped (shop deleted).
 */
export async function findBaseRecords<K extends BlockKind>(
  db: SellerLensDb,
  dir: Pick<BlockDirectory, 'hashes' | 'blocks'>,
  shopId: string,
  kind: K,
  keys: Iterable<string>,
): Promise<Map<string, BlockRecordOf[K]>> {
  const wanted = new Set(keys);
  const found = new Map<string, BlockRecordOf[K]>();
  const seqs = new Set<number>();
  for (const k of wanted) for (const s of candidateBlocks(dir, k)) seqs.add(s);
  if (seqs.size === 0) return found;
  const list = [...seqs].sort((a, b) => a - b);
  const blocks = await db.recordBlocks.bulkGet(list.map((s) => [shopId, kind, s] as [string, BlockKind, number]));
  const mayMatch = prefilter(kind, wanted);
  for (const block of blocks) {
    if (!block) continue;
    for (const r of decodeBlock(block as RecordBlock & { kind: K })) {
      if (!mayMatch(r)) continue;
      const k = blockKeyOf(kind, r);
      if (wanted.has(k) && !found.has(k)) found.set(k, r);
    }
  }
  return found;
}

/**
 * Directory cache of the capture path, per database and `shopId|kind`. A directory is immutable
 * until a restore replaces the shop's base layer, and every restore writes a new restore stamp
 * (`dataVersion:<shopId>`, markShopReplaced) in the same transaction: an entry is valid while
 * that stamp is unchanged. One small settings read per lookup instead of cloning a directory of
 * up to ~40 MB per batch; works across JS contexts (a restore in the panel's worker, captures in
 * the background). A stale entry after deleting a shop is harmless: its blocks are gone, so
 * lookups find nothing. Writers in this context (lib/db/writer/primitives: writeBaseLayer, deleteBaseLayer) also forget.
 */
const directoryCache = new WeakMap<SellerLensDb, Map<string, { stamp: string; dir: BlockDirectory | null }>>();

/** Forgets the cached directories of a shop (every kind) in this JS context. */
export function forgetDirectories(db: SellerLensDb, shopId: string): void {
  const m = directoryCache.get(db);
  if (m) for (const kind of BLOCK_KINDS) m.delete(`${shopId}|${kind}`);
}

/** The directory of a shop and kind through the cache (null when the shop has none); call inside a transaction covering settings and blockDirectories. */
export async function cachedDirectory(db: SellerLensDb, shopId: string, kind: BlockKind): Promise<BlockDirectory | null> {
  const stamp = JSON.stringify((await db.settings.get(dataVersionKey(shopId)))?.value ?? null);
  let m = directoryCache.get(db);
  if (!m) directoryCache.set(db, (m = new Map()));
  const id = `${shopId}|${kind}`;
  const hit = m.get(id);
  if (hit && hit.stamp === stamp) return hit.dir;
  const dir = (await db.blockDirectories.get([shopId, kind])) ?? null;
  m.set(id, { stamp, dir });
  return dir;
}

/**
 * The latest day of a base order (placedAt / paidAt) or contact of the shop, or null: from the
 * directories' `maxDay`, scanning the blocks of a kind whose directory lacks it.
 */
export async function baseLatestDay(db: SellerLensDb, shopId: string): Promise<string | null> {
  let best: string | null = null;
  const note = (d: string | null | undefined) => {
    if (d != null && (best === null || d > best)) best = d;
  };
  for (const kind of ['orders', 'contacts'] as const) {
    if (!(await hasBaseBlocks(db, shopId, kind))) continue;
    const dir = await getDirectory(db, shopId, kind);
    if (dir && dir.maxDay !== undefined) note(dir.maxDay);
    else await forEachBaseBlock(db, shopId, kind, (records) => records.forEach((r) => note(baseRecordDay(kind, r))));
  }
  return best;
}
