/**
 * Restore budgets (issue 11 item 9): a line longer than 1 MB, a file with more records than the
 * budget, a file bigger than the storage left — each refused with its code before memory runs
 * out, and the database byte for byte as it was.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, RESTORE_READ_BYTES, WHOLE_TEXT_MAX_BYTES, previewBackup, refusalText, restoreShop, serializeBackup, type Backup } from '@/lib/backup';
import { storeCapture } from '@/lib/db/writer';
import { generateShop } from '../../fixtures/generate';
import { dumpAll, freshDb } from '../db/helpers';

/** A generated backup of shop `gen-shop`. */
function generated(customers: number): Backup {
  const d = generateShop({ seed: 5, platform: 'douyin', shopId: 'gen-shop', shopName: '预算店', customers, endDay: '2026-11-20', days: 60 });
  return { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T09:00:00+08:00', ...d, captures: [], platformSnapshots: [], audiences: [], exports: [] };
}

/** A profile holding shop `gen-shop` already (what a refused restore must leave untouched) and another shop. */
async function profile() {
  const db = freshDb();
  const old = generated(40);
  const r = await restoreShop(db, new Blob([serializeBackup(old)]));
  if (!r.ok) throw new Error(r.reason);
  await storeCapture(db, { shop: { shopId: 'other', platform: 'taobao', name: '乙店' }, customers: [{ customerKey: 'taobao:other:id:1', shopId: 'other', nickname: '一' }] });
  return db;
}

/**
 * A `size`-byte file of one line (`{"format": …, "shop": {"name": "aaaa…` never ending), made
 * on the fly: nothing of it is held; `read()` says how many bytes were asked for.
 */
function oneLineFile(size: number): { file: Blob; read: () => number } {
  const head = new TextEncoder().encode('{"format": "seller-lens-backup", "version": 1, "shop": {"name": "');
  let read = 0;
  const file = {
    size,
    slice(a: number, b: number) {
      return {
        async arrayBuffer() {
          read += b - a;
          const out = new Uint8Array(b - a).fill(0x61);
          if (a < head.length) out.set(head.subarray(a, Math.min(head.length, b)), 0);
          return out.buffer;
        },
      };
    },
    async text(): Promise<string> {
      throw new Error('the whole file was read as one string');
    },
  };
  return { file: file as unknown as Blob, read: () => read };
}

describe('restore budgets', () => {
  it('a 2 GB one-line file is refused as a line longer than 1 MB after reading one slice; nothing changed', async () => {
    const db = await profile();
    const before = await dumpAll(db);
    const big = oneLineFile(2 * 1024 ** 3);
    const r = await restoreShop(db, big.file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toEqual({ code: 'backup.lineTooLong', params: { line: 1 } });
    expect(r.reason).toBe('backup refused, nothing was changed: line 1 is longer than 1 MB (seller-lens writes one record per line, each far shorter)');
    expect(refusalText(r.refusal, 'zh')).toMatch(/^备份被拒绝，未做任何更改：第 1 行超过 1 MB/);
    expect(big.read()).toBeLessThanOrEqual(RESTORE_READ_BYTES);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('the preview refuses the same file the same way, reading one slice', async () => {
    const big = oneLineFile(2 * 1024 ** 3);
    const p = await previewBackup(big.file);
    expect(!p.ok && p.refusal.code).toBe('backup.lineTooLong');
    expect(big.read()).toBeLessThanOrEqual(RESTORE_READ_BYTES);
  });

  it('one record line longer than 1 MB in a big one-record-per-line file: refused with its line number; nothing changed', async () => {
    const db = await profile();
    const before = await dumpAll(db);
    const b = generated(40);
    b.captures = [{
      captureId: 'huge', shopId: 'gen-shop', url: 'https://example.test/', adapter: 'generic', capturedAt: '2026-11-20T10:00:00+08:00',
      headers: ['备注'], rawRows: [['x'.repeat(MAX_LINE_CHARS + 10)]], rowCount: 1, rejected: [],
    }];
    const text = serializeBackup(b);
    const line = text.split('\n').findIndex((l) => l.includes('"huge"')) + 1;
    // Bigger than what is read whole (the real budget is WHOLE_TEXT_MAX_BYTES; a smaller one keeps the test small).
    expect(text.length).toBeGreaterThan(MAX_LINE_CHARS);
    expect(WHOLE_TEXT_MAX_BYTES).toBeGreaterThanOrEqual(MAX_LINE_CHARS);
    const r = await restoreShop(db, new Blob([text]), { wholeTextMaxBytes: MAX_LINE_CHARS });
    expect(!r.ok && r.refusal).toEqual({ code: 'backup.lineTooLong', params: { line } });
    expect(await dumpAll(db)).toEqual(before);
  });

  it('more records than the budget: refused (after blocks were written inside the transaction); nothing changed', async () => {
    const db = await profile();
    const before = await dumpAll(db);
    const b = generated(900);
    const total = b.customers.length + b.orders.length + b.contacts.length;
    expect(b.orders.length).toBeGreaterThan(1_000); // at least one orders block was put before the budget ran out
    const r = await restoreShop(db, new Blob([serializeBackup(b)]), { maxRecords: total - 1 });
    expect(!r.ok && r.refusal).toEqual({ code: 'backup.tooManyRecords', params: { max: total - 1 } });
    expect(!r.ok && r.reason).toBe(`backup refused, nothing was changed: the file holds more than ${total - 1} records, more than this browser can restore at once`);
    expect(await dumpAll(db)).toEqual(before);
    // Exactly the budget restores.
    expect((await restoreShop(freshDb(), new Blob([serializeBackup(b)]), { maxRecords: total })).ok).toBe(true);
  });

  it('a file bigger than the storage left is refused before a byte is read; nothing changed', async () => {
    const db = await profile();
    const before = await dumpAll(db);
    const big = oneLineFile(50_000_000);
    const r = await restoreShop(db, big.file, { storageFreeBytes: 20_000_000 });
    expect(!r.ok && r.refusal).toEqual({ code: 'backup.tooBigForStorage', params: { mb: '50.0', freeMb: '20.0' } });
    expect(big.read()).toBe(0);
    expect(await dumpAll(db)).toEqual(before);
  });
});
