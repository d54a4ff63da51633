import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadShopData } from '@/lib/db';
import { captureRetentionDaysSetting } from '@/lib/db/settings/registry';
import { sameRowsReRendered } from '@/lib/db/writer/captures';
import { pruneCaptures, putSetting, storeCapture } from '@/lib/db/writer';
import { capture, freshDb, order, shopA } from './helpers';

/** An order page with a countdown cell (剩余发货时间) that changes on every re-render. */
const page = (id: string, left: string[], at = '2026-11-20T14:00:00+08:00') => ({
  ...capture('10001', id, [
    ['6930000000000000001', '买家1', '123.45', `剩余 ${left[0]}`],
    ['6930000000000000002', '买家2', '10.00', `剩余 ${left[1]}`],
  ]),
  headers: ['订单号', '买家', '金额', '发货倒计时'],
  capturedAt: at,
});

describe('captures deduplicated and bounded (issue 11 item 6)', () => {
  it('a page re-rendered with a countdown cell does not grow the captures: the latest holds the newest rows', async () => {
    const db = freshDb();
    expect((await storeCapture(db, { shop: shopA, capture: page('c1', ['10:00', '09:00']) })).capture).toBe('added');
    const r = await storeCapture(db, { shop: shopA, capture: page('c2', ['09:59', '08:59'], '2026-11-20T14:00:01+08:00') });
    expect(r.capture).toBe('refreshed');
    await storeCapture(db, { shop: shopA, capture: page('c3', ['09:58', '08:58'], '2026-11-20T14:00:02+08:00') });
    expect(await db.captures.count()).toBe(1);
    const kept = await db.captures.get('c1');
    expect(kept?.rawRows.map((row) => row[3])).toEqual(['剩余 09:58', '剩余 08:58']);
    expect(kept?.capturedAt).toBe('2026-11-20T14:00:00+08:00');
    expect(await db.captureSummaries.get('c1')).toMatchObject({ refreshedAt: '2026-11-20T14:00:02+08:00', refreshCount: 2 });
    // Seen again exactly as kept: a duplicate.
    expect((await storeCapture(db, { shop: shopA, capture: page('c4', ['09:58', '08:58']) })).capture).toBe('duplicate');
  });

  it('another page of the pager (other rows) is a new capture', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: page('c1', ['10:00', '09:00']) });
    const next = { ...capture('10001', 'c2', [['6930000000000000003', '买家3', '5.00', '剩余 10:00'], ['6930000000000000004', '买家4', '6.00', '剩余 09:00']]), headers: ['订单号', '买家', '金额', '发货倒计时'] };
    expect((await storeCapture(db, { shop: shopA, capture: next })).capture).toBe('added');
    expect(await db.captures.count()).toBe(2);
  });

  it('same rows: at most a quarter of a row may change (at least one cell), never a whole row', () => {
    const a = { headers: ['a', 'b', 'c', 'd'], rawRows: [['1', '2', '3', '4']] };
    expect(sameRowsReRendered(a, { ...a, rawRows: [['1', '2', '3', 'x']] })).toBe(true);
    expect(sameRowsReRendered(a, { ...a, rawRows: [['1', '2', 'y', 'x']] })).toBe(false);
    expect(sameRowsReRendered({ headers: ['a'], rawRows: [['1']] }, { headers: ['a'], rawRows: [['2']] })).toBe(false);
    expect(sameRowsReRendered(a, { ...a, headers: ['a', 'b', 'c', 'e'] })).toBe(false);
  });

  it('retention (default 90 days) empties the raw rows of older captures; the records and the capture stay', async () => {
    const db = freshDb();
    // Stored under a ten-year retention (storing prunes by the clock), then back to the default.
    await putSetting(db, captureRetentionDaysSetting, 3650);
    await storeCapture(db, { shop: shopA, orders: [order('10001', '6930000000000000001', 'b1')], capture: page('old', ['1', '2'], '2026-01-01T10:00:00+08:00') });
    await storeCapture(db, { shop: shopA, capture: { ...capture('10001', 'new', [['x', 'y', 'z']]), capturedAt: '2026-11-19T10:00:00+08:00' } });
    await db.settings.delete('captureRetentionDays');
    const now = Date.parse('2026-11-20T00:00:00+08:00');
    expect(await pruneCaptures(db, '10001', now)).toBe(1);
    expect((await db.captures.get('old'))?.rawRows).toEqual([]);
    expect((await db.captures.get('old'))?.rowCount).toBe(2);
    expect(await db.captureSummaries.get('old')).toMatchObject({ rawRowsPruned: true, rowCount: 2 });
    expect((await db.captures.get('new'))?.rawRows).toEqual([['x', 'y', 'z']]);
    expect((await loadShopData(db, '10001')).orders).toHaveLength(1);
    expect(await pruneCaptures(db, '10001', now)).toBe(0);
  });

  it('a longer retention setting keeps them', async () => {
    const db = freshDb();
    await putSetting(db, captureRetentionDaysSetting, 3650);
    await storeCapture(db, { shop: shopA, capture: page('old', ['1', '2'], '2026-01-01T10:00:00+08:00') });
    await putSetting(db, captureRetentionDaysSetting, 365);
    expect(await pruneCaptures(db, '10001', Date.parse('2026-11-20T00:00:00+08:00'))).toBe(0);
    expect((await db.captures.get('old'))?.rawRows).toHaveLength(2);
  });

  it('storing a capture prunes too (retention applied without opening the panel)', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: page('old', ['1', '2'], '2020-01-01T10:00:00+08:00') });
    await storeCapture(db, { shop: shopA, capture: capture('10001', 'today', [['a']]) });
    expect((await db.captures.get('old'))?.rawRows).toEqual([]);
  });
});
