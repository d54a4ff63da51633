// SPEC §3 (用户资产) and §5.3 (高潜 threshold): the douyin indicator on the hand-computed world.
import { describe, expect, it } from 'vitest';
import type { PropensityScorer } from '@/lib/engine';
import { douyin } from '@/lib/engine/indicators/douyin';
import { key } from '../world';
import { BIG, run } from './input';

describe('douyin indicator (SPEC §3)', () => {
  it('counts users, purchasers, first-order, repeat and 高潜', () => {
    // users: A B C D E G H I J K L; purchasers D G K L; first G L; repeat D K; 高潜 (fallback): H only.
    expect(run(douyin, BIG.snap, BIG.window).field).toEqual({ users: 11, purchasers: 4, firstOrder: 2, repeat: 2, highPotential: 1 });
  });

  it('uses the given scorer for 高潜 with threshold 0.3 inclusive', () => {
    const scores: Record<string, number> = { [key('A')]: 0.3, [key('B')]: 0.2999, [key('H')]: 0.9, [key('D')]: 1 };
    const scorer: PropensityScorer = (s, asOf, cands) => {
      expect(s.customerKeys[0]).toBe(key('A'));
      expect(asOf).toBe(BIG.snap.latestDay);
      return Float64Array.from(cands, (c) => scores[s.customerKeys[c]!] ?? 0);
    };
    // D is a purchaser: never a candidate, whatever its score.
    expect(run(douyin, BIG.snap, BIG.window, { scorer }).field.highPotential).toBe(2);
  });
});
