import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deleteShop, type SellerLensDb } from '@/lib/db';
import { saveAnalysisModel, saveAnalysisSnapshot } from '@/lib/db/writer/analysis';
import {
  ANALYSIS_SNAPSHOT_VERSION,
  loadAnalysisModels,
  hasPropensityModel,
  loadAnalysisSnapshot,
  propensityModelAt,
  readColdColumns,
  readOrderIds,
  type ModelMemo,
} from '@/lib/db/analysis-snapshot';
import { analyzeWindow, buildSnapshot, latestDataDay, resolveWindow, toRange, type Snapshot } from '@/lib/engine';
import { fitPropensity } from '@/lib/engine/propensity/model';
import { serializeBackup, type Backup } from '@/lib/backup';
import { main as reportCli } from '@/scripts/report';
import { generateShop } from '@/tests/fixtures/generate';
import { freshDb } from './helpers';

const data = generateShop({ seed: 3, platform: 'douyin', shopId: 'p1', shopName: '快照店', customers: 1500, endDay: '2026-11-20', days: 300 });
const snap = buildSnapshot(data);
const names = snap.customerKeys.map((k) => data.customers.find((c) => c.customerKey === k)?.nickname ?? '');

/** Every field of two snapshots, typed arrays compared as plain arrays. */
function plain(s: Snapshot): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v]));
}

const emptyMemo = (persisted = new Map()): ModelMemo => ({ models: new Map(), persisted });

