/**
 * The year's habit column of the 高潜 model (features.ts HISTORY_FEATURES): cart adds per visit over
 * the 365 days ending t, shrunk toward a typical rate — (cart adds + 0.3) ÷ (visits + 2).
 */
import { describe, expect, it } from 'vitest';
import type { Contact, ContactKind, Customer, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { FEATURES, FEATURE_COUNT, featureValue, writeFeatures } from '../../../lib/engine/propensity';
import { REASON_READINGS } from '../../../lib/engine/propensity/reasons';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
const cust = (id: string): Customer => ({ customerKey: key(id), shopId: SHOP, nickname: id, tags: [] });
const contact = (id: string, day: string, kind: ContactKind = 'visit'): Contact => ({ shopId: SHOP, customerKey: key(id), at: `${day}T12:00:00+08:00`, kind });

function habitOf(data: ShopData, id: string, day: string): number {
  const snap = buildSnapshot(data);
  const x = new Float64Array(FEATURE_COUNT);
  writeFeatures(snap, customerIndexOf(snap, key(id)), dayNumber(day), x, 0);
  return x[FEATURES.findIndex((f) => f.feature === 'cartAddsPerVisit')]!;
}

describe('cart adds per visit over the year (加购率)', () => {
  const data: ShopData = {
    shop: { shopId: SHOP, platform: 'douyin', name: '店' },
    customers: [cust('A'), cust('B')],
    orders: [],
    contacts: [
      contact('A', '2025-03-01', 'cart'), // more than a year before 2026-03-10: not counted
      contact('A', '2025-03-20'),
      contact('A', '2025-12-01'),
      contact('A', '2025-12-01', 'view'), // views and clicks count neither way
      contact('A', '2025-12-01', 'cart'),
      contact('A', '2026-03-10'),
      contact('A', '2026-03-10', 'cart'),
      contact('A', '2026-03-10', 'click'),
      contact('A', '2026-03-11', 'cart'), // after t: never read
      contact('B', '2026-03-09'),
    ],
  };

  it('counts the visits and cart adds of the 365 days ending t only, shrunk toward a typical rate', () => {
    // A on 2026-03-10: visits 2025-03-20, 2025-12-01, 2026-03-10 (3); cart adds 2025-12-01, 2026-03-10 (2).
    expect(habitOf(data, 'A', '2026-03-10')).toBeCloseTo(2.3 / 5, 12);
    // B: one visit, no cart add.
    expect(habitOf(data, 'B', '2026-03-10')).toBeCloseTo(0.3 / 3, 12);
    // A a year later (2027-03-01): only the 2026-03-10 and 2026-03-11 contacts are in its year.
    expect(habitOf(data, 'A', '2027-03-01')).toBeCloseTo(2.3 / 3, 12);
  });

  it('follows the 大促 columns, read back as is, and counts toward the 加购 reasons without being the fact shown', () => {
    expect(FEATURES[FEATURES.findIndex((f) => f.feature === 'promoSoonWarmupContacts') + 1]!.feature).toBe('cartAddsPerVisit');
    expect(featureValue('cartAddsPerVisit', 0.46)).toBe(0.46);
    expect(REASON_READINGS.cartAddsPerVisit).toEqual({ group: 'cart', orientation: 1, shown: false });
  });
});
