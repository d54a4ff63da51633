/**
 * Issue 14 item 1: the 高潜 reasons read the way the model pushes — terms summed into groups a
 * merchant reads, a group shown only when its arrow agrees with the customer's values against the
 * reference (lib/engine/propensity/reasons.ts). Expected reasons are written by hand, including the
 * two that read wrongly before: "↑ 30天前一年内互动次数 0" and "↓ 近7天活跃天数 2" beside "↑ 最近加购".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { FEATURES, FEATURE_COUNT, featureValue, propensityModelFromParams, fallbackPropensityModel, scoringPopulation, writeFeatures } from '../../../lib/engine/propensity';
import type { PropensityContribution } from '../../../lib/engine/propensity';
import { promoPhaseOf } from '../../../lib/engine/propensity/features-promo';
import { REASON_READINGS, groupReasons } from '../../../lib/engine/propensity/reasons';
import { withSelection } from '../../../lib/engine/propensity/selected';
import type { Contact, ContactKind, Customer, Order, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { generateShop } from '../../fixtures/generate';

const ORDINARY = dayNumber('2026-10-01'); // 双11 41 days on: no 大促 within the horizon, no warm-up
const SOON = dayNumber('2026-11-06'); // 双11 in 5 days

/** A hand-made term: its push, where the customer stands (deviation) and the value shown. */
const term = (feature: string, contribution: number, deviation: number, value: number): PropensityContribution => ({ feature, labelZh: '', labelEn: '', contribution, deviation, value });
const brief = (rs: ReturnType<typeof groupReasons>) => rs.map((r) => [r.group, r.contribution > 0 ? '↑' : '↓', r.feature, +r.value.toFixed(9)]);

