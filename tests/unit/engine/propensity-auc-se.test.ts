import { describe, expect, it } from 'vitest';
import { rocAuc, rocAucStandardError } from '../../../lib/engine/propensity';

describe('rocAucStandardError (DeLong)', () => {
  it('matches a hand computation without ties', () => {
    // Positives 0.9, 0.6; negatives 0.7, 0.2, 0.1. Per positive, the share of negatives below: 1, 2/3;
    // per negative, the share of positives above: 1/2, 1, 1. S10 = 1/18, S01 = 1/12; Var = S10/2 + S01/3 = 1/18.
    const scores = [0.9, 0.7, 0.6, 0.2, 0.1];
    const labels = [1, 0, 1, 0, 0];
    expect(rocAuc(scores, labels)).toBeCloseTo(5 / 6, 12);
    expect(rocAucStandardError(scores, labels)).toBeCloseTo(Math.sqrt(1 / 18), 12);
  });

  it('counts a tie as half, as rocAuc does', () => {
    // Positives 0.5, 0.8; negatives 0.5, 0.1: components 3/4, 1 and 3/4, 1 → S10 = S01 = 1/32; Var = 1/64 + 1/64.
    const scores = [0.5, 0.8, 0.5, 0.1];
    const labels = [1, 1, 0, 0];
    expect(rocAuc(scores, labels)).toBeCloseTo(0.875, 12);
    expect(rocAucStandardError(scores, labels)).toBeCloseTo(Math.sqrt(1 / 32), 12);
  });

  it('is null when a class has fewer than two rows', () => {
    expect(rocAucStandardError([0.2, 0.4, 0.9], [0, 0, 1])).toBeNull();
    expect(rocAucStandardError([], [])).toBeNull();
  });

  it('estimates the spread of the AUC over repeated samples', () => {
    // Seeded samples of 300 rows (positives' scores shifted by 1 sd): the mean DeLong SE must be
    // within 15% of the AUC's standard deviation across 400 samples.
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const aucs: number[] = [];
    let seSum = 0;
    for (let s = 0; s < 400; s++) {
      const scores: number[] = [];
      const labels: number[] = [];
      for (let i = 0; i < 300; i++) {
        const y = uniform() < 0.2 ? 1 : 0;
        labels.push(y);
        scores.push(normal() + y);
      }
      aucs.push(rocAuc(scores, labels)!);
      seSum += rocAucStandardError(scores, labels)!;
    }
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    const sd = Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (aucs.length - 1));
    expect(seSum / aucs.length / sd).toBeGreaterThan(0.85);
    expect(seSum / aucs.length / sd).toBeLessThan(1.15);
  });
});
