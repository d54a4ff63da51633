/**
 * What the side panel's views need beyond the §9 report, computed in the engine worker from the
 * same analysis (member sets), so that React components only lay numbers out.
 */
import {
  LOOKBACK_DAYS,
  RFM_CLASSES,
  lowerBound,
  toRange,
  type Analysis,
  type DayWindow,
  type RfmClass,
  type Snapshot,
} from '@/lib/engine';
import { audiencePreferences, type Preferences } from '@/lib/engine/preferences';
import type { PropensityModel } from '@/lib/engine/propensity/model';
import type { PropensitySelection } from '@/lib/engine/propensity/backtest';
import type { PropensityReason } from '@/lib/engine/propensity/reasons';
import type { Customer } from '@/lib/model';

/** One reason behind a 高潜 score: a group of the model's terms, its arrow and the customer's telling value (lib/engine/propensity/reasons.ts). */
export type ScoreReason = PropensityReason;

/** One ranked 高潜 customer. */
export interface HighPotentialRow {
  key: string;
  name: string;
  score: number;
  reasons: ScoreReason[];
}

export interface ViewExtras {
  /** How 高潜 was scored: a model fitted on the shop's history, or the documented heuristic. */
  model: {
    kind: 'logistic' | 'fallback';
    reason?: string;
    rows: number;
    positives: number;
    /** propensity selection: which scorer the self-backtest chose and the AUCs it compared (absent: not backtested). */
    selection?: PropensitySelection;
  };
  /** 高潜 customers ranked by score (at most HIGH_POTENTIAL_LIST_MAX rows), with top reasons. */
  highPotential: HighPotentialRow[];
  highPotentialTotal: number;
  /** What the 高潜 customers bought before (paid orders in the L days ending W.end). */
  potentialPreferences: Preferences;
  /** What the window's purchasers bought in W. */
  purchaserPreferences: Preferences;
  /** RFM: paid amount (M) per class over the L days ending W.end, and the means the classes split on. */
  rfm: { gmvFen: Record<RfmClass, number>; means: { r: number; f: number; m: number } | null };
  /** 基准数据覆盖率 counts (base = customers with a contact in the L days ending W.end). */
  coverageCounts: { base: number; all: number; gender: number; city: number; phone: number };
}

/** Longest 高潜 list sent to the panel (the report still counts every one). */
export const HIGH_POTENTIAL_LIST_MAX = 10_000;

/** A customer's display name: the record's nickname, else the nickname / buyer id in its key. */
export function displayName(key: string, customer: Pick<Customer, 'nickname' | 'buyerId'> | undefined): string {
  if (customer?.nickname) return customer.nickname;
  if (customer?.buyerId) return customer.buyerId;
  const m = /^[^:]+:.*?:(?:nick|id):([\s\S]*)$/.exec(key);
  return m?.[1] ?? key;
}

/** Paid amount (fen) per RFM class: each member's paid orders happening in the L days ending `endDay`. */
export function rfmGmvByClass(snap: Snapshot, classOf: Int8Array, endDay: number): Record<RfmClass, number> {
  const sums = new Float64Array(RFM_CLASSES.length);
  const from = endDay - LOOKBACK_DAYS + 1;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, pAmt = snap.custPaidAmountFen;
  for (let c = 0; c < snap.customerCount; c++) {
    const code = classOf[c]!;
    if (code < 0) continue;
    const lo = lowerBound(pDay, pStart[c]!, pStart[c + 1]!, from);
    const hi = lowerBound(pDay, lo, pStart[c + 1]!, endDay + 1);
    for (let k = lo; k < hi; k++) sums[code]! += pAmt[k]!;
  }
  return Object.fromEntries(RFM_CLASSES.map((k, i) => [k, sums[i]!])) as Record<RfmClass, number>;
}

/** The extras of one analysed window (see ViewExtras). */
export function viewExtras(
  snap: Snapshot,
  window: DayWindow,
  analysis: Analysis,
  model: PropensityModel,
  customerOf: (key: string) => Customer | undefined,
): ViewExtras {
  const range = toRange(window);
  const dy = analysis.sets.douyin;
  const hp = dy.highPotential, scores = dy.highPotentialScores;
  const shown = Math.min(hp.length, HIGH_POTENTIAL_LIST_MAX);
  const rows: HighPotentialRow[] = new Array(shown);
  for (let i = 0; i < shown; i++) {
    const c = hp[i]!;
    const key = snap.customerKeys[c]!;
    rows[i] = {
      key,
      name: displayName(key, customerOf(key)),
      score: scores[i]!,
      reasons: model.reasons(snap, range.end, c, 3),
    };
  }
  const lookback = { start: range.end - LOOKBACK_DAYS + 1, end: range.end };
  const cov = analysis.sets.coverage;
  return {
    model: { kind: model.kind, reason: model.fallbackReason, rows: model.rows, positives: model.positives, ...(model.selection ? { selection: model.selection } : {}) },
    highPotential: rows,
    highPotentialTotal: hp.length,
    potentialPreferences: audiencePreferences(snap, hp, lookback),
    purchaserPreferences: audiencePreferences(snap, dy.purchasers, range),
    rfm: { gmvFen: rfmGmvByClass(snap, analysis.sets.rfm.classOf, range.end), means: analysis.sets.rfm.means },
    coverageCounts: { ...cov.counts },
  };
}
