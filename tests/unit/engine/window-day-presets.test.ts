/**
 * Issue 13 item 9: 今日 / 昨日 are the merchant's calendar days in UTC+8 (SPEC §2 whole days), one
 * day each, whose previous window is the day before; the other presets still end on the latest day with data.
 */
import { describe, expect, it } from 'vitest';
import { dayPresetWindow, pickedWindow, previousWindow } from '@/lib/engine/window';

const at = (iso: string) => Date.parse(iso);

describe('今日 / 昨日', () => {
  it('today is the UTC+8 day: 23:30 UTC is already the next day in China', () => {
    expect(dayPresetWindow('今日', at('2026-11-20T23:30:00Z'))).toEqual({ start: '2026-11-21', end: '2026-11-21' });
    expect(dayPresetWindow('昨日', at('2026-11-20T23:30:00Z'))).toEqual({ start: '2026-11-20', end: '2026-11-20' });
  });

  it('15:59 UTC is still the same day in China, 16:00 UTC is the next', () => {
    expect(dayPresetWindow('今日', at('2026-11-20T15:59:59Z')).start).toBe('2026-11-20');
    expect(dayPresetWindow('今日', at('2026-11-20T16:00:00Z')).start).toBe('2026-11-21');
  });

  it('昨日 crosses month and year ends', () => {
    expect(dayPresetWindow('昨日', at('2026-12-01T01:00:00+08:00'))).toEqual({ start: '2026-11-30', end: '2026-11-30' });
    expect(dayPresetWindow('昨日', at('2027-01-01T00:10:00+08:00'))).toEqual({ start: '2026-12-31', end: '2026-12-31' });
    expect(dayPresetWindow('昨日', at('2028-03-01T08:00:00+08:00'))).toEqual({ start: '2028-02-29', end: '2028-02-29' });
  });

  it('a one-day window is compared with the day before', () => {
    expect(previousWindow({ start: '2026-11-20', end: '2026-11-20' })).toEqual({ start: '2026-11-19', end: '2026-11-19' });
    expect(previousWindow(dayPresetWindow('昨日', at('2026-12-01T09:00:00+08:00')))).toEqual({ start: '2026-11-29', end: '2026-11-29' });
  });
});

describe('pickedWindow', () => {
  const now = at('2026-12-06T23:30:00Z'); // 2026-12-07 07:30 in China

  it('今日 / 昨日 follow the clock, not the data', () => {
    expect(pickedWindow({ preset: 'today' }, '2026-11-20', now)).toEqual({ start: '2026-12-07', end: '2026-12-07' });
    expect(pickedWindow({ preset: 'yesterday' }, null, now)).toEqual({ start: '2026-12-06', end: '2026-12-06' });
  });

  it('近N天 and 自然月 end on the latest day with data; unknown latest day → the worker’s default', () => {
    expect(pickedWindow({ preset: 7 }, '2026-11-20', now)).toEqual({ start: '2026-11-14', end: '2026-11-20' });
    expect(pickedWindow({ preset: 30 }, '2026-11-20', now)).toEqual({ start: '2026-10-22', end: '2026-11-20' });
    expect(pickedWindow({ preset: 90 }, '2026-11-20', now)).toEqual({ start: '2026-08-23', end: '2026-11-20' });
    expect(pickedWindow({ preset: 'month' }, '2026-11-20', now)).toEqual({ start: '2026-11-01', end: '2026-11-20' });
    expect(pickedWindow({ preset: 7 }, null, now)).toBeNull();
  });

  it('a custom range is kept as picked', () => {
    expect(pickedWindow({ from: '2026-10-01', to: '2026-10-03' }, '2026-11-20', now)).toEqual({ start: '2026-10-01', end: '2026-10-03' });
  });
});
