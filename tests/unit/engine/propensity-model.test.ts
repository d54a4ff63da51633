import { describe, expect, it } from 'vitest';
import type { Contact, ContactKind, Customer, Order, OrderStatus, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf, type Snapshot } from '../../../lib/engine/snapshot';
import { fallbackPropensity } from '../../../lib/engine/propensity-fallback';
import {
  BASE_FEATURES,
  FEATURES,
  FEATURE_COUNT,
  contactCount7dBaseline,
  evaluateScorers,
  fitPropensity,
  propensityModelFromParams,
  purchaseLabels,
  recencyBaseline,
  scoringPopulation,
  writeFeatures,
} from '../../../lib/engine/propensity';
import { generateShop } from '../../fixtures/generate';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
const noon = (d: string) => (d.length === 10 ? `${d}T12:00:00+08:00` : d);
const cust = (id: string, extra: Partial<Customer> = {}): Customer => ({ customerKey: key(id), shopId: SHOP, nickname: id, tags: [], ...extra });
const contact = (id: string, at: string, kind: ContactKind = 'visit'): Contact => ({ shopId: SHOP, customerKey: key(id), at: noon(at), kind });
let seq = 0;
const order = (id: string, day: string, status: OrderStatus = 'completed', extra: Partial<Order> = {}): Order => ({
  orderId: `o${++seq}`,
  shopId: SHOP,
  customerKey: key(id),
  placedAt: noon(day),
  ...(status === 'unpaid' || status === 'closed' ? {} : { paidAt: `${day}T12:05:00+08:00` }),
  amountFen: 10_000,
  quantity: 1,
  items: [],
  channel: 'live',
  traffic: 'organic',
  status,
  ...extra,
});
const world = (customers: Customer[], orders: Order[], contacts: Contact[]): ShopData => ({
  shop: { shopId: SHOP, platform: 'douyin', name: '店' },
  customers,
  orders,
  contacts,
});

function featuresOf(snap: Snapshot, id: string, day: string): Record<string, number> {
  const x = new Float64Array(FEATURE_COUNT);
  writeFeatures(snap, customerIndexOf(snap, key(id)), dayNumber(day), x, 0);
  return Object.fromEntries(FEATURES.map((f, j) => [f.feature, x[j]!]));
}

const base = world(
  [cust('A', { isFan: true }), cust('B'), cust('C')],
  [order('A', '2026-02-01'), order('B', '2026-03-04'), order('A', '2026-03-11')],
  [
    contact('A', '2026-03-01'),
    contact('A', '2026-03-05', 'view'),
    contact('A', '2026-03-05', 'cart'),
    contact('A', '2026-03-08'),
    contact('B', '2026-03-02'),
    contact('C', '2026-01-10'),
  ],
);

