/**
 * The scorer's one-pass feature writer (features-scoring.ts, issue 14 cold open) against the fit
 * path's writer (writeFeatures, the reference): the same values bit for bit, on random shops, days
 * (the 大促 phases included), blocks and both column widths a snapshot comes in (days Int32 as built
 * or Uint16 as stored; amounts Float64 or Int32); and a fitted model scores exactly as the reference
 * rows dotted with its parameters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, type Snapshot } from '../../../lib/engine/snapshot';
import { FEATURE_COUNT, propensityModelFromParams, scoringPopulation, writeFeatures } from '../../../lib/engine/propensity';
import { writeFeatureRows } from '../../../lib/engine/propensity/features-scoring';
import { sigmoid } from '../../../lib/engine/propensity/logistic';
import { PROMO_DAYS } from '../../../lib/engine/promo-calendar';
import { dayNumber } from '../../../lib/model';
import { generateShop } from '../../fixtures/generate';

const END = '2026-11-20';
const shops = new Map<number, Snapshot>();
function shop(seed: number): Snapshot {
  let s = shops.get(seed);
  if (!s) {
    s = buildSnapshot(generateShop({ seed, platform: 'douyin', shopId: `s${seed}`, shopName: 'shop', customers: 150, endDay: END, days: 420, promoSeason: seed % 2 === 0 }));
    shops.set(seed, s);
  }
  return s;
}

/** The snapshot with its day columns as Uint16 and amounts as Int32 (as a stored snapshot reads them). */
function narrowed(s: Snapshot): Snapshot {
  return { ...s, custContactDay: Uint16Array.from(s.custContactDay), custPaidDay: Uint16Array.from(s.custPaidDay), custPaidAmountFen: Int32Array.from(s.custPaidAmountFen) };
}

/** First index where the two rows differ bit for bit (Object.is: −0 ≠ 0, NaN = NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

const endNum = dayNumber(END);
// Days on and around the 大促 of the history (warm-up, the label window, the day itself) and any day.
const promoNear = PROMO_DAYS.map((p) => dayNumber(p.day)).filter((d) => d > endNum - 380 && d <= endNum);
const dayArb = fc.oneof(
  fc.integer({ min: endNum - 400, max: endNum + 3 }),
  fc.tuple(fc.constantFrom(...promoNear), fc.integer({ min: -25, max: 3 })).map(([d, k]) => d + k),
);

describe('the scorer feature writer', () => {
  it('writes exactly writeFeatures’ values for every customer, any day, block and column width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), dayArb, fc.boolean(), fc.integer({ min: 0, max: 40 }), (seed, t, narrow, cut) => {
        const s = narrow ? narrowed(shop(seed)) : shop(seed);
        const all = Int32Array.from({ length: s.customerCount }, (_, c) => c);
        const from = Math.min(cut, all.length), to = all.length;
        const got = new Float64Array((to - from) * FEATURE_COUNT);
        writeFeatureRows(s, t, all, from, to, got);
        const want = new Float64Array((to - from) * FEATURE_COUNT);
        for (let r = from; r < to; r++) writeFeatures(s, all[r]!, t, want, (r - from) * FEATURE_COUNT);
        const i = firstDifference(got, want);
        expect(i, i < 0 ? '' : `customer ${all[from + Math.floor(i / FEATURE_COUNT)]}, column ${i % FEATURE_COUNT}: ${got[i]} vs ${want[i]}`).toBe(-1);
      }),
      { numRuns: 40 },
    );
  });

  it('a model scores its population exactly as the reference rows dotted with its parameters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        dayArb,
        fc.boolean(),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: FEATURE_COUNT + 1, maxLength: FEATURE_COUNT + 1 }),
        (seed, t, narrow, ws) => {
          const s = narrow ? narrowed(shop(seed)) : shop(seed);
          const candidates = scoringPopulation(s, t);
          const mean = ws.slice(1).map((w, j) => w / 7 + j / 50);
          const sd = ws.slice(1).map((w) => 0.5 + Math.abs(w));
          const params = { intercept: ws[0]!, weights: ws.slice(1), mean, sd };
          const got = propensityModelFromParams(params, { asOfDay: t }).score(s, t, candidates);
          const x = new Float64Array(FEATURE_COUNT);
          const want = Float64Array.from(candidates, (c) => {
            writeFeatures(s, c, t, x, 0);
            let z = params.intercept;
            for (let j = 0; j < FEATURE_COUNT; j++) z += ((x[j]! - mean[j]!) / sd[j]!) * params.weights[j]!;
            return sigmoid(z);
          });
          expect(firstDifference(got, want)).toBe(-1);
        },
      ),
      { numRuns: 25 },
    );
  });
});
