import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadShopData } from '@/lib/db';
import { storeCapture } from '@/lib/db/writer';
import {
  buildBackup,
  parseBackup,
  restoreShop,
  serializeBackup,
  type Backup,
  type RestoreProgress,
} from '@/lib/backup';
import { customer, dumpAll, freshDb, order, shopA } from '../db/helpers';

const SHOP = { shopId: '77001', platform: 'taobao', name: '小鱼🐟的店' };
const key = (nick: string) => `taobao:77001:nick:${nick}`;
/** Orders per test chunk: several base blocks of orders. */
const RESTORE_CHUNK = 5_000;

/** A hand-written, non-trivial backup: emoji nicknames, masked nicknames, orders without items, offsets. */
function fixture(): Record<string, unknown> {
  return {
    format: 'seller-lens-backup',
    version: 1,
    exportedAt: '2026-11-21T02:00:00Z',
    shop: SHOP,
    customers: [
      { customerKey: key('🌸花花'), shopId: '77001', nickname: '🌸花花', phone: '13812345678', gender: 'f', province: '四川省', city: '成都市', isFan: true, isMember: true, memberLevel: 'VIP会员', tags: ['老客'] },
      { customerKey: key('t**9'), shopId: '77001', nickname: 't**9', isMember: false },
      { customerKey: 'taobao:77001:id:2200', shopId: '77001', nickname: 'zhang "san", jr', buyerId: '2200', province: '北京市', city: '北京市', tags: [] },
    ],
    orders: [
      { orderId: '3001', shopId: '77001', customerKey: key('🌸花花'), placedAt: '2026-11-20 23:50:00', paidAt: '2026-11-20T16:01:00Z', amountFen: 12345, quantity: 2, productId: 'p1', productName: '羊毛围巾', channel: 'live', traffic: 'paid', status: 'completed', recipientName: '花花', recipientPhone: '138****5678', province: '四川省', city: '成都市', shippedAt: '2026-11-22T10:00:00+08:00' },
      { orderId: '3002', shopId: '77001', customerKey: key('t**9'), placedAt: '2026-11-19T10:00:00+08:00', amountFen: 0, quantity: 1, channel: 'card', traffic: 'organic', status: 'closed' },
      { orderId: '3003', shopId: '77001', customerKey: 'taobao:77001:id:2200', placedAt: '2026-11-18T09:00:00+08:00', paidAt: '2026-11-18T09:01:00+08:00', amountFen: 5, quantity: 3, items: [{ productId: 'p2', productName: '手套', spec: '黑/L', unitPriceFen: 1, quantity: 2 }, { productName: '袜子', quantity: 1 }], productId: 'p2', productName: '手套', channel: 'video', traffic: 'unknown', status: 'refunded' },
      // A customer key with no customer record: allowed (it still counts).
      { orderId: '3004', shopId: '77001', customerKey: key('无记录'), placedAt: '2026-11-17T09:00:00+08:00', amountFen: 1234567, quantity: 1, productName: '大衣', channel: 'other', traffic: 'paid', status: 'paid' },
    ],
    contacts: [
      { shopId: '77001', customerKey: key('🌸花花'), at: '2026-11-20 22:00:00', kind: 'visit', source: '手淘搜索', page: '商品详情页', province: '四川省', city: '成都市' },
      { shopId: '77001', customerKey: key('t**9'), at: '2026-11-19T01:00:00Z', kind: 'cart', channel: 'card' },
      { shopId: '77001', customerKey: key('无记录'), at: '2026-11-16T12:00:00+08:00', kind: 'view' },
    ],
    captures: [
      { captureId: 'cap-1', shopId: '77001', url: 'https://sycm.taobao.com/flow/monitor/visitor', adapter: 'sycm-visitor', capturedAt: '2026-11-20T22:05:00+08:00', headers: ['访客', '入店来源'], rawRows: [['🌸花花', '手淘搜索'], ['-', '直通车']], rowCount: 2, rejected: [{ row: 1, reason: 'no visitor (not logged in)' }] },
    ],
    platformSnapshots: [
      { shopId: '77001', source: 'compass-user-asset', seenOn: '2026-11-20', window: { start: '2026-10-22', end: '2026-11-20' }, metrics: { repeat: { value: 12 }, purchasers: { value: 123000, change: 0.125 } } },
    ],
    audiences: [{ audienceId: 'aud-1', shopId: '77001', name: '首单 交 粉丝', expression: '首单 交 粉丝', createdAt: '2026-11-20T10:00:00+08:00' }],
    exports: [{ exportId: 'exp-1', shopId: '77001', audienceId: 'aud-1', name: '首单粉丝', format: 'csv', exportedAt: '2026-11-20T11:00:00+08:00', members: [key('🌸花花')], control: [key('t**9')], controlSeed: 42, controlShare: 0.1 }],
  };
}
const text = (o: unknown) => JSON.stringify(o);

