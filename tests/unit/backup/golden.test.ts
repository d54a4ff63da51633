/**
 * Golden backup files (tests/fixtures/backups/, one per format version and case, written by hand):
 * each restores — as a File and through the whole-file path — to hand-written expectations.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBackup, parseBackup, refusalText, restoreShop, type Backup, type BackupCounts } from '@/lib/backup';
import { dumpAll, freshDb } from '../db/helpers';

const dir = path.resolve(import.meta.dirname, '../../fixtures/backups');
const golden = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const zero: BackupCounts = { customers: 0, orders: 0, contacts: 0, captures: 0, platformSnapshots: 0, audiences: 0, exports: 0 };

/** Restores a golden file as a File into a fresh profile and reads the shop back. */
async function restored(name: string, shopId: string): Promise<{ counts: BackupCounts; backup: Backup }> {
  const db = freshDb();
  const r = await restoreShop(db, new Blob([golden(name)]));
  if (!r.ok) throw new Error(r.reason);
  expect(r.shopId).toBe(shopId);
  return { counts: r.counts, backup: await buildBackup(db, shopId, '2026-12-01T00:00:00+08:00') };
}

describe('golden backups, version 1', () => {
  it('v1-hand-minimal: shop, customers, orders, contacts only; times to +08:00, the order gets its one item', async () => {
    const { counts, backup } = await restored('v1-hand-minimal.jsonl', 'G1');
    expect(counts).toEqual({ ...zero, customers: 1, orders: 1, contacts: 1 });
    expect(backup.shop).toEqual({ shopId: 'G1', platform: 'douyin', name: '金样店' });
    expect(backup.customers).toEqual([
      { customerKey: 'douyin:G1:id:A', shopId: 'G1', nickname: '阿花', phone: '13812345678', city: '成都市', tags: ['老客'] },
    ]);
    expect(backup.orders).toEqual([
      {
        orderId: '1001', shopId: 'G1', customerKey: 'douyin:G1:id:A', placedAt: '2026-11-20T10:00:00+08:00', amountFen: 1990, quantity: 1,
        productName: '围巾', items: [{ productName: '围巾', quantity: 1 }], channel: 'live', traffic: 'paid', status: 'paid',
      },
    ]);
    expect(backup.contacts).toEqual([{ shopId: 'G1', customerKey: 'douyin:G1:id:A', at: '2026-11-20T09:00:00+08:00', kind: 'visit' }]);
  });

  it('v1-full: every array restores with its records', async () => {
    const { counts, backup } = await restored('v1-full.jsonl', '77001');
    expect(counts).toEqual({ customers: 2, orders: 2, contacts: 1, captures: 1, platformSnapshots: 1, audiences: 1, exports: 1 });
    expect(backup.orders.map((o) => [o.orderId, o.amountFen, o.items.length])).toEqual([['3001', 500, 2], ['3002', 0, 0]]);
    expect(backup.orders[0]!.items[0]).toEqual({ productId: 'p2', productName: '手套', spec: '黑/L', unitPriceFen: 150, quantity: 2 });
    expect(backup.captures[0]!.rawRows).toEqual([['张三', '手淘搜索'], ['-', '直通车']]);
    expect(backup.platformSnapshots[0]!.metrics).toEqual({ purchasers: { value: 123000, change: 0.125 } });
    expect(backup.audiences.map((a) => a.audienceId)).toEqual(['aud-1']);
    expect(backup.exports[0]).toMatchObject({ exportId: 'exp-1', members: ['taobao:77001:id:2200'], control: [], controlSeed: 42 });
  });

  it('v1-empty-values: "", " ", "-", "--" in optional texts read as absent (SPEC §2), nothing refused', async () => {
    const want = {
      customers: [
        { customerKey: 'douyin:E1:id:A', shopId: 'E1', nickname: '阿花', tags: [] },
        { customerKey: 'douyin:E1:id:B', shopId: 'E1', nickname: '小白', phone: '13900001111', city: '杭州市', tags: [] },
      ],
      orders: [
        {
          orderId: '9001', shopId: 'E1', customerKey: 'douyin:E1:id:A', placedAt: '2026-11-20T10:00:00+08:00', amountFen: 2990, quantity: 1,
          productName: '围巾', items: [{ productName: '围巾', quantity: 1 }], channel: 'live', traffic: 'paid', status: 'unpaid',
        },
      ],
      contacts: [{ shopId: 'E1', customerKey: 'douyin:E1:id:A', at: '2026-11-20T09:00:00+08:00', kind: 'visit' }],
    };
    const { counts, backup } = await restored('v1-empty-values.jsonl', 'E1');
    expect(counts).toEqual({ ...zero, customers: 2, orders: 1, contacts: 1 });
    expect({ customers: backup.customers, orders: backup.orders, contacts: backup.contacts }).toEqual(want);
    // The whole-file path (report CLI, other layouts) reads the same.
    const parsed = parseBackup(golden('v1-empty-values.jsonl'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect({ customers: parsed.backup.customers, orders: parsed.backup.orders, contacts: parsed.backup.contacts }).toEqual(want);
  });

  it('v1-refused-amount: refused with its code and field, in English and Chinese; nothing changed', async () => {
    const db = freshDb();
    const before = await dumpAll(db);
    const r = await restoreShop(db, new Blob([golden('v1-refused-amount.jsonl')]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.code).toBe('backup.invalidRecords');
    expect(r.refusal.problems?.map((p) => p.field)).toEqual(['orders[0].amountFen']);
    expect(r.reason).toBe('backup refused, nothing was changed: orders[0].amountFen: amount must be integer fen (got 12.5)');
    expect(refusalText(r.refusal, 'zh')).toBe('备份被拒绝，未做任何更改：orders[0].amountFen：金额须为整数（分）（12.5）');
    expect(await dumpAll(db)).toEqual(before);
  });
});
