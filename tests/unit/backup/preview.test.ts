/** previewBackup / replacedData (issue 11 item 5): what a file holds and what restoring it would replace, nothing written. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBackup, previewBackup, replacedData, restoreShop, serializeBackup } from '@/lib/backup';
import { storeCapture } from '@/lib/db/writer';
import { capture, dumpAll, freshDb } from '../db/helpers';

const golden = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../fixtures/backups', name), 'utf8');
const FULL_COUNTS = { customers: 2, orders: 2, contacts: 1, captures: 1, platformSnapshots: 1, audiences: 1, exports: 1 };

describe('previewBackup', () => {
  it('reads the header and counts the records of each array', async () => {
    const p = await previewBackup(new Blob([golden('v1-full.jsonl')]), { readBytes: 97 });
    expect(p).toEqual({
      ok: true,
      shop: { shopId: '77001', platform: 'taobao', name: '小鱼🐟的店' },
      exportedAt: '2026-11-21T10:00:00+08:00',
      counts: FULL_COUNTS,
    });
  });

  it('a minified file (another layout) gives the same header and counts', async () => {
    const parsed = parseBackup(golden('v1-full.jsonl'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const p = await previewBackup(new Blob([JSON.stringify(JSON.parse(serializeBackup(parsed.backup)))]));
    expect(p).toMatchObject({ ok: true, shop: { shopId: '77001' }, counts: FULL_COUNTS });
  });

  it('another format or version, an empty file: refused with their codes', async () => {
    const report = golden('v1-hand-minimal.jsonl').replace('"seller-lens-backup"', '"seller-lens-report"');
    expect(await previewBackup(new Blob([report]))).toMatchObject({ ok: false, refusal: { code: 'backup.wrongFormat', params: { format: '"seller-lens-report"' } } });
    const v2 = golden('v1-hand-minimal.jsonl').replace('"version": 1', '"version": 2');
    expect(await previewBackup(new Blob([v2]))).toMatchObject({ ok: false, refusal: { code: 'backup.wrongVersion', params: { version: '2', supported: 1 } } });
    expect(await previewBackup(new Blob([]))).toMatchObject({ ok: false, refusal: { code: 'backup.empty' } });
  });
});

describe('previewBackup over bytes', () => {
  it('property: any slice size, LF or CRLF, with or without a BOM: the counts the records give', async () => {
    const parsed = parseBackup(golden('v1-full.jsonl'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const text = serializeBackup(parsed.backup);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.boolean(), fc.boolean(), async (readBytes, crlf, bom) => {
        const body = (bom ? '\ufeff' : '') + (crlf ? text.replaceAll('\n', '\r\n') : text);
        const p = await previewBackup(new Blob([body]), { readBytes });
        expect(p).toMatchObject({ ok: true, shop: { shopId: '77001' }, counts: FULL_COUNTS });
      }),
      { numRuns: 40 },
    );
  });

  it('a line over the budget is refused while reading; a record without a comma before it falls back to the whole-file check', async () => {
    const p = await previewBackup(new Blob([golden('v1-full.jsonl')]), { maxLineChars: 100, wholeTextMaxBytes: 100 });
    expect(!p.ok && p.refusal.code).toBe('backup.lineTooLong');
    const broken = golden('v1-full.jsonl').replace('"tags": []},\n', '"tags": []}\n');
    const q = await previewBackup(new Blob([broken]));
    expect(!q.ok && q.refusal.code).toBe('backup.notJson');
  });
});

describe('replacedData', () => {
  it("counts the shop's audiences, exports and captures newer than the file, and writes nothing", async () => {
    const db = freshDb();
    expect((await restoreShop(db, golden('v1-full.jsonl'))).ok).toBe(true);
    const shop = { shopId: '77001', platform: 'taobao' as const, name: '小鱼🐟的店' };
    await storeCapture(db, { shop, capture: { ...capture('77001', 'cap-new', [['王五', '直通车']]), capturedAt: '2026-11-22T08:00:00+08:00' } });
    const before = await dumpAll(db);
    expect(await replacedData(db, '77001', '2026-11-21T10:00:00+08:00')).toEqual({
      exists: true, shopName: '小鱼🐟的店', audiences: 1, exports: 1, captures: 2, newerCaptures: 1,
    });
    expect(await replacedData(db, 'nope', '2026-11-21T10:00:00+08:00')).toEqual({ exists: false, audiences: 0, exports: 0, captures: 0, newerCaptures: 0 });
    expect(await dumpAll(db)).toEqual(before);
  });
});
