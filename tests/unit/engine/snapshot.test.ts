import { describe, expect, it } from 'vitest';
import {
  buildSnapshot, computeReport, customerIndexOf, firstContactIn, hasContactIn, hasPaidIn, snapshotFromBuffers,
  snapshotToBuffers, isFullPhone, normalizeFullPhone, CONTACT_KINDS, FAN, HAS_RECORD, PHONE_FULL, NO_DAY,
} from '@/lib/engine';
import fc from 'fast-check';
import { dayNumber, dayOf, toShanghaiIso } from '@/lib/model';
import { dayNumberOfInstant } from '@/lib/engine';
import { contact, cust, key, order, world } from './world';

const d = dayNumber;

describe('buildSnapshot', () => {
  const data = world({
    customers: [cust('B', { isFan: true, phone: '138 0013 8000' }), cust('B', { city: '成都市' })],
    orders: [
      order('A', { placedAt: '2026-11-20T23:00:00+08:00', paidAt: '2026-11-20T17:00:00Z', status: 'paid', amountFen: 300, orderId: 'x1' }),
      order('A', { placedAt: '2026-11-01', status: 'completed', amountFen: 100, orderId: 'x2' }),
      order('C', { placedAt: '2026-11-02', paidAt: '2026-11-02', status: 'refunded', amountFen: 100, orderId: 'x3' }),
    ],
    contacts: [contact('B', '2026-11-05', 'cart'), contact('A', '2026-11-03')],
  });
  const s = buildSnapshot(data);

  it('indexes every customerKey, sorted, with or without a record', () => {
    expect(s.customerKeys).toEqual([key('A'), key('B'), key('C')]);
    expect(customerIndexOf(s, key('C'))).toBe(2);
    expect(customerIndexOf(s, key('Q'))).toBe(-1);
    expect(s.customerFlags[0]! & HAS_RECORD).toBe(0);
    // duplicate records enrich each other
    expect(s.customerFlags[1]! & (HAS_RECORD | FAN | PHONE_FULL)).toBe(HAS_RECORD | FAN | PHONE_FULL);
    expect(s.cities[s.customerCity[1]!]).toBe('成都市');
  });

  it('reads days in UTC+8 and derives happen day = paid ?? placed', () => {
    expect(s.orderPlacedDay[0]).toBe(d('2026-11-20'));
    expect(s.orderPaidDay[0]).toBe(d('2026-11-21')); // 17:00Z = 01:00 next day +08:00
    expect(s.orderHappenDay[0]).toBe(d('2026-11-21'));
    expect(s.orderPaidDay[1]).toBe(NO_DAY);
    expect(s.orderHappenDay[1]).toBe(d('2026-11-01'));
    expect([...s.orderPaid]).toEqual([1, 1, 0]);
  });

  it('adds implicit contacts: every order at placedAt, a paid order also at paidAt', () => {
    // 2 explicit + 3 placed + 1 paid-with-paidAt (x2 has none, x3 is refunded)
    expect(s.contactCount).toBe(6);
    const kinds = [...s.contactKind].map((k) => CONTACT_KINDS[k]);
    expect(kinds.sort()).toEqual(['cart', 'paid', 'placed', 'placed', 'placed', 'visit']);
    const a = 0;
    const days = [...s.custContactDay.subarray(s.custContactStart[a]!, s.custContactStart[a + 1]!)];
    expect(days).toEqual([d('2026-11-01'), d('2026-11-03'), d('2026-11-20'), d('2026-11-21')]);
    expect(hasContactIn(s, a, d('2026-11-04'), d('2026-11-20'))).toBe(false);
    expect(hasContactIn(s, a, d('2026-11-04'), d('2026-11-21'))).toBe(true);
    expect(firstContactIn(s, a, d('2026-11-02'), d('2026-12-01'))).toBe(d('2026-11-03'));
    expect(hasPaidIn(s, a, d('2026-11-21'), d('2026-11-22'))).toBe(true);
    expect(hasPaidIn(s, a, d('2026-11-02'), d('2026-11-21'))).toBe(false);
    expect(hasPaidIn(s, 2, 0, 1e6)).toBe(false); // refunded
    expect([...s.paidOrderDays]).toEqual([d('2026-11-01'), d('2026-11-21')]);
    expect(s.latestDay).toBe(d('2026-11-21'));
  });

  it('round-trips through ArrayBuffers and a JSON header with the same report', () => {
    const { header, buffers } = snapshotToBuffers(s);
    expect(buffers.every((b) => b instanceof ArrayBuffer)).toBe(true);
    const back = snapshotFromBuffers(JSON.parse(JSON.stringify(header)), buffers);
    expect(back).toEqual(s);
    const w = { start: '2026-11-01', end: '2026-11-30' };
    expect(computeReport(back, w)).toEqual(computeReport(s, w));
    expect(() => snapshotFromBuffers({ ...header, version: 9 }, buffers)).toThrow(/header/);
    expect(() => snapshotFromBuffers(header, buffers.slice(1))).toThrow(/columns/);
  });
});

describe('phones (SPEC §5.4)', () => {
  it('only full numbers count', () => {
    expect(normalizeFullPhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeFullPhone('0086 13800138000')).toBe('13800138000');
    expect(isFullPhone('138****8000')).toBe(false);
    expect(isFullPhone('1380013800')).toBe(false);
    expect(isFullPhone('23800138000')).toBe(false);
  });
});

describe('dayNumberOfInstant', () => {
  it('matches dayNumber(dayOf(x)) for canonical and other forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
        const iso = toShanghaiIso(ms);
        expect(dayNumberOfInstant(iso)).toBe(dayNumber(dayOf(iso)));
        const z = new Date(ms).toISOString();
        expect(dayNumberOfInstant(z)).toBe(dayNumber(dayOf(z)));
      }),
      { numRuns: 500 },
    );
    expect(dayNumberOfInstant('2026-11-20T17:00:00Z')).toBe(dayNumber('2026-11-21'));
    expect(dayNumberOfInstant('2024-02-29 23:59:59')).toBe(dayNumber('2024-02-29'));
    expect(() => dayNumberOfInstant('yesterday')).toThrow(/unreadable timestamp/);
  });
});
