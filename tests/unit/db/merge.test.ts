import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCustomer, mergeOrder, sameRecord } from '@/lib/db';
import { Customer, Order } from '@/lib/model';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const customerArb = fc
  .record({
    nickname: fc.constantFrom('', '小明', '🐟鱼'),
    phone: opt(fc.constantFrom('138****1234', '13812341234')),
    province: opt(fc.constantFrom('四川省', '北京市')),
    city: opt(fc.constantFrom('成都市', '北京市')),
    gender: opt(fc.constantFrom('f' as const, 'm' as const)),
    isFan: opt(fc.boolean()),
    tags: fc.array(fc.constantFrom('a', 'b', 'c', 'd')),
  })
  .map((r) => Customer.parse({ customerKey: 'k', shopId: 's', ...r }));

describe('merging a later capture', () => {
  it('never blanks a known customer field, and keeps every tag (property)', () => {
    fc.assert(
      fc.property(customerArb, customerArb, (older, later) => {
        const m = mergeCustomer(older, later);
        for (const f of ['phone', 'province', 'city', 'gender', 'isFan'] as const) {
          if (older[f] !== undefined) expect(m[f]).toBeDefined();
          if (later[f] !== undefined) expect(m[f]).toBe(later[f]);
        }
        if (older.nickname !== '') expect(m.nickname).not.toBe('');
        expect(new Set(m.tags)).toEqual(new Set([...older.tags, ...later.tags]));
        expect(m.tags.length).toBe(new Set(m.tags).size);
        // Merging the same capture again changes nothing (idempotence).
        expect(sameRecord(mergeCustomer(m, later), m)).toBe(true);
      }),
    );
  });

  it('order: status is last seen, known fields stay when the later capture lacks them', () => {
    const base = {
      orderId: '1', shopId: 's', customerKey: 'k', placedAt: '2026-11-20 10:00', amountFen: 100, quantity: 1,
      channel: 'live', traffic: 'paid',
    } as const;
    const older = Order.parse({ ...base, status: 'paid', paidAt: '2026-11-20 10:01', city: '成都市' });
    const later = Order.parse({ ...base, status: 'completed', shippedAt: '2026-11-21 09:00' });
    const m = mergeOrder(older, later);
    expect(m).toMatchObject({ status: 'completed', paidAt: '2026-11-20T10:01:00+08:00', city: '成都市', shippedAt: '2026-11-21T09:00:00+08:00' });
  });

  it('sameRecord ignores key order and undefined keys but sees real differences', () => {
    expect(sameRecord({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameRecord({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameRecord({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