describe('propensity features', () => {
  it('match hand-computed values at day t', () => {
    const all = featuresOf(buildSnapshot(base), 'A', '2026-03-08');
    // The base (pre-大促) columns; the 大促 columns are pinned in propensity-promo-features.test.ts.
    const f = Object.fromEntries(BASE_FEATURES.map((x) => [x.feature, all[x.feature]]));
    const L = Math.log1p;
    expect(f).toEqual({
      daysSinceLastContact: 0,
      contactToday: 1,
      contactLast3Days: 1,
      visits7d: L(1), // 03-01 is 7 days back: outside the 7 days ending 03-08
      views7d: L(1),
      clicks7d: 0,
      cartAdds7d: L(1),
      cartAdds30d: L(1),
      daysSinceLastCart: L(3),
      contacts30d: L(4),
      activeDays7d: 2,
      activeDays30d: 3,
      ordersPlaced7d: 0,
      contactsBefore30d: L(2), // the 02-01 order: placed + paid contacts
      isFan: 1,
      isMember: 0,
      paidOrders: L(1),
      everPaid: 1,
      daysSinceLastPaid: L(35),
      paidYuan: L(100),
      shareLive: 1,
      shareVideo: 0,
      shareCard: 0,
      daysSinceFirstContact: L(35),
      purchasesPerMonth: L(30 / 36),
      contactsPerMonth: L((6 * 30) / 36),
    });
  });

  it('do not read anything after day t (no leakage)', () => {
    const later = world(
      [...base.customers, cust('Z')],
      [...base.orders, order('A', '2026-03-09'), order('Z', '2026-03-20')],
      [...base.contacts, contact('A', '2026-03-09', 'cart'), contact('Z', '2026-03-19'), contact('C', '2026-03-30')],
    );
    for (const id of ['A', 'B', 'C'])
      expect(featuresOf(buildSnapshot(later), id, '2026-03-08')).toEqual(featuresOf(buildSnapshot(base), id, '2026-03-08'));
  });

  it('score the population users − purchasers of the 30 days ending t, labelled by purchases on t+1 … t+7', () => {
    const snap = buildSnapshot(base);
    const t = dayNumber('2026-03-08');
    const pop = scoringPopulation(snap, t);
    // B bought on 03-04 (a purchaser), C's last contact is older than 30 days: only A remains.
    expect(Array.from(pop).map((c) => snap.customerKeys[c])).toEqual([key('A')]);
    expect(Array.from(purchaseLabels(snap, t, pop))).toEqual([1]); // A pays on 03-11 = t+3
    expect(Array.from(purchaseLabels(snap, dayNumber('2026-03-03'), pop))).toEqual([0]); // 03-11 is t+8
  });

  it('do not count a refunded order as a purchase', () => {
    const refunded = world(base.customers, [order('A', '2026-02-01'), order('A', '2026-03-11', 'refunded')], base.contacts);
    const snap = buildSnapshot(refunded);
    const t = dayNumber('2026-03-08');
    const pop = scoringPopulation(snap, t);
    const a = Array.from(pop).indexOf(customerIndexOf(snap, key('A')));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(purchaseLabels(snap, t, pop)[a]).toBe(0);
  });
});

