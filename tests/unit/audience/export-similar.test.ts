import 'fake-indexeddb/auto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { audienceRows, buildTagIndex, evaluateAudience, exportAudience } from '@/lib/audience';
import { buildSnapshot, customerIndexOf, keysOf } from '@/lib/engine';
import type { Order } from '@/lib/model';
import { generateShop } from '../../fixtures/generate';
import { freshDb } from '../db/helpers';
import { cust, key, order, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const buy = (id: string, day: string, amountFen: number): Order => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });
const data = world({
  customers: Array.from({ length: 20 }, (_, i) => cust(`c${i}`, { phone: i % 4 === 0 ? '138****0000' : `1380000${String(i).padStart(4, '0')}` })),
  orders: Array.from({ length: 20 }, (_, i) => buy(`c${i}`, '2026-11-10', 1000 * (i + 1))).concat([buy('nokey', '2026-11-11', 5)]),
});
const snap = buildSnapshot(data);

describe('audienceRows', () => {
  it('records (or key-only rows) of the members, biggest spenders first', () => {
    const rows = audienceRows(data, snap, [customerIndexOf(snap, key('c1')), customerIndexOf(snap, key('c3')), customerIndexOf(snap, key('nokey'))], W);
    expect(rows.map((r) => r.customerKey)).toEqual([key('c3'), key('c1'), key('nokey')]);
    expect(rows[2]).toEqual({ customerKey: key('nokey') });
    expect(rows[0]!.phone).toBe('13800000003');
  });
});

describe('exportAudience', () => {
  const members = buildTagIndex(snap, W).members('tier:purchasers')!;

  it('CSV: freezes the export, holds the seeded control out of the file', async () => {
    const db = freshDb();
    const r = await exportAudience(db, { data, snap, window: W, name: '成交', members, format: { kind: 'csv' }, seed: 9, at: '2026-12-01T09:00:00+08:00' });
    expect(r.record.members.length + r.record.control.length).toBe(21);
    expect(r.record.control).toHaveLength(2);
    expect(r.record.format).toBe('csv');
    expect(await db.exports.get(r.record.exportId)).toEqual(r.record);
    expect(r.files[0]!.name).toBe('seller-lens-audience-S1-成交_2026-11-01_2026-11-30-20261201.csv');
    const text = new TextDecoder().decode(r.files[0]!.bytes);
    for (const k of r.record.control) expect(text).not.toContain(`,${k}\r\n`);
    for (const k of r.record.members) expect(text).toContain(`,${k}\r\n`);
    expect(text.split('\r\n').length).toBe(1 + r.record.members.length + 1);
  });

  it('DMP: hashes the exported members only and reports who had no usable phone', async () => {
    const db = freshDb();
    const r = await exportAudience(db, { data, snap, window: W, name: '成交', members, format: { kind: 'dmp', preset: 'qianchuan', minAudience: 5 }, controlShare: 0 });
    expect(r.record.format).toBe('dmp:qianchuan');
    expect(r.dmp!.exported).toBe(15); // 20 customers, 5 masked phones; 'nokey' has no record
    expect(r.dmp!.skippedNoIdentifier).toBe(6);
    const txt = new TextDecoder().decode(Object.values(unzipSync(r.files[0]!.bytes))[0]!);
    expect(txt.split('\n')).toHaveLength(15);
  });

  it('XLSX: one workbook', async () => {
    const r = await exportAudience(freshDb(), { data, snap, window: W, name: 'x', members, format: { kind: 'xlsx' }, controlShare: 0 });
    expect(r.files[0]!.name).toMatch(/\.xlsx$/);
    expect([...r.files[0]!.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

describe('tag index at scale', () => {
  // Its speed (build, cached evaluation) is a figure of `npm run bench` (scripts/bench-units.ts), not a test.
  it('builds for a 50,000-customer shop and evaluates an expression', () => {
    const shop = generateShop({ seed: 11, platform: 'douyin', shopId: 'B', shopName: 'b', customers: 50_000, endDay: '2026-11-30', days: 120 });
    const s = buildSnapshot(shop);
    const idx = buildTagIndex(s, W, { customers: shop.customers });
    const province = idx.tags.find((t) => t.group === 'province')!.id;
    const expr = `(tier:firstOrder 并 tier:repeat) 交 "${province}" 差 rfm:generalRetain`;
    const r = evaluateAudience(idx, expr);
    expect(r.ok).toBe(true);
    if (r.ok) expect(keysOf(s, r.members).length).toBe(r.size);
  });
});
