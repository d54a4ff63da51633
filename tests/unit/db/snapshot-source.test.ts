import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadShopData, shopDataToken, storeCapture } from '@/lib/db';
import { markShopReplaced } from '@/lib/db/writer/primitives';
import { saveAnalysisSnapshot } from '@/lib/db/writer/analysis';
import { snapshotOfToken } from '@/lib/db/snapshot-source';
import { buildSnapshot, computeReport, customerNames } from '@/lib/engine';
import { generateShop } from '../../fixtures/generate';
import { canonicalSnapshot, expectSameSnapshot } from '../engine/snapshot-compare';
import { freshDb } from './helpers';

/** A generated shop cut into capture batches of a few days each (orders, their customers, the contacts). */
function batches() {
  const data = generateShop({ seed: 11, platform: 'douyin', shopId: 'inc', shopName: '增量店', customers: 120, endDay: '2026-11-20', days: 40 });
  const byDay = new Map<string, { customers: Set<string>; orders: typeof data.orders; contacts: typeof data.contacts }>();
  const slot = (at: string) => {
    const k = at.slice(0, 9); // ten-day slices: 2026-11-0x, 2026-11-1x …
    let b = byDay.get(k);
    if (!b) byDay.set(k, (b = { customers: new Set(), orders: [], contacts: [] }));
    return b;
  };
  for (const o of data.orders) slot(o.placedAt).orders.push(o), slot(o.placedAt).customers.add(o.customerKey);
  for (const c of data.contacts) slot(c.at).contacts.push(c), slot(c.at).customers.add(c.customerKey);
  const customers = new Map(data.customers.map((c) => [c.customerKey, c]));
  return {
    shop: data.shop,
    list: [...byDay.keys()].sort().map((k) => {
      const b = byDay.get(k)!;
      return {
        shop: data.shop,
        customers: [...b.customers].map((key) => customers.get(key)).filter((c) => c !== undefined),
        orders: b.orders,
        contacts: b.contacts,
      };
    }),
  };
}

describe('snapshotOfToken', () => {
  it('brings a snapshot forward through the logged captures, equal to a rebuild, in memory and from the persisted one', async () => {
    const db = freshDb();
    const { shop, list } = batches();
    expect(list.length).toBeGreaterThan(3);
    const shopId = shop.shopId;
    await storeCapture(db, list[0]!);
    const first = await snapshotOfToken(db, shopId, await shopDataToken(db, shopId));
    expect(first.origin).toBe('rebuilt');
    expect(first.data).not.toBeNull();

    // The same orders seen again later with a new status: updates, not additions.
    const refunded = list[0]!.orders.slice(0, 5).map((o) => ({ ...o, status: 'refunded' as const }));
    let held = first;
    for (const b of list.slice(1)) {
      await storeCapture(db, { ...b, orders: [...b.orders, ...refunded] });
      held = await snapshotOfToken(db, shopId, await shopDataToken(db, shopId), { previous: held });
      expect(held.origin).toBe('forwarded');
    }
    const data = await loadShopData(db, shopId);
    const rebuilt = buildSnapshot(data);
    // Orders sit in capture order here and in key order in a rebuild: equal up to record order.
    expect(canonicalSnapshot(held.snap)).toEqual(canonicalSnapshot(rebuilt));
    expect(held.names).toEqual(customerNames(rebuilt, data.customers));
    const w = { start: '2026-11-01', end: '2026-11-20' };
    expect(computeReport(held.snap, w)).toEqual(computeReport(rebuilt, w));

    // A new worker: the persisted snapshot of an older token, brought forward.
    await saveAnalysisSnapshot(db, first.snap, first.token, { names: first.names });
    const fromDisk = await snapshotOfToken(db, shopId, held.token);
    expect(fromDisk.origin).toBe('forwarded');
    expect(canonicalSnapshot(fromDisk.snap)).toEqual(canonicalSnapshot(rebuilt));

    await saveAnalysisSnapshot(db, held.snap, held.token, { names: held.names });
    expect((await snapshotOfToken(db, shopId, held.token)).origin).toBe('persisted');
  });

  it('rebuilds after a restore stamp: the change log cannot bridge two versions of the data', async () => {
    const db = freshDb();
    const { shop, list } = batches();
    await storeCapture(db, list[0]!);
    const before = await snapshotOfToken(db, shop.shopId, await shopDataToken(db, shop.shopId));
    await db.transaction('rw', db.settings, () => markShopReplaced(db, shop.shopId));
    await storeCapture(db, list[1]!);
    const after = await snapshotOfToken(db, shop.shopId, await shopDataToken(db, shop.shopId), { previous: before });
    expect(after.origin).toBe('rebuilt');
    expectSameSnapshot(after.snap, buildSnapshot(await loadShopData(db, shop.shopId)));
  });
});