function sortedRecords(b: Backup) {
  const s = <T>(list: T[]) => list.map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  return {
    shop: b.shop,
    customers: s(b.customers),
    orders: s(b.orders.map((o) => ({ ...o, items: JSON.stringify(o.items) }))),
    contacts: s(b.contacts),
    captures: s(b.captures),
    platformSnapshots: s(b.platformSnapshots),
    audiences: s(b.audiences),
    exports: s(b.exports),
  };
}

describe('backup round trip', () => {
  it('restore into an empty profile, then back up: the same records', async () => {
    const db = freshDb();
    const file = text(fixture());
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.reason);
    const r = await restoreShop(db, file);
    expect(r).toEqual({
      ok: true,
      shopId: '77001',
      counts: { customers: 3, orders: 4, contacts: 3, captures: 1, platformSnapshots: 1, audiences: 1, exports: 1 },
    });
    const rebuilt = await buildBackup(db, '77001', '2026-11-21T10:00:00+08:00');
    expect(rebuilt.exportedAt).toBe('2026-11-21T10:00:00+08:00');
    expect(sortedRecords(rebuilt)).toEqual(sortedRecords(parsed.backup));
    // Orders written without items read as one item from the top-level product fields, or none.
    const o3001 = rebuilt.orders.find((o) => o.orderId === '3001');
    expect(o3001?.items).toEqual([{ productId: 'p1', productName: '羊毛围巾', quantity: 2 }]);
    expect(rebuilt.orders.find((o) => o.orderId === '3002')?.items).toEqual([]);
    expect(o3001?.paidAt).toBe('2026-11-21T00:01:00+08:00');
    // Restoring its own backup again and backing up is a fixed point, byte for byte.
    const once = serializeBackup(rebuilt);
    const db2 = freshDb();
    expect((await restoreShop(db2, once)).ok).toBe(true);
    expect(serializeBackup(await buildBackup(db2, '77001', '2026-11-21T10:00:00+08:00'))).toBe(once);
  });

  it('a hand-written backup with only shop, customers, orders and contacts restores', async () => {
    const f = fixture();
    const hand = { format: f.format, version: f.version, shop: f.shop, customers: f.customers, orders: f.orders, contacts: f.contacts };
    const db = freshDb();
    const r = await restoreShop(db, text(hand));
    expect(r.ok && r.counts).toEqual({ customers: 3, orders: 4, contacts: 3, captures: 0, platformSnapshots: 0, audiences: 0, exports: 0 });
    const data = await loadShopData(db, '77001');
    expect(data.orders.map((o) => o.orderId).sort()).toEqual(['3001', '3002', '3003', '3004']);
    const parsed = parseBackup(text(hand));
    expect(parsed.ok && parsed.backup.captures).toEqual([]);
    expect(parsed.ok && parsed.backup.exportedAt).toBeUndefined();
  });
});

describe('serializeBackup', () => {
  it('writes keys in the §2 order whatever the input order, one record per line, +08:00 times', () => {
    const parsed = parseBackup(text(fixture()));
    if (!parsed.ok) throw new Error(parsed.reason);
    const shuffled = {
      ...parsed.backup,
      customers: parsed.backup.customers.map((c) => Object.fromEntries(Object.entries(c).reverse())),
    } as Backup;
    const out = serializeBackup(shuffled);
    expect(out).toBe(serializeBackup(parsed.backup));
    const lines = out.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "format": "seller-lens-backup",');
    expect(lines[2]).toBe('  "version": 1,');
    expect(lines[3]).toBe('  "exportedAt": "2026-11-21T10:00:00+08:00",');
    expect(lines[4]).toBe('  "shop": {"shopId":"77001","platform":"taobao","name":"小鱼🐟的店"},');
    const customerLine = lines.find((l) => l.includes('t**9') && l.includes('"nickname"'))!;
    expect(customerLine.trim()).toBe(
      '{"customerKey":"taobao:77001:nick:t**9","shopId":"77001","nickname":"t**9","isMember":false,"tags":[]},',
    );
    expect(out).not.toMatch(/"[^"]*T\d\d:\d\d:\d\dZ"/);
    expect(out.endsWith('}\n')).toBe(true);
    // Metrics keys sorted, value before change.
    expect(out).toContain('"metrics":{"purchasers":{"value":123000,"change":0.125},"repeat":{"value":12}}');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(parsed.backup)));
  });
});

