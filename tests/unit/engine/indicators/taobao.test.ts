// SPEC §4 (客户概况 classes and the three pathways): the taobao indicator on the hand-computed world.
import { describe, expect, it } from 'vitest';
import { taobao } from '@/lib/engine/indicators/taobao';
import { BIG, run } from './input';

describe('taobao indicator (SPEC §4)', () => {
  const t = run(taobao, BIG.snap, BIG.window).field;

  it('classes with the 365-day lookback boundary', () => {
    expect(t.newVisitors).toBe(7); // A C G H I J L
    expect(t.unpurchasedReturning).toBe(2); // B E (E's refunded order is a contact, not a purchase)
    expect(t.purchasedReturning).toBe(2); // D K
  });

  it('pathways, per-class figures and the previous window’s rates', () => {
    expect(t.pathways.newVisitorSameDay).toEqual({ base: 7, converted: 2, rate: 2 / 7 }); // G, L
    // U = A B E M N (C's only earlier contact is 366 days back); recalled A B E; none bought.
    expect(t.pathways.unpurchasedReturn).toEqual({ assets: 5, recalled: 3, recallRate: 3 / 5, converted: 0, payConversion: 0, rate: 0 });
    // P = D K, both came back and bought.
    expect(t.pathways.repurchase).toEqual({ assets: 2, recalled: 2, recallRate: 1, converted: 2, payConversion: 1, rate: 1 });
    expect(t.byClass).toEqual({
      newVisitors: { purchasers: 2, gmvFen: 9900 + 50000 + 1000 },
      unpurchasedReturning: { purchasers: 0, gmvFen: 0 },
      purchasedReturning: { purchasers: 2, gmvFen: 12000 + 4002 },
    });
    // Previous window: K new and converted same day; U = A B C E M N none recalled; P = D recalled (placed 10-31), not converted.
    expect(t.previous).toEqual({ newVisitorSameDay: 1, unpurchasedReturn: 0, repurchase: 0 });
  });
});
