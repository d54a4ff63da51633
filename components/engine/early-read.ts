/**
 * The engine's first read, started before the engine's code has loaded (cold open, issue 14): the
 * stored snapshot record of the shop the panel opens on (the first by name, as the Dashboard picks
 * it) and the read of its hot columns. Plain IndexedDB, no Dexie. The side panel's two reader
 * workers (./snapshot-reader.worker.ts) do it on their own threads, each copying one part of the
 * hot range (cut at hotSplit), and hand record + bytes to the engine worker through MessagePorts
 * (`expectReaderHandover`); the unpack reads each column in place from the part that holds it.
 * A worker without a reader (the popup's)
 * starts it itself on `warm`. lib/db/analysis-snapshot.ts takes it over (offerEarlyRecordRead) and
 * checks it as any record.
 */
import { byShopOrder } from '@/lib/db/shop-order';
import { hotSplit } from '@/lib/engine/snapshot/hot-split';
import type { StoredBytes } from '@/lib/engine/snapshot/packed';
import { BENCH_BUILD } from './bench-timings';

/** lib/db/schema.ts DB_NAME (not imported: that module brings Dexie into this first script). */
export const EARLY_DB_NAME = 'seller-lens';

/** The record read early and the read of its hot columns' range (null when the record is not of a layout with one). */
export interface EarlyRecordRead<B extends StoredBytes = StoredBytes> {
  shopId: string;
  record: unknown;
  /** The hot range, whole or in the two parts the side panel's two readers copy (hot-split.ts). */
  bytes: Promise<B> | null;
}

/** Which part of the hot range a reader copies: 0 up to hotSplit, 1 from it to hotBytes (undefined: all of it). */
export type ReaderPart = 0 | 1;

/** Bench builds: when (ms since the worker started) the early read started, had the record, had the hot columns' bytes. */
const times: Record<string, number> = {};
const at = (step: string) => {
  if (BENCH_BUILD) times[step] = Math.round(performance.now());
};

/** The early read's times so far (empty outside bench builds). */
export function earlyReadTimes(): Record<string, number> {
  return { ...times };
}

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** Bytes [from, to) of the record's data that `part` copies; null when the record has no hot range of a known layout. */
function hotRangeOf(record: { header?: { packed?: { hotBytes?: unknown } } } | undefined, part?: ReaderPart): [number, number] | null {
  const packed = record?.header?.packed;
  const hot = packed?.hotBytes;
  if (typeof hot !== 'number') return null;
  if (part === undefined) return [0, hot];
  const split = hotSplit(packed as Parameters<typeof hotSplit>[0]);
  if (split === null) return null;
  return part === 0 ? [0, split] : [split, hot];
}

/**
 * The first shop's record as the Dashboard orders shops (lib/db/shop-order.ts) and the read of its hot range (of
 * `part` of it when given); null when there is none.
 */
export async function readFirstShopRecord(part?: ReaderPart): Promise<EarlyRecordRead<ArrayBuffer> | null> {
  const suffix = part === 1 ? 'B' : '';
  const open = indexedDB.open(EARLY_DB_NAME);
  // Never create the database here: Dexie does, with its schema.
  open.onupgradeneeded = () => open.transaction?.abort();
  const db = await done(open);
  try {
    if (!db.objectStoreNames.contains('shops') || !db.objectStoreNames.contains('analysisSnapshots')) return null;
    const tx = db.transaction(['shops', 'analysisSnapshots'], 'readonly');
    const shops = (await done(tx.objectStore('shops').getAll())) as { shopId: string; name: string }[];
    shops.sort(byShopOrder);
    const first = shops[0];
    if (!first) return null;
    const record = (await done(tx.objectStore('analysisSnapshots').get(first.shopId))) as
      | { data?: unknown; header?: { packed?: { hotBytes?: unknown } } }
      | undefined;
    at(`earlyRecord${suffix}At`);
    const range = hotRangeOf(record, part);
    const bytes = record?.data instanceof Blob && range ? record.data.slice(range[0], range[1]).arrayBuffer() : null;
    bytes?.then(() => at(`earlyBytes${suffix}At`)).catch(() => undefined); // awaited (and its failure handled) by the load
    return { shopId: first.shopId, record, bytes };
  } finally {
    db.close(); // a held connection would block Dexie's schema upgrades
  }
}

let early: Promise<EarlyRecordRead | null> | null = null;
/** The early read's record step: settled once the record is in (its hot columns' read started) or the read gave up. */
let recordIn: Promise<unknown> | null = null;

/**
 * Longest the engine's code waits for the early read's record: in a new browser the record comes 40–110 ms after the
 * read starts; right after the record was written again it can take 300–700 ms, and the thread would idle (a stuck
 * IndexedDB open must not keep the worker from answering either).
 */
