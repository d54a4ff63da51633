import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dayOf } from '@/lib/model';
import { serializeBackup, type Backup } from '@/lib/backup';
import { restoreShop, validateBackupSource } from '@/lib/backup';
import { generateShop } from '../../fixtures/generate';
import { freshDb } from '../db/helpers';

function generated(customers = 80): Backup {
  const d = generateShop({ seed: 5, platform: 'douyin', shopId: 'gen-shop', shopName: '生成店', customers, endDay: '2026-11-20', days: 90 });
  return { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T09:00:00+08:00', ...d, captures: [], platformSnapshots: [], audiences: [], exports: [] };
}

describe('restore validation', () => {
  it('stores each directory’s maxDay as the latest day of placedAt / paidAt (orders) and at (contacts)', async () => {
    const b = generated();
    // The latest day only in a paidAt (paid two days after the last placement).
    const last = b.orders.reduce((a, o) => (o.placedAt > a ? o.placedAt : a), '');
    b.orders[0] = { ...b.orders[0]!, paidAt: '2026-11-23T00:10:00+08:00' };
    expect(last < '2026-11-23').toBe(true);
    const db = freshDb();
    const r = await restoreShop(db, new Blob([serializeBackup(b)]));
    expect(r.ok).toBe(true);
    const orders = await db.blockDirectories.get(['gen-shop', 'orders']);
    const contacts = await db.blockDirectories.get(['gen-shop', 'contacts']);
    expect((orders as { maxDay?: string }).maxDay).toBe('2026-11-23');
    const want = b.contacts.map((c) => dayOf(c.at)).sort().at(-1);
    expect((contacts as { maxDay?: string }).maxDay).toBe(want);
  });

  it('validateBackupSource: the counts and snapshot of the validation, or the refusal a restore gives', async () => {
    const b = generated(20);
    const ok = await validateBackupSource(serializeBackup(b));
    expect(ok).toMatchObject({ ok: true, shopId: 'gen-shop', counts: { customers: b.customers.length, orders: b.orders.length, contacts: b.contacts.length } });
    expect(ok.ok && ok.snapshot?.shopId).toBe('gen-shop');
    const bad = serializeBackup({ ...b, orders: [...b.orders, { ...b.orders[0]!, amountFen: -1 }] });
    const refused = await validateBackupSource(bad);
    const restored = await restoreShop(freshDb(), bad);
    expect(refused.ok).toBe(false);
    expect(restored).toEqual(refused);
  });
});
