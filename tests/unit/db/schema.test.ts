import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, SCHEMA_V1, SellerLensDb, contactIdOf, latestDayWithData, loadShopData } from '@/lib/db';

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

describe('database schema versions', () => {
  it('the current version is 3', () => {
    expect(DB_VERSION).toBe(3);
    expect(new SellerLensDb('unopened').verno).toBe(3);
  });

  it('opens a version-1 database, keeps its data and backfills the day indexes', async () => {
    const name = `golden-v1-${Math.random()}`;
    await writeV1(name);

    const db = new SellerLensDb(name);
    await db.open();
    expect(db.verno).toBe(3);

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
