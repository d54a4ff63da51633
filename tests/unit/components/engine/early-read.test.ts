import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EARLY_DB_NAME, expectReaderHandover, readFirstShopRecord, takeEarlyRead, takeReaderPort } from '@/components/engine/early-read';
import { DB_NAME, getDb, storeCapture } from '@/lib/db';
import { loadAnalysisSnapshot, offerEarlyRecordRead } from '@/lib/db/analysis-snapshot';
import { saveAnalysisSnapshot } from '@/lib/db/writer/analysis';
import { analyzeWindow, buildSnapshot, latestDataDay, resolveWindow } from '@/lib/engine';
import { generateShop } from '../../../fixtures/generate';

const shopA = generateShop({ seed: 3, platform: 'douyin', shopId: 'shop-z', shopName: 'Alpha 店', customers: 120, endDay: '2026-11-20', days: 90 });
const shopB = generateShop({ seed: 4, platform: 'douyin', shopId: 'shop-a', shopName: 'Beta 店', customers: 120, endDay: '2026-11-20', days: 90 });

describe("the engine worker's early read (before its code loads)", () => {
  it('opens the database the engine uses, and never creates it', async () => {
    expect(EARLY_DB_NAME).toBe(DB_NAME);
    expect(await readFirstShopRecord().catch(() => null)).toBeNull(); // no database: nothing read (the reader posts null)
    expect(takeEarlyRead()).toBeNull(); // no handover expected: the load reads for itself
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
    const early = (await readFirstShopRecord())!; // what the reader worker reads
    expect(early.shopId).toBe('shop-z'); // 'Alpha 店' before 'Beta 店', as the Dashboard picks
    const record = early.record as { builtAt: string; header: { packed: { hotBytes: number } } };
    expect((await early.bytes!).byteLength).toBe(record.header.packed.hotBytes);

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
    const { port1, port2 } = new MessageChannel();
    takeReaderPort(port2);
    port1.postMessage({ shopId: read.shopId, record: { ...record, builtAt: 'from-reader' }, bytes, times: {} }, [bytes]);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    const early = takeEarlyRead()!;
    const handed = (await early)!;
    expect(handed.shopId).toBe('shop-z');
    expect((await handed.bytes!).byteLength).toBe(record.header.packed.hotBytes);
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
    takeReaderPort(port2);
    port1.postMessage(null);
    const early = takeEarlyRead()!;
    expect(await early).toBeNull();
    offerEarlyRecordRead(early);
    expect((await loadAnalysisSnapshot(db, 'shop-z', 'tok-shop-z'))!.builtAt).not.toBe('from-reader');

    expectReaderHandover();
    takeReaderPort(null); // the worker's first message had no port: no reader
    expect(await takeEarlyRead()).toBeNull();
  });
});
