/**
 * The side panel's snapshot reader (cold open, issue 14): a tiny worker, started with the engine worker
 * (./boot.ts), that reads the first shop's snapshot record and its hot columns' bytes (./early-read.ts,
 * plain IndexedDB) and posts them through its port to the engine worker, transferring the bytes. The
 * copy of those bytes out of the Blob (~43 MB at 200k customers: first-touch page faults, ~350 ms in a
 * new browser) then runs on this thread while the engine worker's thread loads the engine's code.
 * Any failure posts null: the engine then reads the record itself.
 */
import { readFirstShopRecord, readerTimes, type ReaderHandover } from './early-read';

const read: Promise<ReaderHandover | null> = readFirstShopRecord()
  .then(async (r) => {
    if (!r) return null;
    const bytes = r.bytes ? await r.bytes : null;
    return { shopId: r.shopId, record: r.record, bytes, times: readerTimes() };
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
