import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus, ShopData } from '../../../lib/model';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { associationRules, customerBaskets, orderBaskets, productAffinity } from '../../../lib/engine/affinity';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
let seq = 0;
function order(id: string, product: string, status: OrderStatus = 'completed', more: string[] = []): Order {
  return {
    orderId: `o${++seq}`,
    shopId: SHOP,
    customerKey: key(id),
    placedAt: '2026-03-01T12:00:00+08:00',
    ...(status === 'unpaid' ? {} : { paidAt: '2026-03-01T12:01:00+08:00' }),
    amountFen: 1000,
    quantity: 1 + more.length,
    productName: product,
    items: [product, ...more].map((p) => ({ productName: p, quantity: 1 })),
    channel: 'live',
    traffic: 'organic',
    status,
  };
}
// Customer baskets: A {X,Y}  B {X,Y}  C {X,Z}  D {Y}  E {Z}; F bought nothing (refunded only).
const data: ShopData = {
  shop: { shopId: SHOP, platform: 'douyin', name: '店' },
  customers: [],
  contacts: [],
  orders: [
    order('A', 'X'), order('A', 'Y'), order('A', 'X'),
    order('B', 'Y'), order('B', 'X'),
    order('C', 'X'), order('C', 'Z'),
    order('D', 'Y'),
    order('E', 'Z'),
    order('F', 'X', 'refunded'),
  ],
};
const snap = buildSnapshot(data);
const code = (name: string) => snap.productKeys.indexOf(`name:${name}`);
const members = (...ids: string[]) => Int32Array.from(ids.map((id) => customerIndexOf(snap, key(id))));

describe('association rules', () => {
  it('count buyers as baskets (refunded orders and non-buyers excluded)', () => {
    const b = customerBaskets(snap);
    expect(b.start.length - 1).toBe(5);
    const lists = Array.from({ length: 5 }, (_, i) => Array.from(b.items.slice(b.start[i]!, b.start[i + 1]!)).map((p) => snap.productNames[p]).join(''));
    expect(lists.sort()).toEqual(['XY', 'XY', 'XZ', 'Y', 'Z']);
  });

  it('give hand-computed support, confidence and lift', () => {
    const rules = associationRules(customerBaskets(snap)); // minCount 2: only X–Y (2 baskets)
    expect(rules.map((r) => [snap.productNames[r.from], snap.productNames[r.to], r.count])).toEqual([
      ['X', 'Y', 2],
      ['Y', 'X', 2],
    ]);
    for (const r of rules) {
      expect(r.support).toBeCloseTo(2 / 5, 12);
      expect(r.confidence).toBeCloseTo(2 / 3, 12);
      expect(r.lift).toBeCloseTo(2 / 3 / (3 / 5), 12); // 10/9
    }
    const all = associationRules(customerBaskets(snap), { minCount: 1 });
    const zx = all.find((r) => r.from === code('Z') && r.to === code('X'))!;
    expect(zx.confidence).toBeCloseTo(1 / 2, 12);
    expect(zx.lift).toBeCloseTo(1 / 2 / (3 / 5), 12); // 5/6
    expect(all.find((r) => r.from === code('Y') && r.to === code('Z'))).toBeUndefined();
    expect(all[0]!.lift).toBeGreaterThanOrEqual(all[all.length - 1]!.lift);
  });

  it('order baskets use every item of paid orders only', () => {
    const extra = buildSnapshot({ ...data, orders: [order('A', 'X', 'completed', ['Y']), order('B', 'X'), order('C', 'Y', 'unpaid', ['X'])] });
    const b = orderBaskets(extra, [order('A', 'X', 'completed', ['Y']), order('B', 'X'), order('C', 'Y', 'unpaid', ['X']), order('D', 'Q')]);
    // D's Q is not in the snapshot's product dictionary: an empty basket
    expect(Array.from(b.start)).toEqual([0, 2, 3, 3]);
    expect(Array.from(b.items).map((p) => extra.productNames[p])).toEqual(['X', 'Y', 'X']);
  });
});

describe('productAffinity', () => {
  it('recommends products the audience has not bought, by expected buyers', () => {
    const recs = productAffinity(snap, members('D', 'E'));
    // D (bought Y) lacks X: Y→X (confidence 2/3, lift 10/9). E (bought Z) has no rule with ≥ 2 baskets.
    expect(recs).toHaveLength(1);
    expect(recs[0]!.productName).toBe('X');
    expect(recs[0]!.expectedBuyers).toBeCloseTo(2 / 3, 12);
    expect(recs[0]!.members).toBe(1);
    expect(recs[0]!.because.productName).toBe('Y');
    expect(recs[0]!.because.lift).toBeCloseTo(10 / 9, 12);
  });

  it('sums the best confidence per member and keeps the strongest rule as the reason', () => {
    const recs = productAffinity(snap, members('D', 'E'), { minCount: 1, minLift: 0 });
    const x = recs.find((r) => r.productName === 'X')!;
    expect(x.expectedBuyers).toBeCloseTo(2 / 3 + 1 / 2, 12);
    expect(x.members).toBe(2);
    expect(x.because.productName).toBe('Y');
    // nothing already bought by the member it is offered to: A and B own X and Y
    expect(productAffinity(snap, members('A', 'B'))).toEqual([]);
  });

  it('returns nothing for an empty audience', () => {
    expect(productAffinity(snap, new Int32Array(0))).toEqual([]);
  });
});
