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
          // SPEC §2: a masked value never replaces a full one (issue 11 item 8) — else the later wins.
          const maskedOverFull = f === 'phone' && later.phone === '138****1234' && older.phone === '13812341234';
          if (later[f] !== undefined) expect(m[f]).toBe(maskedOverFull ? '13812341234' : later[f]);
        }
        if (older.nickname !== '') expect(m.nickname).not.toBe('');
        expect(new Set(m.tags)).toEqual(new Set([...older.tags, ...later.tags]));
        expect(m.tags.length).toBe(new Set(m.tags).size);
        // Merging the same capture again changes nothing (idempotence).
        expect(sameRecord(mergeCustomer(m, later), m)).toBe(true);
      }),
    );
  });

  it('a masked phone (138****1234) never replaces a full one (13812341234), whichever comes first', () => {
    const full = Customer.parse({ customerKey: 'k', shopId: 's', nickname: '小明', phone: '13812341234' });
    const masked = Customer.parse({ customerKey: 'k', shopId: 's', nickname: '小明', phone: '138****1234' });
    expect(mergeCustomer(full, masked).phone).toBe('13812341234');
    expect(mergeCustomer(masked, full).phone).toBe('13812341234');
    // The full number with spaces (as some consoles print it) is still full.
    const spaced = Customer.parse({ ...full, phone: '138 1234 1234' });
    expect(mergeCustomer(spaced, masked).phone).toBe('138 1234 1234');
  });

  it('a masked nickname (t**9) never replaces a full one; a less masked one enriches a more masked one', () => {
    const c = (nickname: string) => Customer.parse({ customerKey: 'taobao:s:id:42', shopId: 's', nickname, buyerId: '42' });
    expect(mergeCustomer(c('tom9'), c('t**9')).nickname).toBe('tom9');
    expect(mergeCustomer(c('t**9'), c('tom9')).nickname).toBe('tom9');
    expect(mergeCustomer(c('t***'), c('t**9')).nickname).toBe('t**9');
    expect(mergeCustomer(c('t**9'), c('t***')).nickname).toBe('t**9');
  });

  it('enrichment keeps the most complete phone (property: merge order never loses the fullest value)', () => {
    const phones = fc.constantFrom('13812341234', '138****1234', '138*****234', '1**********');
    const stars = (p: string) => [...p].filter((ch) => ch === '*').length;
    fc.assert(
      fc.property(fc.array(phones, { minLength: 1, maxLength: 6 }), (seen) => {
        let m: Customer | undefined;
        for (const phone of seen) m = mergeCustomer(m, Customer.parse({ customerKey: 'k', shopId: 's', nickname: 'n', phone }));
        const fewest = Math.min(...seen.map(stars));
        expect(stars(m!.phone!)).toBe(fewest);
        // Among equally complete values the last seen wins.
        expect(m!.phone).toBe(seen.filter((p) => stars(p) === fewest).at(-1));
      }),
    );
  });

  it('order: a masked recipient phone / name never replaces a full one', () => {
    const base = {
      orderId: '1', shopId: 's', customerKey: 'k', placedAt: '2026-11-20 10:00', amountFen: 100, quantity: 1,
      channel: 'live', traffic: 'paid', status: 'paid',
    } as const;
    const full = Order.parse({ ...base, recipientPhone: '13812341234', recipientName: '张三' });
    const masked = Order.parse({ ...base, status: 'shipped', recipientPhone: '138****1234', recipientName: '张*' });
    expect(mergeOrder(full, masked)).toMatchObject({ status: 'shipped', recipientPhone: '13812341234', recipientName: '张三' });
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