describe('persisted analysis snapshot', () => {
  it('reads back exactly the snapshot it saved, with the names, for the same token', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const loaded = await loadAnalysisSnapshot(db, 'p1', 'tok-1');
    expect(loaded).not.toBeNull();
    expect(await readOrderIds(loaded!.snap)).toBe(true);
    expect(plain(loaded!.snap)).toEqual(plain(snap));
    expect(loaded!.names).toEqual(names);
    // Keys in the same order as buildSnapshot's, so engine code sees the same object shape.
    expect(Object.keys(loaded!.snap)).toEqual(Object.keys(snap));
  });

  it('reads the hot columns in place, the cold ones and the order ids only when asked', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const withNames = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!;
    const loaded = withNames.snap;
    expect(loaded.custContactKind.buffer).toBe(loaded.custContactStart.buffer); // views into the one read buffer
    expect(loaded.custPaidChannel.buffer).toBe(loaded.customerFlags.buffer);
    // What the 概览 reads needs nothing more; the cold columns throw until read (never wrong values).
    const w = resolveWindow({}, latestDataDay(snap, '2026-11-20'));
    expect(analyzeWindow(loaded, w).report).toEqual(analyzeWindow(snap, w).report);
    for (const cold of [
      'orderPaid', 'custContactIdx', 'contactKind', 'custOrderIdx', 'customerGender', 'customerKeys', 'orderCustomer', 'orderAmountFen', 'paidOrdersByDay',
      'paidOrderDays', 'custPaidOrder', 'orderChannel', 'orderTraffic',
    ] as const)
      expect(() => loaded[cold], cold).toThrow(/cold columns/);
    // The customer keys and names (the lists read them, the 概览 does not) come with the cold columns.
    expect(withNames.names).toEqual([]);
    const reads = [readColdColumns(loaded), readColdColumns(loaded)];
    expect(await Promise.all(reads)).toEqual([true, true]);
    expect(withNames.names).toEqual(names);
    expect(Object.getOwnPropertyDescriptor(loaded, 'customerKeys')?.value).toEqual(snap.customerKeys);
    expect(Array.from(loaded.custContactIdx)).toEqual(Array.from(snap.custContactIdx));
    expect(Array.from(loaded.contactKind)).toEqual(Array.from(snap.contactKind));
    expect(loaded.orderPaid.buffer).toBe(loaded.custOrderIdx.buffer); // the cold range: one more read buffer
    // The order ids stay in the Blob: reading them before readOrderIds throws (never wrong ids).
    expect(() => loaded.orderIds).toThrow(/readOrderIds/);
    expect(await readOrderIds(loaded)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(loaded, 'orderIds')?.value).toEqual(snap.orderIds);
    expect(await readOrderIds(loaded)).toBe(true); // read once
    const again = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!.snap;
    again.orderIds = ['x'];
    expect(again.orderIds).toEqual(['x']);
    expect(await readOrderIds(again)).toBe(true);
    expect(again.orderIds).toEqual(['x']);
  });

  it('stores well under the bytes of the snapshot columns (narrowed, derived columns left out)', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    let columnBytes = 0;
    for (const v of Object.values(snap)) if (ArrayBuffer.isView(v)) columnBytes += v.byteLength;
    const { bytes: packed, hotBytes } = (r.header as { packed: { bytes: number; hotBytes: number } }).packed;
    expect(packed).toBeLessThan(columnBytes * 0.6);
    expect(hotBytes).toBeLessThan(packed * 0.75); // a cold open reads the hot range only
    expect((r.data as Blob).size).toBeGreaterThan(packed); // the order ids after the columns
  });

  it('is not used for another data token or another shop, and a new save replaces it', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1');
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-2')).toBeNull();
    expect(await loadAnalysisSnapshot(db, 'other', 'tok-1')).toBeNull();
    const small = buildSnapshot({ ...data, orders: data.orders.slice(0, 10), contacts: [], customers: [] });
    await saveAnalysisSnapshot(db, small, 'tok-2');
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect((await loadAnalysisSnapshot(db, 'p1', 'tok-2'))!.snap.orderCount).toBe(10);
    expect(await db.analysisSnapshots.count()).toBe(1);
  });

  it('drops an unreadable or old-layout record instead of failing (it is rebuilt)', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1');
    const r = (await db.analysisSnapshots.get('p1'))!;
    await db.analysisSnapshots.put({ ...r, version: ANALYSIS_SNAPSHOT_VERSION + 1 });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();

    await saveAnalysisSnapshot(db, snap, 'tok-1');
    const r2 = (await db.analysisSnapshots.get('p1'))!;
    await db.analysisSnapshots.put({ ...r2, data: new Blob([new Uint8Array(16)]) }); // truncated columns
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();

    // Order ids that run past the Blob are refused at load; ids cut short when a capture needs them.
    await saveAnalysisSnapshot(db, snap, 'tok-1');
    const r3 = (await db.analysisSnapshots.get('p1'))!;
    const ids = r3.orderIds as { units: number };
    await db.analysisSnapshots.put({ ...r3, orderIds: { ...ids, units: ids.units + 1_000_000 } });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    await saveAnalysisSnapshot(db, snap, 'tok-1');
    await db.analysisSnapshots.put({ ...r3, orderIds: { ...ids, units: ids.units - 1 } });
    const cut = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!;
    expect(await readOrderIds(cut.snap)).toBe(false);
  });

  it('rebuilds a record of layout 5 (the order-indexed customer and amount and the paid orders by day in the hot range), never reads it', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    expect(r.version).toBe(7);
    const { hotBytes } = (r.header as { packed: { hotBytes: number } }).packed;
    await db.analysisSnapshots.put({ ...r, version: 5, header: { ...(r.header as object), packed: { ...(r.header as { packed: object }).packed, hotBytes: hotBytes + 8 } } });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    // Saved again (what the caller does after a null load): read back, the 概览 from the hot range alone.
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const again = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!.snap;
    expect(() => again.orderCustomer).toThrow(/cold columns/);
    const w = resolveWindow({}, latestDataDay(snap, '2026-11-20'));
    expect(analyzeWindow(again, w).report).toEqual(analyzeWindow(snap, w).report);
  });

  it('rebuilds a record of layout 6 (custPaidOrder and the orders\' channel and traffic in the hot range, no per-paid-order ones), never reads it', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    expect(r.version).toBe(7);
    // Refused by its version number alone (this record's bytes would read).
    await db.analysisSnapshots.put({ ...r, version: 6 });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    // And layout 6's column list (no custPaidChannel / custPaidTraffic) is refused even under the current number.
    const packed = (r.header as { packed: { columns: { name: string }[] } }).packed;
    const columns = packed.columns.filter((c) => c.name !== 'custPaidChannel' && c.name !== 'custPaidTraffic');
    await db.analysisSnapshots.put({ ...r, header: { ...(r.header as object), packed: { ...packed, columns } } });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    // Saved again (what the caller does after a null load): the 概览 from the hot range alone, the order columns cold.
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const again = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!.snap;
    expect(() => again.custPaidOrder).toThrow(/cold columns/);
    expect(() => again.orderChannel).toThrow(/cold columns/);
    const w = resolveWindow({}, latestDataDay(snap, '2026-11-20'));
    expect(analyzeWindow(again, w).report).toEqual(analyzeWindow(snap, w).report);
  });

  it('reads a record of layout 2 (every column at full width, order ids read with the columns) as "rebuild"', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    const { packed: _packed, ...rest } = r.header as { packed: unknown };
    // What layout 2 stored: a header listing every typed column (name, type, length), no `packed`.
    const columns = Object.entries(snap).filter(([, v]) => ArrayBuffer.isView(v)).map(([name, v]) => ({ name, type: 'i32', length: (v as Int32Array).length }));
    await db.analysisSnapshots.put({ ...r, version: 2, header: { ...rest, columns } });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    // Even under the current version number, a header without the packed layout is never read.
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    await db.analysisSnapshots.put({ ...r, header: { ...rest, columns } });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
  });

  it('discards a record of the previous layout (version 1: columns as one ArrayBuffer) and is rebuilt', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    const bytes = await (r.data as Blob).arrayBuffer();
    // What layout 1 stored: the same header and strings, the columns as an ArrayBuffer value.
    await db.analysisSnapshots.put({ ...r, version: 1, data: bytes.slice(0, 64) });
    expect(await loadAnalysisSnapshot(db, 'p1', null)).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
    // Even with the current version number, columns that are not a Blob are never read.
    await db.analysisSnapshots.put({ ...r, data: bytes });
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
    expect(await db.analysisSnapshots.get('p1')).toBeUndefined();
  });

  it('stores the columns and order ids as one Blob, and round-trips order ids beyond Latin-1 exactly', async () => {
    const db = freshDb();
    await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
    const r = (await db.analysisSnapshots.get('p1'))!;
    expect(r.version).toBe(ANALYSIS_SNAPSHOT_VERSION);
    expect(r.data).toBeInstanceOf(Blob);
    expect(r.orderIds).toMatchObject({ count: snap.orderCount, wide: false });

    // Wide code units (CJK, an emoji's surrogate pair, a lone surrogate) and an empty id.
    const odd = ['单号-一', 'x\u{1F600}y', 'lone\uD800', '', ...snap.orderIds.slice(4)];
    const wide = { ...snap, orderIds: odd } as Snapshot;
    await saveAnalysisSnapshot(db, wide, 'tok-2', { names });
    expect((await db.analysisSnapshots.get('p1'))!.orderIds).toMatchObject({ wide: true });
    const loaded = (await loadAnalysisSnapshot(db, 'p1', 'tok-2'))!;
    expect(await readOrderIds(loaded.snap)).toBe(true);
    expect(loaded.snap.orderIds).toEqual(odd);
    expect(plain(loaded.snap)).toEqual(plain(wide));
  });

  it('saves inside an outer transaction (as a restore does) and commits with it, or not at all', async () => {
    const db = freshDb();
    await db.transaction('rw', [db.shops, db.analysisSnapshots, db.settings, db.orders], async () => {
      await db.shops.put(data.shop);
      await saveAnalysisSnapshot(db, snap, 'tok-1', { names });
      await db.orders.where('shopId').equals('p1').delete();
    });
    const loaded = (await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!;
    await readOrderIds(loaded.snap);
    expect(plain(loaded.snap)).toEqual(plain(snap));
    expect(loaded.names).toEqual(names);

    // A failed outer transaction leaves the previous record in place.
    const small = buildSnapshot({ ...data, orders: data.orders.slice(0, 10), contacts: [], customers: [] });
    await expect(
      db.transaction('rw', [db.shops, db.analysisSnapshots, db.settings], async () => {
        await saveAnalysisSnapshot(db, small, 'tok-2');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-2')).toBeNull();
    expect((await loadAnalysisSnapshot(db, 'p1', 'tok-1'))!.snap.orderCount).toBe(snap.orderCount);
  });

  it('goes with the shop when its data is deleted', async () => {
    const db = freshDb();
    await db.shops.put(data.shop);
    await saveAnalysisSnapshot(db, snap, 'tok-1');
    await deleteShop(db, 'p1');
    expect(await loadAnalysisSnapshot(db, 'p1', 'tok-1')).toBeNull();
  });

  it('refuses names that do not match the customers', async () => {
    await expect(saveAnalysisSnapshot(freshDb(), snap, 't', { names: ['a'] })).rejects.toThrow(/names has 1 entries/);
  });
});

describe('fitted 高潜 models of a data token', () => {
  const day = snap.latestDay;

  it('are fitted once per day and token, persisted, and read back with the same scores', async () => {
    const db: SellerLensDb = freshDb();
    const fit = vi.fn(fitPropensity);
    const memo = emptyMemo(await loadAnalysisModels(db, 'p1', 'tok-1'));
    const saved: Promise<void>[] = [];
    expect(hasPropensityModel(memo, day)).toBe(false); // the worker shows the 概览 before this fit
    const m1 = propensityModelAt(memo, snap, day, (p) => saved.push(saveAnalysisModel(db, 'p1', 'tok-1', p)), fit);
    const again = propensityModelAt(memo, snap, day, undefined, fit);
    expect(again).toBe(m1);
    expect(fit).toHaveBeenCalledTimes(1);
    await Promise.all(saved);
    expect(m1.kind).toBe('logistic'); // enough history: a fitted model, not the heuristic

    // A new worker: the model comes from storage, no refit, identical scores and explanations.
    const memo2 = emptyMemo(await loadAnalysisModels(db, 'p1', 'tok-1'));
    expect(hasPropensityModel(memo2, day)).toBe(true);
    expect(hasPropensityModel(memo2, day - 1)).toBe(false);
    const m2 = propensityModelAt(memo2, snap, day, undefined, fit);
    expect(fit).toHaveBeenCalledTimes(1);
    const cand = Int32Array.from({ length: 200 }, (_, i) => i);
    expect(Array.from(m2.score(snap, day, cand))).toEqual(Array.from(m1.score(snap, day, cand)));
    expect(m2.explain(snap, day, 5)).toEqual(m1.explain(snap, day, 5));
    expect({ rows: m2.rows, positives: m2.positives }).toEqual({ rows: m1.rows, positives: m1.positives });

    // Another token sees none; saving under it drops the old token's models.
    expect((await loadAnalysisModels(db, 'p1', 'tok-2')).size).toBe(0);
    await saveAnalysisModel(db, 'p1', 'tok-2', { kind: 'fallback', asOfDay: day - 1, fallbackReason: 'x', trainingDays: [], rows: 0, positives: 0 });
    expect((await loadAnalysisModels(db, 'p1', 'tok-1')).size).toBe(0);
    expect([...(await loadAnalysisModels(db, 'p1', 'tok-2')).keys()]).toEqual([day - 1]);
  });

  it('a fallback model round-trips as the fallback', async () => {
    const db = freshDb();
    const short = buildSnapshot({ ...data, contacts: data.contacts.filter((c) => c.at >= '2026-10-01'), orders: [] });
    const memo = emptyMemo();
    const saved: Promise<void>[] = [];
    const m = propensityModelAt(memo, short, short.latestDay, (p) => saved.push(saveAnalysisModel(db, 'p1', 't', p)));
    expect(m.kind).toBe('fallback');
    await Promise.all(saved); // (a fixed wait here was flaky on a loaded machine)
    const back = propensityModelAt(emptyMemo(await loadAnalysisModels(db, 'p1', 't')), short, short.latestDay, undefined, () => {
      throw new Error('must not refit');
    });
    expect(back.kind).toBe('fallback');
    expect(back.fallbackReason).toBe(m.fallbackReason);
  });
});

describe('the side panel and `npm run report` agree on 高潜', () => {
  it('same report (highPotential included) from the persisted snapshot + persisted model as from the CLI', async () => {
    const backup: Backup = {
      format: 'seller-lens-backup',
      version: 1,
      exportedAt: '2026-11-21T09:00:00+08:00',
      ...data,
      captures: [],
      platformSnapshots: [],
      audiences: [],
      exports: [],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-parity-')), 'backup.json');
    writeFileSync(file, serializeBackup(backup));
    for (const args of [[file], [file, '--from', '2026-09-01', '--to', '2026-10-15']]) {
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      const code = await reportCli(args);
      spy.mockRestore();
      expect(code).toBe(0);
      const cli = JSON.parse(out);

      // The worker's path: snapshot and model from storage (second opening), then analyzeWindow.
      const db = freshDb();
      await saveAnalysisSnapshot(db, snap, 'tok');
      const first = emptyMemo();
      const w0 = resolveWindow({ from: args[2], to: args[4] }, latestDataDay(snap, '2026-11-21'));
      propensityModelAt(first, snap, toRange(w0).end, (p) => void saveAnalysisModel(db, 'p1', 'tok', p));
      await new Promise((r) => setTimeout(r, 10));
      const loaded = (await loadAnalysisSnapshot(db, 'p1', 'tok'))!;
      const memo = emptyMemo(await loadAnalysisModels(db, 'p1', 'tok'));
      const window = resolveWindow({ from: args[2], to: args[4] }, latestDataDay(loaded.snap, '2026-11-21'));
      const model = propensityModelAt(memo, loaded.snap, toRange(window).end, undefined, () => {
        throw new Error('the persisted model must be used');
      });
      const panel = analyzeWindow(loaded.snap, window, { scorer: model.score }).report;
      expect(panel.douyin.highPotential).toBe(cli.douyin.highPotential);
      expect(panel.douyin.highPotential).toBeGreaterThan(0);
      expect(panel).toEqual(cli);
    }
  });
});

describe('shopDataToken (cheap change token of a shop)', () => {
  it('changes when a capture stores or updates something or a restore stamps the shop, and only then', async () => {
    const { storeCapture, shopDataToken } = await import('@/lib/db');
    const db = freshDb();
    const shop = { shopId: 't1', platform: 'douyin' as const, name: '店' };
    const o = { orderId: 'o1', shopId: 't1', customerKey: 'douyin:t1:id:a', placedAt: '2026-11-20T10:00:00+08:00', amountFen: 100, quantity: 1, channel: 'live' as const, traffic: 'organic' as const, status: 'unpaid' as const };
    const t0 = await shopDataToken(db, 't1');
    await storeCapture(db, { shop, orders: [o] });
    const t1 = await shopDataToken(db, 't1');
    expect(t1).not.toBe(t0);
    await storeCapture(db, { shop, orders: [o] }); // the same page again: nothing changes
    expect(await shopDataToken(db, 't1')).toBe(t1);
    await storeCapture(db, { shop, orders: [{ ...o, status: 'paid', paidAt: '2026-11-20T10:05:00+08:00' }] });
    const t2 = await shopDataToken(db, 't1');
    expect(t2).not.toBe(t1);
    expect(await shopDataToken(db, 'other')).toBe(t0); // per shop
    await db.settings.put({ key: 'dataVersion:t1', value: 12345 });
    expect(await shopDataToken(db, 't1')).not.toBe(t2);
  });
});
