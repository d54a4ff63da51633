import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumber } from '../../../lib/model';
import { PROMO_DAYS, daysSinceLastPromo, daysToNextPromo, nextPromo } from '../../../lib/engine/promo-calendar';

describe('大促 calendar', () => {
  it('has the five events for each year 2024–2027, earliest first', () => {
    expect(PROMO_DAYS).toHaveLength(20);
    for (const year of ['2024', '2025', '2026', '2027']) {
      const ids = PROMO_DAYS.filter((p) => p.day.startsWith(year)).map((p) => p.id);
      expect(ids).toEqual(['nianhuo', '38', '618', 'double11', 'double12']);
    }
    expect(PROMO_DAYS.filter((p) => p.id === 'double11').map((p) => p.day)).toEqual(['2024-11-11', '2025-11-11', '2026-11-11', '2027-11-11']);
    expect(PROMO_DAYS.find((p) => p.day === '2026-06-18')?.labelZh).toBe('618');
  });

  it('counts days to the next and since the last main day (0 on the day)', () => {
    expect(daysToNextPromo(dayNumber('2025-11-01'))).toBe(10);
    expect(daysToNextPromo(dayNumber('2025-11-11'))).toBe(0);
    expect(daysSinceLastPromo(dayNumber('2025-11-11'))).toBe(0);
    expect(daysToNextPromo(dayNumber('2025-11-12'))).toBe(30); // 双12
    expect(daysSinceLastPromo(dayNumber('2025-11-12'))).toBe(1);
    expect(daysToNextPromo(dayNumber('2025-12-31'))).toBe(24); // 年货节 2026-01-24
    expect(daysSinceLastPromo(dayNumber('2025-12-31'))).toBe(19);
    expect(daysSinceLastPromo(dayNumber('2026-06-01'))).toBe(85); // 38节 2026-03-08
    expect(nextPromo(dayNumber('2026-06-01'))?.promo.id).toBe('618');
  });

  it('is null outside the table', () => {
    expect(daysSinceLastPromo(dayNumber('2024-01-01'))).toBeNull();
    expect(daysToNextPromo(dayNumber('2024-01-01'))).toBe(19);
    expect(daysToNextPromo(dayNumber('2027-12-13'))).toBeNull();
    expect(daysSinceLastPromo(dayNumber('2027-12-13'))).toBe(1);
  });

  it('walking to the next main day lands on a 大促 (property)', () => {
    const lo = dayNumber('2024-01-20'), hi = dayNumber('2027-12-12');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (d) => {
        const to = daysToNextPromo(d)!, since = daysSinceLastPromo(d)!;
        expect(to).toBeGreaterThanOrEqual(0);
        expect(since).toBeGreaterThanOrEqual(0);
        expect(daysToNextPromo(d + to)).toBe(0);
        expect(daysSinceLastPromo(d - since)).toBe(0);
        if (to > 0) expect(daysToNextPromo(d + 1)).toBe(to - 1);
      }),
    );
  });
});
