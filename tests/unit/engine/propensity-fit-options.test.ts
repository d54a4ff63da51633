/**
 * fitRows' options (the ordinary-day recipe of model.ts): the positives weighted up in the fit
 * with the intercept refitted on the true weights keep the training rows' mean probability at their
 * (weighted) purchase rate — the calibration the 0.3 threshold relies on — and a held column stays
 * at weight 0 whatever its values.
 */
import { describe, expect, it } from 'vitest';
import { fitRows } from '../../../lib/engine/propensity/training';
import { sigmoid } from '../../../lib/engine/propensity/logistic';
import { mulberry32 } from '../../../lib/model/random';
import type { Snapshot } from '../../../lib/engine/snapshot';

const n = 20_000;
const r = mulberry32(5);
const x1 = Float64Array.from({ length: n }, () => (r() < 0.5 ? 0 : r() * 4));
const x2 = Float64Array.from({ length: n }, () => r());
const labels = Uint8Array.from(x1, (v, i) => (r() < sigmoid(-3.5 + 0.9 * v + 0.5 * x2[i]! + 0.3 * v * x2[i]!) ? 1 : 0));
// Negatives sub-sampled at rate 0.5 and weighted back up, as sampleRows does.
const weights = Float64Array.from(labels, (y, i) => (y ? 1 : i % 2 ? 2 : 0));
const rows = { customers: Int32Array.from({ length: n }, (_, i) => i), days: new Int32Array(n), labels, weights, positives: 0 };
const snap = {} as Snapshot; // the writer reads only the row index
const write = (_s: Snapshot, c: number, _t: number, out: Float64Array, o: number) => void ((out[o] = x1[c]!), (out[o + 1] = x2[c]!), (out[o + 2] = c % 7));

function meanProbability(p: ReturnType<typeof fitRows>): { predicted: number; rate: number } {
  let sp = 0, sy = 0, sw = 0;
  const x = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    if (!weights[i]) continue;
    write(snap, i, 0, x, 0);
    let z = p.intercept;
    for (let j = 0; j < 3; j++) z += (p.weights[j]! * (x[j]! - p.mean[j]!)) / p.sd[j]!;
    sp += weights[i]! * sigmoid(z);
    sy += weights[i]! * labels[i]!;
    sw += weights[i]!;
  }
  return { predicted: sp / sw, rate: sy / sw };
}

describe('fitRows options', () => {
  it('positiveWeight: the slopes are refitted, the mean probability stays the weighted purchase rate', () => {
    const plain = fitRows(snap, rows, write, 3, 1e-3);
    const up = fitRows(snap, rows, write, 3, 1e-3, { positiveWeight: 10 });
    expect(up.weights[0]).not.toBeCloseTo(plain.weights[0]!, 3); // a different fit …
    const a = meanProbability(plain), b = meanProbability(up);
    expect(a.predicted).toBeCloseTo(a.rate, 6);
    expect(b.predicted).toBeCloseTo(b.rate, 6); // … calibrated in the large like the plain one
  });

  it('zeroColumns: a held column gets weight 0 and leaves the others as without it', () => {
    const held = fitRows(snap, rows, write, 3, 1e-3, { zeroColumns: [2] });
    const without = fitRows(snap, rows, (s, c, t, out, o) => void ((out[o] = x1[c]!), (out[o + 1] = x2[c]!)), 2, 1e-3);
    expect(held.weights[2]).toBe(0);
    expect(held.weights[0]).toBeCloseTo(without.weights[0]!, 8);
    expect(held.weights[1]).toBeCloseTo(without.weights[1]!, 8);
  });
});
