import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SellerLensDb, captureFingerprint, contactIdOf, latestDayWithData, loadShopData } from '@/lib/db';

/** Golden example of version-1 data, exactly as the v1 code wrote it (no derived `day`). */
const V1_SHOP = { shopId: '10001', platform: 'douyin', name: '甲店🌸' };
const V1_ORDERS = [
  {
    orderId: '6930000000000000001',
    shopId: '10001',
    customerKey: 'douyin:10001:id:b1',
    placedAt: '2026-11-19T23:58:00+08:00',
    paidAt: '2026-11-20T00:01:00+08:00', // paid after midnight: it happens on the 20th
    amountFen: 9900,
    quantity: 1,
    items: [{ productName: '围巾', quantity: 1 }],
    channel: 'live',
    traffic: 'paid',
    status: 'completed',
  },
  {
    orderId: '6930000000000000002',
    shopId: '10001',
    customerKey: 'douyin:10001:nick:小🐟',
    placedAt: '2026-11-18T10:00:00+08:00',
    amountFen: 500,
    quantity: 2,
    items: [],
    channel: 'card',
    traffic: 'unknown',
    status: 'unpaid',
  },
];
const V1_CONTACTS = [
  { shopId: '10001', customerKey: 'douyin:10001:id:b1', at: '2026-11-21T08:00:00+08:00', kind: 'visit', source: '搜索' },
  { shopId: '10001', customerKey: 'douyin:10001:nick:小🐟', at: '2026-11-17T22:00:00+08:00', kind: 'cart' },
].map((c) => ({ ...c, contactId: contactIdOf(c as never) }));

async function writeV1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('shops').put(V1_SHOP);
  await v1.table('customers').put({ customerKey: 'douyin:10001:id:b1', shopId: '10001', nickname: '买家', tags: ['老客'] });
  await v1.table('orders').bulkPut(V1_ORDERS);
  await v1.table('contacts').bulkPut(V1_CONTACTS);
  await v1.table('settings').put({ key: 'priceBands', value: [0, 50, 100] });
  expect(v1.verno).toBe(1);
  v1.close();
}

/** Golden v3 data: the v1 example plus its days (v2) and one capture (v3 had no summaries). */
const V3_CAPTURE = {
  captureId: 'cap-1',
  shopId: '10001',
  url: 'https://fxg.jinritemai.com/ffa/morder/order/list',
  adapter: 'douyin-orders',
  capturedAt: '2026-11-20T10:00:00+08:00',
  headers: ['订单号', '买家'],
  rawRows: [
    ['6930000000000000001', '买家'],
    ['6930000000000000002', '小🐟'],
  ],
  rowCount: 2,
  rejected: [{ row: 1, reason: '金额不是数字' }],
};

async function writeV3(name: string) {
  const v3 = new Dexie(name);
  v3.version(1).stores(SCHEMA_V1);
  v3.version(2).stores(SCHEMA_V2);
  v3.version(3).stores(SCHEMA_V3);
  await v3.open();
  await v3.table('shops').put(V1_SHOP);
  await v3.table('orders').bulkPut(V1_ORDERS.map((o) => ({ ...o, day: (o.paidAt ?? o.placedAt).slice(0, 10) })));
  await v3.table('captures').put({ ...V3_CAPTURE, fingerprint: captureFingerprint(V3_CAPTURE as never) });
  expect(v3.verno).toBe(3);
  v3.close();
}

/** Golden v2 data: the v1 example with the derived days v2 wrote. */
async function writeV2(name: string) {
  const v2 = new Dexie(name);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2);
  await v2.open();
  await v2.table('shops').put(V1_SHOP);
  await v2.table('orders').bulkPut(V1_ORDERS.map((o) => ({ ...o, day: (o.paidAt ?? o.placedAt).slice(0, 10) })));
  await v2.table('contacts').bulkPut(V1_CONTACTS.map((c) => ({ ...c, day: c.at.slice(0, 10) })));
  expect(v2.verno).toBe(2);
  v2.close();
}

/** One golden writer per older schema version. */
const GOLDEN: Record<number, (name: string) => Promise<void>> = { 1: writeV1, 2: writeV2, 3: writeV3 };

