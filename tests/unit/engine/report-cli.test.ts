import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReportSchema } from '@/lib/engine';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'scripts/report.ts');

const backup = {
  format: 'seller-lens-backup',
  version: 1,
  exportedAt: '2026-12-10T10:00:00+08:00',
  shop: { shopId: 'S1', platform: 'douyin', name: '店' },
  customers: [{ customerKey: 'douyin:S1:id:A', shopId: 'S1', nickname: 'A', isFan: true }],
  orders: [
    {
      orderId: '1', shopId: 'S1', customerKey: 'douyin:S1:id:A', placedAt: '2026-11-20T17:00:00Z',
      paidAt: '2026-11-20T17:05:00Z', amountFen: 1001, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid',
    },
  ],
  contacts: [{ shopId: 'S1', customerKey: 'douyin:S1:id:B', at: '2026-11-25T10:00:00+08:00', kind: 'cart' }],
};

function run(args: string[]) {
  return spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

describe('npm run report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sl-report-'));
  const file = path.join(dir, 'backup.json');
  writeFileSync(file, JSON.stringify(backup));

  it('prints the report of the default window and writes scores of users − purchasers', () => {
    const scores = path.join(dir, 'scores.json');
    const out = execFileSync(tsx, [cli, file, '--scores', scores], { cwd: root, encoding: 'utf8' });
    const r = ReportSchema.parse(JSON.parse(out));
    // latest day with data: 2026-11-25 (B's cart); A's payment is 2026-11-21 in UTC+8
    expect(r.window).toEqual({ start: '2026-10-27', end: '2026-11-25' });
    expect(r.douyin).toMatchObject({ users: 2, purchasers: 1, firstOrder: 1 });
    expect(r.metrics.daily.find((d) => d.day === '2026-11-21')?.gmvFen).toBe(1001);
    const s = JSON.parse(readFileSync(scores, 'utf8')) as Record<string, number>;
    expect(Object.keys(s)).toEqual(['douyin:S1:id:B']);
    expect(s['douyin:S1:id:B']).toBeGreaterThan(0);
    expect(s['douyin:S1:id:B']).toBeLessThan(1);
  });

  it('honours --from/--to', () => {
    const r = ReportSchema.parse(JSON.parse(execFileSync(tsx, [cli, file, '--to', '2026-11-21'], { cwd: root, encoding: 'utf8' })));
    expect(r.window).toEqual({ start: '2026-10-23', end: '2026-11-21' });
    const r2 = ReportSchema.parse(JSON.parse(execFileSync(tsx, [cli, file, '--from', '2026-11-22'], { cwd: root, encoding: 'utf8' })));
    expect(r2.window).toEqual({ start: '2026-11-22', end: '2026-11-25' });
    expect(r2.douyin.purchasers).toBe(0);
  });

  it('falls back to the day of exportedAt for a shop without data', () => {
    const empty = path.join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...backup, customers: [], orders: [], contacts: [] }));
    const r = ReportSchema.parse(JSON.parse(execFileSync(tsx, [cli, empty], { cwd: root, encoding: 'utf8' })));
    expect(r.window.end).toBe('2026-12-10');
  });

  it('refuses a foreign file and bad arguments with a message', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...backup, format: 'other' }));
    const r = run([bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a seller-lens backup/);
    expect(r.stdout).toBe('');
    const r2 = run([file, '--from', '2026-12-01', '--to', '2026-11-01']);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/after its end/);
    const r3 = run([]);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toMatch(/usage/);
  });
});