describe('parseBackup refuses a bad or foreign file with a precise reason', () => {
  const variants: [string, (f: Record<string, any>) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "seller-lens-backup", ', /not valid JSON/],
    ['empty', () => '   ', /empty/],
    ['an array', () => [], /not a JSON object/],
    ['another format', (f) => ({ ...f, format: 'seller-lens-report' }), /format is "seller-lens-report"/],
    ['no format', (f) => ({ ...f, format: undefined }), /no "format" field/],
    ['another version', (f) => ({ ...f, version: 2 }), /version 2 is not supported/],
    ['a non-integer amount', (f) => { f.orders[3].amountFen = 12.5; return f; }, /orders\[3\]\.amountFen: amount must be integer fen/],
    ['a negative amount', (f) => { f.orders[1].amountFen = -100; return f; }, /orders\[1\]\.amountFen: amount must not be negative/],
    ['an amount as text', (f) => { f.orders[0].amountFen = '123.45'; return f; }, /orders\[0\]\.amountFen: .*got "123\.45"/],
    ['an unknown enum value', (f) => { f.orders[2].channel = 'tv'; return f; }, /orders\[2\]\.channel: unknown value "tv" \(expected one of live, video, card, other\)/],
    ['an unknown contact kind', (f) => { f.contacts[1].kind = 'like'; return f; }, /contacts\[1\]\.kind: unknown value "like"/],
    ['an unreadable timestamp', (f) => { f.contacts[0].at = '2026-13-45 25:00'; return f; }, /contacts\[0\]\.at: unreadable timestamp "2026-13-45 25:00"/],
    ['an unreadable exportedAt', (f) => ({ ...f, exportedAt: 'yesterday' }), /exportedAt: unreadable timestamp/],
    ['a bad item', (f) => { f.orders[2].items[1].quantity = 0; return f; }, /orders\[2\]\.items\[1\]\.quantity/],
    ['a record of another shop', (f) => { f.customers[1].shopId = '99999'; return f; }, /customers\[1\]\.shopId: "99999" differs from the backup's shop "77001"/],
    ['duplicate orderId', (f) => { f.orders[2].orderId = '3001'; return f; }, /orders\[2\]\.orderId: duplicate orderId "3001" \(also orders\[0\]\)/],
    ['duplicate customerKey', (f) => { f.customers.push({ ...f.customers[0] }); return f; }, /customers\[3\]\.customerKey: duplicate customerKey/],
    ['a missing shop', (f) => ({ ...f, shop: undefined }), /shop: missing/],
    ['orders not an array', (f) => ({ ...f, orders: {} }), /orders: expected an array/],
    ['a numeric orderId', (f) => { f.orders[0].orderId = 3001; return f; }, /orders\[0\]\.orderId/],
  ];

  for (const [what, mutate, reason] of variants) {
    it(`refuses ${what} and changes nothing`, async () => {
      const made = mutate(fixture());
      const file = typeof made === 'string' ? made : text(made);
      const parsed = parseBackup(file);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.reason).toMatch(reason);

      const db = freshDb();
      await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')], orders: [order('10001', 'o1', 'b1')] });
      const before = await dumpAll(db);
      const r = await restoreShop(db, file);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(reason);
      expect(await dumpAll(db)).toEqual(before);
    });
  }

  it('validates the whole file and says how many more problems there are', () => {
    const f = fixture() as Record<string, any>;
    f.orders[0].amountFen = 1.5;
    f.orders[1].amountFen = -1;
    f.orders[2].status = 'lost';
    f.orders[3].placedAt = 'never';
    const parsed = parseBackup(text(f));
    expect(!parsed.ok && parsed.reason).toMatch(/^backup refused, nothing was changed: orders\[0\]\.amountFen.*; orders\[1\].*; orders\[2\]\.status.* \(and 1 more problem\)$/);
  });
});

