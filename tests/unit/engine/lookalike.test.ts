// SPEC §6.3 (lookalike: rank the shop's other customers by similarity to a seed).
import { describe, expect, it } from 'vitest';
import type { Contact, ContactKind, Customer, Order, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { knownCustomers, lookalike } from '../../../lib/engine/lookalike';
import { generateShop } from '../../fixtures/generate';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
const cust = (id: string, extra: Partial<Customer> = {}): Customer => ({ customerKey: key(id), shopId: SHOP, nickname: id, tags: [], ...extra });
const contact = (id: string, day: string, kind: ContactKind = 'visit'): Contact => ({ shopId: SHOP, customerKey: key(id), at: `${day}T12:00:00+08:00`, kind });
const order = (id: string, day: string): Order => ({
  orderId: `${id}-${day}`, shopId: SHOP, customerKey: key(id), placedAt: `${day}T13:00:00+08:00`, paidAt: `${day}T13:01:00+08:00`,
  amountFen: 9900, quantity: 1, items: [], channel: 'live', traffic: 'organic', status: 'completed',
});
// Engaged cart-adding fans who buy (A, B: the seed; C looks like them), a dormant visitor (D),
// a middling customer (E), and F, who only appears after the as-of day.
const engaged = (id: string) => [
  contact(id, '2026-03-20'), contact(id, '2026-03-25', 'view'), contact(id, '2026-03-27', 'cart'),
  contact(id, '2026-03-28', 'cart'), contact(id, '2026-03-29', 'view'), contact(id, '2026-03-30'),
];
const data: ShopData = {
  shop: { shopId: SHOP, platform: 'douyin', name: '店' },
  customers: ['A', 'B', 'C'].map((id) => cust(id, { isFan: true, gender: 'f' })).concat([cust('D', { gender: 'm' }), cust('E', { gender: 'f' })]),
  orders: [order('A', '2026-03-10'), order('B', '2026-03-12'), order('C', '2026-03-11'), order('E', '2026-01-05')],
  contacts: [...engaged('A'), ...engaged('B'), ...engaged('C'), contact('D', '2025-12-01'), contact('E', '2026-03-01'), contact('F', '2026-04-10')],
};
const snap = buildSnapshot(data);
const idx = (id: string) => customerIndexOf(snap, key(id));
const asOf = dayNumber('2026-03-31');

describe('lookalike', () => {
  it('ranks the customer most like the seed first, the least like it last, and excludes the seed', () => {
    const res = lookalike(snap, Int32Array.from([idx('A'), idx('B')]), asOf, 10);
    const ids = Array.from(res.members).map((c) => snap.customerKeys[c]!.slice(-1));
    expect(ids).toEqual(['C', 'E', 'D']); // F is not known by the as-of day
    expect(res.scores[0]).toBeCloseTo(1, 6); // C's vector equals the seed's
    for (let i = 1; i < res.scores.length; i++) expect(res.scores[i]!).toBeLessThanOrEqual(res.scores[i - 1]!);
  });

  it('keeps only the top N; an empty seed gives nobody', () => {
    const res = lookalike(snap, Int32Array.from([idx('A')]), asOf, 1);
    expect(Array.from(res.members)).toEqual([idx('C')]); // C paid one day after A, B two
    expect(lookalike(snap, new Int32Array(0), asOf, 5).members).toHaveLength(0);
  });

  it('knows customers with a record or a contact by the as-of day', () => {
    expect(Array.from(knownCustomers(snap, asOf)).map((c) => snap.customerKeys[c]!.slice(-1))).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(knownCustomers(snap, dayNumber('2026-04-30'))).toHaveLength(6);
  });

  it('finds seed-like customers in a generated shop: heavy buyers resemble heavy buyers', () => {
    const g = buildSnapshot(generateShop({ seed: 3, platform: 'douyin', shopId: 'g', shopName: 'g', customers: 3000, endDay: '2026-11-20', days: 400 }));
    const paid = (c: number) => g.custPaidStart[c + 1]! - g.custPaidStart[c]!;
    const all = Array.from({ length: g.customerCount }, (_, c) => c);
    const heavy = all.filter((c) => paid(c) >= 8);
    const seed = Int32Array.from(heavy.filter((_, i) => i % 2 === 0));
    const res = lookalike(g, seed, g.latestDay, 100);
    const meanPaid = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, c) => s + paid(c), 0) / xs.length;
    expect(meanPaid(res.members)).toBeGreaterThan(2 * meanPaid(Int32Array.from(all)));
  });
});
