/** The consoles' figures beside ours (lib/engine/console-figures.ts): which snapshot is chosen, and the share. */
import { describe, expect, it } from 'vitest';
import { consoleFigures, shareCaptured } from '@/lib/engine/console-figures';
import type { PlatformSnapshot } from '@/lib/model';

const W = { start: '2026-10-22', end: '2026-11-20' };
const compass = (seenOn: string, purchasers: number, window?: { start: string; end: string }): PlatformSnapshot => ({
  shopId: 'S',
  source: 'compass-user-asset',
  seenOn,
  ...(window ? { window } : {}),
  metrics: { purchasers: { value: purchasers }, highPotential: { low: 10000, high: 25000 } },
});
const purchasersOf = (list: ReturnType<typeof consoleFigures>) => list.find((f) => f.figure === 'purchasers');

describe('consoleFigures: the snapshot for the window shown', () => {
  it('rule 1: the window equal to the one shown wins over a later one of another period; the latest of equals', () => {
    const list = consoleFigures([compass('2026-11-21', 7702, W), compass('2026-12-01', 7800, W), compass('2026-11-25', 999, { start: '2026-11-14', end: '2026-11-20' })], W);
    expect(purchasersOf(list)).toEqual({ figure: 'purchasers', source: 'compass-user-asset', value: 7800, seenOn: '2026-12-01', window: W, exact: true });
  });
  it('rule 2: else the latest seen inside the window (a window inside W, or a day in W or the day after it), not exact', () => {
    const week = { start: '2026-11-14', end: '2026-11-20' };
    expect(purchasersOf(consoleFigures([compass('2026-11-21', 500, week), compass('2026-11-20', 400)], W))).toEqual({
      figure: 'purchasers', source: 'compass-user-asset', value: 500, seenOn: '2026-11-21', window: week, exact: false,
    });
    expect(purchasersOf(consoleFigures([compass('2026-11-21', 400)], W))).toMatchObject({ value: 400, exact: false });
  });
  it('rule 3: a figure of another period is never shown', () => {
    expect(consoleFigures([compass('2026-11-22', 400), compass('2026-10-21', 300), compass('2026-11-21', 200, { start: '2026-10-01', end: '2026-11-20' })], W)).toEqual([]);
  });
  it('a range stays a range; each local figure maps to its console key (生意参谋: 支付买家数 → 成交用户)', () => {
    const list = consoleFigures([
      compass('2026-11-21', 7702, W),
      { shopId: 'S', source: 'sycm-customer', seenOn: '2026-11-21', window: W, metrics: { payingBuyers: { value: 885 }, newVisitors: { value: 5883 } } },
    ], W);
    expect(list.map((f) => [f.source, f.figure, f.value ?? `${f.low}-${f.high}`])).toEqual([
      ['compass-user-asset', 'highPotential', '10000-25000'],
      ['compass-user-asset', 'purchasers', 7702],
      ['sycm-customer', 'purchasers', 885],
      ['sycm-customer', 'newVisitors', 5883],
    ]);
  });
});

describe('shareCaptured', () => {
  it('local ÷ console for an exact window; none for a range, another period, a zero or 高潜', () => {
    const [hp, p] = consoleFigures([compass('2026-11-21', 7702, W)], W);
    expect(shareCaptured(16, p!)).toBeCloseTo(16 / 7702, 12);
    expect(shareCaptured(16, hp!)).toBeNull();
    expect(shareCaptured(16, { ...p!, exact: false })).toBeNull();
    expect(shareCaptured(16, { ...p!, value: 0 })).toBeNull();
    // 高潜: ours is the shop model's prediction, not a captured part of the console's 高潜.
    expect(shareCaptured(16, { ...p!, figure: 'highPotential' })).toBeNull();
  });
});
