import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Contact, Customer, Order } from '@/lib/model';
import { loadShopData, shopDataToken, type SellerLensDb } from '@/lib/db';
import { writeBaseLayer } from '@/lib/db/writer/primitives';
import { buildSnapshot } from '@/lib/engine';
import {
  deleteShop,
  eraseCustomer,
  freezeExport,
  persistSnapshot,
  saveAnalysisModel,
  saveAudience,
  saveLastReport,
  saveTierLookup,
  storeCapture,
} from '@/lib/db/writer';
import { capture, contact, customer, dumpAll, freshDb, order, shopA, shopB, snapshot } from './helpers';

/** A shop with a row in EVERY table (checked below, so a new table without a row here fails). */
async function fillShop(db: SellerLensDb, shop: typeof shopA | typeof shopB, tag: string) {
  const id = shop.shopId;
  // Base layer (as a restore writes it): customer bb, an order and a contact of bb — and of b1.
  await writeBaseLayer(db, id, 'customers', [Customer.parse(customer(id, `bb${tag}`, { phone: '13900001111' }))]);
  await writeBaseLayer(db, id, 'orders', [Order.parse(order(id, `base-${tag}-1`, `bb${tag}`)), Order.parse(order(id, `base-${tag}-b1`, `b1${tag}`, { recipientPhone: '13812341234' }))]);
  await writeBaseLayer(db, id, 'contacts', [Contact.parse(contact(id, `b1${tag}`, '2026-11-18T09:00:00+08:00'))]);
  await storeCapture(db, {
    shop,
    customers: [customer(id, `b1${tag}`, { phone: '13812341234', nickname: `张三${tag}` }), customer(id, `b2${tag}`)],
    orders: [order(id, `o-${tag}-1`, `b1${tag}`), order(id, `o-${tag}-2`, `b2${tag}`)],
    contacts: [contact(id, `b1${tag}`, '2026-11-19T08:00:00+08:00'), contact(id, `b2${tag}`, '2026-11-19T09:00:00+08:00')],
    platformSnapshots: [snapshot(id, '2026-11-20', 30)],
    capture: {
      ...capture(id, `cap-${tag}`, [
        [`o-${tag}-1`, `张三${tag}`, '123.45'],
        [`o-${tag}-2`, `买家b2${tag}`, '10.00'],
        [`o-${tag}-3`, '13812341234', 'abc'],
      ]),
      rejected: [{ row: 2, reason: `金额 "abc" 不是数字 (13812341234)` }],
    },
  });
  const data = await loadShopData(db, id);
  const snap = buildSnapshot(data);
  const token = await shopDataToken(db, id);
  await persistSnapshot(db, snap, token, { names: data.customers.map((c) => c.nickname) });
  await saveAnalysisModel(db, id, token, { kind: 'fallback', asOfDay: 20412, fallbackReason: 'few', trainingDays: [], rows: 0, positives: 0 });
  const aud = await saveAudience(db, { shopId: id, name: '复购', expression: 'repeat' });
  await freezeExport(db, { shopId: id, audienceId: aud.audienceId, name: '复购', format: 'csv', memberKeys: [`douyin:${id}:id:b1${tag}`, `douyin:${id}:id:b2${tag}`], controlShare: 0 });
  await saveTierLookup(db, { shopId: id, window: { start: '2026-10-22', end: '2026-11-20' }, computedAt: '2026-11-20T13:00:00+08:00', tiers: { [`douyin:${id}:id:b1${tag}`]: ['repeat'] } });
  await saveLastReport(db, id, { request: '{}', token, savedAt: '2026-11-20T05:00:00.000Z', result: { report: { shopId: id }, extras: { highPotential: [{ name: `张三${tag}` }] } } as never });
}

/** Rows of a table that belong to / name a shop (its shopId field, or a settings key of it). */
async function rowsNaming(db: SellerLensDb, needle: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of db.tables) {
    const rows = await t.toArray();
    out[t.name] = rows.filter((r) => JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? [...(v as unknown as number[])] : v)).includes(needle)).length;
  }
  return out;
}

