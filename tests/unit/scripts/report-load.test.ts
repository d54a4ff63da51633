/**
 * The report CLI's loader (scripts/report/load.ts): the fast path — slices of lines, parse
 * threads, the snapshot built while reading — gives exactly the snapshot, counts and report of
 * the whole-file path (parseBackup + buildSnapshot), and a refused file the restore's reason.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupCounts, parseBackup, serializeBackup, type Backup } from '@/lib/backup';
import { buildSnapshot, computeReport, resolveWindow, latestDataDay } from '@/lib/engine';
import { fitPropensity } from '@/lib/engine/propensity/model';
import { dayNumber } from '@/lib/model';
import { generateShop } from '@/tests/fixtures/generate';
import { loadBackupFile } from '@/scripts/report/load';
import { reportOfLoaded } from '@/scripts/report/compute';

const dir = mkdtempSync(path.join(tmpdir(), 'sl-report-load-'));
const data = generateShop({ seed: 11, platform: 'douyin', shopId: 'L1', shopName: '载入店', customers: 400, endDay: '2026-11-20', days: 90 });
const backup: Backup = {
  format: 'seller-lens-backup',
  version: 1,
  exportedAt: '2026-11-20T23:00:00+08:00',
  ...data,
  captures: [],
  platformSnapshots: [],
  audiences: [],
  exports: [],
};

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The whole-file path: parseBackup, buildSnapshot (what the CLI did before). */
function reference(text: string) {
  const p = parseBackup(text);
  if (!p.ok) throw new Error(p.reason);
  const b = p.backup;
  return { snapshot: buildSnapshot({ shop: b.shop, customers: b.customers, orders: b.orders, contacts: b.contacts }), counts: backupCounts(b), backup: b };
}

