// SPEC §5.4 (新客黄金期): the goldenWindow indicator, hand-computed.
import { describe, expect, it } from 'vitest';
import { goldenWindow } from '@/lib/engine/indicators/golden-window';
import { contact, world } from '../world';
import { BIG, run } from './input';

describe('goldenWindow indicator (SPEC §5.4)', () => {
  it('first contact in the 3 days ending W.end and no paid order', () => {
    // first contact 11-28…11-30 without a paid order: H (G bought; I's first contact is 11-27).
    expect(run(goldenWindow, BIG.snap, BIG.window).field).toBe(1);
  });

  it('its length is configurable and a customer first seen on W.end counts', () => {
    const data = world({ contacts: [contact('A', '2026-11-30'), contact('B', '2026-11-25')] });
    const w = { start: '2026-11-01', end: '2026-11-30' };
    expect(run(goldenWindow, data, w).field).toBe(1);
    expect(run(goldenWindow, data, w, { goldenWindowDays: 6 }).field).toBe(2);
    expect(run(goldenWindow, data, w, { goldenWindowDays: 5 }).field).toBe(1);
  });
});
