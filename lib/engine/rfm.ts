/** RFM eight classes (八大客户类型), SPEC §5.2. */
import { lowerBound as lowerBound_, type Snapshot } from './snapshot';
import { LOOKBACK_DAYS } from './window';
import { lazySets, membersWithCode } from './sets';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const lowerBound = lowerBound_;

/** Class names in report order; code = (M high ? 0 : 4) + (R high ? 0 : 2) + (F high ? 0 : 1). */
export const RFM_CLASSES = [
  'importantValue', // 重要价值 R↑F↑M↑
  'importantDevelop', // 重要发展 R↑F↓M↑
  'importantKeep', // 重要保持 R↓F↑M↑
  'importantRetain', // 重要挽留 R↓F↓M↑
  'generalValue', // 一般价值 R↑F↑M↓
  'generalDevelop', // 一般发展 R↑F↓M↓
  'generalKeep', // 一般保持 R↓F↑M↓
  'generalRetain', // 一般挽留 R↓F↓M↓
] as const;
export type RfmClass = (typeof RFM_CLASSES)[number];

export interface RfmResult {
  counts: Record<RfmClass, number>;
  /** Member sets per class, built on first access. */
  members: Record<RfmClass, Int32Array>;
  /** Per customer: index into RFM_CLASSES, -1 when no paid order in the L days ending W.end. */
  classOf: Int8Array;
  /** Means over the purchasers (null when none): R in days, F in orders, M in fen. */
  means: { r: number; f: number; m: number } | null;
}

/** x·n compared with `sum` exactly while the product is a safe integer, else as x vs sum / n. */
function atLeastMean(x: number, n: number, sum: number): boolean {
  const p = x * n;
  return Number.isSafeInteger(p) && Number.isSafeInteger(sum) ? p >= sum : x >= sum / n;
}

/** RFM classes as of `endDay` over paid orders happening in the L days ending it; "high" ties with the mean count as high. */
export function rfmClasses(snap: Snapshot, endDay: number): RfmResult {
  const n = snap.customerCount;
  const from = endDay - LOOKBACK_DAYS + 1;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, pAmt = snap.custPaidAmountFen;
  const R = new Int32Array(n), F = new Int32Array(n), M = new Float64Array(n);
  const classOf = new Int8Array(n).fill(-1);
  let buyers = 0, sumR = 0, sumF = 0, sumM = 0;
  for (let c = 0; c < n; c++) {
    const lo = lowerBound(pDay, pStart[c]!, pStart[c + 1]!, from);
    const hi = lowerBound(pDay, lo, pStart[c + 1]!, endDay + 1);
    if (hi === lo) continue;
    let m = 0;
    for (let k = lo; k < hi; k++) m += pAmt[k]!;
    R[c] = endDay - pDay[hi - 1]!;
    F[c] = hi - lo;
    M[c] = m;
    classOf[c] = 0;
    buyers++;
    sumR += R[c]!;
    sumF += F[c]!;
    sumM += m;
  }
  const counts = Object.fromEntries(RFM_CLASSES.map((k) => [k, 0])) as Record<RfmClass, number>;
  const codeCounts = new Int32Array(8);
  for (let c = 0; c < n; c++) {
    if (classOf[c] === -1) continue;
    // R: fewer days is better, so high when R ≤ mean, i.e. −R·n ≥ −ΣR.
    const rHigh = atLeastMean(-R[c]!, buyers, -sumR);
    const fHigh = atLeastMean(F[c]!, buyers, sumF);
    const mHigh = atLeastMean(M[c]!, buyers, sumM);
    const code = (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1);
    classOf[c] = code;
    codeCounts[code]!++;
  }
  const build = {} as Record<RfmClass, () => Int32Array>;
  RFM_CLASSES.forEach((k, code) => {
    counts[k] = codeCounts[code]!;
    build[k] = () => membersWithCode(classOf, code);
  });
  const members = lazySets(build);
  return {
    counts,
    members,
    classOf,
    means: buyers > 0 ? { r: sumR / buyers, f: sumF / buyers, m: sumM / buyers } : null,
  };
}