describe('loadBackupFile', () => {
  const text = serializeBackup(backup);
  const file = write('shop.json', text);
  const want = reference(text);

  it.each([
    ['inline, one slice', { workers: 0 }],
    ['inline, 4 KB slices', { workers: 0, sliceBytes: 4096 }],
    ['two parse threads, 16 KB slices', { workers: 2, sliceBytes: 16384 }],
  ])('%s: the same snapshot, counts and report as parseBackup + buildSnapshot', async (_, opts) => {
    const seen: number[] = [];
    const got = await loadBackupFile(file, { ...opts, onProgress: (done) => seen.push(done) });
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.shop).toEqual(backup.shop);
    expect(got.exportedAt).toBe(backup.exportedAt);
    expect(got.counts).toEqual(want.counts);
    expect(got.counts.orders).toBe(data.orders.length);
    expect(got.snapshot).toEqual(want.snapshot);
    expect(seen[seen.length - 1]).toBe(Buffer.byteLength(text));
    // The report the CLI prints: window, fitted model and computeReport on the reference snapshot.
    const w = resolveWindow({}, latestDataDay(want.snapshot, '2026-11-20'));
    const model = fitPropensity(want.snapshot, dayNumber(w.end));
    expect(reportOfLoaded(got).report).toEqual(computeReport(want.snapshot, w, { scorer: model.score }));
  });

  it('reads a record the fast readers step aside from (a UTC timestamp), non-ASCII keys and a BOM exactly', async () => {
    const odd = {
      ...backup,
      orders: backup.orders.map((o, i) => (i === 7 ? { ...o, placedAt: '2026-10-01T02:00:00Z', paidAt: undefined, productName: '新品' } : o)),
      contacts: backup.contacts.map((c, i) => (i === 5 ? { ...c, customerKey: 'douyin:L1:id:小王', province: '浙江省' } : i === 6 ? { ...c, city: ' 杭州市' } : c)),
    };
    const t = `\ufeff${serializeBackup(odd)}`;
    for (const workers of [0, 2]) {
      const got = await loadBackupFile(write(`odd-${workers}.json`, t), { workers, sliceBytes: 8192 });
      expect(got.ok && got.snapshot).toEqual(reference(t).snapshot);
    }
  });

  it('judges every instant of a run of one date (a valid time, a time past 23:59) as the restore does', async () => {
    const c0 = backup.contacts[0]!;
    const date = c0.at.slice(0, 10);
    for (const time of ['23:59:59', '24:10:00', '12:60:00']) {
      const runs = { ...backup, contacts: [c0, { ...c0, at: `${date}T${time}+08:00` }, ...backup.contacts.slice(1)] };
      const t = serializeBackup(runs);
      const p = parseBackup(t);
      for (const workers of [0, 2]) {
        const got = await loadBackupFile(write(`run-${time.slice(0, 2)}-${workers}.json`, t), { workers, sliceBytes: 8192 });
        if (p.ok) expect(got.ok && got.snapshot).toEqual(reference(t).snapshot);
        else expect(got).toEqual({ ok: false, reason: p.reason });
      }
      expect(p.ok).toBe(time === '23:59:59');
    }
  });

  it('reads a slice that is not valid UTF-8 as the restore decodes it (replacement characters)', async () => {
    const marked = { ...backup, contacts: backup.contacts.map((c, i) => (i === 4 ? { ...c, page: 'PAGE#MARK' } : c)) };
    const bytes = Buffer.from(serializeBackup(marked), 'utf8');
    bytes[bytes.indexOf('#MARK') + 1] = 0xff; // a byte no UTF-8 text holds
    const file = path.join(dir, 'not-utf8.json');
    writeFileSync(file, bytes);
    const decoded = new TextDecoder().decode(bytes);
    expect(decoded).toContain('PAGE#\ufffdARK');
    for (const workers of [0, 2]) {
      const got = await loadBackupFile(file, { workers, sliceBytes: 8192 });
      expect(got.ok && got.snapshot).toEqual(reference(decoded).snapshot);
    }
  });

  it('gives a refused file the restore\'s reason, worded as parseBackup words it', async () => {
    const bad = { ...backup, orders: backup.orders.map((o, i) => (i === 3 ? { ...o, amountFen: 12.5 } : o)) };
    const t = serializeBackup(bad);
    const p = parseBackup(t);
    expect(p.ok).toBe(false);
    for (const workers of [0, 2]) {
      const got = await loadBackupFile(write(`bad-${workers}.json`, t), { workers, sliceBytes: 8192 });
      expect(got).toEqual({ ok: false, reason: !p.ok ? p.reason : '' });
      expect(!got.ok && got.reason).toMatch(/orders\[3\]\.amountFen/);
    }
  });

  it('refuses a duplicate order id and a record of another shop with their reasons', async () => {
    const dup = serializeBackup({ ...backup, orders: [...backup.orders, { ...backup.orders[0]!, amountFen: 1 }] });
    const got = await loadBackupFile(write('dup.json', dup), { workers: 2, sliceBytes: 8192 });
    expect(!got.ok && got.reason).toMatch(/appears twice|duplicate|same orderId|orderId/);
    const p = parseBackup(dup);
    expect(got).toEqual({ ok: false, reason: !p.ok ? p.reason : '' });
    const other = serializeBackup({ ...backup, contacts: [...backup.contacts, { ...backup.contacts[0]!, shopId: 'X9' }] });
    const got2 = await loadBackupFile(write('other.json', other), { workers: 0 });
    expect(!got2.ok && got2.reason).toMatch(/X9/);
  });

  it('reads another layout (one line) and refuses a missing file, an empty file and a foreign one without throwing', async () => {
    const one = await loadBackupFile(write('minified.json', JSON.stringify(backup)));
    expect(one.ok && one.snapshot).toEqual(want.snapshot);
    expect(await loadBackupFile(path.join(dir, 'nope.json'))).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot read/) });
    expect(await loadBackupFile(write('empty.json', ''))).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(await loadBackupFile(write('foreign.json', JSON.stringify({ format: 'other' })))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a seller-lens backup/),
    });
  });
});
