import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InvalidBatchError, contactIdOf, loadShopData, storeCapture } from '@/lib/db';
import { Contact } from '@/lib/model';
import { capture, contact, customer, dumpAll, freshDb, order, shopA, shopB, snapshot } from './helpers';

const page = () => ({
  shop: shopA,
  customers: [customer('10001', 'b1', { phone: '138****1234', tags: ['直播'] }), customer('10001', 'b2')],
  orders: [order('10001', 'o1', 'b1'), order('10001', 'o2', 'b2', { status: 'unpaid', paidAt: undefined })],
  contacts: [
    contact('10001', 'b1', '2026-11-20 13:00:00', { source: '直播间', page: '商品页' }),
    contact('10001', 'b2', '2026-11-20T05:00:00Z'),
  ],
  platformSnapshots: [snapshot('10001', '2026-11-20', 100)],
  capture: capture('10001', 'cap-1', [['o1', 'b1', '¥123.45'], ['o2', 'b2', '¥9.00']]),
});

describe('storeCapture', () => {
  it('stores a page and reports what it added, with the natural keys', async () => {
    const db = freshDb();
    const r = await storeCapture(db, page());
    expect(r.customers).toEqual({ added: 2, updated: 0 });
    expect(r.orders).toEqual({ added: 2, updated: 0 });
    expect(r.contacts).toEqual({ added: 2, updated: 0 });
    expect(r.snapshots).toEqual({ added: 1, updated: 0 });
    expect(r.capture).toBe('added');
    expect(r.keys.orders.sort()).toEqual(['o1', 'o2']);
    expect(r.keys.customers).toContain('douyin:10001:id:b1');
    expect(await db.shops.get('10001')).toEqual(shopA);
    const o1 = await db.orders.get(['10001', 'o1']);
    expect(o1?.placedAt).toBe('2026-11-20T13:45:12+08:00');
    expect(o1?.day).toBe('2026-11-20');
    expect(o1?.items).toEqual([{ productName: '羊毛围巾', quantity: 1 }]);
  });

  it('capturing the same page twice changes nothing and reports 0 added', async () => {
    const db = freshDb();
    await storeCapture(db, page());
    const before = await dumpAll(db);
    // A second visit: same rows, new capture id and time — still the same page.
    const again = page();
    again.capture = { ...again.capture, captureId: 'cap-2', capturedAt: '2026-11-20T15:00:00+08:00' };
    const r = await storeCapture(db, again);
    expect(r.customers).toEqual({ added: 0, updated: 0 });
    expect(r.orders).toEqual({ added: 0, updated: 0 });
    expect(r.contacts).toEqual({ added: 0, updated: 0 });
    expect(r.snapshots).toEqual({ added: 0, updated: 0 });
    expect(r.capture).toBe('duplicate');
    expect(await dumpAll(db)).toEqual(before);
    // The exact same batch once more: idempotent as well.
    await storeCapture(db, page());
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a contact written with another offset is the same contact (natural key on the normalised instant)', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, contacts: [contact('10001', 'b1', '2026-11-20 13:00:00')] });
    const r = await storeCapture(db, { shop: shopA, contacts: [contact('10001', 'b1', '2026-11-20T05:00:00Z')] });
    expect(r.contacts.added).toBe(0);
    expect(await db.contacts.count()).toBe(1);
    const id = contactIdOf(Contact.parse(contact('10001', 'b1', '2026-11-20T13:00:00+08:00')));
    expect((await db.contacts.get(id))?.day).toBe('2026-11-20');
  });

  it('a later capture enriches a customer, never blanks it, and unions tags', async () => {
    const db = freshDb();
    await storeCapture(db, {
      shop: shopA,
      customers: [customer('10001', 'b1', { phone: '13812341234', city: '成都市', isFan: true, tags: ['直播', '老客'] })],
    });
    const r = await storeCapture(db, {
      shop: shopA,
      customers: [customer('10001', 'b1', { nickname: '', province: '四川省', isFan: false, tags: ['老客', '高潜'] })],
    });
    expect(r.customers).toEqual({ added: 0, updated: 1 });
    const c = await db.customers.get(['10001', 'douyin:10001:id:b1']);
    expect(c).toMatchObject({
      nickname: '买家b1', // blank nickname did not erase the known one
      phone: '13812341234',
      city: '成都市',
      province: '四川省',
      isFan: false, // a known value seen later wins
      tags: ['直播', '老客', '高潜'],
    });
  });

  it('非会员 seen later drops the old member level', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1', { isMember: true, memberLevel: 'VIP会员' })] });
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1', { isMember: false })] });
    const c = await db.customers.get(['10001', 'douyin:10001:id:b1']);
    expect(c?.isMember).toBe(false);
    expect(c?.memberLevel).toBeUndefined();
  });

  it('a later order capture updates status but never blanks known fields or items', async () => {
    const db = freshDb();
    await storeCapture(db, {
      shop: shopA,
      orders: [
        order('10001', 'o1', 'b1', {
          status: 'paid',
          recipientName: '张三',
          items: [{ productName: '羊毛围巾', spec: '红色', unitPriceFen: 12345, quantity: 1 }],
        }),
      ],
    });
    const r = await storeCapture(db, {
      shop: shopA,
      orders: [order('10001', 'o1', 'b1', { status: 'refunded', paidAt: undefined, productName: undefined, recipientName: '' })],
    });
    expect(r.orders).toEqual({ added: 0, updated: 1 });
    const o = await db.orders.get(['10001', 'o1']);
    expect(o?.status).toBe('refunded');
    expect(o?.paidAt).toBe('2026-11-20T13:46:00+08:00');
    expect(o?.productName).toBe('羊毛围巾');
    expect(o?.recipientName).toBe('张三');
    expect(o?.items).toEqual([{ productName: '羊毛围巾', spec: '红色', unitPriceFen: 12345, quantity: 1 }]);
    expect(Object.values(o!).some((v) => v === undefined)).toBe(false);
  });

  it('an order seen twice in one batch is one order, last seen status wins', async () => {
    const db = freshDb();
    const r = await storeCapture(db, {
      shop: shopA,
      orders: [order('10001', 'o1', 'b1', { status: 'paid' }), order('10001', 'o1', 'b1', { status: 'shipped' })],
    });
    expect(r.orders).toEqual({ added: 1, updated: 0 });
    expect((await db.orders.get(['10001', 'o1']))?.status).toBe('shipped');
  });

  it('same shop, source and day: the latest snapshot replaces the earlier one; another day is kept', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, platformSnapshots: [snapshot('10001', '2026-11-20', 100)] });
    const r = await storeCapture(db, {
      shop: shopA,
      platformSnapshots: [snapshot('10001', '2026-11-20', 130), snapshot('10001', '2026-11-21', 140)],
    });
    expect(r.snapshots).toEqual({ added: 1, updated: 1 });
    const all = await db.platformSnapshots.where('shopId').equals('10001').sortBy('seenOn');
    expect(all.map((s) => [s.seenOn, s.metrics.purchasers?.value])).toEqual([
      ['2026-11-20', 130],
      ['2026-11-21', 140],
    ]);
  });

  it('a capture with other rows is kept as a new capture', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: capture('10001', 'c1', [['o1']]) });
    const r = await storeCapture(db, { shop: shopA, capture: capture('10001', 'c2', [['o2']]) });
    expect(r.capture).toBe('added');
    expect(await db.captures.count()).toBe(2);
    expect((await db.captures.get('c2'))?.fingerprint).toMatch(/^[0-9a-f]{28}$/);
  });

  it('refuses an invalid record with a precise reason and stores nothing', async () => {
    const db = freshDb();
    const bad = page();
    bad.orders[1] = order('10001', 'o2', 'b2', { amountFen: 12.5 });
    await expect(storeCapture(db, bad)).rejects.toThrow(/orders\[1\]\.amountFen: amount must be integer fen/);
    expect(await db.orders.count()).toBe(0);
    expect(await db.shops.count()).toBe(0);
  });

  it('refuses a record of another shop in the batch', async () => {
    const db = freshDb();
    const bad = page();
    bad.customers.push(customer('20002', 'x'));
    await expect(storeCapture(db, bad)).rejects.toThrow(InvalidBatchError);
    await expect(storeCapture(db, bad)).rejects.toThrow(/customers\[2\]\.shopId/);
    expect(await db.customers.count()).toBe(0);
  });

  it('is all or nothing: a failure inside the transaction leaves no partial batch', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopB, capture: capture('20002', 'shared-id', [['x']]) });
    const before = await dumpAll(db);
    const batch = page();
    batch.capture = capture('10001', 'shared-id', [['other']]); // clashes only at the last step
    await expect(storeCapture(db, batch)).rejects.toThrow(/another shop/);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('loadShopData reads back §2 records without storage-only fields', async () => {
    const db = freshDb();
    await storeCapture(db, page());
    const data = await loadShopData(db, '10001');
    expect(data.orders).toHaveLength(2);
    expect(data.orders.every((o) => !('day' in o))).toBe(true);
    expect(data.contacts.every((c) => !('contactId' in c) && !('day' in c))).toBe(true);
    expect(data.contacts.map((c) => c.at)).toEqual(['2026-11-20T13:00:00+08:00', '2026-11-20T13:00:00+08:00']);
  });
});
