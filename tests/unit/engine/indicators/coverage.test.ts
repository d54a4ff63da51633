// SPEC §5.4 (基准数据覆盖率): the coverage indicator on the hand-computed world.
import { describe, expect, it } from 'vitest';
import { coverage } from '@/lib/engine/indicators/coverage';
import { BIG, run } from './input';

describe('coverage indicator (SPEC §5.4)', () => {
  it('shares of gender, city and full phone over the L days ending W.end', () => {
    // base: 13 with a contact 2025-12-01…2026-11-30 (all but F); gender A D G; city D L; phone A D L; all D.
    expect(run(coverage, BIG.snap, BIG.window).field).toEqual({ all: 1 / 13, gender: 3 / 13, city: 2 / 13, phone: 3 / 13 });
  });
});
