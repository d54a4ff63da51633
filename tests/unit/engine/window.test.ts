import { describe, expect, it } from 'vitest';
import { buildSnapshot, latestDataDay, presetWindow, previousWindow, resolveWindow, windowLength } from '@/lib/engine';
import { contact, order, world } from './world';

describe('windows (SPEC §2)', () => {
  it('defaults to the 30 days ending the latest day', () => {
    expect(resolveWindow({}, '2026-11-30')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
  });
  it('only an end: the 30 days ending there', () => {
    expect(resolveWindow({ to: '2026-03-01' }, '2026-11-30')).toEqual({ start: '2026-01-31', end: '2026-03-01' });
  });
  it('only a start: up to the latest day', () => {
    expect(resolveWindow({ from: '2026-11-20' }, '2026-11-30')).toEqual({ start: '2026-11-20', end: '2026-11-30' });
  });
  it('both given: as given; bad input is refused with a reason', () => {
    expect(resolveWindow({ from: '2026-11-20', to: '2026-11-20' }, '2026-11-30')).toEqual({ start: '2026-11-20', end: '2026-11-20' });
    expect(() => resolveWindow({ from: '2026-11-21', to: '2026-11-20' }, '2026-11-30')).toThrow(/after its end/);
    expect(() => resolveWindow({ from: '2026-02-30' }, '2026-11-30')).toThrow(/not a YYYY-MM-DD day/);
  });
  it('previous window: same length, ending the day before the start', () => {
    expect(previousWindow({ start: '2026-03-01', end: '2026-03-31' })).toEqual({ start: '2026-01-29', end: '2026-02-28' });
    expect(previousWindow({ start: '2026-11-30', end: '2026-11-30' })).toEqual({ start: '2026-11-29', end: '2026-11-29' });
    expect(windowLength({ start: '2026-03-01', end: '2026-03-31' })).toBe(31);
  });
  it('presets', () => {
    expect(presetWindow('近7天', '2026-11-30')).toEqual({ start: '2026-11-24', end: '2026-11-30' });
    expect(presetWindow('近30天', '2026-11-30')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(presetWindow('近90天', '2026-11-30')).toEqual({ start: '2026-09-02', end: '2026-11-30' });
    expect(presetWindow('自然月', '2026-11-17')).toEqual({ start: '2026-11-01', end: '2026-11-17' });
    expect(presetWindow('自然月', '2026-11-17', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });
  it('latest day with data: contacts, placedAt and paidAt (also of unpaid orders); fallback when none', () => {
    expect(latestDataDay(buildSnapshot(world({})), '2026-12-24')).toBe('2026-12-24');
    const snap = buildSnapshot(
      world({
        contacts: [contact('A', '2026-11-20T17:00:00Z')], // 2026-11-21 in UTC+8
        orders: [order('B', { placedAt: '2026-11-18', paidAt: '2026-11-19', status: 'closed', amountFen: 1 })],
      }),
    );
    expect(latestDataDay(snap, '2000-01-01')).toBe('2026-11-21');
  });
});
