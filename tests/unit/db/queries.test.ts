import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteShop, listShops, loadShopData, storeCapture } from '@/lib/db';
import { capture, contact, customer, dumpAll, freshDb, order, shopA, shopB, snapshot } from './helpers';

async function twoShops() {
  const db = freshDb();
  // The same order id and the same hand-made customer key in both shops: they must stay apart.
  await storeCapture(db, {
    shop: shopA,
    customers: [customer('10001', 'b1'), { customerKey: 'c1', shopId: '10001', nickname: '甲的c1' }],
    orders: [order('10001', 'o1', 'b1', { amountFen: 100 })],
    contacts: [contact('10001', 'b1', '2026-11-20 10:00:00')],
    platformSnapshots: [snapshot('10001', '2026-11-20', 1)],
    capture: capture('10001', 'ca', [['a']]),
  });
  await storeCapture(db, {
    shop: shopB,
    customers: [customer('20002', 'b9'), { customerKey: 'c1', shopId: '20002', nickname: '乙的c1' }],
    orders: [order('20002', 'o1', 'b9', { amountFen: 200 })],
    contacts: [contact('20002', 'b9', '2026-11-21 10:00:00')],
    platformSnapshots: [snapshot('20002', '2026-11-20', 2)],
    capture: capture('20002', 'cb', [['a']]),
  });
  return db;
}

describe('per-shop queries', () => {
  it('two shops never mix, even with the same order id and customer key', async () => {
    const db = await twoShops();
    const a = await loadShopData(db, '10001');
    const b = await loadShopData(db, '20002');
    expect(a.orders.map((o) => [o.orderId, o.amountFen])).toEqual([['o1', 100]]);
    expect(b.orders.map((o) => [o.orderId, o.amountFen])).toEqual([['o1', 200]]);
    expect(a.customers.find((c) => c.customerKey === 'c1')?.nickname).toBe('甲的c1');
    expect(b.customers.find((c) => c.customerKey === 'c1')?.nickname).toBe('乙的c1');
    for (const d of [a, b]) {
      const id = d.shop.shopId;
      expect([...d.customers, ...d.orders, ...d.contacts].every((r) => r.shopId === id)).toBe(true);
    }
  });

  it('listShops lists every shop', async () => {
    const db = await twoShops();
    expect((await listShops(db)).map((s) => s.shopId).sort()).toEqual(['10001', '20002']);
  });

  it('deleteShop removes everything of one shop and nothing of the other', async () => {
    const db = await twoShops();
    await db.analysisSnapshots.put({ shopId: '10001', builtAt: 'x', version: 1, data: new ArrayBuffer(4) });
    await db.analysisSnapshots.put({ shopId: '20002', builtAt: 'x', version: 1, data: new ArrayBuffer(4) });
    const dumpB = async () => {
      const all = await dumpAll(db);
      return Object.fromEntries(Object.entries(all).map(([t, rows]) => [t, rows.filter((r) => r.includes('20002'))]));
    };
    const before = await dumpB();
    await deleteShop(db, '10001');
    const after = await dumpAll(db);
    for (const [table, rows] of Object.entries(after)) {
      if (table === 'settings') continue;
      expect(rows.filter((r) => r.includes('"10001"')), table).toEqual([]);
    }
    expect(await dumpB()).toEqual(before);
    expect(await db.analysisSnapshots.get('20002')).toBeDefined();
    await expect(loadShopData(db, '10001')).rejects.toThrow(/no shop with id "10001"/);
  });
});
