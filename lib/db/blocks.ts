/**
 * The base layer of a shop's bulk records (schema v3): immutable blocks written by a restore,
 * plus a hash directory per kind to find the block of a natural key. Formats live here; the
 * readers (overlay of rows over base), the capture path's lookups and the restore's writer
 * build on them. See `RecordBlock` / `BlockDirectory` in schema.ts.
 */
import type { Contact, Customer, Order } from '../model';
import { contactIdOf, cyrb53 } from './keys';
import type { BlockDirectory, BlockKind, RecordBlock } from './schema';

/** Records per block: a block is ~0.3–0.6 MB of JSON, cheap to read back for one lookup. */
export const BLOCK_RECORDS: Record<BlockKind, number> = { customers: 2_000, orders: 1_000, contacts: 4_000 };

/** The §2 record type of each block kind. */
export interface BlockRecordOf {
  customers: Customer;
  orders: Order;
  contacts: Contact;
}

/** Natural key of a record of a kind: customerKey, orderId, or the contact's contactId. */
export function blockKeyOf<K extends BlockKind>(kind: K, record: BlockRecordOf[K]): string {
  if (kind === 'customers') return (record as Customer).customerKey;
  if (kind === 'orders') return (record as Order).orderId;
  return contactIdOf(record as Contact);
}

/** 53-bit hash of a natural key (cyrb53): a directory entry; equal keys give equal hashes. */
export function keyHash(key: string): number {
  return cyrb53(key);
}

/** A block row of `records` (already validated §2 records, in the order given). */
export function encodeBlock<K extends BlockKind>(shopId: string, kind: K, seq: number, records: readonly BlockRecordOf[K][]): RecordBlock {
  return { shopId, kind, seq, count: records.length, text: JSON.stringify(records) };
}

/** The records of a block (they were validated when written). */
export function decodeBlock<K extends BlockKind>(block: RecordBlock & { kind: K }): BlockRecordOf[K][] {
  return JSON.parse(block.text) as BlockRecordOf[K][];
}

/** A directory from unsorted (hash, block seq) pairs; the arrays are taken over and sorted together. */
export function buildDirectory(shopId: string, kind: BlockKind, hashes: Float64Array, blocks: Int32Array): BlockDirectory {
  const n = hashes.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => hashes[a]! - hashes[b]! || a - b);
  const h = new Float64Array(n), s = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = hashes[order[i]!]!;
    s[i] = blocks[order[i]!]!;
  }
  return { shopId, kind, count: n, hashes: h, blocks: s };
}

/** Seqs of the blocks that may hold the record of `key` (usually none or one). */
export function candidateBlocks(dir: Pick<BlockDirectory, 'hashes' | 'blocks'>, key: string): number[] {
  const h = keyHash(key);
  let lo = 0, hi = dir.hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dir.hashes[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < dir.hashes.length && dir.hashes[i] === h; i++) if (!out.includes(dir.blocks[i]!)) out.push(dir.blocks[i]!);
  return out;
}
