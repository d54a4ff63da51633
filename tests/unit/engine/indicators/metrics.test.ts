// SPEC §5.1 (成交指标): the metrics indicator on the hand-computed world.
import { describe, expect, it } from 'vitest';
import { metrics } from '@/lib/engine/indicators/metrics';
import { order, world } from '../world';
import { BIG, run } from './input';

describe('metrics indicator (SPEC §5.1)', () => {
  const m = run(metrics, BIG.snap, BIG.window).field;
  const gmv = 12000 + 4002 + 9900 + 50000 + 1000;

  it('totals, AOV half up, channel and traffic mix, fans’ share', () => {
    expect(m.gmvFen).toBe(gmv);
    expect(m.orders).toBe(5);
    expect(m.purchasers).toBe(4);
    expect(m.aovFen).toBe(19226); // 76902 / 4 = 19225.5, half up
    expect(m.gmvByChannel).toEqual({ live: 12000, video: 4002, card: 10900, other: 50000 });
    expect(m.trafficPersonsShare).toEqual({ paid: 0.5, organic: 0.5, unknown: 0.25 }); // L counts twice
    expect(m.trafficGmvShare).toEqual({ paid: 13000 / gmv, organic: 59900 / gmv, unknown: 4002 / gmv });
    expect(m.fanGmvShare).toBe(63000 / gmv); // D + L
  });

  it('price bands and the daily series with every day of W', () => {
    expect(m.priceBands).toEqual([
      { fromYuan: 0, toYuan: 50, orders: 2 },
      { fromYuan: 50, toYuan: 100, orders: 1 },
      { fromYuan: 100, toYuan: 200, orders: 1 },
      { fromYuan: 200, toYuan: 500, orders: 0 },
      { fromYuan: 500, toYuan: null, orders: 1 }, // exactly 500.00 yuan
    ]);
    expect(m.daily).toHaveLength(30);
    expect(m.daily[0]).toEqual({ day: '2026-11-01', gmvFen: 12000, orders: 1, purchasers: 1 });
    expect(m.daily[1]).toEqual({ day: '2026-11-02', gmvFen: 0, orders: 0, purchasers: 0 });
    expect(m.daily[2]).toEqual({ day: '2026-11-03', gmvFen: 51000, orders: 2, purchasers: 1 });
    expect(m.daily[19]).toEqual({ day: '2026-11-20', gmvFen: 4002, orders: 1, purchasers: 1 });
    expect(m.daily[29]).toEqual({ day: '2026-11-30', gmvFen: 9900, orders: 1, purchasers: 1 });
  });

  it('the previous window and the change vs it', () => {
    // D's order placed 10-31 but paid 11-01 happens in W, not in the previous window.
    expect(m.previous).toEqual({ gmvFen: 20000, orders: 1, purchasers: 1, aovFen: 20000 });
    expect(m.change).toEqual({ gmvFen: (gmv - 20000) / 20000, orders: 4, purchasers: 3, aovFen: (19226 - 20000) / 20000 });
  });

  it('price bands are configurable', () => {
    const data = world({ orders: [order('A', { placedAt: '2026-11-30', status: 'paid', amountFen: 999 })] });
    expect(run(metrics, data, { start: '2026-11-01', end: '2026-11-30' }, { priceBandsYuan: [0, 9.99, 20] }).field.priceBands).toEqual([
      { fromYuan: 0, toYuan: 9.99, orders: 0 },
      { fromYuan: 9.99, toYuan: 20, orders: 1 },
      { fromYuan: 20, toYuan: null, orders: 0 },
    ]);
  });
});
