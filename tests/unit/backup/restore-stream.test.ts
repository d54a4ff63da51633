import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_RECORDS,
  candidateBlocks,
  contactIdOf,
  encodeBlock,
  loadShopData,
  shopDataToken,
  type SellerLensDb,
} from '@/lib/db';
import { analysisTokenKey, loadAnalysisSnapshot, readOrderIds } from '@/lib/db/analysis-snapshot';
import { buildSnapshot, computeReport, latestDataDay, resolveWindow } from '@/lib/engine';
import { buildBackup, parseBackup, serializeBackup, type Backup, type RestoreProgress } from '@/lib/backup';
import { restoreShop } from '@/lib/backup';
import { storeCapture } from '@/lib/db/writer';
import { generateShop } from '../../fixtures/generate';
import { expectSameSnapshot } from '../engine/snapshot-compare';
import { customer, dumpAll, freshDb, shopA } from '../db/helpers';

/** A generated backup object (records as a backup holds them). */
function generated(customers = 120): Backup {
  const d = generateShop({ seed: 11, platform: 'douyin', shopId: 'gen-shop', shopName: '生成🐟店', customers, endDay: '2026-11-20', days: 120 });
  return { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T09:00:00+08:00', ...d, captures: [], platformSnapshots: [], audiences: [], exports: [] };
}

const blob = (text: string) => new Blob([text]);

async function blocksOf(db: SellerLensDb, shopId: string, kind: 'customers' | 'orders' | 'contacts') {
  return (await db.recordBlocks.where('[shopId+kind+seq]').between([shopId, kind, -Infinity], [shopId, kind, Infinity]).toArray());
}

/** Counts the base blocks a restore puts (inside its transaction: invisible until it commits). */
function countPuts(db: SellerLensDb): { n: number } {
  const c = { n: 0 };
  const original = db.recordBlocks.put.bind(db.recordBlocks);
  db.recordBlocks.put = ((...args: Parameters<typeof original>) => {
    c.n++;
    return original(...args);
  }) as typeof db.recordBlocks.put;
  return c;
}

describe('streaming restore of a File / Blob', () => {
  it('restores in base blocks, byte for byte what encodeBlock writes, with a directory that finds every key', async () => {
    const b = generated();
    // Some lines that are not canonical: keys reversed, an order without items (they default).
    const rewrite = (text: string, needle: string, f: (r: Record<string, unknown>) => Record<string, unknown>) =>
      text.split('\n').map((l) => {
        if (!l.includes(needle)) return l;
        const comma = l.endsWith(',');
        return `    ${JSON.stringify(f(JSON.parse(l.trim().replace(/,$/, '')) as Record<string, unknown>))}${comma ? ',' : ''}`;
      }).join('\n');
    let text = serializeBackup(b);
    text = rewrite(text, `"orderId":${JSON.stringify(b.orders[0]!.orderId)}`, ({ items: _items, ...rest }) => rest);
    text = rewrite(text, `"customerKey":${JSON.stringify(b.customers[1]!.customerKey)},"shopId"`, (r) => Object.fromEntries(Object.entries(r).reverse()));
    expect(text).not.toBe(serializeBackup(b));
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const db = freshDb();
    // Tiny reads: lines and multi-byte characters (🐟, 店) split across slices.
    const r = await restoreShop(db, blob(text), { readBytes: 7 });
    expect(r.ok && r.counts).toEqual({
      customers: b.customers.length, orders: b.orders.length, contacts: b.contacts.length,
      captures: 0, platformSnapshots: 0, audiences: 0, exports: 0,
    });
    for (const kind of ['customers', 'orders', 'contacts'] as const) {
      const records = parsed.backup[kind] as never[];
      const blocks = await blocksOf(db, 'gen-shop', kind);
      expect(blocks.length).toBe(Math.ceil(records.length / BLOCK_RECORDS[kind]));
      blocks.forEach((blk, seq) => {
        const want = encodeBlock('gen-shop', kind, seq, records.slice(seq * BLOCK_RECORDS[kind], (seq + 1) * BLOCK_RECORDS[kind]));
        expect(blk).toEqual(want);
      });
      const dir = await db.blockDirectories.get(['gen-shop', kind]);
      expect(dir?.count).toBe(records.length);
      records.forEach((rec: never, i) => {
        const k = kind === 'customers' ? (rec as { customerKey: string }).customerKey : kind === 'orders' ? (rec as { orderId: string }).orderId : contactIdOf(rec);
        expect(candidateBlocks(dir!, k)).toContain(Math.floor(i / BLOCK_RECORDS[kind]));
      });
    }
    expect(parsed.backup.orders[0]!.items.length).toBe(1);
    expect(await db.orders.count()).toBe(0); // no rows: the base layer holds them
    const data = await loadShopData(db, 'gen-shop');
    expect(data.orders.length).toBe(b.orders.length);
  });

  it('stores the snapshot under the data token the panel computes next (no rebuild on the first open)', async () => {
    const db = freshDb();
    const b = generated();
    const r = await restoreShop(db, blob(serializeBackup(b)));
    expect(r.ok).toBe(true);
    const token = await shopDataToken(db, 'gen-shop');
    expect((await db.settings.get(analysisTokenKey('gen-shop')))?.value).toBe(token);
    const stored = await loadAnalysisSnapshot(db, 'gen-shop', token);
    expect(stored).not.toBeNull();
    expect(await readOrderIds(stored!.snap)).toBe(true); // left in the stored Blob until asked for
    // Built from the file's records in file order; the same report as a rebuild from the stored records.
    expectSameSnapshot(stored!.snap, buildSnapshot(b));
    const window = resolveWindow({}, latestDataDay(stored!.snap, '2026-11-20'));
    expect(computeReport(stored!.snap, window)).toEqual(computeReport(buildSnapshot(await loadShopData(db, 'gen-shop')), window));
  });

  it('round trip: restore, back up, restore that, back up again: the same text and the same records', async () => {
    const b = generated(60);
    const db = freshDb();
    expect((await restoreShop(db, blob(serializeBackup(b)))).ok).toBe(true);
    const once = serializeBackup(await buildBackup(db, 'gen-shop', '2026-11-21T10:00:00+08:00'));
    const db2 = freshDb();
    expect((await restoreShop(db2, blob(once))).ok).toBe(true);
    expect(serializeBackup(await buildBackup(db2, 'gen-shop', '2026-11-21T10:00:00+08:00'))).toBe(once);
    const lines = (t: string) => t.split('\n').filter((l) => l.startsWith('    {')).map((l) => l.trim().replace(/,$/, '')).sort();
    const orig = parseBackup(serializeBackup(b));
    if (!orig.ok) throw new Error(orig.reason);
    expect(lines(once)).toEqual(lines(serializeBackup({ ...orig.backup, exportedAt: '2026-11-21T10:00:00+08:00' })));
  });

  it('replaces a shop restored before: its old blocks, rows and token go before the first new block', async () => {
    const db = freshDb();
    const big = generated(1000);
    expect((await restoreShop(db, blob(serializeBackup(big)))).ok).toBe(true);
    await storeCapture(db, { shop: big.shop, customers: [{ ...big.customers[0]!, nickname: '改过' }] });
    const tokenBefore = await shopDataToken(db, 'gen-shop');
    const d = generateShop({ seed: 3, platform: 'douyin', shopId: 'gen-shop', shopName: '生成🐟店', customers: 600, endDay: '2026-11-20', days: 120 });
    const small: Backup = { ...big, ...d };
    expect(small.contacts.length).toBeGreaterThan(BLOCK_RECORDS.contacts); // blocks go out during the pass
    const puts = countPuts(db);
    const r = await restoreShop(db, blob(serializeBackup(small)), { readBytes: 16 << 10 });
    expect(r.ok).toBe(true);
    expect(puts.n).toBeGreaterThan(3);
    const want = freshDb();
    await restoreShop(want, blob(serializeBackup(small)));
    expect(await loadShopData(db, 'gen-shop')).toEqual(await loadShopData(want, 'gen-shop'));
    expect((await blocksOf(db, 'gen-shop', 'contacts')).length).toBe(Math.ceil(small.contacts.length / BLOCK_RECORDS.contacts));
    expect(await shopDataToken(db, 'gen-shop')).not.toBe(tokenBefore);
    expect(await db.customers.where('shopId').equals('gen-shop').count()).toBe(0); // the captured row went too
  });

  it('reports progress in bytes of the file while reading and writing blocks, then in records for the rest', async () => {
    const text = serializeBackup(generated());
    const seen: RestoreProgress[] = [];
    const r = await restoreShop(freshDb(), blob(text), { onProgress: (p) => seen.push(p), readBytes: 64 << 10 });
    expect(r.ok).toBe(true);
    const validating = seen.filter((p) => p.phase === 'validating');
    const size = new TextEncoder().encode(text).length;
    expect(validating.length).toBeGreaterThan(3);
    expect(validating.every((p) => p.total === size)).toBe(true);
    expect(validating.at(-1)!.done).toBe(size);
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ phase: 'done', done: writing.at(-1)!.total, total: writing.at(-1)!.total });
  });
});