describe('fitPropensity', () => {
  it('falls back to the documented heuristic with too little history', () => {
    const snap = buildSnapshot(base); // ~2 months, a handful of purchases
    const model = fitPropensity(snap, dayNumber('2026-03-08'));
    expect(model.kind).toBe('fallback');
    expect(model.fallbackReason).toMatch(/days of history|purchases/);
    const cands = scoringPopulation(snap, dayNumber('2026-03-08'));
    expect(Array.from(model.score(snap, dayNumber('2026-03-08'), cands))).toEqual(
      Array.from(fallbackPropensity(snap, dayNumber('2026-03-08'), cands)),
    );
    const why = model.explain(snap, dayNumber('2026-03-08'), customerIndexOf(snap, key('A')));
    // cart add (1.5), 3 contacts in 7 days (1.2), fan (0.5), one past order (0.5)
    expect(why.map((w) => [w.feature, +w.contribution.toFixed(6)])).toEqual([
      ['cartAdds7d', 1.5],
      ['contacts7d', 1.2],
      ['isFan', 0.5],
      ['paidOrders', 0.5],
    ]);
  });

  it('falls back when there are fewer positives than required', () => {
    const data = generateShop({ seed: 5, platform: 'douyin', shopId: 'g', shopName: 'g', customers: 300, endDay: '2026-11-20', days: 200 });
    const snap = buildSnapshot(data);
    const model = fitPropensity(snap, snap.latestDay, { minPositives: 100_000 });
    expect(model.kind).toBe('fallback');
    expect(model.fallbackReason).toMatch(/purchases to learn from/);
  });

  const data = generateShop({ seed: 1, platform: 'douyin', shopId: 'g', shopName: '评估', customers: 6000, endDay: '2026-11-20', days: 400 });
  const snap = buildSnapshot(data);
  const T = snap.latestDay - 63;
  const model = fitPropensity(snap, T);

  it('beats the recency and 7-day contact baselines on later, unseen days', () => {
    expect(model.kind).toBe('logistic');
    expect(Math.max(...model.trainingDays)).toBe(T - 7); // every label window ends by T
    const days: number[] = [];
    for (let t = T + 7; t + 7 <= snap.latestDay; t += 7) days.push(t);
    const res = evaluateScorers(snap, days, { model: model.score, recency: recencyBaseline, count: contactCount7dBaseline });
    const { model: m, recency: r, count: c } = res.pooled as Record<string, number>;
    expect(m).toBeGreaterThan(0.74);
    expect(m).toBeGreaterThan(r! + 0.03);
    expect(m).toBeGreaterThan(c! + 0.03);
    // scores are probabilities
    const s = model.score(snap, snap.latestDay, scoringPopulation(snap, snap.latestDay));
    expect(s.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('does not change when data after asOfDay changes (no leakage)', () => {
    const T2 = dayNumber('2026-09-01');
    const cut = (d: string) => dayNumber(d.slice(0, 10)) <= T2;
    const past: ShopData = { ...data, orders: data.orders.filter((o) => cut(o.placedAt)), contacts: data.contacts.filter((c) => cut(c.at)) };
    const a = fitPropensity(buildSnapshot(past), T2);
    const b = fitPropensity(snap, T2);
    expect(a.kind).toBe('logistic');
    expect(a.params!.weights).toEqual(b.params!.weights);
    expect(a.params!.intercept).toBe(b.params!.intercept);
    const sa = buildSnapshot(past);
    const pa = scoringPopulation(sa, T2), pb = scoringPopulation(snap, T2);
    expect(Array.from(pa).map((c) => sa.customerKeys[c])).toEqual(Array.from(pb).map((c) => snap.customerKeys[c]));
    expect(Array.from(a.score(sa, T2, pa))).toEqual(Array.from(b.score(snap, T2, pb)));
  });

  it('explains a score: contributions plus the intercept give its log-odds', () => {
    // The fitted model itself (a baseline the self-backtest may prefer explains by its own terms: propensity-selection.test.ts).
    const model = fitPropensity(snap, T, { backtest: false });
    const pop = scoringPopulation(snap, snap.latestDay);
    const scores = model.score(snap, snap.latestDay, pop);
    for (const r of [0, 7, 42]) {
      const parts = model.explain(snap, snap.latestDay, pop[r]!, FEATURE_COUNT);
      const logit = model.params!.intercept + parts.reduce((s, p) => s + p.contribution, 0);
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(scores[r]!, 10);
      const top = model.explain(snap, snap.latestDay, pop[r]!, 3);
      expect(top).toHaveLength(3);
      expect(top).toEqual(parts.slice(0, 3));
      // The customer's own features first (the 大促 phase is the same for everyone that day).
      expect(top.some((p) => ['daysToNextPromo', 'daysSinceLastPromo', 'promoInNext7Days', 'promoWarmup'].includes(p.feature))).toBe(false);
      expect(Math.abs(top[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(top[2]!.contribution));
      for (const p of top) {
        expect(p.labelZh).toMatch(/[\u4e00-\u9fff]/);
        expect(p.labelEn.length).toBeGreaterThan(0);
      }
    }
  });

  it('rebuilds from JSON parameters with identical scores', () => {
    const plain = fitPropensity(snap, T, { backtest: false });
    const again = propensityModelFromParams(JSON.parse(JSON.stringify(plain.params)), { asOfDay: T });
    const pop = scoringPopulation(snap, snap.latestDay);
    expect(Array.from(again.score(snap, snap.latestDay, pop))).toEqual(Array.from(plain.score(snap, snap.latestDay, pop)));
    expect(() => propensityModelFromParams({ intercept: 0, weights: [1], mean: [0], sd: [1] }, { asOfDay: T })).toThrow(new RegExp(`expected ${FEATURE_COUNT}`));
  });
});