describe('deleteShop (issue 11 item 7)', () => {
  it('leaves no row of the shop in ANY table of the schema (settings included), and the other shop untouched', async () => {
    const db = freshDb();
    await fillShop(db, shopA, 'A');
    await fillShop(db, shopB, 'B');
    const before = await rowsNaming(db, '"10001');
    const withKey = await rowsNaming(db, ':10001');
    // Every table of the schema holds something of shop A: none can be forgotten by this test.
    for (const t of db.tables) expect(before[t.name]! + withKey[t.name]!, t.name).toBeGreaterThan(0);
    const otherBefore = await dumpAll(db);

    await deleteShop(db, '10001');

    const after = await dumpAll(db);
    for (const t of db.tables) {
      for (const row of after[t.name]!) {
        expect(row, t.name).not.toContain('"10001');
        expect(row, t.name).not.toContain(':10001');
      }
    }
    // Shop B's rows are exactly as before.
    for (const t of db.tables) expect(after[t.name], t.name).toEqual(otherBefore[t.name]!.filter((r) => !r.includes('10001')));
  });

  it('a result computed before the deletion and saved after it brings nothing of the shop back', async () => {
    const db = freshDb();
    await fillShop(db, shopA, 'A');
    const snap = buildSnapshot(await loadShopData(db, '10001'));
    await deleteShop(db, '10001');
    // The engine worker's late writes for the deleted shop (an analysis that was running when 删除 was pressed).
    await saveLastReport(db, '10001', { request: '{}', token: 'late', savedAt: '2026-11-20T05:00:00.000Z', result: { report: { shopId: '10001' } } as never });
    await saveTierLookup(db, { shopId: '10001', window: { start: '2026-10-22', end: '2026-11-20' }, computedAt: '2026-11-20T13:00:00+08:00', tiers: { 'douyin:10001:id:b1A': ['repeat'] } });
    await persistSnapshot(db, snap, 'late');
    await saveAnalysisModel(db, '10001', 'late', { kind: 'fallback', asOfDay: 20412, fallbackReason: 'few', trainingDays: [], rows: 0, positives: 0 });
    const after = await dumpAll(db);
    for (const t of db.tables) for (const row of after[t.name]!) expect(row, t.name).not.toMatch(/"10001|:10001/);
  });
});

describe('eraseCustomer (issue 11 item 7)', () => {
  it('erases one customer everywhere: rows, base records, raw rows, export lists, caches; the rest stays', async () => {
    const db = freshDb();
    await fillShop(db, shopA, 'A');
    const tokenBefore = await shopDataToken(db, '10001');
    const r = await eraseCustomer(db, '10001', 'douyin:10001:id:b1A');
    expect(r).toEqual({ customers: 1, orders: 2, contacts: 2, captureRows: 2, exports: 1 });

    const data = await loadShopData(db, '10001');
    expect(data.customers.map((c) => c.customerKey).sort()).toEqual(['douyin:10001:id:b2A', 'douyin:10001:id:bbA']);
    expect(data.orders.map((o) => o.orderId).sort()).toEqual(['base-A-1', 'o-A-2']);
    expect(data.contacts.map((c) => c.customerKey)).toEqual(['douyin:10001:id:b2A']);

    // Nothing anywhere names them: key, nickname, phone, their order ids.
    const dump = JSON.stringify(await dumpAll(db));
    for (const needle of ['id:b1A', '张三A', '13812341234', 'o-A-1', 'base-A-b1']) expect(dump, needle).not.toContain(needle);
    // The raw row is blanked in place; the other row stays.
    expect((await db.captures.get('cap-A'))?.rawRows).toEqual([
      ['', '', ''],
      ['o-A-2', '买家b2A', '10.00'],
      ['', '', ''],
    ]);
    expect((await db.captureSummaries.get('cap-A'))?.rejected).toEqual([{ row: 2, reason: '' }]);
    expect((await db.exports.toArray())[0]?.members).toEqual(['douyin:10001:id:b2A']);
    // Derived caches gone, a new data token (open panels rebuild).
    expect(await db.analysisSnapshots.count()).toBe(0);
    for (const k of ['tierCache:10001', 'lastReport:10001', 'analysisToken:10001', 'analysisModels:10001']) expect(await db.settings.get(k), k).toBeUndefined();
    expect(await shopDataToken(db, '10001')).not.toBe(tokenBefore);
  });
});