describe('groupReasons (hand-made terms)', () => {
  it('no older contacts never shows as raising the chance: the activity group pushes up but the customer is less active than average → not shown', () => {
    // Before: "↑ 30天前一年内互动次数 0" was the second reason (+1.2: a collinear weight on old contacts).
    const terms = [
      term('contactsBefore30d', 1.2, -1.5, 0),
      term('contacts7d', 0.42, 1.39, 3),
      term('daysSinceLastCart', 1.75, -1.95, 2),
    ];
    // activity: push 1.62 > 0 but lean −1.5 + 1.39 = −0.11 < 0 → dropped; cart: push 1.75, lean +1.95 → ↑ "2 天前加购".
    expect(brief(groupReasons(terms, ORDINARY, 3))).toEqual([['cart', '↑', 'daysSinceLastCart', 2]]);
  });

  it('with more recent activity the same customer reads ↑ by their recent contacts, never by the old ones', () => {
    const terms = [
      term('contactsBefore30d', 1.2, -1.5, 0),
      term('contacts7d', 0.42, 2.5, 9),
      term('daysSinceLastCart', 1.75, -1.95, 2),
    ];
    const got = groupReasons(terms, ORDINARY, 3);
    expect(brief(got)).toEqual([
      ['cart', '↑', 'daysSinceLastCart', 2],
      ['activity', '↑', 'contacts7d', 9],
    ]);
    expect(got[1]!.contribution).toBeCloseTo(1.62, 12);
  });

  it('2 active days in 7 (above average) never shows ↓ beside ↑ 最近加购', () => {
    // Before: "↑ 最近加购（今天）  ↓ 近7天活跃天数 2" — the day count's weight was negative given the other counts.
    const terms = [
      term('activeDays7d', -0.84, 1.32, 2),
      term('contacts3d', 0.2, 3.29, 4),
      term('activeDays30d', 0, -0.3, 2),
      term('daysSinceLastCart', 1.11, -3.94, 0),
    ];
    // activity: push −0.64 < 0 but lean 1.32 + 3.29 − 0.3 > 0 → dropped (never "↓ 近30天有 2 天来过" either).
    expect(brief(groupReasons(terms, ORDINARY, 3))).toEqual([['cart', '↑', 'daysSinceLastCart', 0]]);
  });

  it('the fact is the most unusual value pointing the arrow’s way; a silence lowers with its days', () => {
    const up = [
      term('contactToday', -0.28, 3.08, 1),
      term('contacts1d', 0.39, 5.13, 5),
      term('contacts7d', 0.42, 2.15, 8),
      term('activeDays30d', 0.1, -0.6, 2), // less than average: counts in the lean, never the fact of an ↑
    ];
    expect(brief(groupReasons(up, ORDINARY, 3))).toEqual([['activity', '↑', 'contacts1d', 5]]);
    const down = [term('daysSinceLastContact', -0.5, 1.2, 20), term('contacts7d', -0.1, -0.4, 0), term('contactGrowth', 0.05, -0.2, 0.5)];
    // lean: −1.2 − 0.4 − 0.2 < 0, push −0.55 → ↓; facts pointing down: silence (1.2) beats contacts7d (0.4).
    expect(brief(groupReasons(down, ORDINARY, 3))).toEqual([['activity', '↓', 'daysSinceLastContact', 20]]);
  });

  it('the 大促 group comes after the customer’s own groups and names the next 大促', () => {
    const terms = [term('daysToNextPromo', 0.9, -1.2, 5), term('promoInNext7Days', 0.3, 2, 1), term('isFan', 0.2, 1.5, 1)];
    const got = groupReasons(terms, SOON, 3);
    expect(brief(got)).toEqual([
      ['relation', '↑', 'isFan', 1],
      ['promo', '↑', 'daysToNextPromo', 5],
    ]);
    expect(got[1]!.promo).toBe('double11');
    expect(got[1]!.contribution).toBeCloseTo(1.2, 12);
    expect(brief(groupReasons(terms, SOON, 1))).toEqual([['relation', '↑', 'isFan', 1]]);
  });

  it('a 大促将至 interaction is the same for everyone on an ordinary day (in the 大促 group), the customer’s own on a 大促 week', () => {
    const terms = [term('daysSinceLastCart', 0.5, -1, 3), term('promoSoonCartAdds7d', -0.3, -0.4, 0)];
    expect(groupReasons(terms, ORDINARY, 3).map((r) => [r.group, r.contribution])).toEqual([['cart', 0.5]]);
    const soon = groupReasons(terms, SOON, 3);
    expect(soon.map((r) => r.group)).toEqual(['cart']);
    expect(soon[0]!.contribution).toBeCloseTo(0.2, 12);
  });

  it('a group whose only agreeing value has no plain words is not shown', () => {
    // lean = −0.5 (the 大促 is further than average) + 2 > 0, push > 0, but days-to-大促 points down.
    expect(groupReasons([term('daysToNextPromo', 0.1, 0.5, 30), term('promoInNext7Days', 0.3, 2, 1)], SOON, 3)).toEqual([]);
  });

  it('ranks by |push|, keeps `top`, and never shows a group twice', () => {
    const terms = [term('isFan', -0.3, -0.5, 0), term('paidOrders', 0.8, 1, 3), term('everPaid', 0.1, 0.5, 1), term('daysSinceFirstContact', 0.6, -2, 3)];
    expect(brief(groupReasons(terms, ORDINARY, 5))).toEqual([
      ['purchases', '↑', 'paidOrders', 3],
      ['newcomer', '↑', 'daysSinceFirstContact', 3],
      ['relation', '↓', 'isFan', 0],
    ]);
    expect(groupReasons(terms, ORDINARY, 2).map((r) => r.group)).toEqual(['purchases', 'newcomer']);
  });

  it('every reading is of a model column or a baseline term (no reading left for a column that is gone)', () => {
    const baselineTerms = ['cartAdds7d', 'contacts7d', 'daysSinceLastContact', 'isFan', 'paidOrders'];
    const known = new Set([...FEATURES.map((f) => f.feature), ...baselineTerms]);
    expect(Object.keys(REASON_READINGS).filter((k) => !known.has(k))).toEqual([]);
  });

  it('every model column has a reading (its group and direction)', () => {
    for (const f of FEATURES) expect(Object.hasOwn(REASON_READINGS, f.feature), f.feature).toBe(true);
    // Spot checks by hand: less is more for gaps; channel shares have no direction.
    expect(REASON_READINGS.daysSinceLastContact).toMatchObject({ group: 'activity', orientation: -1 });
    expect(REASON_READINGS.daysSinceLastCart).toMatchObject({ group: 'cart', orientation: -1 });
    expect(REASON_READINGS.contactsBefore30d).toMatchObject({ group: 'activity', orientation: 1 });
    expect(REASON_READINGS.shareLive).toMatchObject({ group: 'purchases', orientation: 0 });
  });
});

