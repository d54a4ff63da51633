/**
 * One of the side panel's two snapshot readers (cold open, issue 14): a tiny worker, started with the
 * engine worker (./boot.ts), that reads the first shop's snapshot record and one part of its hot
 * range (./early-read.ts, plain IndexedDB; its name says which: READER_NAMES) and posts them through
 * its port to the engine worker, transferring the bytes. The copy of the bytes out of the Blob (~43 MB
 * at 200k customers: first-touch page faults, ~350–550 ms on one thread in a new browser) is cut in
 * two at a column boundary, each half on its own reader's thread, while the engine worker's thread
 * loads the engine's code. Part 1's reader posts only which record it read (the engine checks both
 * are of the same). Any failure posts null: the engine then reads the record itself.
 */
import { readFirstShopRecord, readerTimes, recordIdentity, type ReaderHandover, type ReaderPart } from './early-read';
import { READER_NAMES } from './worker-name';

const named = READER_NAMES.indexOf((self as unknown as { name?: string }).name as (typeof READER_NAMES)[number]);
const part: ReaderPart | undefined = named === 0 || named === 1 ? named : undefined;

const read: Promise<ReaderHandover | null> = readFirstShopRecord(part)
  .then(async (r) => {
    if (!r) return null;
    const bytes = r.bytes ? await r.bytes : null;
    const record = part === 1 ? recordIdentity(r.record) : r.record;
    return { shopId: r.shopId, record, ...(part !== undefined ? { part } : {}), bytes, times: readerTimes() };
  })
  .catch(() => null);

self.onmessage = (e: MessageEvent) => {
  const port = e.ports[0];
  if (!port) return;
  void read.then((h) => {
    try {
      port.postMessage(h, h?.bytes ? [h.bytes] : []);
    } catch {
      port.postMessage(null); // e.g. a record that cannot be cloned
    }
    self.close();
  });
};
