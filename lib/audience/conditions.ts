/**
 * Parameterised audience conditions (issue 13 item 5): tags whose id carries a number of days or
 * orders, so that an expression can say `tier:purchasers 交 recentPaid:30 差 exported:7`.
 *
 * - `recentPaid:N` 最近购买 N 天内: customers with a paid order (status as last seen) whose day
 *   (paid day, else placed day) is one of the N days ending W.end.
 * - `paidCount:N` 购买次数 ≥ N: customers with at least N such paid orders in the lookback L
 *   (SPEC §2: the 365 days ending W.end — the same orders RFM's F counts).
 * - `exported:N` 近 N 天已导出: members (not the held-out control) frozen in any export of this
 *   shop made on or after the N-th day before W.end's end, i.e. on a day ≥ W.end − N + 1 (UTC+8) —
 *   exports made after W.end count too: a merchant looking at yesterday's data who exported
 *   today has exported "recently".
 *
 * The ids are bare words of the expression grammar (no grammar change: saved expressions keep
 * parsing). N is a whole number 1 … MAX_CONDITION_N written without leading zeros, so each
 * condition has one id.
 */
import { customerIndexOf, LOOKBACK_DAYS, NO_DAY, toRange, type DayWindow, type Snapshot } from '../engine';
import { textOf } from '../i18n/text';
import { dayNumber, dayOf, type ExportRecord } from '../model';
import type { FlagResolver } from './expression';

export type ConditionKind = 'recentPaid' | 'paidCount' | 'exported';

/** Largest N a condition takes (days or orders). */
export const MAX_CONDITION_N = 3650;

/** A parameterised condition: which, and its number. */
interface Condition {
  kind: ConditionKind;
  n: number;
}

const ID = /^(recentPaid|paidCount|exported):([1-9][0-9]{0,3})$/;

/** The condition an id names, or null (not a condition id, or N out of range). */
export function parseCondition(id: string): Condition | null {
  const m = ID.exec(id);
  if (!m) return null;
  const n = Number(m[2]);
  return n <= MAX_CONDITION_N ? { kind: m[1] as ConditionKind, n } : null;
}

/** The tag id of a condition (N rounded down and clamped to 1 … MAX_CONDITION_N). */
export function conditionId(kind: ConditionKind, n: number): string {
  const whole = Math.min(MAX_CONDITION_N, Math.max(1, Math.floor(Number.isFinite(n) ? n : 1)));
  return `${kind}:${whole}`;
}

/** The merchant's words for a condition, zh-CN and English. */
export function conditionLabel(c: Condition): { zh: string; en: string } {
  return textOf(`cond_${c.kind}`, { n: c.n });
}

/** Member flags of `recentPaid:N` or `paidCount:N` over the snapshot for window `window` (see the header). */
function orderConditionFlags(snap: Snapshot, window: DayWindow, c: Condition): Uint8Array {
  const n = snap.customerCount;
  const end = toRange(window).end;
  const from = c.kind === 'recentPaid' ? end - c.n + 1 : end - LOOKBACK_DAYS + 1;
  const f = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let j = snap.custPaidStart[i]!; j < snap.custPaidStart[i + 1]!; j++) {
      const d = snap.custPaidDay[j]!;
      if (d !== NO_DAY && d >= from && d <= end) count++;
    }
    f[i] = c.kind === 'recentPaid' ? (count > 0 ? 1 : 0) : count >= c.n ? 1 : 0;
  }
  return f;
}

/** What `exported:N` reads of an export record. */
export type ExportedMembers = Pick<ExportRecord, 'shopId' | 'exportedAt' | 'members'>;

/** Member flags of `exported:N`: the members of this shop's exports made on a day ≥ W.end − N + 1 (see the header). */
function exportedFlags(snap: Snapshot, window: DayWindow, n: number, exports: readonly ExportedMembers[]): Uint8Array {
  const f = new Uint8Array(snap.customerCount);
  const from = toRange(window).end - n + 1;
  for (const e of exports) {
    if (e.shopId !== snap.shopId || dayNumber(dayOf(e.exportedAt)) < from) continue;
    for (const k of e.members) {
      const c = customerIndexOf(snap, k);
      if (c >= 0) f[c] = 1;
    }
  }
  return f;
}

/**
 * A resolver that answers the condition ids (cached per id) and passes every other id to `base`
 * (a tag index's resolver). `exports` are the shop's export records at the time of asking.
 */
export function withConditions(base: FlagResolver, snap: Snapshot, window: DayWindow, exports: readonly ExportedMembers[]): FlagResolver {
  const cache = new Map<string, Uint8Array>();
  return (id) => {
    const c = parseCondition(id);
    if (!c) return base(id);
    let f = cache.get(id);
    if (!f) cache.set(id, (f = c.kind === 'exported' ? exportedFlags(snap, window, c.n, exports) : orderConditionFlags(snap, window, c)));
    return f;
  };
}
