/**
 * 转化报告 (SPEC §6.4): how an exported audience converted, members vs the held-out control.
 *
 * Counted: the shop's paid orders (status as last seen) that happen (paidAt, else placedAt)
 * strictly after `exportedAt` and on or before the report's last day `to` (UTC+8, default: the
 * latest day any of the shop's orders was placed or paid, never before the export day).
 * Per group: purchasers (distinct), conversion rate = purchasers / group size (null for an empty
 * group), orders, GMV (fen), AOV = GMV / purchasers in fen rounded half up (null without
 * purchasers), like §5.1's 客单价. lift = member rate / control rate − 1, null when either rate is
 * null or the control rate is 0.
 */
import { aovFenOf } from '../engine/metrics';
import { addDays, dayOf, daysBetween, isDay, isPaidStatus, parseInstant, type ExportRecord, type Order } from '../model';

export interface GroupConversion {
  size: number;
  purchasers: number;
  rate: number | null;
  orders: number;
  gmvFen: number;
  aovFen: number | null;
}

export interface DailyConversion {
  day: string;
  members: { purchasers: number; orders: number; gmvFen: number };
  control: { purchasers: number; orders: number; gmvFen: number };
}

export interface ConversionReport {
  exportId: string;
  exportedAt: string;
  /** First and last day counted (the export's day … `to`). */
  from: string;
  to: string;
  /** Whole days since the export day, up to `to`. */
  days: number;
  members: GroupConversion;
  /** Null when the export held out no control. */
  control: GroupConversion | null;
  lift: number | null;
  daily: DailyConversion[];
}

function group(size: number, buyers: Set<string>, orders: number, gmvFen: number): GroupConversion {
  return { size, purchasers: buyers.size, rate: size === 0 ? null : buyers.size / size, orders, gmvFen, aovFen: aovFenOf(gmvFen, buyers.size) };
}

/** The conversion report of an export over the shop's orders (see the header for the definitions). */
export function conversionReport(record: ExportRecord, orders: readonly Order[], opts: { to?: string } = {}): ConversionReport {
  const t0 = parseInstant(record.exportedAt);
  if (t0 === null) throw new Error(`unreadable exportedAt: ${record.exportedAt}`);
  const from = dayOf(record.exportedAt);
  let to = opts.to;
  if (to !== undefined && !isDay(to)) throw new Error(`report end "${to}" is not a YYYY-MM-DD day`);
  const shopOrders = orders.filter((o) => o.shopId === record.shopId);
  if (to === undefined) {
    to = from;
    for (const o of shopOrders) {
      const d = dayOf(o.paidAt ?? o.placedAt);
      if (d > to) to = d;
      const p = dayOf(o.placedAt);
      if (p > to) to = p;
    }
  }
  const memberSet = new Set(record.members), controlSet = new Set(record.control);
  const nDays = Math.max(0, daysBetween(from, to) + 1);
  const daily: DailyConversion[] = Array.from({ length: nDays }, (_, i) => ({
    day: addDays(from, i),
    members: { purchasers: 0, orders: 0, gmvFen: 0 },
    control: { purchasers: 0, orders: 0, gmvFen: 0 },
  }));
  const dayBuyers = daily.map(() => new Set<string>());
  const mBuyers = new Set<string>(), cBuyers = new Set<string>();
  let mOrders = 0, mGmv = 0, cOrders = 0, cGmv = 0;
  for (const o of shopOrders) {
    if (!isPaidStatus(o.status)) continue;
    const at = o.paidAt ?? o.placedAt;
    const ms = parseInstant(at);
    if (ms === null || ms <= t0) continue;
    const day = dayOf(at);
    if (day > to) continue;
    const inM = memberSet.has(o.customerKey), inC = controlSet.has(o.customerKey);
    if (!inM && !inC) continue;
    const d = daily[daysBetween(from, day)]!;
    const g = inM ? d.members : d.control;
    g.orders++;
    g.gmvFen += o.amountFen;
    const seen = dayBuyers[daysBetween(from, day)]!;
    if (!seen.has(o.customerKey)) {
      seen.add(o.customerKey);
      g.purchasers++;
    }
    if (inM) {
      mBuyers.add(o.customerKey);
      mOrders++;
      mGmv += o.amountFen;
    } else {
      cBuyers.add(o.customerKey);
      cOrders++;
      cGmv += o.amountFen;
    }
  }
  const members = group(memberSet.size, mBuyers, mOrders, mGmv);
  const control = record.control.length > 0 ? group(controlSet.size, cBuyers, cOrders, cGmv) : null;
  const lift = members.rate !== null && control?.rate ? members.rate / control.rate - 1 : null;
  return {
    exportId: record.exportId,
    exportedAt: record.exportedAt,
    from,
    to,
    days: Math.max(0, daysBetween(from, to)),
    members,
    control,
    lift,
    daily,
  };
}

/**
 * Smallest control group whose conversion says anything: below 30 people one purchase moves the
 * control's rate by more than 3 percentage points, so any "lift" is noise (a 10-person control of
 * a 100-person audience is the case issue 13 saw: "提升度 0.0%" from nothing).
 */
export const MIN_CONTROL_FOR_LIFT = 30;

/**
 * What the merchant may conclude from a report, in order:
 * - `no-control`: the export held out nobody;
 * - `control-too-small`: fewer than MIN_CONTROL_FOR_LIFT in the control;
 * - `no-purchases`: nobody in either group bought yet;
 * - `difference`: members' minus control's conversion in percentage points (the plain
 *   "比对照组多转化 N 个百分点"), with both rates and the relative lift when the control converted.
 */
export type LiftVerdict =
  | { kind: 'no-control' }
  | { kind: 'control-too-small'; control: number; min: number }
  | { kind: 'no-purchases' }
  | { kind: 'difference'; points: number; memberRate: number; controlRate: number; lift: number | null };

/** The report's verdict on the campaign's effect (see LiftVerdict for the rule). */
export function liftVerdict(r: Pick<ConversionReport, 'members' | 'control' | 'lift'>): LiftVerdict {
  if (!r.control || r.control.size === 0) return { kind: 'no-control' };
  if (r.control.size < MIN_CONTROL_FOR_LIFT) return { kind: 'control-too-small', control: r.control.size, min: MIN_CONTROL_FOR_LIFT };
  if (r.members.purchasers + r.control.purchasers === 0 || r.members.rate === null || r.control.rate === null) return { kind: 'no-purchases' };
  return { kind: 'difference', points: (r.members.rate - r.control.rate) * 100, memberRate: r.members.rate, controlRate: r.control.rate, lift: r.lift };
}
