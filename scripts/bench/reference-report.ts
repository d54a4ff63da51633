/**
 * The straightforward reference of the batch report (`npm run bench -- --only report`): what a
 * competent engineer writes first. The whole file read and JSON.parse'd, every record validated
 * with the §2 zod schemas (as the contract requires before data is used), then plain loops with
 * Map / Set computing the core figures of the window: §3 tiers (高潜 apart), §4 classes,
 * pathways and per-class purchasers / GMV, and GMV / orders / purchasers / AOV.
 */
import { readFileSync } from 'node:fs';
import { Contact, Customer, Order, Shop, isPaidStatus } from '../../lib/model';
import type { ReportCoreFigures } from './report-figures';

const DAY_MS = 86_400_000;
/** SPEC §4's look-back L (days). */
const L = 365;

/** The core figures of the backup `file` for the 30 days ending its latest day with data. */
export function referenceFigures(file: string): ReportCoreFigures {
  const backup = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (backup.format !== 'seller-lens-backup' || backup.version !== 1) throw new Error('not a seller-lens backup of version 1');
  Shop.parse(backup.shop);
  for (const c of backup.customers as unknown[]) Customer.parse(c); // validated, though no core figure reads them
  const orders = (backup.orders as unknown[]).map((o) => Order.parse(o));
  const contacts = (backup.contacts as unknown[]).map((c) => Contact.parse(c));

  // Day numbers of the validated instants (YYYY-MM-DDTHH:mm:ss+08:00: the day is its first ten characters).
  const dayCache = new Map<string, number>();
  const day = (instant: string): number => {
    const key = instant.slice(0, 10);
    let d = dayCache.get(key);
    if (d === undefined) dayCache.set(key, (d = Date.parse(`${key}T00:00:00Z`) / DAY_MS));
    return d;
  };

  // Every contact (explicit, each order placed, each paid order paid) and every paid order.
  const touches = new Map<string, number[]>();
  const touch = (c: string, d: number) => {
    const list = touches.get(c);
    if (list) list.push(d);
    else touches.set(c, [d]);
  };
  let latest = -Infinity;
  for (const c of contacts) {
    const d = day(c.at);
    touch(c.customerKey, d);
    latest = Math.max(latest, d);
  }
  const paid: { c: string; d: number; amt: number }[] = [];
  for (const o of orders) {
    const placed = day(o.placedAt);
    const paidDay = o.paidAt !== undefined ? day(o.paidAt) : undefined;
    touch(o.customerKey, placed);
    latest = Math.max(latest, placed, paidDay ?? -Infinity);
    if (isPaidStatus(o.status)) {
      if (paidDay !== undefined) touch(o.customerKey, paidDay);
      paid.push({ c: o.customerKey, d: paidDay ?? placed, amt: o.amountFen });
    }
  }
  const end = latest, start = latest - 29;
  const inW = (d: number) => d >= start && d <= end;

  // Tiers and metrics.
  const gmvOf = new Map<string, number>();
  const firstPaid = new Map<string, number>();
  const paidDays = new Map<string, Set<number>>();
  let gmvFen = 0, orderCount = 0;
  for (const p of paid) {
    firstPaid.set(p.c, Math.min(firstPaid.get(p.c) ?? Infinity, p.d));
    let s = paidDays.get(p.c);
    if (!s) paidDays.set(p.c, (s = new Set()));
    s.add(p.d);
    if (inW(p.d)) {
      gmvOf.set(p.c, (gmvOf.get(p.c) ?? 0) + p.amt);
      gmvFen += p.amt;
      orderCount++;
    }
  }
  const purchasers = gmvOf.size;
  let firstOrder = 0;
  for (const c of gmvOf.keys()) if (firstPaid.get(c)! >= start) firstOrder++;

  // §4: each customer with a contact in W classed by their first contact v in W; the pathways.
  const classes = { newVisitors: 0, unpurchasedReturning: 0, purchasedReturning: 0 };
  const byClass = {
    newVisitors: { purchasers: 0, gmvFen: 0 },
    unpurchasedReturning: { purchasers: 0, gmvFen: 0 },
    purchasedReturning: { purchasers: 0, gmvFen: 0 },
  };
  let users = 0, sameDay = 0;
  const u = { assets: 0, recalled: 0, converted: 0 }, pp = { assets: 0, recalled: 0, converted: 0 };
  for (const [c, days] of touches) {
    let v = Infinity, lookedBeforeW = false;
    for (const d of days) {
      if (inW(d) && d < v) v = d;
      if (d >= start - L && d < start) lookedBeforeW = true;
    }
    const pdays = paidDays.get(c);
    let boughtBeforeW = false;
    if (pdays) for (const d of pdays) if (d >= start - L && d < start) boughtBeforeW = true;
    const active = v !== Infinity;
    const buyer = gmvOf.has(c);
    if (lookedBeforeW && !boughtBeforeW) {
      u.assets++;
      if (active) u.recalled++;
      if (active && buyer) u.converted++;
    }
    if (boughtBeforeW) {
      pp.assets++;
      if (active) pp.recalled++;
      if (active && buyer) pp.converted++;
    }
    if (!active) continue;
    users++;
    let bought = false, looked = false;
    if (pdays) for (const d of pdays) if (d >= v - L && d < v) bought = true;
    if (!bought) for (const d of days) if (d >= v - L && d < v) looked = true;
    const cls = bought ? 'purchasedReturning' : looked ? 'unpurchasedReturning' : 'newVisitors';
    classes[cls]++;
    if (cls === 'newVisitors' && pdays?.has(v)) sameDay++;
    if (buyer) {
      byClass[cls].purchasers++;
      byClass[cls].gmvFen += gmvOf.get(c)!;
    }
  }
  return {
    window: { start: new Date(start * DAY_MS).toISOString().slice(0, 10), end: new Date(end * DAY_MS).toISOString().slice(0, 10) },
    douyin: { users, purchasers, firstOrder, repeat: purchasers - firstOrder },
    taobao: classes,
    pathways: { newVisitorSameDay: { base: classes.newVisitors, converted: sameDay }, unpurchasedReturn: u, repurchase: pp },
    byClass,
    metrics: { gmvFen, orders: orderCount, purchasers, aovFen: purchasers === 0 ? null : Math.floor(gmvFen / purchasers + 0.5) },
  };
}
