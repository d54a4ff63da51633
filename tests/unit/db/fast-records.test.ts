import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST_CONTACT_KEYS, FAST_ITEM_KEYS, FAST_ORDER_KEYS, fastContact, fastOrder, isCanonicalInstant } from '@/lib/db';
import { Contact, Order, OrderItem, normalizeInstant } from '@/lib/model';

const shapeKeys = (s: unknown) => Object.keys((s as { shape: object }).shape);

describe('fast record readers agree with the zod schemas', () => {
  it('know exactly the schema fields, in schema order', () => {
    expect([...FAST_ORDER_KEYS]).toEqual(shapeKeys((Order as unknown as { in: unknown }).in));
    expect([...FAST_ITEM_KEYS]).toEqual(shapeKeys(OrderItem));
    expect([...FAST_CONTACT_KEYS]).toEqual(shapeKeys(Contact));
  });

  it('isCanonicalInstant is exactly "normalizeInstant leaves it unchanged"', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const arb = fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('+08:00', 'Z', '+0800', ''))
      .map(([y, mo, d, h, mi, s, off]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${off}`);
    fc.assert(
      fc.property(arb, (text) => {
        expect(isCanonicalInstant(text)).toBe(normalizeInstant(text) === text);
      }),
      { numRuns: 3000 },
    );
    expect(isCanonicalInstant('2028-02-29T00:00:00+08:00')).toBe(true);
    expect(isCanonicalInstant('2026-02-29T00:00:00+08:00')).toBe(false);
  });

  const oneOf = <T>(...xs: T[]) => fc.constantFrom(...xs);
  /** Mostly valid values, sometimes an invalid one: so both paths are exercised. */
  const mostly = <T>(valid: T[], invalid: T[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 12 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
  const instant = mostly(['2026-11-20T10:00:00+08:00', '2028-02-29T23:59:59+08:00'], ['2026-11-20 10:00:00', '2026-11-20T02:00:00Z', 'bad', '2026-02-30T10:00:00+08:00']);
  const text = mostly(['p1', '围巾', 'a b'], [' p1', '']);
  const num = mostly([0, 1, 5, 1234567], [12.5, -1, Number.MAX_SAFE_INTEGER + 2, '3' as unknown as number]);
  const item = fc.record(
    { productId: text, productName: text, spec: text, unitPriceFen: num, quantity: num },
    { requiredKeys: [] },
  );
  const orderArb = fc.record(
    {
      orderId: mostly(['1', '6930000000000000001'], [' 1', '', 7 as unknown as string]),
      shopId: mostly(['s'], ['s ']),
      customerKey: oneOf('k', 'douyin:s:nick:🐟'),
      placedAt: instant,
      paidAt: instant,
      amountFen: num,
      quantity: num,
      productId: text,
      productName: text,
      items: fc.array(item, { maxLength: 2 }),
      channel: mostly(['live', 'video', 'card', 'other'], ['tv']),
      traffic: mostly(['paid', 'organic', 'unknown'], ['x']),
      status: mostly(['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed'], ['lost']),
      recipientName: text,
      province: text,
      shippedAt: instant,
    },
    { requiredKeys: ['orderId', 'shopId', 'customerKey', 'placedAt', 'amountFen', 'quantity', 'channel', 'traffic', 'status'] },
  );

  it('fastOrder gives the schema output or steps aside (property)', () => {
    // Now and then an unknown key, or a key present with the value undefined.
    const withOddKeys = fc
      .tuple(orderArb, fc.nat(30))
      .map(([o, n]) => (n === 0 ? { ...o, extra: 'x' } : n === 1 ? { ...o, city: undefined } : o));
    let fast = 0;
    let slow = 0;
    fc.assert(
      fc.property(withOddKeys, (raw) => {
        const quick = fastOrder(raw);
        if (quick === undefined) {
          slow++;
          return;
        }
        fast++;
        const r = Order.safeParse(raw);
        expect(r.success).toBe(true);
        expect(quick).toEqual(r.data);
      }),
      { numRuns: 5000 },
    );
    expect(fast).toBeGreaterThan(100);
    expect(slow).toBeGreaterThan(100);
  });

  it('fastOrder takes a canonical order and derives items like the schema', () => {
    const raw = { orderId: '1', shopId: 's', customerKey: 'k', placedAt: '2026-11-20T10:00:00+08:00', amountFen: 5, quantity: 0, productId: 'p', productName: '围巾', channel: 'live', traffic: 'paid', status: 'paid' };
    expect(fastOrder(raw)).toEqual(Order.parse(raw));
    expect(fastOrder(raw)?.items).toEqual([{ productId: 'p', productName: '围巾', quantity: 1 }]);
  });

  it('fastContact gives the schema output or steps aside (property)', () => {
    const contactArb = fc.record(
      {
        shopId: mostly(['s'], [' s']),
        customerKey: mostly(['k'], ['']),
        at: instant,
        kind: mostly(['visit', 'view', 'click', 'cart', 'order'], ['like']),
        source: text,
        page: text,
        city: text,
        channel: mostly(['live'], [3 as unknown as string]),
      },
      { requiredKeys: ['shopId', 'customerKey', 'at', 'kind'] },
    );
    let fast = 0;
    fc.assert(
      fc.property(contactArb, (raw) => {
        const quick = fastContact(raw);
        if (quick === undefined) return;
        fast++;
        const r = Contact.safeParse(raw);
        expect(r.success).toBe(true);
        expect(quick).toEqual(r.data);
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(0);
  });
});