// ——— the models' reasons on a hand-made shop ———
const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
const noon = (d: string) => `${d}T12:00:00+08:00`;
const cust = (id: string, extra: Partial<Customer> = {}): Customer => ({ customerKey: key(id), shopId: SHOP, nickname: id, tags: [], ...extra });
const contact = (id: string, at: string, kind: ContactKind = 'visit'): Contact => ({ shopId: SHOP, customerKey: key(id), at: noon(at), kind });
const order = (id: string, day: string): Order => ({
  orderId: `o-${id}-${day}`, shopId: SHOP, customerKey: key(id), placedAt: noon(day), paidAt: `${day}T12:05:00+08:00`,
  amountFen: 10_000, quantity: 1, items: [], channel: 'live', traffic: 'organic', status: 'completed',
});
const T = '2026-03-08';
const shop: ShopData = {
  shop: { shopId: SHOP, platform: 'douyin', name: '店' },
  customers: [cust('A', { isFan: true }), cust('N'), cust('Q')],
  orders: [order('A', '2026-02-01')],
  contacts: [
    contact('A', '2026-03-01'), contact('A', '2026-03-05', 'view'), contact('A', '2026-03-05', 'cart'), contact('A', '2026-03-07'),
    // N: new (first came 4 days ago), 3 contacts, a cart add 2 days ago.
    contact('N', '2026-03-04'), contact('N', '2026-03-06', 'cart'), contact('N', '2026-03-08', 'view'),
    // Q: last seen 20 days ago.
    contact('Q', '2026-02-01'), contact('Q', '2026-02-16'),
  ],
};
const snap = buildSnapshot(shop);
const col = (f: string) => FEATURES.findIndex((x) => x.feature === f);

/** A fitted model of hand-picked weights: every other column weighs 0 and sits on its mean (deviation ≈ 0). */
function handModel(cols: Record<string, { w: number; mean: number; sd: number }>) {
  const weights = new Array<number>(FEATURE_COUNT).fill(0), mean = new Array<number>(FEATURE_COUNT).fill(0), sd = new Array<number>(FEATURE_COUNT).fill(1e9);
  for (const [f, c] of Object.entries(cols)) {
    const j = col(f);
    expect(j, f).toBeGreaterThanOrEqual(0);
    [weights[j], mean[j], sd[j]] = [c.w, c.mean, c.sd];
  }
  return propensityModelFromParams({ intercept: -2, weights, mean, sd }, { asOfDay: dayNumber(T) });
}

describe('a model’s reasons', () => {
  it('the fitted model: a new customer with no older contacts reads "2 天前加购", not "↑ 30天前一年内互动次数 0"', () => {
    const model = handModel({
      contactsBefore30d: { w: -0.8, mean: 1.5, sd: 1 },
      contacts7d: { w: 0.3, mean: Math.log1p(3), sd: 0.5 },
      daysSinceLastCart: { w: -0.9, mean: Math.log1p(20), sd: 1 },
    });
    const n = customerIndexOf(snap, key('N'));
    const got = model.reasons(snap, dayNumber(T), n, 3);
    // activity: +1.2 from 0 older contacts, 3 contacts in 7 days = the mean → push > 0, lean −1.5 < 0 → not shown.
    expect(brief(got)).toEqual([['cart', '↑', 'daysSinceLastCart', 2]]);
    expect(got[0]!.contribution).toBeCloseTo(-0.9 * (Math.log1p(2) - Math.log1p(20)), 6);
    // The raw terms still say what the model did (explain is unchanged).
    expect(model.explain(snap, dayNumber(T), n, 2).map((p) => p.feature)).toEqual(['daysSinceLastCart', 'contactsBefore30d']);
  });

  it('the fixed heuristic: its terms against a customer with none of them', () => {
    const model = fallbackPropensityModel(dayNumber(T), 'short');
    // A: cart add (+1.5); 3 contacts in 7 days (+1.2) and seen 1 day ago (−0.05); fan (+0.5); one order (+0.5).
    const got = model.reasons(snap, dayNumber(T), customerIndexOf(snap, key('A')), 5);
    expect(brief(got)).toEqual([
      ['cart', '↑', 'cartAdds7d', 1],
      ['activity', '↑', 'contacts7d', 3],
      ['purchases', '↑', 'paidOrders', 1],
      ['relation', '↑', 'isFan', 1],
    ]);
    expect(got[1]!.contribution).toBeCloseTo(1.15, 12);
    // Q: no contact in 7 days, silent for 20 days (−1.0): ↓ "20 天没来过".
    expect(brief(model.reasons(snap, dayNumber(T), customerIndexOf(snap, key('Q')), 3))).toEqual([['activity', '↓', 'daysSinceLastContact', 20]]);
  });

  it('a chosen recency baseline: ↑ when seen sooner than the backtest mean, ↓ when later, nothing when its slope reads backwards', () => {
    const base = handModel({});
    const sel = { chosen: 'recency' as const, auc: { model: 0.6, fallback: 0.6, recency: 0.7, contacts7d: 0.6 }, days: [dayNumber(T) - 7], population: 10, positives: 40 };
    const m = withSelection(base, sel, { slope: 0.2, intercept: -1, center: -5.5 }); // the backtest's customer: seen 5.5 days ago
    const t = dayNumber(T);
    expect(brief(m.reasons(snap, t, customerIndexOf(snap, key('N')), 3))).toEqual([['activity', '↑', 'daysSinceLastContact', 0]]);
    expect(brief(m.reasons(snap, t, customerIndexOf(snap, key('Q')), 3))).toEqual([['activity', '↓', 'daysSinceLastContact', 20]]);
    const backwards = withSelection(base, sel, { slope: -0.2, intercept: -1, center: -5.5 });
    expect(backwards.reasons(snap, t, customerIndexOf(snap, key('Q')), 3)).toEqual([]);
  });
});

