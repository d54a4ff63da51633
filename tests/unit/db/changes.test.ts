import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { changesBetween, parseDataToken } from '@/lib/db/changes';
import { pruneChangeLog } from '@/lib/db/writer/primitives';
import { CHANGE_LOG_KEEP, dataChangeKey, loadShopData, shopDataToken, storeCapture } from '@/lib/db';
import { markShopReplaced } from '@/lib/db/writer/primitives';
import { contact, customer, freshDb, order, shopA, shopB } from './helpers';

describe('data tokens', () => {
  it('reads the change counter and the restore stamp', () => {
    expect(parseDataToken('c12:v1700000000000')).toEqual({ change: 12, version: '1700000000000' });
    expect(parseDataToken('c0:vnull')).toEqual({ change: 0, version: 'null' });
    expect(parseDataToken('12:null')).toBeNull();
  });
});

describe('changesBetween', () => {
  it('gives the full stored records that captures added or updated between two tokens', async () => {
    const db = freshDb();
    const t0 = await shopDataToken(db, shopA.shopId);
    await storeCapture(db, {
      shop: shopA,
      customers: [customer('10001', 'b1', { phone: '138****1234' })],
      orders: [order('10001', 'o1', 'b1', { status: 'unpaid', paidAt: undefined })],
      contacts: [contact('10001', 'b1', '2026-11-20 13:00:00')],
    });
    const t1 = await shopDataToken(db, shopA.shopId);
    // Another shop's batch is not in this shop's log.
    await storeCapture(db, { shop: shopB, customers: [customer('20002', 'x')] });
    await storeCapture(db, {
      shop: shopA,
      customers: [customer('10001', 'b2')],
      orders: [order('10001', 'o1', 'b1', { status: 'paid', productName: undefined })],
      contacts: [contact('10001', 'b1', '2026-11-20 13:00:00'), contact('10001', 'b2', '2026-11-21 09:00:00')],
    });
    const t2 = await shopDataToken(db, shopA.shopId);

    const step = await changesBetween(db, shopA.shopId, t1, t2);
    expect(step).not.toBeNull();
    expect(step!.customers.added.map((c) => c.customerKey)).toEqual(['douyin:10001:id:b2']);
    expect(step!.customers.updated).toEqual([]);
    expect(step!.orders.added).toEqual([]);
    // The merged record as stored: status updated, the product name kept, no derived `day`.
    expect(step!.orders.updated).toEqual([(await loadShopData(db, shopA.shopId)).orders.find((o) => o.orderId === 'o1')]);
    expect(step!.orders.updated[0]).toMatchObject({ status: 'paid', productName: '羊毛围巾' });
    expect(step!.orders.updated[0]).not.toHaveProperty('day');
    expect(step!.contacts.added.map((c) => c.customerKey)).toEqual(['douyin:10001:id:b2']);
    expect(step!.contacts.added[0]).not.toHaveProperty('contactId');

    // From before the first batch: everything is added (an order added then updated counts as added).
    const all = await changesBetween(db, shopA.shopId, t0, t2);
    expect(all!.orders.added.map((o) => o.orderId)).toEqual(['o1']);
    expect(all!.orders.updated).toEqual([]);
    expect(all!.customers.added.map((c) => c.customerKey).sort()).toEqual(['douyin:10001:id:b1', 'douyin:10001:id:b2']);
    expect(all!.contacts.added).toHaveLength(2);

    expect(await changesBetween(db, shopA.shopId, t2, t2)).toEqual({
      customers: { added: [], updated: [] },
      orders: { added: [], updated: [] },
      contacts: { added: [] },
    });
  });

  it('says null when only a rebuild can tell: a restore stamp, a pruned log, a token going back', async () => {
    const db = freshDb();
    const t0 = await shopDataToken(db, shopA.shopId);
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')] });
    const t1 = await shopDataToken(db, shopA.shopId);
    expect(await changesBetween(db, shopA.shopId, t1, t0)).toBeNull();

    await pruneChangeLog(db, shopA.shopId, parseDataToken(t1)!.change);
    expect(await changesBetween(db, shopA.shopId, t0, t1)).toBeNull();
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b2')] });
    const t2 = await shopDataToken(db, shopA.shopId);
    expect((await changesBetween(db, shopA.shopId, t1, t2))!.customers.added).toHaveLength(1);

    await db.transaction('rw', db.settings, () => markShopReplaced(db, shopA.shopId));
    const t3 = await shopDataToken(db, shopA.shopId);
    expect(await changesBetween(db, shopA.shopId, t2, t3)).toBeNull();
  });
});

describe('the change log stays bounded', () => {
  it('keeps the last CHANGE_LOG_KEEP entries of a shop, other shops untouched', async () => {
    const db = freshDb();
    // A long capture session: the counter just below the bound, and its first entry still there.
    const none = { added: [], updated: [] };
    await db.changeLog.put({ shopId: shopA.shopId, seq: 1, customers: none, orders: none, contacts: none });
    await db.changeLog.put({ shopId: shopB.shopId, seq: 1, customers: none, orders: none, contacts: none });
    await db.settings.put({ key: dataChangeKey(shopA.shopId), value: CHANGE_LOG_KEEP - 1 });
    const t0 = await shopDataToken(db, shopA.shopId);
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')] });
    const t1 = await shopDataToken(db, shopA.shopId);
    expect((await db.changeLog.where('shopId').equals(shopA.shopId).toArray()).map((e) => e.seq)).toEqual([1, CHANGE_LOG_KEEP]);
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b2')] });
    const t2 = await shopDataToken(db, shopA.shopId);
    // Entry 1 went when entry CHANGE_LOG_KEEP + 1 came; the other shop's log is untouched.
    const seqs = (await db.changeLog.toArray()).map((e) => `${e.shopId}:${e.seq}`).sort();
    expect(seqs).toEqual([`${shopA.shopId}:${CHANGE_LOG_KEEP}`, `${shopA.shopId}:${CHANGE_LOG_KEEP + 1}`, `${shopB.shopId}:1`].sort());
    expect((await changesBetween(db, shopA.shopId, t0, t2))!.customers.added).toHaveLength(2);
    expect((await changesBetween(db, shopA.shopId, t1, t2))!.customers.added.map((c) => c.customerKey)).toEqual(['douyin:10001:id:b2']);
  });
});
