/** Year 0001 and 9999 timestamps (issue 11 item 11): read exactly or refused clearly, never misread. */
import { describe, expect, it } from 'vitest';
import { Instant, Order, addDays, isDay, normalizeInstant, parseWith } from '@/lib/model';
import { isCanonicalInstant } from '@/lib/db/fast-records';

describe('years outside 1900–9999', () => {
  it('0001 and 0099 are refused, not read as 1901 / 1999', () => {
    expect(normalizeInstant('0001-01-01T00:00:00+08:00')).toBeNull();
    expect(normalizeInstant('0099-05-01 12:00:00')).toBeNull();
    expect(isDay('0001-01-01')).toBe(false);
    expect(Instant.safeParse('0001-01-01T00:00:00+08:00').error?.issues[0]?.message).toBe(
      'unreadable timestamp "0001-01-01T00:00:00+08:00" (years 1900–9999 only)',
    );
    // The restore fast path steps aside for the schema to say why.
    expect(isCanonicalInstant('0001-01-01T00:00:00+08:00')).toBe(false);
  });

  it('9999-12-31 in UTC+8 is read; a time that is year 10000 in UTC+8 is refused', () => {
    expect(normalizeInstant('9999-12-31T23:59:59+08:00')).toBe('9999-12-31T23:59:59+08:00');
    expect(normalizeInstant('9999-12-31T16:00:00Z')).toBeNull();
    expect(isDay('9999-12-31')).toBe(true);
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
  });

  it('1900-01-01 is the first day read', () => {
    expect(normalizeInstant('1900-01-01T00:00:00+08:00')).toBe('1900-01-01T00:00:00+08:00');
    expect(normalizeInstant('1899-12-31T23:59:59+08:00')).toBeNull();
  });

  it('an order of year 0001 is refused with its field named', () => {
    const r = parseWith(Order, { orderId: '1', shopId: 's', customerKey: 'k', placedAt: '0001-01-01 00:00:00', amountFen: 1, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid' });
    expect(r).toEqual({ ok: false, reason: 'placedAt: unreadable timestamp "0001-01-01 00:00:00" (years 1900–9999 only)' });
  });
});
