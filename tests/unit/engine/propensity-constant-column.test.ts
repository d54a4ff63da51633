/**
 * A column that is the same on every training row (a calendar column past the calendar's last
 * 大促, a shop where everyone is a fan) must not change the fit, however many rows there are: the
 * floating-point mean of 40 000 equal values is off by ~1e-12, and an sd taken from that error
 * once scaled the column by 1e12 and broke the model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnStats } from '../../../lib/engine/propensity/features';
import { fitRows } from '../../../lib/engine/propensity/training';
import { mulberry32 } from '../../../lib/model/random';
import type { Snapshot } from '../../../lib/engine/snapshot';

describe('constant columns', () => {
  it('columnStats: a constant column has sd 1 at any row count and value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60_000 }), fc.double({ min: -500, max: 500, noNaN: true }), (rows, v) => {
        const { sd } = columnStats(new Float64Array(rows).fill(v), rows, 1);
        expect(sd[0]).toBe(1);
      }),
      { numRuns: 40 },
    );
    // The case that broke: 40 000 rows of log1p(60) (a capped "days to the next 大促").
    expect(columnStats(new Float64Array(40_000).fill(Math.log1p(60)), 40_000, 1).sd[0]).toBe(1);
  });

  it('fitRows: adding a constant column of log1p(60) to 40 000 rows leaves the other weights as they were', () => {
    const n = 40_000, r = mulberry32(9);
    const x = Float64Array.from({ length: n }, () => (r() < 0.6 ? 0 : 1 + r() * 3));
    const labels = Uint8Array.from(x, (v) => (r() < 1 / (1 + Math.exp(3 - 1.2 * v)) ? 1 : 0));
    const rows = { customers: Int32Array.from({ length: n }, (_, i) => i), days: new Int32Array(n), labels, weights: new Float64Array(n).fill(1), positives: 0 };
    const snap = {} as Snapshot; // the writers below read only the row index
    const one = fitRows(snap, rows, (_s, c, _t, out, o) => void (out[o] = x[c]!), 1, 1e-3);
    const two = fitRows(snap, rows, (_s, c, _t, out, o) => void ((out[o] = x[c]!), (out[o + 1] = Math.log1p(60))), 2, 1e-3);
    expect(one.weights[0]).toBeGreaterThan(0.3); // the signal is found
    expect(two.weights[0]).toBeCloseTo(one.weights[0]!, 6);
    expect(two.intercept).toBeCloseTo(one.intercept, 6);
    expect(Math.abs(two.weights[1]!)).toBeLessThan(1e-6);
    expect(two.sd[1]).toBe(1); // not the ~1e-12 of the mean's rounding error
  });
});
