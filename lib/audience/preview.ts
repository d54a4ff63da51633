/**
 * 预览: the first members of an audience with what a merchant checks before exporting — nickname,
 * 最近购买 (day of the last paid order up to W.end), 购买次数 and 金额 (paid orders in the lookback L,
 * the 365 days ending W.end, as RFM's F and M). Most recent buyers first.
 */
import { LOOKBACK_DAYS, NO_DAY, toRange, type DayWindow, type Snapshot } from '../engine';
import { dayFromNumber, type Customer } from '../model';

/** One previewed member. */
export interface PreviewRow {
  customerKey: string;
  /** As last seen on a customer record; null when the shop has no record of this customer. */
  nickname: string | null;
  /** Day of the last paid order up to W.end, null when none. */
  lastPaidDay: string | null;
  /** Paid orders in the lookback. */
  paidOrders: number;
  /** Their amount. */
  paidFen: number;
}

/**
 * The first `limit` members (customer indexes) as preview rows: latest 最近购买 first, then the
 * larger 金额, then by key (so the order never depends on the members' order).
 */
export function memberPreview(
  snap: Snapshot,
  window: DayWindow,
  members: ArrayLike<number>,
  customers: ReadonlyMap<string, Pick<Customer, 'nickname'>>,
  limit: number,
): PreviewRow[] {
  const end = toRange(window).end;
  const from = end - LOOKBACK_DAYS + 1;
  const rows: { c: number; last: number; count: number; fen: number }[] = [];
  for (let j = 0; j < members.length; j++) {
    const c = members[j]!;
    let last = NO_DAY, count = 0, fen = 0;
    for (let k = snap.custPaidStart[c]!; k < snap.custPaidStart[c + 1]!; k++) {
      const d = snap.custPaidDay[k]!;
      if (d === NO_DAY || d > end) continue;
      if (d > last) last = d;
      if (d >= from) {
        count++;
        fen += snap.custPaidAmountFen[k]!;
      }
    }
    rows.push({ c, last, count, fen });
  }
  const keys = snap.customerKeys;
  rows.sort((a, b) => b.last - a.last || b.fen - a.fen || (keys[a.c]! < keys[b.c]! ? -1 : 1));
  return rows.slice(0, Math.max(0, limit)).map((r) => ({
    customerKey: keys[r.c]!,
    nickname: customers.get(keys[r.c]!)?.nickname ?? null,
    lastPaidDay: r.last === NO_DAY ? null : dayFromNumber(r.last),
    paidOrders: r.count,
    paidFen: r.fen,
  }));
}