describe('restoreShop', () => {
  it('replaces that shop only; other shops are untouched', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')], orders: [order('10001', 'o1', 'b1')] });
    const aBefore = await loadShopData(db, '10001');
    // The shop already has stale data that the file replaces.
    await storeCapture(db, {
      shop: { shopId: '77001', platform: 'taobao', name: '旧名' },
      orders: [order('77001', 'stale', 'x')],
    });
    const r = await restoreShop(db, text(fixture()));
    expect(r.ok).toBe(true);
    const data = await loadShopData(db, '77001');
    expect(data.shop.name).toBe('小鱼🐟的店');
    expect(data.orders.map((o) => o.orderId)).not.toContain('stale');
    expect(await loadShopData(db, '10001')).toEqual(aBefore);
  });

  it('refuses a file of another shop than the selected one', async () => {
    const db = freshDb();
    const r = await restoreShop(db, text(fixture()), { expectShopId: '10001' });
    expect(!r.ok && r.reason).toMatch(/holds shop "77001", not the selected shop "10001"/);
    expect(await db.shops.count()).toBe(0);
  });

  it('refuses ids that belong to another shop instead of overwriting them', async () => {
    const db = freshDb();
    await storeCapture(db, {
      shop: shopA,
      capture: { captureId: 'cap-1', shopId: '10001', url: 'u', adapter: 'generic', capturedAt: '2026-11-20T10:00:00+08:00', headers: [], rawRows: [], rowCount: 0, rejected: [] },
    });
    const before = await dumpAll(db);
    const r = await restoreShop(db, text(fixture()));
    expect(!r.ok && r.reason).toMatch(/captures\[0\]: id "cap-1" already belongs to another shop/);
    expect(await dumpAll(db)).toEqual(before);
  });

  function bigBackup(n: number) {
    const f = fixture() as Record<string, any>;
    f.orders = Array.from({ length: n }, (_, i) => ({
      orderId: String(900000 + i), shopId: '77001', customerKey: key(`买家${i % 97}`), placedAt: '2026-11-20T10:00:00+08:00',
      amountFen: i, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid',
    }));
    return text(f);
  }

  it('writes in chunks and reports progress up to the total', async () => {
    const db = freshDb();
    const n = RESTORE_CHUNK * 2 + 17;
    const seen: RestoreProgress[] = [];
    const r = await restoreShop(db, bigBackup(n), { onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(true);
    const total = 3 + n + 3 + 1 + 1 + 1 + 1;
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(writing.length).toBeGreaterThanOrEqual(4); // at least three order chunks
    expect(writing.every((p) => p.total === total)).toBe(true);
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ phase: 'done', done: total, total });
    expect((await loadShopData(db, '77001')).orders.length).toBe(n);
  });

  it('a restore failing midway (after chunks were written) changes nothing', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')] });
    await restoreShop(db, text(fixture())); // the shop exists with the fixture's data
    const before = await dumpAll(db);
    let chunks = 0;
    const r = await restoreShop(db, bigBackup(RESTORE_CHUNK * 3), {
      onProgress: (p) => {
        if (p.phase === 'writing' && p.done > 0 && ++chunks === 3) throw new Error('tab closed');
      },
    });
    expect(chunks).toBe(3);
    expect(!r.ok && r.reason).toBe('restore failed, nothing was changed: tab closed');
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a storage error inside the transaction changes nothing', async () => {
    const db = freshDb();
    await restoreShop(db, text(fixture()));
    const before = await dumpAll(db);
    const original = db.recordBlocks.put.bind(db.recordBlocks);
    db.recordBlocks.put = (() => Promise.reject(new Error('QuotaExceededError'))) as unknown as typeof db.recordBlocks.put;
    const f = fixture() as Record<string, any>;
    f.shop.name = '新名字';
    const r = await restoreShop(db, text(f));
    db.recordBlocks.put = original;
    expect(!r.ok && r.reason).toMatch(/restore failed, nothing was changed: .*QuotaExceededError/);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('buildBackup of an unknown shop says so', async () => {
    await expect(buildBackup(freshDb(), 'nope')).rejects.toThrow(/no shop with id "nope"/);
  });
});
