import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choleskySolve, fitLogistic, predictRow, sigmoid } from '../../../lib/engine/propensity/logistic';
import { rocAuc } from '../../../lib/engine/propensity/auc';
import { mulberry32 } from '../../fixtures/generate';

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}

function synthetic(n: number, beta: number[], b: number, seed: number) {
  const r = mulberry32(seed);
  const d = beta.length;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) {
      const v = gaussian(r);
      X[i * d + j] = v;
      z += v * beta[j]!;
    }
    y[i] = r() < sigmoid(z) ? 1 : 0;
  }
  return { X, y, d };
}

describe('sigmoid', () => {
  it('is finite and symmetric for large arguments', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
  });
});

describe('choleskySolve', () => {
  it('solves a hand-computed SPD system', () => {
    // [[4,2],[2,3]] x = [2, 1]  →  x = [0.5, 0]
    const g = Float64Array.from([2, 1]);
    expect(choleskySolve(Float64Array.from([4, 2, 2, 3]), g, 2)).toBe(true);
    expect(g[0]).toBeCloseTo(0.5, 12);
    expect(g[1]).toBeCloseTo(0, 12);
  });
  it('refuses a matrix that is not positive definite', () => {
    expect(choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBe(false);
  });
});

describe('fitLogistic', () => {
  it('recovers known weights from synthetic data', () => {
    const beta = [1.5, -2, 0.5, 0];
    const { X, y, d } = synthetic(40_000, beta, -0.7, 11);
    const fit = fitLogistic(X, y, d, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-0.7, 1);
    for (let j = 0; j < d; j++) expect(Math.abs(fit.weights[j]! - beta[j]!)).toBeLessThan(0.06);
  });

  it('is deterministic', () => {
    const { X, y, d } = synthetic(2000, [1, -1], 0.2, 3);
    const a = fitLogistic(X, y, d), b = fitLogistic(X, y, d);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.intercept).toBe(b.intercept);
  });

  it('treats a row weight of 2 like a duplicated row', () => {
    const { X, y, d } = synthetic(500, [0.8, -0.4], 0.1, 5);
    const w = new Float64Array(500).fill(1);
    for (let i = 0; i < 500; i += 3) w[i] = 2;
    const dupX: number[] = [], dupY: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (let k = 0; k < w[i]!; k++) {
        dupX.push(X[i * d]!, X[i * d + 1]!);
        dupY.push(y[i]!);
      }
    }
    const a = fitLogistic(X, y, d, { weights: w, l2: 0.01 });
    const b = fitLogistic(Float64Array.from(dupX), dupY, d, { l2: 0.01 });
    expect(a.intercept).toBeCloseTo(b.intercept, 8);
    for (let j = 0; j < d; j++) expect(a.weights[j]).toBeCloseTo(b.weights[j]!, 8);
  });

  it('shrinks weights as the L2 penalty grows and stays finite on separable data', () => {
    const X = Float64Array.from([-2, -1, 1, 2]);
    const y = [0, 0, 1, 1];
    const weak = fitLogistic(X, y, 1, { l2: 0.01 });
    const strong = fitLogistic(X, y, 1, { l2: 1 });
    expect(Number.isFinite(weak.weights[0]!)).toBe(true);
    expect(weak.weights[0]!).toBeGreaterThan(strong.weights[0]!);
    expect(strong.weights[0]!).toBeGreaterThan(0);
    expect(predictRow(weak, X, 3, 1)).toBeGreaterThan(0.9);
  });

  it('rejects a matrix of the wrong size with a clear message', () => {
    expect(() => fitLogistic(new Float64Array(5), [0, 1], 2)).toThrow(/expected 2 × 2/);
  });
});

describe('rocAuc', () => {
  it('matches hand-computed values', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0.5);
    // one tie between a positive and a negative counts one half: (1 + 0.5) / 2
    expect(rocAuc([1, 2, 2], [0, 0, 1])).toBe(0.75);
  });
  it('is null when a class is empty, and refuses mismatched lengths', () => {
    expect(rocAuc([1, 2], [0, 0])).toBeNull();
    expect(rocAuc([1, 2], [1, 1])).toBeNull();
    expect(() => rocAuc([1], [0, 1])).toThrow(/1 scores but 2 labels/);
  });
  it('equals the share of correctly ordered positive/negative pairs (ties ½)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }), (rows) => {
        const s = rows.map((r) => r[0]), l = rows.map((r) => (r[1] ? 1 : 0));
        let num = 0, den = 0;
        for (let i = 0; i < rows.length; i++)
          for (let j = 0; j < rows.length; j++)
            if (l[i] === 1 && l[j] === 0) {
              den++;
              num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
            }
        const auc = rocAuc(s, l);
        if (den === 0) expect(auc).toBeNull();
        else expect(auc).toBeCloseTo(num / den, 12);
      }),
    );
  });
});
