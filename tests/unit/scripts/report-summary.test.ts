/**
 * `npm run report -- <backups… | folder> --summary out.csv|xlsx` (issue 14 item 3), run as the
 * merchant runs it (tsx, the worker pool with --jobs 2): one row a file; refused files are rows
 * with their reason; the good rows' figures equal values known independently — hand-written for a
 * hand-made shop, the naive oracle's (tests/unit/engine/oracle.ts) for a generated one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { BACKUP_FORMAT, BACKUP_VERSION, serializeBackup } from '@/lib/backup';
import type { ShopData } from '@/lib/model';
import { generateShop } from '../../fixtures/generate';
import { oracleReport } from '../engine/oracle';
import { contact, cust, order } from '../engine/world';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'scripts/report.ts');

function run(args: string[]) {
  return spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

function backupText(data: ShopData): string {
  return serializeBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: '2026-12-01T09:00:00+08:00',
    ...data,
    captures: [],
    platformSnapshots: [],
    audiences: [],
    exports: [],
  });
}

// Shop A, by hand. Latest day with data 2026-11-30 → W = 11-01…11-30, previous = 10-02…10-31.
// A bought 10-10 (¥50) and again 11-05 (¥30): 已购回访, 复购. B first seen 11-10 and bought that
// day (¥20): 新访, same-day conversion, 首单. C looked 10-20, came back 11-20, bought 11-30 (¥70):
// 未购回访, 首单. E looked 10-15 only (未购资产, not recalled); F bought 09-01 only (已购资产, not
// recalled). Every user of W bought, so 高潜 (users − purchasers, scored) is 0 whatever the model.
const S = 'SA';
const shopA: ShopData = {
  shop: { shopId: S, platform: 'douyin', name: '小店A' },
  customers: ['A', 'B', 'C', 'E', 'F'].map((id) => cust(id, {}, S)),
  contacts: [contact('A', '2026-10-10', 'visit', S), contact('A', '2026-11-05', 'visit', S), contact('B', '2026-11-10', 'visit', S), contact('C', '2026-10-20', 'visit', S), contact('C', '2026-11-20', 'visit', S), contact('E', '2026-10-15', 'visit', S)],
  orders: [
    order('F', { placedAt: '2026-09-01', paidAt: '2026-09-01', status: 'paid', amountFen: 9900, shop: S, orderId: 'a1' }),
    order('A', { placedAt: '2026-10-10', paidAt: '2026-10-10', status: 'paid', amountFen: 5000, shop: S, orderId: 'a2' }),
    order('A', { placedAt: '2026-11-05', paidAt: '2026-11-05', status: 'paid', amountFen: 3000, shop: S, orderId: 'a3' }),
    order('B', { placedAt: '2026-11-10', paidAt: '2026-11-10', status: 'paid', amountFen: 2000, shop: S, orderId: 'a4' }),
    order('C', { placedAt: '2026-11-30', paidAt: '2026-11-30', status: 'paid', amountFen: 7000, shop: S, orderId: 'a5' }),
  ],
};

// Shop B: generated (a digit-only shop id, which the CSV must keep whole); its latest day with data is endDay.
const shopB = generateShop({ seed: 14, platform: 'taobao', shopId: '0088001234', shopName: '生成店', customers: 150, endDay: '2026-11-30', days: 90 });
const W = { start: '2026-11-01', end: '2026-11-30' };
const oracleB = oracleReport(shopB, W, () => 0);

const dir = mkdtempSync(path.join(tmpdir(), 'sl-summary-'));
const shops = path.join(dir, 'shops');
mkdirSync(shops);
writeFileSync(path.join(shops, 'a-tiny.json'), backupText(shopA));
const textB = backupText(shopB);
writeFileSync(path.join(shops, 'b-generated.json'), textB);
writeFileSync(path.join(shops, 'c-truncated.json'), textB.slice(0, Math.floor(textB.length / 2)));
writeFileSync(path.join(shops, 'd-not-backup.json'), JSON.stringify({ hello: 'world' }));
writeFileSync(path.join(shops, 'notes.txt'), 'not a backup, not *.json: skipped');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toFixed(2));

describe('npm run report -- <folder> --summary out.csv', () => {
  const out = path.join(dir, 'summary.csv');
  const r = run([shops, '--summary', out, '--jobs', '2']);
  const bytes = readFileSync(out);
  const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data as string[][];
  const col = (row: string[], name: string) => row[header!.findIndex((h) => h.includes(name))]!;

  it('writes one row per *.json file, exits 0, keeps stdout clean and reports progress on stderr', () => {
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.stderr).toContain('4 backups found');
    expect(r.stderr).toContain('on 2 worker threads');
    expect(r.stderr).toMatch(/\[\d\/4\] 小店A … ok \d+\.\d s/);
    expect(r.stderr).toMatch(/\[\d\/4\] .*c-truncated\.json … refused: /);
    expect(r.stderr).toMatch(/\[\d\/4\] .*d-not-backup\.json … refused: /);
    expect(r.stderr).toMatch(/4 shops, 2 ok, 2 refused → .*summary\.csv in \d+\.\d s/);
    expect(rows.map((row) => path.basename(col(row, 'file')))).toEqual(['a-tiny.json', 'b-generated.json', 'c-truncated.json', 'd-not-backup.json']);
    expect(header).toContain('成交用户 Purchasers');
    expect(header).toContain('客单价(元) AOV (yuan)');
  });

  it('refused files are rows with the reason and no figures', () => {
    const [, , c, d] = rows as [string[], string[], string[], string[]];
    for (const row of [c, d]) {
      expect(col(row, 'status')).toBe('refused');
      expect(col(row, 'reason')).not.toBe('');
      expect(col(row, 'shop id')).toBe('');
      expect(col(row, 'GMV (yuan)')).toBe('');
    }
    expect(col(d, 'reason')).toMatch(/backup/i);
    expect(r.stderr).toContain(col(c, 'reason'));
    expect(r.stderr).toContain(col(d, 'reason'));
  });

  it('the hand-made shop has the hand-computed figures', () => {
    const a = rows[0]!;
    const expected: Record<string, string> = {
      'status': 'ok',
      'shop id': 'SA',
      'shop name': '小店A',
      'platform': 'douyin',
      'from': '2026-11-01',
      'to': '2026-11-30',
      'Users': '3',
      'Purchasers': '3',
      'First-order': '2',
      'Repeat': '1',
      'High-potential': '0',
      'New visitors': '1',
      'Returning, not bought': '1',
      'Returning, bought': '1',
      'same-day conversion': '100.00%',
      'Returning to buy': '50.00%',
      'Repurchase (bought': '50.00%',
      '成交金额(元)': '120.00',
      'paid orders': '3',
      '成交人数 buyers': '3',
      '客单价(元)': '40.00',
      'previous from': '2026-10-02',
      'previous to': '2026-10-31',
      'previous GMV': '50.00',
      'GMV change': '140.00%',
      'previous buyers': '1',
      'buyers change': '200.00%',
      'previous AOV': '50.00',
      'AOV change': '-20.00%',
    };
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, col(a, k)]));
    expect(got).toEqual(expected);
  });

  it('the generated shop has the oracle figures, and its digit-only id keeps every digit', () => {
    const b = rows[1]!;
    expect(col(b, 'shop id')).toBe('="0088001234"');
    const o = oracleB;
    const m = o.metrics;
    const expected: Record<string, string> = {
      'from': W.start,
      'to': W.end,
      'Users': String(o.douyin.users),
      'Purchasers': String(o.douyin.purchasers),
      'First-order': String(o.douyin.firstOrder),
      'Repeat': String(o.douyin.repeat),
      'New visitors': String(o.taobao.newVisitors),
      'Returning, not bought': String(o.taobao.unpurchasedReturning),
      'Returning, bought': String(o.taobao.purchasedReturning),
      'same-day conversion': pct(o.taobao.pathways.newVisitorSameDay.rate),
      'Returning to buy': pct(o.taobao.pathways.unpurchasedReturn.rate),
      'Repurchase (bought': pct(o.taobao.pathways.repurchase.rate),
      '成交金额(元)': yuan(m.gmvFen),
      'paid orders': String(m.orders),
      '成交人数 buyers': String(m.purchasers),
      '客单价(元)': yuan(m.aovFen),
      'previous GMV': yuan(m.previous.gmvFen),
      'GMV change': pct(m.change.gmvFen),
      'previous buyers': String(m.previous.purchasers),
      'buyers change': pct(m.change.purchasers),
      'previous AOV': yuan(m.previous.aovFen),
      'AOV change': pct(m.change.aovFen),
    };
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, col(b, k)]));
    expect(got).toEqual(expected);
    expect(m.gmvFen).toBeGreaterThan(0);
    expect(Number(col(b, 'High-potential'))).toBeLessThanOrEqual(o.douyin.users - o.douyin.purchasers);
  });
});

describe('--summary out.xlsx, files named one by one', () => {
  it('writes numbers as numbers with ¥ and % formats under a frozen header; a missing file is a refused row', async () => {
    const out = path.join(dir, 'summary.xlsx');
    const missing = path.join(dir, 'missing.json');
    const r = run([path.join(shops, 'a-tiny.json'), missing, path.join(shops, 'd-not-backup.json'), '--summary', out, '--jobs', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (row: number, name: string) => ws.getRow(row).getCell(header.findIndex((h) => h.includes(name)) + 1);
    expect(ws.rowCount).toBe(4);
    expect(cell(2, 'status').value).toBe('ok');
    expect(cell(2, 'Users').value).toBe(3);
    expect(cell(2, '成交金额(元)').value).toBe(120);
    expect(cell(2, '成交金额(元)').numFmt).toContain('¥');
    expect(cell(2, '客单价(元)').value).toBe(40);
    expect(cell(2, 'Returning to buy').value).toBe(0.5);
    expect(cell(2, 'Returning to buy').numFmt).toBe('0.00%');
    expect(cell(2, 'AOV change').value).toBeCloseTo(-0.2, 12);
    expect(cell(3, 'status').value).toBe('refused');
    expect(String(cell(3, 'reason').value)).toMatch(/cannot read .*missing\.json/);
    expect(cell(3, 'Users').value).toBe(null);
    expect(cell(4, 'status').value).toBe('refused');
  });
});

describe('usage', () => {
  it('refuses another table type, and several backups without --summary', () => {
    const a = path.join(shops, 'a-tiny.json');
    const r1 = run([a, '--summary', path.join(dir, 'out.txt')]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/\.csv or \.xlsx/);
    const r2 = run([a, path.join(shops, 'b-generated.json')]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/--summary/);
    expect(r2.stdout).toBe('');
  });

  it('a table that cannot be written exits 1 before any work', () => {
    const r = run([path.join(shops, 'a-tiny.json'), '--summary', path.join(dir, 'no-such-folder', 'out.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*no-such-folder/);
    expect(r.stderr).not.toMatch(/\[1\/1\]/);
  });

  it('an empty folder writes nothing and exits 1', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const r = run([empty, '--summary', path.join(dir, 'none.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('0 backups found');
  });
});