describe('property: every shown reason’s arrow agrees with its values against the training mean', () => {
  const data = generateShop({ seed: 7, platform: 'douyin', shopId: 'p', shopName: 'p', customers: 400, endDay: '2026-11-20', days: 200, promoSeason: true });
  const big = buildSnapshot(data);
  const days = ['2026-10-01', '2026-10-30', '2026-11-06', '2026-11-20'].map(dayNumber);
  const pops = new Map(days.map((d) => [d, scoringPopulation(big, d)]));
  const SOON_GATED = (f: string) => f.startsWith('promoSoon');
  const num = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });

  it('arrow = sign of the group’s push = sign of Σ orientation × (x − mean) / sd; the fact’s own value points the same way', () => {
    fc.assert(
      fc.property(
        fc.array(num(-2, 2), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT }),
        fc.array(num(-1, 4), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT }),
        fc.array(num(0.2, 3), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT }),
        fc.constantFrom(...days),
        fc.nat(),
        (weights, mean, sd, day, pick) => {
          const pop = pops.get(day)!;
          if (pop.length === 0) return;
          const c = pop[pick % pop.length]!;
          const model = propensityModelFromParams({ intercept: -1, weights, mean, sd }, { asOfDay: day });
          const x = new Float64Array(FEATURE_COUNT);
          writeFeatures(big, c, day, x, 0);
          const phase = promoPhaseOf(day);
          const groupOf = (f: string) =>
            ['daysToNextPromo', 'daysSinceLastPromo', 'promoInNext7Days', 'promoWarmup'].includes(f) || (SOON_GATED(f) && !phase.soon) || (f === 'warmupCartAdds' && !phase.soon && !phase.warmup) ||
            (['ordinaryPaidOrders', 'festivalPurchaseShare', 'festivalShareActive7d', 'daysSinceLastClick'].includes(f) && (phase.soon || phase.warmup))
              ? 'promo'
              : REASON_READINGS[f]!.group;
          const reasons = model.reasons(big, day, c, 6);
          expect(new Set(reasons.map((r) => r.group)).size).toBe(reasons.length);
          for (const r of reasons) {
            let push = 0, lean = 0;
            FEATURES.forEach((f, j) => {
              if (groupOf(f.feature) !== r.group) return;
              const z = (x[j]! - mean[j]!) / sd[j]!;
              push += weights[j]! * z;
              lean += REASON_READINGS[f.feature]!.orientation * z;
            });
            const arrow = Math.sign(r.contribution);
            expect(arrow).not.toBe(0);
            expect(r.contribution).toBeCloseTo(push, 9);
            expect(Math.sign(lean)).toBe(arrow);
            const j = col(r.feature);
            expect(groupOf(r.feature)).toBe(r.group);
            expect(Math.sign(REASON_READINGS[r.feature]!.orientation * (x[j]! - mean[j]!))).toBe(arrow);
            expect(r.value).toBeCloseTo(featureValue(r.feature, x[j]!), 9);
          }
          // The 大促 group (the same for everyone that day) is never ahead of the customer's own.
          const at = reasons.findIndex((r) => r.group === 'promo');
          if (at >= 0) expect(at).toBe(reasons.length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
