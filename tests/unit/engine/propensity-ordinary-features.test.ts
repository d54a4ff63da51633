/**
 * The ordinary-phase columns of the 高潜 model (features.ts ORDINARY_FEATURES): paid orders not at a
 * 大促 (its day ± 1), the share of purchases at a 大促 (shrunk: (at 大促 + 0.1) ÷ (paid orders + 1)),
 * that share when the customer has a contact in the last 7 days, and the days since the last click
 * (capped at 60) — all 0 in a 大促 phase. Expected values are counted by hand from the records.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { FEATURES, FEATURE_COUNT, featureValue, writeFeatures } from '../../../lib/engine/propensity';
import { REASON_READINGS } from '../../../lib/engine/propensity/reasons';
import { contact, cust, key, order, world } from './world';

/** A paid (completed) order of ¥100 on `day`. */
const paid = (id: string, day: string) =>
  order(id, { placedAt: day, paidAt: `${day}T12:05:00+08:00`, status: 'completed', amountFen: 10_000, channel: 'live', traffic: 'organic' });
const COLUMNS = ['ordinaryPaidOrders', 'festivalPurchaseShare', 'festivalShareActive7d', 'daysSinceLastClick'] as const;

const data = world({
  customers: [cust('E'), cust('F')],
  orders: [
    paid('E', '2025-06-18'), // 618: at a 大促
    paid('E', '2025-11-12'), // the day after 双11: at a 大促
    paid('E', '2026-04-10'),
    paid('E', '2026-06-15'), // three days before 618: not at it
    paid('E', '2026-09-01'),
    paid('E', '2026-10-02'), // after t: never read
  ],
  contacts: [
    contact('E', '2026-08-01', 'click'),
    contact('E', '2026-09-25', 'click'),
    contact('E', '2026-09-30', 'click'), // after t
    contact('F', '2025-08-01', 'click'), // more than a year before t
    contact('F', '2026-07-20', 'click'), // 70 days before t: capped at 60
    contact('F', '2026-09-10'),
  ],
});
const snap = buildSnapshot(data);

function columnsOf(id: string, day: string): number[] {
  const x = new Float64Array(FEATURE_COUNT);
  writeFeatures(snap, customerIndexOf(snap, key(id)), dayNumber(day), x, 0);
  return COLUMNS.map((f) => x[FEATURES.findIndex((g) => g.feature === f)]!);
}

describe('the ordinary-phase columns', () => {
  it('on an ordinary day (2026-09-28: 双11 44 days away, no warm-up) count by hand', () => {
    // E: 5 paid orders up to t, 2 at a 大促 → 3 outside; share 2.1 / 6; last contact 09-25 (3 days) → active; last click 09-25.
    expect(columnsOf('E', '2026-09-28')).toEqual([Math.log1p(3), 2.1 / 6, 2.1 / 6, Math.log1p(3)]);
    // F: never paid → share 0.1 / 1; last contact 09-10 (18 days) → 0; the year's last click 70 days ago → capped.
    expect(columnsOf('F', '2026-09-28')).toEqual([0, 0.1, 0, Math.log1p(60)]);
    // F without a click in its year (2027-07-25: the 07-20 click is 370 days back).
    expect(columnsOf('F', '2027-07-25')[3]).toBe(Math.log1p(60));
  });

  it('are 0 in a 大促 phase: the 双11 warm-up (10-30) and its label window (11-06)', () => {
    expect(columnsOf('E', '2026-10-30')).toEqual([0, 0, 0, 0]);
    expect(columnsOf('E', '2026-11-06')).toEqual([0, 0, 0, 0]);
  });

  it('read back as counted and count toward their groups without being the fact shown', () => {
    expect(featureValue('ordinaryPaidOrders', Math.log1p(3))).toBeCloseTo(3, 12);
    expect(featureValue('daysSinceLastClick', Math.log1p(60))).toBeCloseTo(60, 12);
    expect(featureValue('festivalPurchaseShare', 0.35)).toBe(0.35);
    expect(REASON_READINGS.ordinaryPaidOrders).toEqual({ group: 'purchases', orientation: 1, shown: false });
    expect(REASON_READINGS.festivalPurchaseShare).toEqual({ group: 'purchases', orientation: 0, shown: false });
    expect(REASON_READINGS.festivalShareActive7d).toEqual({ group: 'purchases', orientation: 0, shown: false });
    expect(REASON_READINGS.daysSinceLastClick).toEqual({ group: 'activity', orientation: -1, shown: false });
  });
});
