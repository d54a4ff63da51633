// SPEC §5.2 (八大客户类型): the rfm indicator, hand-computed.
import { describe, expect, it } from 'vitest';
import { rfm } from '@/lib/engine/indicators/rfm';
import { order, world } from '../world';
import { BIG, run } from './input';

const W = { start: '2026-11-01', end: '2026-11-30' };
const paid = (id: string, day: string, amountFen = 100) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });

describe('rfm indicator (SPEC §5.2)', () => {
  it('classes of the hand-computed world', () => {
    // D R29 F2 M17000 · G R0 F1 M9900 · K R10 F2 M24002 · L R27 F2 M51000; means R16.5 F1.75 M25475.5
    expect(run(rfm, BIG.snap, BIG.window).field).toEqual({
      importantValue: 0, importantDevelop: 0, importantKeep: 1, importantRetain: 0,
      generalValue: 1, generalDevelop: 1, generalKeep: 1, generalRetain: 0,
    });
  });

  it('R equal to the mean is high', () => {
    const data = world({ orders: [paid('A', '2026-11-30', 100), paid('B', '2026-11-25', 200), paid('C', '2026-11-20', 300)] });
    // R 0 / 5 / 10, mean 5; F all 1 = mean (high); M 100/200/300, mean 200.
    // A: R↑F↑M↓ 一般价值; B: ties on R and M → R↑F↑M↑ 重要价值; C: R↓F↑M↑ 重要保持.
    const r = run(rfm, data, W).field;
    expect(r).toMatchObject({ importantValue: 1, generalValue: 1, importantKeep: 1 });
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('looks back exactly 365 days ending W.end', () => {
    const r = run(rfm, world({ orders: [paid('A', '2025-12-01'), paid('B', '2025-11-30')] }), W).field;
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
