/**
 * docs/sql over the Parquet export = the engine's report, field by field: test shops (generated
 * douyin and taobao shops, a hand-written shop of edge cases, an empty shop) are exported with
 * `exportParquet`, loaded into DuckDB as views under the plain table names the SQL uses (all
 * shops in one table, as an agency would load them), every docs/sql file runs with the window
 * substituted into its params CTE, and each figure is compared with computeReport (same fitted
 * 高潜 scorer as the export). A refused backup writes nothing and says why.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseBackup, serializeBackup } from '@/lib/backup';
import { buildSnapshot, computeReport, fitPropensity, previousWindow, type DayWindow, type Report } from '@/lib/engine';
import { dayNumber, type ShopData } from '@/lib/model';
import { exportParquet } from '@/scripts/export/parquet-export';
import { runSqlFile } from '@/scripts/export/sql-run';
import { main as exportCli } from '@/scripts/export';
import { generateShop } from '../../fixtures/generate';
import { contact, cust, order, world } from '../engine/world';
import { SQL_DIR, TABLES, backupOf, sqlOf } from './parquet-sql-helpers';

const WINDOW: DayWindow = { start: '2026-11-01', end: '2026-11-30' };

/** Edge cases: refunds, nickname keys, orders without contacts, keys without records, paidAt across W.start, a record with no contact. */
function edgeShop(): ShopData {
  const nick = 'douyin:S1:nick:t**9';
  const w = world({
    customers: [
      cust('a', { isFan: true }),
      cust('b'),
      cust('c', { isFan: true }),
      { customerKey: nick, shopId: 'S1', nickname: 't**9', tags: [] },
      cust('e', { isMember: true, memberLevel: 'VIP会员' }),
      cust('f'),
      cust('g'),
      cust('h', { isFan: true }),
      cust('k'),
    ],
    contacts: [
      contact('a', '2026-11-05'),
      contact('b', '2026-11-10', 'view'),
      { shopId: 'S1', customerKey: nick, at: '2026-06-01T09:00:00+08:00', kind: 'visit' },
      { shopId: 'S1', customerKey: nick, at: '2026-11-20T09:00:00+08:00', kind: 'cart' },
      contact('f', '2025-08-01'),
      contact('g', '2026-10-20'),
      contact('i', '2026-11-02'),
      contact('i', '2026-11-28', 'cart'),
      contact('i', '2026-11-29', 'cart'),
    ],
    orders: [
      order('a', { placedAt: '2026-11-05', paidAt: '2026-11-05', status: 'paid', amountFen: 9900, channel: 'live', traffic: 'paid' }),
      order('b', { placedAt: '2026-03-01', paidAt: '2026-03-01', status: 'completed', amountFen: 12000 }),
      order('b', { placedAt: '2026-11-12', paidAt: '2026-11-12', status: 'completed', amountFen: 60000, channel: 'video', traffic: 'organic' }),
      order('b', { placedAt: '2026-11-13', paidAt: '2026-11-13', status: 'shipped', amountFen: 5000, channel: 'video', traffic: 'paid' }),
      // Refunded (not a paid order in any window; a contact at placedAt only).
      order('c', { placedAt: '2026-11-08', paidAt: '2026-11-08', status: 'refunded', amountFen: 30000 }),
      order('c', { placedAt: '2026-10-15', paidAt: '2026-10-15', status: 'refunded', amountFen: 30000 }),
      // Paid without paidAt: happens at placedAt.
      { ...order('x', { placedAt: '2026-11-21', status: 'shipped', amountFen: 15000, traffic: 'organic' }), customerKey: nick },
      // No customer record, no explicit contact.
      order('d', { placedAt: '2026-11-25', paidAt: '2026-11-25', status: 'completed', amountFen: 4999, channel: 'card' }),
      order('g', { placedAt: '2026-10-20', status: 'closed', amountFen: 800 }),
      order('h', { placedAt: '2026-10-25', paidAt: '2026-10-26', status: 'completed', amountFen: 20000 }),
      order('i', { placedAt: '2026-11-29', status: 'unpaid', amountFen: 700 }),
      // Placed in the previous window, paid in W (a UTC timestamp: 2026-11-01 00:10 in UTC+8).
      order('k', { placedAt: '2026-10-31T23:30:00+08:00', paidAt: '2026-10-31T16:10:00Z', status: 'paid', amountFen: 50000 }),
    ],
  });
  w.orders[2] = { ...w.orders[2]!, items: [{ productId: 'P1', productName: '螺蛳粉', quantity: 2, unitPriceFen: 20000 }, { productName: '赠品', quantity: 1 }] };
  return w;
}

