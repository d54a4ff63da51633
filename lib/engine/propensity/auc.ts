/** ROC AUC: how well a score ranks positives above negatives (SPEC §5.3 quality measure). */

/**
 * ROC AUC of `scores` against labels (1 positive, 0 negative), by the rank-sum (Mann–Whitney)
 * formula with midranks for ties, so a constant score gives exactly 0.5. Null when either class
 * is empty (the AUC is undefined then, never NaN).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`rocAuc: ${n} scores but ${labels.length} labels`);
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) pos++;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  // Midranks are halves of integers: their sum is exact in any order.
  const ranks = midranks(scores);
  let rankSumPos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) rankSumPos += ranks[i]!;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Midranks (1-based; ties share their mean rank) of `xs`. */
function midranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => xs[a]! - xs[b]!);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[order[j]!]! === xs[order[i]!]!) j++;
    for (let k = i; k < j; k++) out[order[k]!] = (i + 1 + j) / 2;
    i = j;
  }
  return out;
}

/**
 * Standard error of `rocAuc(scores, labels)` by DeLong's method (DeLong, DeLong & Clarke-Pearson 1988):
 * from each positive's share of negatives ranked below it and each negative's share of positives
 * above it, rows taken as independent. Null when either class has fewer than two rows.
 */
export function rocAucStandardError(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`rocAucStandardError: ${n} scores but ${labels.length} labels`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) (labels[i] ? pos : neg).push(scores[i]!);
  const m = pos.length;
  const k = neg.length;
  if (m < 2 || k < 2) return null;
  const all = midranks(scores);
  const rPos = midranks(pos);
  const rNeg = midranks(neg);
  // v10[i]: the share of negatives positive i outranks (ties half); v01[j]: the share of positives that outrank negative j.
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(k);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i]) {
      v10[p] = (all[i]! - rPos[p]!) / k;
      p++;
    } else {
      v01[q] = 1 - (all[i]! - rNeg[q]!) / m;
      q++;
    }
  }
  const variance = (v: Float64Array) => {
    let mean = 0;
    for (const x of v) mean += x;
    mean /= v.length;
    let ss = 0;
    for (const x of v) ss += (x - mean) ** 2;
    return ss / (v.length - 1);
  };
  return Math.sqrt(variance(v10) / m + variance(v01) / k);
}
