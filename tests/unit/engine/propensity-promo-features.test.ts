import { describe, expect, it } from 'vitest';
import type { Contact, ContactKind, Customer, Order, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf, type Snapshot } from '../../../lib/engine/snapshot';
import { FEATURES, FEATURE_COUNT, writeFeatures, featureValue } from '../../../lib/engine/propensity';
import { PROMO_FEATURES } from '../../../lib/engine/propensity/features-promo';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
const cust = (id: string): Customer => ({ customerKey: key(id), shopId: SHOP, nickname: id, tags: [] });
const contact = (id: string, day: string, kind: ContactKind = 'visit'): Contact => ({ shopId: SHOP, customerKey: key(id), at: `${day}T12:00:00+08:00`, kind });
let seq = 0;
const order = (id: string, day: string): Order => ({
  orderId: `o${++seq}`,
  shopId: SHOP,
  customerKey: key(id),
  placedAt: `${day}T12:00:00+08:00`,
  paidAt: `${day}T12:05:00+08:00`,
  amountFen: 10_000,
  quantity: 1,
  items: [],
  channel: 'live',
  traffic: 'organic',
  status: 'completed',
});

function promoFeaturesOf(data: ShopData, id: string, day: string): Record<string, number> {
  const snap: Snapshot = buildSnapshot(data);
  const x = new Float64Array(FEATURE_COUNT);
  writeFeatures(snap, customerIndexOf(snap, key(id)), dayNumber(day), x, 0);
  const names = new Set(PROMO_FEATURES.map((f) => f.feature));
  return Object.fromEntries(FEATURES.map((f, j) => [f.feature, x[j]!]).filter(([f]) => names.has(f as string)));
}

const L = Math.log1p;

describe('大促 propensity features', () => {
  it('on an ordinary day (38节 itself, the next 大促 far away): phase, short windows, growth', () => {
    const data: ShopData = {
      shop: { shopId: SHOP, platform: 'douyin', name: '店' },
      customers: [cust('A')],
      orders: [order('A', '2026-02-01'), order('A', '2026-03-11')],
      contacts: [contact('A', '2026-03-01'), contact('A', '2026-03-05', 'view'), contact('A', '2026-03-05', 'cart'), contact('A', '2026-03-08')],
    };
    // 3 contacts in the 7 days ending 03-08 (03-08, 03-05 ×2), one in the 4 weeks before (03-01): growth (1+3)/(1+1/4).
    expect(promoFeaturesOf(data, 'A', '2026-03-08')).toEqual({
      daysToNextPromo: L(60), // 618 is 102 days away: capped
      daysSinceLastPromo: 0, // 38节 is the day itself
      promoInNext7Days: 0,
      promoWarmup: 0,
      contacts1d: L(1),
      contacts3d: L(1),
      contacts7d: L(3),
      cartAdds3d: 0, // the 03-05 cart add is 3 days back
      contactGrowth: L(3) - L(0.25),
      promoPurchases: 0,
      promoCartThenBuy: 0,
      promoSoonCartAdds7d: 0,
      promoSoonContacts7d: 0,
      promoSoonGrowth: 0,
      promoSoonPastPromoBuyer: 0,
      promoSoonDaysSinceLastContact: 0,
      promoSoonDaysSinceLastCart: 0,
      warmupCartAdds: 0,
      promoSoonWarmupCartAdds: 0,
      promoSoonWarmupContacts: 0,
    });
  });

  it('in the week before 双11: the phase, the warm-up carts, and the 双11 a year before (carted in its warm-up, bought on it)', () => {
    const data: ShopData = {
      shop: { shopId: SHOP, platform: 'douyin', name: '店' },
      customers: [cust('D')],
      orders: [order('D', '2025-11-11')],
      contacts: [contact('D', '2025-11-01', 'cart'), contact('D', '2026-10-30', 'cart'), contact('D', '2026-11-03'), contact('D', '2026-11-09', 'cart')],
    };
    // t = 11-06: 双11 is 5 days after t (inside t+1 … t+7); its warm-up began 10-28 (14 days).
    expect(promoFeaturesOf(data, 'D', '2026-11-06')).toEqual({
      daysToNextPromo: L(5),
      daysSinceLastPromo: L(60), // 618 was 141 days ago: capped
      promoInNext7Days: 1,
      promoWarmup: 0,
      contacts1d: 0,
      contacts3d: 0,
      contacts7d: L(1), // 11-03; 10-30 is 7 days back
      cartAdds3d: 0,
      contactGrowth: L(1) - L(0.25),
      promoPurchases: L(1),
      promoCartThenBuy: L(1),
      promoSoonCartAdds7d: 0,
      promoSoonContacts7d: L(1),
      promoSoonGrowth: L(1) - L(0.25),
      promoSoonPastPromoBuyer: L(1),
      promoSoonDaysSinceLastContact: L(3),
      promoSoonDaysSinceLastCart: L(7),
      warmupCartAdds: L(1), // 10-30 (the 11-09 cart add is after t: never read)
      promoSoonWarmupCartAdds: L(1),
      promoSoonWarmupContacts: L(2),
    });
    // Two weeks out: the warm-up phase, the day beyond the label window.
    const early = promoFeaturesOf(data, 'D', '2026-10-31');
    expect([early.promoInNext7Days, early.promoWarmup, early.daysToNextPromo]).toEqual([0, 1, L(11)]);
  });

  it('every 大促 column has zh and en labels, and the panel reads counts back as counts', () => {
    for (const f of PROMO_FEATURES) {
      expect(f.labelZh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.labelEn.length).toBeGreaterThan(0);
    }
    expect(featureValue('promoSoonWarmupContacts', L(2))).toBeCloseTo(2, 12);
    expect(featureValue('contactGrowth', Math.log(3.2))).toBeCloseTo(3.2, 12);
    expect(featureValue('promoInNext7Days', 1)).toBe(1);
  });
});
