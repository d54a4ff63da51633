import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EARLY_DB_NAME, earlyRecordIn, expectReaderHandover, readFirstShopRecord, recordIdentity, startEarlyRead, takeEarlyRead, takeReaderPorts } from '@/components/engine/early-read';
import { DB_NAME, getDb, storeCapture } from '@/lib/db';
import { loadAnalysisSnapshot, offerEarlyRecordRead } from '@/lib/db/analysis-snapshot';
import { saveAnalysisSnapshot } from '@/lib/db/writer/analysis';
import { analyzeWindow, buildSnapshot, latestDataDay, resolveWindow } from '@/lib/engine';
import { generateShop } from '../../../fixtures/generate';

const shopA = generateShop({ seed: 3, platform: 'douyin', shopId: 'shop-z', shopName: 'Alpha 店', customers: 120, endDay: '2026-11-20', days: 90 });
const shopB = generateShop({ seed: 4, platform: 'douyin', shopId: 'shop-a', shopName: 'Beta 店', customers: 120, endDay: '2026-11-20', days: 90 });

describe("the engine worker's early read (before its code loads)", () => {
  it("lets the engine's code load once the record step is over (at once when no read was started)", async () => {
    let settled = false;
    await earlyRecordIn().then(() => (settled = true));
    expect(settled).toBe(true);
    startEarlyRead();
    const read = takeEarlyRead()!;
    let recordIn = false;
    const waited = earlyRecordIn().then(() => (recordIn = true));
    expect(recordIn).toBe(false); // the record step of a started read is not over synchronously
    await waited;
    expect(await read).toBeNull(); // no database: the read gave up, and the code was let load
  });

  it('opens the database the engine uses, and never creates it', async () => {
    expect(EARLY_DB_NAME).toBe(DB_NAME);
    startEarlyRead();
    expect(await takeEarlyRead()).toBeNull();
    expect(takeEarlyRead()).toBeNull(); // handed over once
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
  });

  it("reads the first shop's record by name and its hot columns, which the next load of that shop takes over once", async () => {
    const db = getDb();
    const snaps = new Map<string, ReturnType<typeof buildSnapshot>>();
    for (const d of [shopA, shopB]) {
      await storeCapture(db, { shop: d.shop, customers: d.customers, orders: d.orders, contacts: d.contacts });
      snaps.set(d.shop.shopId, buildSnapshot(d));
      await saveAnalysisSnapshot(db, snaps.get(d.shop.shopId)!, `tok-${d.shop.shopId}`);
    }
    startEarlyRead();
    const early = (await takeEarlyRead())!;
    expect(early.shopId).toBe('shop-z'); // 'Alpha 店' before 'Beta 店', as the Dashboard picks
    const record = early.record as { builtAt: string; header: { packed: { hotBytes: number } } };
    expect(((await early.bytes!) as ArrayBuffer).byteLength).toBe(record.header.packed.hotBytes);

    // The load uses the offered record (marked here) instead of reading it again; once.
    offerEarlyRecordRead(Promise.resolve({ ...early, record: { ...record, builtAt: 'early' } }));
    const loaded = (await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!;
    expect(loaded.builtAt).toBe('early');
    const w = resolveWindow({}, latestDataDay(snaps.get('shop-z')!, '2026-11-20'));
    expect(analyzeWindow(loaded.snap, w).report).toEqual(analyzeWindow(snaps.get('shop-z')!, w).report);
    expect((await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!.builtAt).not.toBe('early');

    // An early read of another shop is not used for this one.
    offerEarlyRecordRead(Promise.resolve({ ...early, record: { ...record, builtAt: 'early' } }));
    expect((await loadAnalysisSnapshot(db, 'shop-a', 'tok-shop-a'))!.builtAt).not.toBe('early');
  });

  it("takes the reader worker's record and bytes over through its port; the load uses them once", async () => {
    const db = getDb(); // shops stored by the test above
    const read = (await readFirstShopRecord())!; // what the reader worker reads
    const record = read.record as { builtAt: string; header: { packed: { hotBytes: number } } };
    const bytes = await read.bytes!;
    expectReaderHandover();
    let codeMayLoad = false;
    await earlyRecordIn().then(() => (codeMayLoad = true));
    expect(codeMayLoad).toBe(true); // the engine's code does not wait for the reader
    const { port1, port2 } = new MessageChannel();
    takeReaderPorts([port2]);
    port1.postMessage({ shopId: read.shopId, record: { ...record, builtAt: 'from-reader' }, bytes, times: {} }, [bytes]);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    const early = takeEarlyRead()!;
    const handed = (await early)!;
    expect(handed.shopId).toBe('shop-z');
    expect(((await handed.bytes!) as ArrayBuffer).byteLength).toBe(record.header.packed.hotBytes);
    offerEarlyRecordRead(Promise.resolve(handed));
    const loaded = (await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!;
    expect(loaded.builtAt).toBe('from-reader');
    const w = resolveWindow({}, latestDataDay(buildSnapshot(shopA), '2026-11-20'));
    expect(analyzeWindow(loaded.snap, w).report).toEqual(analyzeWindow(buildSnapshot(shopA), w).report);
  });

  it("falls back to the load's own read when the reader posts null or no port comes", async () => {
    const db = getDb();
    expectReaderHandover();
    const { port1, port2 } = new MessageChannel();
    takeReaderPorts([port2]);
    port1.postMessage(null);
    const early = takeEarlyRead()!;
    expect(await early).toBeNull();
    offerEarlyRecordRead(early);
    expect((await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!.builtAt).not.toBe('from-reader');

    expectReaderHandover();
    takeReaderPorts([]); // the worker's first message had no port: no reader
    expect(await takeEarlyRead()).toBeNull();
  });

  it("takes the two readers' parts of the hot range over; the load reads each column in place from its part, as the whole read gives", async () => {
    const db = getDb();
    const whole = (await readFirstShopRecord())!;
    const [a, b] = [(await readFirstShopRecord(0))!, (await readFirstShopRecord(1))!]; // what the two readers read
    const record = a.record as { builtAt: string; header: { packed: { hotBytes: number } } };
    const [lower, upper] = [await a.bytes!, await b.bytes!];
    const wholeBytes = new Uint8Array(await whole.bytes!);
    expect(lower.byteLength).toBeGreaterThan(0);
    expect(upper.byteLength).toBeGreaterThan(0);
    expect([...new Uint8Array(lower), ...new Uint8Array(upper)]).toEqual([...wholeBytes]); // the hot range, cut in two
    expect(wholeBytes.byteLength).toBe(record.header.packed.hotBytes);

    expectReaderHandover();
    const [c0, c1] = [new MessageChannel(), new MessageChannel()];
    takeReaderPorts([c0.port2, c1.port2]);
    const marked = { ...record, builtAt: 'from-readers' };
    // Part 1's reader posts first: the engine waits for both, whatever their order.
    c1.port1.postMessage({ shopId: b.shopId, record: recordIdentity(marked), part: 1, bytes: upper, times: {} }, [upper]);
    c0.port1.postMessage({ shopId: a.shopId, record: marked, part: 0, bytes: lower, times: {} }, [lower]);
    const handed = (await takeEarlyRead()!)!;
    const parts = (await handed.bytes!) as readonly ArrayBuffer[];
    expect(parts.map((p) => p.byteLength)).toEqual([wholeBytes.byteLength - parts[1]!.byteLength, parts[1]!.byteLength]);
    offerEarlyRecordRead(Promise.resolve(handed));
    const loaded = (await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!;
    expect(loaded.builtAt).toBe('from-readers');
    // In place: the 概览's columns are views into the two transferred buffers, some into each.
    const hot = ['customerFlags', 'orderCustomer', 'custContactDay', 'custPaidOrder', 'paidOrderDays'] as const;
    const buffers = new Set(hot.map((k) => loaded.snap[k].buffer));
    expect(buffers).toEqual(new Set(parts));
    const built = buildSnapshot(shopA);
    const w = resolveWindow({}, latestDataDay(built, '2026-11-20'));
    expect(analyzeWindow(loaded.snap, w).report).toEqual(analyzeWindow(built, w).report);
  });

  it('falls back to the load\'s own read when either part fails or the parts are of different records', async () => {
    const db = getDb();
    const read = async () => {
      const [a, b] = [(await readFirstShopRecord(0))!, (await readFirstShopRecord(1))!];
      return { a: { ...a, bytes: await a.bytes!, part: 0 as const }, b: { ...b, bytes: await b.bytes!, part: 1 as const } };
    };
    const handover = async (post: (c0: MessagePort, c1: MessagePort) => Promise<void>) => {
      expectReaderHandover();
      const [c0, c1] = [new MessageChannel(), new MessageChannel()];
      takeReaderPorts([c0.port2, c1.port2]);
      await post(c0.port1, c1.port1);
      const early = takeEarlyRead()!;
      const got = await early;
      offerEarlyRecordRead(early);
      const loaded = (await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!;
      expect(loaded.builtAt).not.toBe('from-readers'); // read by the load itself
      return got;
    };
    const marked = (r: unknown) => ({ ...(r as object), builtAt: 'from-readers' });
    // Part 1 failed (its reader posted null).
    expect(await handover(async (p0, p1) => {
      const { a } = await read();
      p0.postMessage({ ...a, record: marked(a.record), times: {} }, [a.bytes]);
      p1.postMessage(null);
    })).toBeNull();
    // Part 0 failed.
    expect(await handover(async (p0, p1) => {
      const { a, b } = await read();
      p0.postMessage(null);
      p1.postMessage({ ...b, record: recordIdentity(marked(a.record)), times: {} }, [b.bytes]);
    })).toBeNull();
    // Part 1 was read from another record (saved again in between).
    expect(await handover(async (p0, p1) => {
      const { a, b } = await read();
      p0.postMessage({ ...a, record: marked(a.record), times: {} }, [a.bytes]);
      p1.postMessage({ ...b, record: recordIdentity(a.record), times: {} }, [b.bytes]);
    })).toBeNull();
  });
});
