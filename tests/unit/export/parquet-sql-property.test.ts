/**
 * docs/sql = the engine on any small shop (fast-check): random worlds of a few customers —
 * contacts, orders of every status with or without paidAt, fans and members, days near the
 * window, the previous window and the lookback's edge — exported, queried on DuckDB and compared
 * with computeReport field by field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { serializeBackup } from '@/lib/backup';
import { buildSnapshot, computeReport, fitPropensity, previousWindow, type DayWindow } from '@/lib/engine';
import { dayFromNumber, dayNumber } from '@/lib/model';
import { exportParquet } from '@/scripts/export/parquet-export';
import { contact, cust, orderOfArb, world } from '../engine/world';
import { TABLES, backupOf, sqlOf } from './parquet-sql-helpers';

/** Rates to 12 digits (DuckDB and JS divide the same doubles; this only absorbs a last-bit difference). */
const r12 = (x: unknown) => (typeof x === 'number' && !Number.isInteger(x) ? Math.round(x * 1e12) / 1e12 : x);
const rounded = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r12(v)]));

describe('any small shop (fast-check): docs/sql = the engine', () => {
  const END = dayNumber('2026-11-30');
  const W: DayWindow = { start: '2026-11-21', end: '2026-11-30' };
  // Days near W, the previous window and the lookback's edge.
  const offset = fc.oneof(fc.integer({ min: -25, max: 0 }), fc.integer({ min: -380, max: -355 }));
  const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
  const arbWorld = fc.record({
    customers: fc.uniqueArray(fc.record({ id: ids, isFan: fc.boolean(), isMember: fc.boolean() }), { selector: (c) => c.id, maxLength: 4 }),
    contacts: fc.array(fc.record({ id: ids, at: offset, kind: fc.constantFrom('visit', 'view', 'cart' as const) }), { maxLength: 10 }),
    orders: fc.array(
      fc.record({
        id: ids,
        placed: offset,
        paidDelta: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        status: fc.constantFrom('unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed' as const),
        amountFen: fc.integer({ min: 0, max: 80_000 }),
        channel: fc.constantFrom('live', 'video', 'card', 'other' as const),
        traffic: fc.constantFrom('paid', 'organic', 'unknown' as const),
      }),
      { maxLength: 8 },
    ),
  });

  it('tiers, classes, pathways, metrics and RFM of random worlds', async () => {
    const base = mkdtempSync(join(tmpdir(), 'parquet-sql-prop-'));
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const q = async (file: string) =>
      (await c.runAndReadAll(sqlOf(file, W))).getRowObjectsJS().map((o) => rounded(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))));
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(arbWorld, async (a) => {
          const day = (n: number) => dayFromNumber(END + n);
          const data = world({
            customers: a.customers.map((x) => cust(x.id, { isFan: x.isFan, isMember: x.isMember })),
            contacts: a.contacts.map((x) => contact(x.id, day(x.at), x.kind)),
            orders: a.orders.map((o, i) => orderOfArb(o, i, day)),
          });
          const dir = join(base, String(run++));
          const file = `${dir}.json`;
          writeFileSync(file, serializeBackup(backupOf(data)));
          const r = await exportParquet(file, dir, { from: W.start, to: W.end });
          expect(r.ok).toBe(true);
          for (const t of TABLES) await c.run(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
          const snap = buildSnapshot(data);
          const scorer = fitPropensity(snap, END).score;
          const rep = computeReport(snap, W, { scorer });
          const prev = computeReport(snap, previousWindow(W), { scorer });
          if (a.customers.length + a.contacts.length + a.orders.length === 0) {
            // A shop without any record is in no table: the SQL has no row for it.
            for (const f of ['tiers.sql', 'classes.sql', 'pathways.sql', 'metrics.sql', 'rfm.sql']) expect(await q(f)).toEqual([]);
            return;
          }
          const [t] = await q('tiers.sql');
          const { douyin: d, assets: as } = rep;
          expect(t).toEqual({ shop_id: 'S1', users: d.users, purchasers: d.purchasers, first_order: d.firstOrder, repeat_buyers: d.repeat, high_potential: d.highPotential, ...as });
          const names = { new_visitor: 'newVisitors', unpurchased_returning: 'unpurchasedReturning', purchased_returning: 'purchasedReturning' } as const;
          for (const row of await q('classes.sql')) {
            const tb = (row.period === 'current' ? rep : prev).taobao;
            const k = names[row.customer_class as keyof typeof names];
            expect(row).toEqual({ ...row, customers: tb[k], purchasers: tb.byClass[k].purchasers, gmv_fen: tb.byClass[k].gmvFen });
          }
          for (const row of await q('pathways.sql')) {
            const p = (row.period === 'current' ? rep : prev).taobao.pathways;
            const x = (v: { assets: number; recalled: number; recallRate: number | null; converted: number; payConversion: number | null; rate: number | null }) => [v.assets, v.recalled, v.recallRate, v.converted, v.payConversion, v.rate].map(r12);
            expect([row.same_day_base, row.same_day_converted, row.same_day_rate]).toEqual([p.newVisitorSameDay.base, p.newVisitorSameDay.converted, r12(p.newVisitorSameDay.rate)]);
            expect([row.u_assets, row.u_recalled, row.u_recall_rate, row.u_converted, row.u_pay_conversion, row.u_rate]).toEqual(x(p.unpurchasedReturn));
            expect([row.p_assets, row.p_recalled, row.p_recall_rate, row.p_converted, row.p_pay_conversion, row.p_rate]).toEqual(x(p.repurchase));
          }
          const [m] = await q('metrics.sql');
          const km = rep.metrics;
          expect(m).toMatchObject(rounded({
            gmv_fen: km.gmvFen, orders: km.orders, purchasers: km.purchasers, aov_fen: km.aovFen,
            gmv_live: km.gmvByChannel.live, gmv_video: km.gmvByChannel.video, gmv_card: km.gmvByChannel.card, gmv_other: km.gmvByChannel.other,
            persons_share_paid: km.trafficPersonsShare.paid, persons_share_organic: km.trafficPersonsShare.organic, persons_share_unknown: km.trafficPersonsShare.unknown,
            gmv_share_paid: km.trafficGmvShare.paid, gmv_share_organic: km.trafficGmvShare.organic, gmv_share_unknown: km.trafficGmvShare.unknown,
            fan_gmv_share: km.fanGmvShare, prev_gmv_fen: km.previous.gmvFen, prev_aov_fen: km.previous.aovFen,
            change_gmv_fen: km.change.gmvFen, change_purchasers: km.change.purchasers, change_aov_fen: km.change.aovFen,
          }));
          expect(Object.fromEntries((await q('rfm.sql')).map((x) => [x.rfm_class, x.customers]))).toEqual(rep.rfm);
        }),
        { numRuns: 15, seed: 20261207, examples: [[{ customers: [], contacts: [], orders: [] }]] },
      );
    } finally {
      c.closeSync();
      inst.closeSync();
      rmSync(base, { recursive: true, force: true });
    }
  }, 60_000);
});
