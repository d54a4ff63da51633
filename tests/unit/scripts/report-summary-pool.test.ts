/**
 * The summary's worker pool in this process (vitest, which has no tsx of its own: the pool finds
 * tsx itself): rows come back in file order whatever the finishing order, and a thread that dies
 * refuses only its file while a fresh thread takes the rest — the pool always resolves.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BACKUP_FORMAT, BACKUP_VERSION, serializeBackup } from '@/lib/backup';
import { runShopPool } from '@/scripts/report/summary-pool';
import { contact, cust, order, world } from '../engine/world';

const dir = mkdtempSync(path.join(tmpdir(), 'sl-summary-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One buyer (¥12.34 on 11-20) and one looker (11-25): W = 10-27…11-25.
const shop = world({
  customers: [cust('A'), cust('B')],
  contacts: [contact('A', '2026-11-20'), contact('B', '2026-11-25')],
  orders: [order('A', { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'paid', amountFen: 1234, orderId: 'p1' })],
});
const good = path.join(dir, 'good.json');
writeFileSync(good, serializeBackup({ format: BACKUP_FORMAT, version: BACKUP_VERSION, ...shop, captures: [], platformSnapshots: [], audiences: [], exports: [] }));
const missing = path.join(dir, 'missing.json');

describe('runShopPool', () => {
  it('reports on worker threads, rows in file order', async () => {
    const finished: number[] = [];
    const rows = await runShopPool([{ file: missing }, { file: good }, { file: good, to: '2026-11-19' }], 2, (i) => finished.push(i));
    expect(finished.sort()).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.status)).toEqual(['refused', 'ok', 'ok']);
    expect(rows[0]).toMatchObject({ file: missing, reason: expect.stringMatching(/cannot read/) });
    const [, all, before] = rows;
    if (all?.status !== 'ok' || before?.status !== 'ok') throw new Error('expected two reported rows');
    expect(all.figures).toMatchObject({ shopId: 'S1', window: { start: '2026-10-27', end: '2026-11-25' }, gmvFen: 1234, purchasers: 1, aovFen: 1234 });
    expect(all.figures.tiers).toMatchObject({ users: 2, purchasers: 1, firstOrder: 1, repeat: 0, newVisitors: 2 });
    expect(before.figures).toMatchObject({ window: { start: '2026-10-21', end: '2026-11-19' }, gmvFen: 0, purchasers: 0, aovFen: null });
  });

  it('a thread that dies refuses only its file, and a new thread goes on', async () => {
    // 1 MB of heap cannot even load the engine: every thread dies on its first file.
    const rows = await runShopPool([{ file: good }, { file: good }, { file: good }], 1, undefined, { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatchObject({ status: 'refused', file: good, reason: expect.stringMatching(/^worker crashed: /) });
  });
});