/** A shop with one customer record and nothing else: every rate null, every file empty but valid. */
function emptyShop(): ShopData {
  return { shop: { shopId: 'Z1', platform: 'taobao', name: 'Empty' }, customers: [cust('z', {}, 'Z1')], orders: [], contacts: [] };
}


let root: string;
let db: DuckDBInstance;
let conn: DuckDBConnection;
const reports = new Map<string, { report: Report; previous: Report }>();


type Row = Record<string, number | string | null>;
async function rows(sql: string): Promise<Row[]> {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjectsJS().map((o) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'bigint' ? Number(v) : (v as number | string | null);
    return out;
  });
}

const close = (a: number | null | undefined, b: number | null) => {
  if (b === null) expect(a).toBeNull();
  else expect(a).toBeCloseTo(b, 12);
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parquet-sql-test-'));
  const shops: ShopData[] = [
    generateShop({ seed: 11, platform: 'douyin', shopId: 'G1', shopName: 'Gen D', customers: 400, endDay: WINDOW.end, days: 400 }),
    generateShop({ seed: 12, platform: 'taobao', shopId: 'G2', shopName: 'Gen T', customers: 400, endDay: WINDOW.end, days: 400 }),
    edgeShop(),
    emptyShop(),
  ];
  const dirs: string[] = [];
  for (const d of shops) {
    const text = serializeBackup(backupOf(d));
    const file = join(root, `${d.shop.shopId}.json`);
    writeFileSync(file, text);
    const dir = join(root, d.shop.shopId);
    const r = await exportParquet(file, dir, { from: WINDOW.start, to: WINDOW.end });
    if (!r.ok) throw new Error(r.reason);
    dirs.push(dir);
    // The reference: the engine over the same validated records, with the model the report fits.
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const snap = buildSnapshot(parsed.backup);
    const scorer = fitPropensity(snap, dayNumber(WINDOW.end)).score;
    reports.set(d.shop.shopId, {
      report: computeReport(snap, WINDOW, { scorer }),
      previous: computeReport(snap, previousWindow(WINDOW), { scorer }),
    });
  }
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  for (const t of TABLES) {
    const files = dirs.map((d) => `'${join(d, `${t}.parquet`)}'`).join(', ');
    await conn.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet([${files}])`);
  }
}, 60_000);

afterAll(() => {
  conn?.closeSync();
  db?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

const SHOPS = ['G1', 'G2', 'S1', 'Z1'];
const byShop = (list: Row[], shop: string) => list.filter((r) => r.shop_id === shop);

describe('docs/sql on DuckDB over the Parquet export = the engine report', () => {
  it('writes every table, with timestamps, UTC+8 day numbers, fen and flags typed for SQL', async () => {
    const types = await rows(`SELECT column_name, column_type FROM (DESCRIBE orders)`);
    const t = Object.fromEntries(types.map((r) => [r.column_name, r.column_type]));
    expect(t).toMatchObject({ placed_at: 'TIMESTAMP WITH TIME ZONE', placed_day: 'INTEGER', paid_day: 'INTEGER', amount_fen: 'BIGINT', status: 'VARCHAR' });
    const fan = await rows(`SELECT column_type FROM (DESCRIBE customers) WHERE column_name = 'is_fan'`);
    expect(fan[0]!.column_type).toBe('BOOLEAN');
    // Each day number is the UTC+8 calendar day of its timestamp.
    const wrong = await rows(`
      SELECT COUNT(*) AS n FROM orders
      WHERE placed_day <> CAST(FLOOR((epoch_ms(placed_at) + 28800000) / 86400000) AS INTEGER)
         OR paid_day <> CAST(FLOOR((epoch_ms(paid_at) + 28800000) / 86400000) AS INTEGER)`);
    expect(wrong[0]!.n).toBe(0);
    const k = await rows(`SELECT paid_day, placed_day FROM orders WHERE shop_id = 'S1' AND amount_fen = 50000`);
    expect(k).toEqual([{ paid_day: dayNumber('2026-11-01'), placed_day: dayNumber('2026-10-31') }]);
    const items = await rows(`SELECT order_id, item_index, product_name, unit_price_fen, quantity FROM order_items WHERE shop_id = 'S1' ORDER BY item_index`);
    expect(items.map((r) => [r.item_index, r.product_name, r.unit_price_fen, r.quantity])).toEqual([[0, '螺蛳粉', 20000, 2], [1, '赠品', null, 1]]);
    const counts = await rows(`SELECT shop_id, COUNT(*) AS n FROM customers GROUP BY shop_id ORDER BY shop_id`);
    expect(counts).toEqual([{ shop_id: 'G1', n: expect.any(Number) }, { shop_id: 'G2', n: expect.any(Number) }, { shop_id: 'S1', n: 9 }, { shop_id: 'Z1', n: 1 }]);
  });

  it('tiers.sql: the §3 tiers (高潜 from propensity_scores) and the §4 asset layers', async () => {
    const out = await rows(sqlOf('tiers.sql', WINDOW));
    for (const shop of SHOPS) {
      const [r] = byShop(out, shop);
      const { douyin, assets } = reports.get(shop)!.report;
      expect(r, shop).toEqual({
        shop_id: shop,
        users: douyin.users,
        purchasers: douyin.purchasers,
        first_order: douyin.firstOrder,
        repeat_buyers: douyin.repeat,
        high_potential: douyin.highPotential,
        relationship: assets.relationship,
        active: assets.active,
        dormant: assets.dormant,
      });
    }
    // The threshold matters: some, not all, of the scored population is 高潜.
    const g2 = reports.get('G2')!.report.douyin;
    expect(g2.highPotential).toBeGreaterThan(0);
    expect(g2.highPotential).toBeLessThan(g2.users - g2.purchasers);
    const scored = await rows(`SELECT COUNT(*) AS n FROM propensity_scores WHERE shop_id = 'G2' AND as_of_day = ${dayNumber(WINDOW.end)}`);
    expect(scored[0]!.n).toBe(g2.users - g2.purchasers);
  });

  it('classes.sql: class counts, purchasers and GMV per class, of W and of the previous window', async () => {
    const out = await rows(sqlOf('classes.sql', WINDOW));
    const names = { new_visitor: 'newVisitors', unpurchased_returning: 'unpurchasedReturning', purchased_returning: 'purchasedReturning' } as const;
    for (const shop of SHOPS) {
      const rs = byShop(out, shop);
      expect(rs).toHaveLength(6);
      for (const r of rs) {
        const rep = reports.get(shop)![r.period === 'current' ? 'report' : 'previous'].taobao;
        const k = names[r.customer_class as keyof typeof names];
        expect(r, `${shop} ${r.period} ${r.customer_class}`).toEqual({ ...r, customers: rep[k], purchasers: rep.byClass[k].purchasers, gmv_fen: rep.byClass[k].gmvFen });
      }
    }
  });

  it('pathways.sql: the three pathways with bases, converted and rates (null over 0), current and previous', async () => {
    const out = await rows(sqlOf('pathways.sql', WINDOW));
    for (const shop of SHOPS) {
      for (const period of ['current', 'previous']) {
        const [r] = byShop(out, shop).filter((x) => x.period === period);
        const { report, previous } = reports.get(shop)!;
        const p = (period === 'current' ? report : previous).taobao.pathways;
        const where = `${shop} ${period}`;
        expect([r!.same_day_base, r!.same_day_converted], where).toEqual([p.newVisitorSameDay.base, p.newVisitorSameDay.converted]);
        close(r!.same_day_rate as number | null, p.newVisitorSameDay.rate);
        for (const [prefix, x] of [['u', p.unpurchasedReturn], ['p', p.repurchase]] as const) {
          expect([r![`${prefix}_assets`], r![`${prefix}_recalled`], r![`${prefix}_converted`]], where).toEqual([x.assets, x.recalled, x.converted]);
          close(r![`${prefix}_recall_rate`] as number | null, x.recallRate);
          close(r![`${prefix}_pay_conversion`] as number | null, x.payConversion);
          close(r![`${prefix}_rate`] as number | null, x.rate);
        }
        if (period === 'previous') {
          // The report's own previous-window rates.
          close(r!.same_day_rate as number | null, report.taobao.previous.newVisitorSameDay);
          close(r!.u_rate as number | null, report.taobao.previous.unpurchasedReturn);
          close(r!.p_rate as number | null, report.taobao.previous.repurchase);
        }
      }
    }
    const z = byShop(out, 'Z1').find((x) => x.period === 'current')!;
    expect([z.same_day_rate, z.u_recall_rate, z.p_pay_conversion]).toEqual([null, null, null]);
  });

  it('metrics.sql: every §5.1 figure, the previous window and the change', async () => {
    const out = await rows(sqlOf('metrics.sql', WINDOW));
    for (const shop of SHOPS) {
      const [r] = byShop(out, shop);
      const m = reports.get(shop)!.report.metrics;
      expect([r!.gmv_fen, r!.orders, r!.purchasers, r!.aov_fen], shop).toEqual([m.gmvFen, m.orders, m.purchasers, m.aovFen]);
      expect([r!.gmv_live, r!.gmv_video, r!.gmv_card, r!.gmv_other]).toEqual([m.gmvByChannel.live, m.gmvByChannel.video, m.gmvByChannel.card, m.gmvByChannel.other]);
      for (const t of ['paid', 'organic', 'unknown'] as const) {
        close(r![`persons_share_${t}`] as number | null, m.trafficPersonsShare[t]);
        close(r![`gmv_share_${t}`] as number | null, m.trafficGmvShare[t]);
      }
      close(r!.fan_gmv_share as number | null, m.fanGmvShare);
      expect([r!.prev_gmv_fen, r!.prev_orders, r!.prev_purchasers, r!.prev_aov_fen]).toEqual([m.previous.gmvFen, m.previous.orders, m.previous.purchasers, m.previous.aovFen]);
      for (const k of ['gmvFen', 'orders', 'purchasers', 'aovFen'] as const) {
        const col = { gmvFen: 'change_gmv_fen', orders: 'change_orders', purchasers: 'change_purchasers', aovFen: 'change_aov_fen' }[k];
        close(r![col] as number | null, m.change[k]);
      }
    }
    const s1 = reports.get('S1')!.report.metrics;
    expect(s1.gmvFen).toBe(9900 + 60000 + 5000 + 15000 + 4999 + 50000); // refunds out, paid-without-paidAt in
  });

  it('metrics_daily.sql and metrics_price_bands.sql: the daily series and the price bands', async () => {
    const daily = await rows(sqlOf('metrics_daily.sql', WINDOW));
    const bands = await rows(sqlOf('metrics_price_bands.sql', WINDOW));
    for (const shop of SHOPS) {
      const m = reports.get(shop)!.report.metrics;
      expect(byShop(daily, shop).map(({ day_number, gmv_fen, orders, purchasers }) => ({ day_number, gmv_fen, orders, purchasers })), shop).toEqual(
        m.daily.map((d) => ({ day_number: dayNumber(d.day), gmv_fen: d.gmvFen, orders: d.orders, purchasers: d.purchasers })),
      );
      expect(byShop(bands, shop).map(({ from_fen, to_fen, orders }) => ({ from_fen, to_fen, orders })), shop).toEqual(
        m.priceBands.map((b) => ({ from_fen: b.fromYuan * 100, to_fen: b.toYuan === null ? null : b.toYuan * 100, orders: b.orders })),
      );
    }
  });

  it('rfm.sql: the eight RFM classes as of W.end', async () => {
    const out = await rows(sqlOf('rfm.sql', WINDOW));
    for (const shop of SHOPS) {
      const got = Object.fromEntries(byShop(out, shop).map((r) => [r.rfm_class, r.customers]));
      expect(got, shop).toEqual(reports.get(shop)!.report.rfm);
    }
  });

  it('npm run export -- --sql: a folder of shop exports in one table, the window of the 高潜 scores by default', async () => {
    const r = await runSqlFile(join(SQL_DIR, 'tiers.sql'), root);
    expect(r.window).toEqual(WINDOW);
    expect(r.columns.slice(0, 3)).toEqual(['shop_id', 'users', 'purchasers']);
    expect(r.rows.map((x) => [x[0], x[1], x[2]])).toEqual(SHOPS.map((s) => [s, reports.get(s)!.report.douyin.users, reports.get(s)!.report.douyin.purchasers]));
  });

  it('every docs/sql file keeps to the portable subset (no DuckDB-only syntax, no date functions)', () => {
    const files = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(['classes.sql', 'metrics.sql', 'metrics_daily.sql', 'metrics_price_bands.sql', 'pathways.sql', 'rfm.sql', 'tiers.sql']);
    for (const f of files) {
      const sql = readFileSync(join(SQL_DIR, f), 'utf8').replace(/--.*$/gm, '');
      expect(sql, f).not.toMatch(/::|\bQUALIFY\b|\bEXCLUDE\b|\bread_parquet\b|\bDATE\b|\bINTERVAL\b|\bDOUBLE\b|\bLIST\b|\bSTRUCT\b|\bUNION\s+(?!ALL\b)/i);
      expect(sql, f).toMatch(/^WITH params AS \(/m);
      // Names reserved on BigQuery or Trino are never used as column or table names.
      expect(sql, f).not.toMatch(/\bAS\s+(at|end|range|rows|window|hash|new|current|to|of|set|lookup|enum|groups|table|values|day)\b/i);
    }
  });
});

/** Runs the CLI, capturing what it writes to stdout and stderr. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const [o, e] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  process.stdout.write = ((x: string) => (out.push(x), true)) as typeof process.stdout.write;
  process.stderr.write = ((x: string) => (err.push(x), true)) as typeof process.stderr.write;
  try {
    return { code: await exportCli(argv), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('npm run export (the CLI)', () => {
  it('lists the files it wrote and the window of the scores; --sql prints a report file’s rows', async () => {
    const dir = join(root, 'cli', 'out'); // not root/*/: the folder test reads every shop folder there
    const r = await cli([join(root, 'S1.json'), '--parquet', dir, '--to', '2026-11-30']);
    expect(r.code).toBe(0);
    for (const t of TABLES) expect(r.out).toMatch(new RegExp(`${t}\\.parquet\\s+[\\d,]+ rows`));
    expect(r.out).toMatch(/window 2026-11-01 … 2026-11-30/);
    const q = await cli(['--sql', join(SQL_DIR, 'tiers.sql'), '--parquet', dir]);
    expect(q.code).toBe(0);
    const [header, row] = q.out.split('\n').slice(1);
    expect(header!.split(/\s+/).slice(0, 3)).toEqual(['shop_id', 'users', 'purchasers']);
    const d = reports.get('S1')!.report.douyin;
    expect(row!.split(/\s+/).slice(0, 3)).toEqual(['S1', String(d.users), String(d.purchasers)]);
    expect((await cli(['--parquet', dir])).code).toBe(2);
  });
});

describe('a refused backup', () => {
  it('writes no file and gives the restore’s reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parquet-refused-'));
    try {
      const bad = backupOf(edgeShop());
      bad.orders[1] = { ...bad.orders[1]!, amountFen: -5 };
      const file = join(dir, 'bad.json');
      writeFileSync(file, serializeBackup(bad));
      const before = readdirSync(tmpdir()).filter((f) => f.startsWith('seller-lens-export-')).length;
      const out = join(dir, 'out');
      const r = await exportParquet(file, out);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/orders\[1\]\.amountFen/);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(tmpdir()).filter((f) => f.startsWith('seller-lens-export-')).length).toBe(before);
      // The CLI says so and exits 1.
      const c = await cli([file, '--parquet', out]);
      expect(c.code).toBe(1);
      expect(c.err).toMatch(/amountFen[\s\S]*nothing written/);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
