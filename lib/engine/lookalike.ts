/**
 * 相似人群 lookalike (SPEC §6.3): rank the shop's other known customers by similarity to a seed
 * audience and keep the top N.
 *
 * Each known customer (a customer record, or a first contact on or before `asOfDay`) gets a
 * vector: the purchase-propensity features at `asOfDay` (behaviour: recency, contacts by kind,
 * cart adds, purchases, spend, channel mix, tenure — see propensity/features.ts) plus gender
 * (f, m one-hot). Columns are standardised over all known customers (z-scores), so no single
 * unit dominates. Similarity is the cosine between a customer's vector and the seed centroid
 * (the mean of the seed members' vectors); ties go to the lower customer index.
 */
import { HAS_RECORD, type Snapshot } from './snapshot';
import { FEATURE_COUNT, columnStats, standardize, writeFeatures } from './propensity/features';

export interface Lookalike {
  /** Customer indexes, most similar first (seed members excluded). */
  members: Int32Array;
  /** Cosine similarity of each, in [−1, 1]. */
  scores: Float64Array;
}

const D = FEATURE_COUNT + 2;

/** Customers known by `asOfDay`: a customer record, or a first contact on or before it (ascending). */
export function knownCustomers(snap: Snapshot, asOfDay: number): Int32Array {
  const out: number[] = [];
  for (let c = 0; c < snap.customerCount; c++) {
    const j = snap.custContactStart[c]!;
    const hasEarlyContact = j < snap.custContactStart[c + 1]! && snap.custContactDay[j]! <= asOfDay;
    if (hasEarlyContact || snap.customerFlags[c]! & HAS_RECORD) out.push(c);
  }
  return Int32Array.from(out);
}

/** Standardised lookalike vectors (row-major, `D` columns) of `customers` at `asOfDay`. */
export function lookalikeVectors(snap: Snapshot, asOfDay: number, customers: Int32Array): Float64Array {
  const X = new Float64Array(customers.length * D);
  for (let r = 0; r < customers.length; r++) {
    const c = customers[r]!;
    writeFeatures(snap, c, asOfDay, X, r * D);
    const g = snap.customerGender[c]!;
    X[r * D + FEATURE_COUNT] = g === 1 ? 1 : 0;
    X[r * D + FEATURE_COUNT + 1] = g === 2 ? 1 : 0;
  }
  const { mean, sd } = columnStats(X, customers.length, D);
  standardize(X, D, mean, sd);
  return X;
}

/** The top `n` known non-seed customers by cosine similarity to the seed centroid at `asOfDay`. */
export function lookalike(snap: Snapshot, seed: Int32Array, asOfDay: number, n: number): Lookalike {
  if (seed.length === 0 || n <= 0) return { members: new Int32Array(0), scores: new Float64Array(0) };
  const known = knownCustomers(snap, asOfDay);
  const inSeed = new Uint8Array(snap.customerCount), isKnown = new Uint8Array(snap.customerCount);
  for (const c of known) isKnown[c] = 1;
  // Seed members are part of the standardisation population even if not otherwise "known".
  const extra: number[] = [];
  for (const c of seed) {
    if (!inSeed[c] && !isKnown[c]) extra.push(c);
    inSeed[c] = 1;
  }
  const pop = extra.length ? Int32Array.from([...known, ...extra]) : known;
  const X = lookalikeVectors(snap, asOfDay, pop);

  const centroid = new Float64Array(D);
  let seeds = 0;
  for (let r = 0; r < pop.length; r++) {
    if (!inSeed[pop[r]!]) continue;
    seeds++;
    for (let j = 0; j < D; j++) centroid[j]! += X[r * D + j]!;
  }
  let cnorm = 0;
  for (let j = 0; j < D; j++) {
    centroid[j]! /= seeds;
    cnorm += centroid[j]! * centroid[j]!;
  }
  cnorm = Math.sqrt(cnorm);

  const cand: number[] = [], sim: number[] = [];
  for (let r = 0; r < pop.length; r++) {
    const c = pop[r]!;
    if (inSeed[c]) continue;
    let dot = 0, norm = 0;
    for (let j = 0; j < D; j++) {
      const v = X[r * D + j]!;
      dot += v * centroid[j]!;
      norm += v * v;
    }
    cand.push(c);
    sim.push(norm > 0 && cnorm > 0 ? dot / (Math.sqrt(norm) * cnorm) : 0);
  }
  const order = cand.map((_, i) => i).sort((a, b) => sim[b]! - sim[a]! || cand[a]! - cand[b]!);
  const k = Math.min(n, order.length);
  const members = new Int32Array(k), scores = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    members[i] = cand[order[i]!]!;
    scores[i] = sim[order[i]!]!;
  }
  return { members, scores };
}
