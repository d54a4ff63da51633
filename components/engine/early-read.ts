/**
 * The engine's first read, started before the engine's code has loaded (cold open, issue 14): the
 * stored snapshot record of the shop the panel opens on (the first by name, as the Dashboard picks
 * it) and the read of its hot columns. Plain IndexedDB, no Dexie. The side panel's reader worker
 * (./snapshot-reader.worker.ts) does it on its own thread and hands record + bytes to the engine
 * worker through a MessagePort (`expectReaderHandover`); a worker without a reader (the popup's)
 * reads for itself in its snapshot load. lib/db/analysis-snapshot.ts takes it over (offerEarlyRecordRead)
 * and checks it as any record.
 */
import { byShopOrder } from '@/lib/db/shop-order';
import { BENCH_BUILD } from './bench-timings';

/** lib/db/schema.ts DB_NAME (not imported: that module brings Dexie into this first script). */
export const EARLY_DB_NAME = 'seller-lens';

/** The record read early and the read of its hot columns' range (null when the record is not of a layout with one). */
export interface EarlyRecordRead {
  shopId: string;
  record: unknown;
  bytes: Promise<ArrayBuffer> | null;
}

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

/** The first shop's record as the Dashboard orders shops (lib/db/shop-order.ts); null when there is none. */
export async function readFirstShopRecord(): Promise<EarlyRecordRead | null> {
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
    at('earlyRecordAt');
    const hot = record?.header?.packed?.hotBytes;
    const bytes = record?.data instanceof Blob && typeof hot === 'number' ? record.data.slice(0, hot).arrayBuffer() : null;
    bytes?.then(() => at('earlyBytesAt')).catch(() => undefined); // awaited (and its failure handled) by the load
    return { shopId: first.shopId, record, bytes };
  } finally {
    db.close(); // a held connection would block Dexie's schema upgrades
  }
}

let early: Promise<EarlyRecordRead | null> | null = null;

/** The early read, handed over once (null when none was started). */
export function takeEarlyRead(): Promise<EarlyRecordRead | null> | null {
  const e = early;
  early = null;
  return e;
}

/** What the reader worker posts through its port: the record and its hot range's bytes (transferred), or null. */
export interface ReaderHandover {
  shopId: string;
  record: unknown;
  bytes: ArrayBuffer | null;
  /** Bench builds: the reader's steps, ms since the epoch (its clock's origin differs from the engine worker's). */
  times: Record<string, number>;
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

let handoverPort: ((port: MessagePort | null) => void) | null = null;

/**
 * The side panel's engine worker: its early read is the reader worker's handover, whose port comes as the first
 * message (`takeReaderPort`); the engine's code loads meanwhile, without waiting for it.
 */
export function expectReaderHandover(): void {
  if (early) return;
  at('earlyReadAt');
  early = new Promise<MessagePort | null>((resolve) => {
    handoverPort = resolve;
    setTimeout(() => resolve(null), HANDOVER_WAIT_MS);
  }).then((port) => (port ? fromPort(port) : null));
}

/** Gives the expected handover its port (null: no reader, the load reads itself); once. */
export function takeReaderPort(port: MessagePort | null): void {
  handoverPort?.(port);
  handoverPort = null;
}

function fromPort(port: MessagePort): Promise<EarlyRecordRead | null> {
  return new Promise<EarlyRecordRead | null>((resolve) => {
    const timeout = setTimeout(() => resolve(null), HANDOVER_WAIT_MS);
    port.onmessage = (e: MessageEvent<ReaderHandover | null>) => {
      clearTimeout(timeout);
      port.close();
      const h = e.data;
      if (!h) return resolve(null);
      at('earlyHandoverAt');
      if (BENCH_BUILD) for (const [k, v] of Object.entries(h.times)) times[k] = Math.round(v - performance.timeOrigin);
      resolve({ shopId: h.shopId, record: h.record, bytes: h.bytes ? Promise.resolve(h.bytes) : null });
    };
  });
}
