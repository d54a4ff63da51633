/** Issue 13 item 9: "上次采集" reads the shop's latest capture (or page refresh) time, never another shop's. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { capturedPages, captureSummaryOf, lastCaptureAt, storeCapture } from '@/lib/db';
import { capture, freshDb, shopA, shopB } from './helpers';

const at = (c: ReturnType<typeof capture>, capturedAt: string) => ({ ...c, capturedAt });

describe('lastCaptureAt', () => {
  it('the latest of the shop’s captures; null for a shop never captured', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a1', [['1']]), '2026-11-20T10:15:00+08:00') });
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a2', [['2']]), '2026-11-20T14:00:00+08:00') });
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a0', [['0']]), '2026-11-19T09:00:00+08:00') });
    await storeCapture(db, { shop: shopB, capture: at(capture('20002', 'b1', [['9']]), '2026-11-20T21:00:00+08:00') });
    expect(await lastCaptureAt(db, '10001')).toBe('2026-11-20T14:00:00+08:00');
    expect(await lastCaptureAt(db, '20002')).toBe('2026-11-20T21:00:00+08:00');
    expect(await lastCaptureAt(db, '30003')).toBeNull();
  });

  it('a page seen again later counts by its refresh time', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a1', [['1']]), '2026-11-20T10:15:00+08:00') });
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a2', [['2']]), '2026-11-20T11:00:00+08:00') });
    // The summary as the writer leaves it after a refresh (test setup, not product code).
    const first = (await db.captures.get('a1'))!;
    await db.captureSummaries.put(captureSummaryOf(first, { refreshedAt: '2026-11-20T18:30:00+08:00', refreshCount: 1 }));
    expect(await lastCaptureAt(db, '10001')).toBe('2026-11-20T18:30:00+08:00');
  });

  it('the strip\'s captured pages say when each was last seen, a refresh included (the same time as 上次采集)', async () => {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, capture: at(capture('10001', 'a1', [['1']]), '2026-11-20T10:15:00+08:00') });
    await storeCapture(db, { shop: shopB, capture: at(capture('20002', 'b1', [['9']]), '2026-11-20T21:00:00+08:00') });
    const first = (await db.captures.get('a1'))!;
    await db.captureSummaries.put(captureSummaryOf(first, { refreshedAt: '2026-11-20T18:30:00+08:00', refreshCount: 1 }));
    const pages = await capturedPages(db, '10001');
    expect(pages.map((p) => p.capturedAt)).toEqual(['2026-11-20T18:30:00+08:00']);
    expect(pages[0]!.rowCount).toBe(1);
  });
});
