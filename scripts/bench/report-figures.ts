/** The core figures of the batch report every side of the report comparison computes (and the check that they agree). */
import type { Report } from '../../lib/engine';

/** §3 tiers (高潜 apart), §4 classes, pathway counts and per-class purchasers / GMV, and the window's key metrics. */
export interface ReportCoreFigures {
  window: { start: string; end: string };
  douyin: { users: number; purchasers: number; firstOrder: number; repeat: number };
  taobao: { newVisitors: number; unpurchasedReturning: number; purchasedReturning: number };
  pathways: {
    newVisitorSameDay: { base: number; converted: number };
    unpurchasedReturn: { assets: number; recalled: number; converted: number };
    repurchase: { assets: number; recalled: number; converted: number };
  };
  byClass: Record<'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning', { purchasers: number; gmvFen: number }>;
  metrics: { gmvFen: number; orders: number; purchasers: number; aovFen: number | null };
}

/** The core figures of the CLI's report. */
export function figuresOfReport(r: Report): ReportCoreFigures {
  const { users, purchasers, firstOrder, repeat } = r.douyin;
  const t = r.taobao, p = t.pathways;
  const recall = (x: typeof p.repurchase) => ({ assets: x.assets, recalled: x.recalled, converted: x.converted });
  return {
    window: { start: r.window.start, end: r.window.end },
    douyin: { users, purchasers, firstOrder, repeat },
    taobao: { newVisitors: t.newVisitors, unpurchasedReturning: t.unpurchasedReturning, purchasedReturning: t.purchasedReturning },
    pathways: {
      newVisitorSameDay: { base: p.newVisitorSameDay.base, converted: p.newVisitorSameDay.converted },
      unpurchasedReturn: recall(p.unpurchasedReturn),
      repurchase: recall(p.repurchase),
    },
    byClass: {
      newVisitors: { ...t.byClass.newVisitors },
      unpurchasedReturning: { ...t.byClass.unpurchasedReturning },
      purchasedReturning: { ...t.byClass.purchasedReturning },
    },
    metrics: { gmvFen: r.metrics.gmvFen, orders: r.metrics.orders, purchasers: r.metrics.purchasers, aovFen: r.metrics.aovFen },
  };
}

/** Paths where two figure sets differ (`a` named `an`, `b` named `bn`). */
export function figureDifferences(a: unknown, b: unknown, an: string, bn: string, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null)
    return Object.is(a, b) ? [] : [`${at || '(root)'}: ${an} ${JSON.stringify(a)} vs ${bn} ${JSON.stringify(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => figureDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], an, bn, at ? `${at}.${k}` : k));
}