describe('database schema versions', () => {
  it('the current version is 4', () => {
    expect(DB_VERSION).toBe(4);
    expect(new SellerLensDb('unopened').verno).toBe(4);
  });

  it('every older schema version has a golden example that this file upgrades', () => {
    expect(Object.keys(GOLDEN).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  it('opens a version-2 database and keeps its day indexes', async () => {
    const name = `golden-v2-${Math.random()}`;
    await GOLDEN[2]!(name);
    const db = new SellerLensDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.orders.where('[shopId+day]').equals(['10001', '2026-11-20']).count()).toBe(1);
    expect(await latestDayWithData(db, '10001')).toBe('2026-11-21');
    expect(await db.captureSummaries.count()).toBe(0);
    db.close();
  });

  it('opens a version-3 database and lists every capture in captureSummaries without its raw rows (v4)', async () => {
    const name = `golden-v3-${Math.random()}`;
    await GOLDEN[3]!(name);
    const db = new SellerLensDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.captures.get('cap-1')).toEqual({ ...V3_CAPTURE, fingerprint: captureFingerprint(V3_CAPTURE as never) });
    expect(await db.captureSummaries.toArray()).toEqual([
      {
        captureId: 'cap-1',
        shopId: '10001',
        url: 'https://fxg.jinritemai.com/ffa/morder/order/list',
        adapter: 'douyin-orders',
        capturedAt: '2026-11-20T10:00:00+08:00',
        headers: ['订单号', '买家'],
        rowCount: 2,
        rejected: [{ row: 1, reason: '金额不是数字' }],
      },
    ]);
    // The new index answers (retention reads it).
    expect(await db.captures.where('[shopId+capturedAt]').between(['10001', ''], ['10001', '\uffff']).count()).toBe(1);
    // Earlier data untouched.
    expect((await loadShopData(db, '10001')).orders).toHaveLength(2);
    db.close();
  });

  it('opens a version-1 database, keeps its data and backfills the day indexes', async () => {
    const name = `golden-v1-${Math.random()}`;
    await writeV1(name);

    const db = new SellerLensDb(name);
    await db.open();
    expect(db.verno).toBe(4);

    // Kept: every record, field for field.
    const data = await loadShopData(db, '10001');
    expect(data.shop).toEqual(V1_SHOP);
    expect(data.customers).toEqual([{ customerKey: 'douyin:10001:id:b1', shopId: '10001', nickname: '买家', tags: ['老客'] }]);
    expect([...data.orders].sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual(V1_ORDERS);
    expect(data.contacts).toEqual(
      [...V1_CONTACTS].sort((a, b) => a.at.localeCompare(b.at)).map(({ contactId: _, ...c }) => c),
    );
    expect(await db.settings.get('priceBands')).toEqual({ key: 'priceBands', value: [0, 50, 100] });

    // Upgraded: the derived day is there and the new indexes answer.
    expect((await db.orders.get(['10001', '6930000000000000001']))?.day).toBe('2026-11-20');
    expect((await db.orders.get(['10001', '6930000000000000002']))?.day).toBe('2026-11-18');
    const on20 = await db.orders.where('[shopId+day]').equals(['10001', '2026-11-20']).toArray();
    expect(on20.map((o) => o.orderId)).toEqual(['6930000000000000001']);
    const fish = await db.orders.where('[shopId+customerKey]').equals(['10001', 'douyin:10001:nick:小🐟']).count();
    expect(fish).toBe(1);
    const contactDays = (await db.contacts.where('[shopId+day]').between(['10001', ''], ['10001', '\uffff']).toArray()).map(
      (c) => c.day,
    );
    expect(contactDays).toEqual(['2026-11-17', '2026-11-21']);
    expect(await latestDayWithData(db, '10001')).toBe('2026-11-21');
    db.close();
  });

  it('latestDayWithData is null for a shop without data and never looks at other shops', async () => {
    const name = `golden-v1-${Math.random()}`;
    await writeV1(name);
    const db = new SellerLensDb(name);
    expect(await latestDayWithData(db, '99999')).toBeNull();
    await db.contacts.put({
      shopId: '99999',
      customerKey: 'k',
      at: '2027-01-01T00:00:00+08:00',
      kind: 'visit',
      contactId: 'x',
      day: '2027-01-01',
    });
    expect(await latestDayWithData(db, '10001')).toBe('2026-11-21');
    expect(await latestDayWithData(db, '99999')).toBe('2027-01-01');
    db.close();
  });
});
