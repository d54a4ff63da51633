/**
 * The restore's ONE IndexedDB transaction (`restoreShop`; lib/db/writer.ts re-exports it — the
 * only other module that writes tables). The streaming pass (./restore.ts) puts blocks while it
 * validates, and any refusal or failure — a bad record at the file's end included — aborts the
 * transaction, so nothing changed. Before the first block the shop's old records are deleted and
 * it gets a new data token; at the end: repeated contacts, one directory per kind, the small
 * arrays, and the snapshot under the shop's new data token.
 *
 * Exact duplicate contacts (same contactId) collapse into one stored contact, the last one in
 * the file winning: contacts whose keyHash repeats are read back from their blocks at the end,
 * compared by their real contactId, and dropped from their blocks. The snapshot builder saw
 * every contact, so when a real duplicate is found it is not persisted (the panel then builds it
 * from the stored records, as for any other restore).
 */
import { Dexie } from 'dexie';
import { BLOCK_RECORDS, decodeBlock, encodeBlock } from '../db/blocks';
import { captureFingerprint, contactIdOf } from '../db/keys';
import { shopTables, type RecordBlock, type SellerLensDb } from '../db/schema';
// The one writer's primitives (never lib/db/writer.ts, which re-exports restoreShop from here).
import { deleteShopRecords, markShopReplaced } from '../db/writer/primitives';
import { saveAnalysisSnapshot } from '../db/writer/analysis';
import { shopDataToken } from '../db/store';
import type { Contact } from '../model';
import { BLOCK_KINDS, BlockWriter, F64, directoryOf, duplicateHashes } from './block-writer';
import type { BackupCounts } from './format';
import { RefusedError, refusal, refusalText, refused } from './refusals';
import { overAnyLayout, streamPass, type BackupSource, type RestoreOptions, type RestoreResult, type Validated } from './restore';

export type { BackupSource, RestoreOptions, RestoreResult };

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
    if (i >= 0) throw new RefusedError(refusal('backup.idOfAnotherShop', { field: `${name}[${i}]`, id: ids[i]! }));
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
 * refusal or failure aborts the transaction, so nothing changed. The shop's old records are
 * deleted just before its first block.
 */
async function restoreInTransaction(db: SellerLensDb, src: BackupSource, opts: RestoreOptions): Promise<RestoreResult> {
  let shopId = '';
  const counts = await db.transaction('rw', [...shopTables(db), db.settings], async () => {
    const writer = new BlockWriter(
      (block) => db.recordBlocks.put(block),
      async (id) => {
        await deleteShopRecords(db, id);
        // The shop's new data token from here on (same transaction: nothing is visible before commit).
        await markShopReplaced(db, id);
      },
    );
    const r = await streamPass(src, opts, writer, (p) => Dexie.waitFor(p));
    if (!r.ok) throw new RefusedError(r.refusal);
    shopId = r.v.shop.shopId;
    await writer.ensureOpen(shopId);
    await db.shops.put(r.v.shop);
    return finishRestore(db, writer, r.v, opts);
  });
  return { ok: true, shopId, counts };
}

/**
 * Restores a backup from a File / Blob or string: validates the whole file and replaces that
 * shop's records with the file's in ONE transaction (other shops untouched), writing blocks as
 * the file is read. Any refusal or failure aborts it: nothing changed. Progress: `validating` in
 * bytes (characters) read of the size while reading, checking and writing, then `writing` in
 * records of all records for the directories, the small arrays and the snapshot.
 */
export async function restoreShop(db: SellerLensDb, source: BackupSource, options: RestoreOptions = {}): Promise<RestoreResult> {
  let r: RestoreResult;
  try {
    r = await overAnyLayout(source, options, (src) => restoreInTransaction(db, src, options));
  } catch (e) {
    if (e instanceof RefusedError) return refused(e.refusal);
    const failed = refusal('backup.failed', { detail: e instanceof Error ? e.message : String(e) });
    return { ok: false, reason: refusalText(failed), refusal: failed };
  }
  if (!r.ok) return r;
  const total = Object.values(r.counts).reduce((a, n) => a + n, 0);
  options.onProgress?.({ phase: 'done', done: total, total });
  return r;
}