describe('streaming restore: refusals and failures change nothing', () => {
  async function seeded() {
    const db = freshDb();
    await storeCapture(db, { shop: shopA, customers: [customer('10001', 'b1')] });
    expect((await restoreShop(db, blob(serializeBackup(generated(30))))).ok).toBe(true);
    return { db, before: await dumpAll(db) };
  }

  it('a duplicate orderId deep in the file is refused with array, index and field', async () => {
    const { db, before } = await seeded();
    const b = generated();
    const n = b.orders.length;
    b.orders.push({ ...b.orders[3]!, amountFen: 1 });
    const r = await restoreShop(db, blob(serializeBackup(b)), { readBytes: 4096 });
    expect(!r.ok && r.reason).toBe(
      `backup refused, nothing was changed: orders[${n}].orderId: duplicate orderId ${JSON.stringify(b.orders[3]!.orderId)} (also orders[3])`,
    );
    expect(await dumpAll(db)).toEqual(before);
  });

  it('gives exactly the messages of parseBackup for bad records, another shop and another format', async () => {
    const { db, before } = await seeded();
    const b = generated() as unknown as Record<string, any>;
    b.orders[5].amountFen = 12.5;
    b.contacts[7].kind = 'wave';
    b.customers[2].shopId = 'other';
    const text = serializeBackup(b as Backup);
    const want = parseBackup(text);
    const r = await restoreShop(db, blob(text));
    expect(want.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(!want.ok && want.reason);
    expect(!r.ok && r.reason).toMatch(/customers\[2\]\.shopId.*orders\[5\]\.amountFen.*contacts\[7\]\.kind/);
    const other = serializeBackup({ ...(generated() as Backup), format: 'seller-lens-report' as 'seller-lens-backup' });
    const r2 = await restoreShop(db, blob(other));
    expect(!r2.ok && r2.reason).toBe('not a seller-lens backup: format is "seller-lens-report", expected "seller-lens-backup"');
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a failure while reading, after blocks were written, aborts the transaction: nothing changed', async () => {
    const { db, before } = await seeded();
    const puts = countPuts(db);
    let failedAt = -1;
    const r = await restoreShop(db, blob(serializeBackup(generated(1000))), {
      readBytes: 16 << 10,
      onProgress: (p) => {
        if (p.phase === 'validating' && puts.n >= 3 && failedAt < 0) {
          failedAt = puts.n;
          throw new Error('tab closed');
        }
      },
    });
    expect(failedAt).toBeGreaterThanOrEqual(3);
    expect(!r.ok && r.reason).toBe('restore failed, nothing was changed: tab closed');
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a bad record at the end of the file, after blocks of it were written, is refused and changes nothing', async () => {
    const { db, before } = await seeded();
    const b = generated(1000);
    expect(b.contacts.length).toBeGreaterThan(2 * BLOCK_RECORDS.contacts);
    const last = b.contacts.length - 1;
    (b.contacts[last] as unknown as Record<string, unknown>).kind = 'wave';
    const text = serializeBackup(b);
    const puts = countPuts(db);
    const r = await restoreShop(db, blob(text), { readBytes: 64 << 10 });
    const want = parseBackup(text);
    expect(!want.ok && want.reason).toMatch(new RegExp(`contacts\\[${last}\\]\\.kind`));
    expect(!r.ok && r.reason).toBe(!want.ok && want.reason);
    expect(puts.n).toBeGreaterThanOrEqual(4); // order and contact blocks went out before the last line
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a file of another shop than the selected one is refused at its shop line, before any block', async () => {
    const { db, before } = await seeded();
    const puts = countPuts(db);
    const seen: RestoreProgress[] = [];
    const r = await restoreShop(db, blob(serializeBackup(generated(400))), {
      expectShopId: 'other-shop',
      readBytes: 16 << 10,
      onProgress: (p) => seen.push(p),
    });
    expect(!r.ok && r.reason).toBe('backup refused, nothing was changed: it holds shop "gen-shop", not the selected shop "other-shop"');
    expect(puts.n).toBe(0);
    expect(seen.filter((p) => p.phase === 'validating').length).toBe(1); // not read on
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a truncated file is refused and changes nothing', async () => {
    const { db, before } = await seeded();
    const text = serializeBackup(generated());
    const r = await restoreShop(db, blob(text.slice(0, Math.floor(text.length / 2))));
    expect(!r.ok && r.reason).toMatch(/^not a seller-lens backup: the file is not valid JSON/);
    const big = await restoreShop(db, blob(text.slice(0, Math.floor(text.length / 2))), { wholeTextMaxBytes: 1000 });
    expect(!big.ok && big.reason).toMatch(/must hold one record per line .*; orders\[\d+\] is not one JSON value on its line$/);
    expect(await dumpAll(db)).toEqual(before);
  });
});

describe('streaming restore: duplicate contacts and other layouts', () => {
  it('exact repeats of a contact collapse into one stored contact (the last wins); no stale snapshot is stored', async () => {
    const b = generated();
    const c = b.contacts[10]!;
    b.contacts.push({ ...c }, { ...c, channel: 'live-重复', province: c.province });
    const db = freshDb();
    const r = await restoreShop(db, blob(serializeBackup(b)));
    expect(r.ok && r.counts.contacts).toBe(b.contacts.length - 2);
    const data = await loadShopData(db, 'gen-shop');
    const same = data.contacts.filter((x) => contactIdOf(x) === contactIdOf(c));
    expect(same).toEqual([{ ...c, channel: 'live-重复' }]);
    expect(data.contacts.length).toBe(b.contacts.length - 2);
    const dir = await db.blockDirectories.get(['gen-shop', 'contacts']);
    expect(dir?.count).toBe(b.contacts.length - 2);
    // The snapshot built while validating saw the repeats: not stored (the panel builds it).
    expect(await db.analysisSnapshots.count()).toBe(0);
  });

  it('a minified or pretty-printed backup (not one record per line) restores the same records', async () => {
    const b = generated(40);
    const want = await (async () => {
      const db = freshDb();
      await restoreShop(db, blob(serializeBackup(b)));
      return loadShopData(db, 'gen-shop');
    })();
    for (const text of [JSON.stringify(b), JSON.stringify(b, null, 2)]) {
      const db = freshDb();
      const r = await restoreShop(db, blob(text));
      expect(r.ok).toBe(true);
      expect(await loadShopData(db, 'gen-shop')).toEqual(want);
    }
  });

  it('a big file of another layout is refused with the expected layout named', async () => {
    const db = freshDb();
    const r = await restoreShop(db, blob(JSON.stringify(generated(40))), { wholeTextMaxBytes: 10_000 });
    expect(!r.ok && r.reason).toMatch(/^not a seller-lens backup file as seller-lens writes it: .* must hold one record per line .*line 1: the file does not start with "\{"/);
    expect(await db.shops.count()).toBe(0);
  });
});
