import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dataVersionKey, lastReportKey, shopDataToken, tierCacheKey } from '@/lib/db';
import { restoreShop } from '@/lib/backup';
import { freshDb, shopA, shopB } from '../db/helpers';

const backupOf = (shop: typeof shopA, amountFen: number) =>
  JSON.stringify({
    format: 'seller-lens-backup',
    version: 1,
    shop,
    customers: [{ customerKey: `${shop.platform}:${shop.shopId}:id:1`, shopId: shop.shopId, nickname: '一号' }],
    orders: [
      { orderId: 'o1', shopId: shop.shopId, customerKey: `${shop.platform}:${shop.shopId}:id:1`, placedAt: '2026-11-20 10:00:00', paidAt: '2026-11-20 10:01:00', amountFen, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid' },
    ],
    contacts: [],
  });

describe('restore and the results derived from the data it replaces', () => {
  it('gives the shop a new data token and drops its last report and tier chips, in the same transaction; other shops keep theirs', async () => {
    const db = freshDb();
    await db.settings.bulkPut([
      { key: lastReportKey(shopA.shopId), value: { stale: true } },
      { key: tierCacheKey(shopA.shopId), value: { tiers: {} } },
      { key: lastReportKey(shopB.shopId), value: { other: true } },
    ]);
    const before = await shopDataToken(db, shopA.shopId);
    const r = await restoreShop(db, backupOf(shopA, 100));
    expect(r.ok).toBe(true);
    expect(await shopDataToken(db, shopA.shopId)).not.toBe(before);
    expect(await db.settings.get(lastReportKey(shopA.shopId))).toBeUndefined();
    expect(await db.settings.get(tierCacheKey(shopA.shopId))).toBeUndefined();
    expect((await db.settings.get(lastReportKey(shopB.shopId)))?.value).toEqual({ other: true });
  });

  it('a refused restore leaves the token and the derived results as they were', async () => {
    const db = freshDb();
    await db.settings.put({ key: lastReportKey(shopA.shopId), value: { kept: true } });
    const before = await shopDataToken(db, shopA.shopId);
    const r = await restoreShop(db, backupOf(shopA, -5));
    expect(r.ok).toBe(false);
    expect(await shopDataToken(db, shopA.shopId)).toBe(before);
    expect(await db.settings.get(dataVersionKey(shopA.shopId))).toBeUndefined();
    expect((await db.settings.get(lastReportKey(shopA.shopId)))?.value).toEqual({ kept: true });
  });
});
