// SPEC §4 (店铺客户资产 asset layers): the assets indicator on the hand-computed world.
import { describe, expect, it } from 'vitest';
import { assets } from '@/lib/engine/indicators/assets';
import { BIG, run } from './input';

describe('assets indicator (SPEC §4)', () => {
  it('layers as of W.end', () => {
    // fans D H L + member F; active = all with a contact 09-02…11-30 (12); dormant F (record only) and M.
    expect(run(assets, BIG.snap, BIG.window).field).toEqual({ relationship: 4, active: 12, dormant: 2 });
  });
});