const RECORD_WAIT_MS = 150;

/** Starts the early read (once; any failure leaves it to the ordinary load). */
export function startEarlyRead(): void {
  if (early) return;
  at('earlyReadAt');
  early = readFirstShopRecord().catch(() => null);
  recordIn = early;
}

/** Resolves when the early read (if one was started) has its record, or has given up, or after RECORD_WAIT_MS. */
export function earlyRecordIn(): Promise<void> {
  if (!recordIn) return Promise.resolve();
  return Promise.race([recordIn, new Promise((resolve) => setTimeout(resolve, RECORD_WAIT_MS))]).then(() => undefined);
}

/** The early read, handed over once (null when none was started). */
export function takeEarlyRead(): Promise<EarlyRecordRead | null> | null {
  const e = early;
  early = null;
  return e;
}

/** What a reader worker posts through its port: the record and its hot range's bytes (or its part's; transferred), or null. */
export interface ReaderHandover {
  shopId: string;
  /** The record; the reader of part 1 posts only which record it read (`recordIdentity`), part 0's brings the record. */
  record: unknown;
  part?: ReaderPart;
  bytes: ArrayBuffer | null;
  /** Bench builds: the reader's steps, ms since the epoch (its clock's origin differs from the engine worker's). */
  times: Record<string, number>;
}

/** Which stored record this is (its data token and when it was built): the two readers' parts must be of the same one. */
export function recordIdentity(record: unknown): string {
  const r = record as { token?: unknown; builtAt?: unknown } | undefined;
  return JSON.stringify([r?.token ?? null, r?.builtAt ?? null]);
}

/** The reader's steps as epoch ms (empty outside bench builds), for `ReaderHandover.times`. */
export function readerTimes(): Record<string, number> {
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v + performance.timeOrigin]));
}

/**
 * Longest the load waits for the reader's handover: a reader that failed to start or is stuck must not keep the
 * worker from answering (the load then reads the record itself). A new browser's bytes come at ~0.4–0.8 s.
 */
const HANDOVER_WAIT_MS = 3000;

let handoverPorts: ((ports: readonly MessagePort[]) => void) | null = null;

/**
 * The side panel's engine worker: its early read is the reader workers' handover, whose ports come as the first
 * message (`takeReaderPorts`); the engine's code need not wait for it (`earlyRecordIn` resolves at once).
 */
export function expectReaderHandover(): void {
  if (early) return;
  at('earlyReadAt');
  early = new Promise<readonly MessagePort[]>((resolve) => {
    handoverPorts = resolve;
    setTimeout(() => resolve([]), HANDOVER_WAIT_MS);
  }).then(fromPorts);
}

/**
 * Gives the expected handover its readers' ports (once): one reader of the whole hot range, or two — part 0 (with
 * the record), part 1 — in that order; none: no reader, the load reads itself.
 */
export function takeReaderPorts(ports: readonly MessagePort[]): void {
  handoverPorts?.(ports);
  handoverPorts = null;
}

/** What one reader posts through `port` (null: it failed, or nothing came in time). */
function handoverOf(port: MessagePort): Promise<ReaderHandover | null> {
  return new Promise<ReaderHandover | null>((resolve) => {
    const timeout = setTimeout(() => {
      port.close();
      resolve(null);
    }, HANDOVER_WAIT_MS);
    port.onmessage = (e: MessageEvent<ReaderHandover | null>) => {
      clearTimeout(timeout);
      port.close();
      resolve(e.data ?? null);
    };
  });
}

/** The readers' handover as the early read; null (the load reads itself) when any part failed or they do not fit together. */
async function fromPorts(ports: readonly MessagePort[]): Promise<EarlyRecordRead | null> {
  if (ports.length === 0 || ports.length > 2) return null;
  const got = await Promise.all(ports.map(handoverOf));
  const [a, b] = got;
  if (!a || got.includes(null)) return null;
  at('earlyHandoverAt');
  if (BENCH_BUILD) for (const h of got) for (const [k, v] of Object.entries(h!.times)) times[k] = Math.round(v - performance.timeOrigin);
  if (ports.length === 1) return { shopId: a.shopId, record: a.record, bytes: a.bytes ? Promise.resolve(a.bytes) : null };
  const fits = b && a.part === 0 && b.part === 1 && b.shopId === a.shopId && b.record === recordIdentity(a.record);
  if (!fits || !a.bytes || !b.bytes) return null;
  return { shopId: a.shopId, record: a.record, bytes: Promise.resolve([a.bytes, b.bytes] as const) };
}
