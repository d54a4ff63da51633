/** The §9 report (`seller-lens-report` v1): every indicator of §3–§5 for one shop and one window. */
import { z } from 'zod';
import { dayNumber } from '../model';
import type { Snapshot } from './snapshot';
import { previousWindow, toRange, type DayRange, type DayWindow } from './window';
import { douyinTiers, HIGH_POTENTIAL_THRESHOLD, type DouyinTiers, type PropensityScorer } from './douyin-tiers';
import { taobaoPathways, type TaobaoPathways } from './taobao-pathways';
import { assetLayers, type AssetLayers } from './assets';
import { keyMetricsOf, windowMetrics, type WindowMetrics } from './metrics';
import { RFM_CLASSES, rfmClasses, type RfmResult } from './rfm';
import { coverage, type Coverage } from './coverage';
import { goldenWindow, GOLDEN_WINDOW_DAYS } from './golden-window';

export const REPORT_FORMAT = 'seller-lens-report';
export const REPORT_VERSION = 1;

const Count = z.number().int().nonnegative();
const Money = z.number().int().nonnegative();
const Rate = z.number().min(0).max(1).nullable();
const Change = z.number().nullable();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Window = z.object({ start: Day, end: Day });
const RecallPathway = z.object({
  assets: Count,
  recalled: Count,
  recallRate: Rate,
  converted: Count,
  payConversion: Rate,
  rate: Rate,
});
const ClassFigures = z.object({ purchasers: Count, gmvFen: Money });
const Traffic = z.object({ paid: Rate, organic: Rate, unknown: Rate });

/** zod schema of the §9 report. */
export const ReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  shopId: z.string().min(1),
  window: Window,
  previousWindow: Window,
  douyin: z.object({ users: Count, purchasers: Count, firstOrder: Count, repeat: Count, highPotential: Count }),
  taobao: z.object({
    newVisitors: Count,
    unpurchasedReturning: Count,
    purchasedReturning: Count,
    pathways: z.object({
      newVisitorSameDay: z.object({ base: Count, converted: Count, rate: Rate }),
      unpurchasedReturn: RecallPathway,
      repurchase: RecallPathway,
    }),
    byClass: z.object({ newVisitors: ClassFigures, unpurchasedReturning: ClassFigures, purchasedReturning: ClassFigures }),
    previous: z.object({ newVisitorSameDay: Rate, unpurchasedReturn: Rate, repurchase: Rate }),
  }),
  assets: z.object({ relationship: Count, active: Count, dormant: Count }),
  metrics: z.object({
    gmvFen: Money,
    orders: Count,
    purchasers: Count,
    aovFen: Money.nullable(),
    gmvByChannel: z.object({ live: Money, video: Money, card: Money, other: Money }),
    trafficPersonsShare: Traffic,
    trafficGmvShare: Traffic,
    fanGmvShare: Rate,
    priceBands: z.array(z.object({ fromYuan: z.number().nonnegative(), toYuan: z.number().nullable(), orders: Count })),
    daily: z.array(z.object({ day: Day, gmvFen: Money, orders: Count, purchasers: Count })),
    previous: z.object({ gmvFen: Money, orders: Count, purchasers: Count, aovFen: Money.nullable() }),
    change: z.object({ gmvFen: Change, orders: Change, purchasers: Change, aovFen: Change }),
  }),
  rfm: z.object(Object.fromEntries(RFM_CLASSES.map((k) => [k, Count])) as Record<(typeof RFM_CLASSES)[number], typeof Count>),
  coverage: z.object({ all: Rate, gender: Rate, city: Rate, phone: Rate }),
  goldenWindow: Count,
});
export type Report = z.infer<typeof ReportSchema>;

export interface ReportOptions {
  /** 高潜 scorer; the documented fallback heuristic when omitted. The report counts at threshold 0.3. */
  scorer?: PropensityScorer;
  /** Price-band edges in yuan (default 0/50/100/200/500). */
  priceBandsYuan?: readonly number[];
  /** 新客黄金期 length in days (default 3). */
  goldenWindowDays?: number;
  /** Window passes kept between reports of the same snapshot (a window and its previous one share two). */
  scans?: WindowScans;
}

/**
 * Per-window passes that several reports of one snapshot need: the Taobao classes of a window
 * (W's previous rates, the previous window's classes) and its sales metrics (W's previous totals,
 * the previous window's series). Keyed by range; valid for one snapshot only.
 */
export interface WindowScans {
  taobao: Map<string, TaobaoPathways>;
  metrics: Map<string, WindowMetrics>;
}

/** An empty WindowScans (for reports of one snapshot). */
export function newWindowScans(): WindowScans {
  return { taobao: new Map(), metrics: new Map() };
}

const rangeKey = (r: DayRange) => `${r.start}:${r.end}`;

function taobaoOf(snap: Snapshot, range: DayRange, scans: WindowScans | undefined): TaobaoPathways {
  if (!scans) return taobaoPathways(snap, range);
  let t = scans.taobao.get(rangeKey(range));
  if (!t) scans.taobao.set(rangeKey(range), (t = taobaoPathways(snap, range)));
  return t;
}

function metricsOf(snap: Snapshot, range: DayRange, opts: ReportOptions): WindowMetrics {
  const scans = opts.priceBandsYuan === undefined ? opts.scans : undefined; // kept ones use the default bands
  if (!scans) return windowMetrics(snap, range, { priceBandsYuan: opts.priceBandsYuan });
  let m = scans.metrics.get(rangeKey(range));
  if (!m) scans.metrics.set(rangeKey(range), (m = windowMetrics(snap, range)));
  return m;
}

/** What the side panel shows of the previous window: the same figures as its full report's. */
export interface PreviousFigures {
  window: DayWindow;
  douyin: Report['douyin'];
  taobao: Pick<Report['taobao'], 'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning'>;
  metrics: Pick<Report['metrics'], 'gmvFen' | 'orders' | 'purchasers' | 'aovFen' | 'daily'>;
}

/** Those fields of computeReport(snap, window, opts), computed without the rest of the report. */
export function previousFigures(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): PreviousFigures {
  const range = toRange(window);
  const dy = douyinTiers(snap, range, { scorer: opts.scorer, threshold: HIGH_POTENTIAL_THRESHOLD });
  const tb = taobaoOf(snap, range, opts.scans);
  const m = metricsOf(snap, range, opts);
  return {
    window: { start: window.start, end: window.end },
    douyin: { ...dy.counts, highPotential: dy.highPotential.length },
    taobao: { newVisitors: tb.newVisitors, unpurchasedReturning: tb.unpurchasedReturning, purchasedReturning: tb.purchasedReturning },
    metrics: { gmvFen: m.gmvFen, orders: m.orders, purchasers: m.purchasers, aovFen: m.aovFen, daily: m.daily },
  };
}

/** Everything behind one report, with the member sets the UI builds audiences from. */
export interface Analysis {
  report: Report;
  sets: {
    douyin: DouyinTiers;
    taobao: TaobaoPathways;
    assets: AssetLayers;
    metrics: WindowMetrics['members'];
    rfm: RfmResult;
    coverage: Coverage;
    goldenWindow: Int32Array;
  };
}

/** Computes the report and the member sets of window `window` (both days included). */
export function analyzeWindow(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): Analysis {
  const prevWindow = previousWindow(window);
  const range = toRange(window), prevRange = toRange(prevWindow);
  const end = dayNumber(window.end);
  const dy = douyinTiers(snap, range, { scorer: opts.scorer, threshold: HIGH_POTENTIAL_THRESHOLD });
  const tb = taobaoOf(snap, range, opts.scans);
  const prevPathways = taobaoOf(snap, prevRange, opts.scans).pathways;
  const prevRates = {
    newVisitorSameDay: prevPathways.newVisitorSameDay.rate,
    unpurchasedReturn: prevPathways.unpurchasedReturn.rate,
    repurchase: prevPathways.repurchase.rate,
  };
  const assets = assetLayers(snap, end);
  const km = keyMetricsOf(metricsOf(snap, range, opts), metricsOf(snap, prevRange, opts));
  const rfm = rfmClasses(snap, end);
  const cov = coverage(snap, end);
  const golden = goldenWindow(snap, end, opts.goldenWindowDays ?? GOLDEN_WINDOW_DAYS);
  const m = km.metrics;

  const report: Report = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    shopId: snap.shopId,
    window: { start: window.start, end: window.end },
    previousWindow: prevWindow,
    douyin: { ...dy.counts, highPotential: dy.highPotential.length },
    taobao: {
      newVisitors: tb.newVisitors,
      unpurchasedReturning: tb.unpurchasedReturning,
      purchasedReturning: tb.purchasedReturning,
      pathways: tb.pathways,
      byClass: tb.byClass,
      previous: prevRates,
    },
    assets: { ...assets.counts },
    metrics: {
      gmvFen: m.gmvFen,
      orders: m.orders,
      purchasers: m.purchasers,
      aovFen: m.aovFen,
      gmvByChannel: m.gmvByChannel,
      trafficPersonsShare: m.trafficPersonsShare,
      trafficGmvShare: m.trafficGmvShare,
      fanGmvShare: m.fanGmvShare,
      priceBands: m.priceBands,
      daily: m.daily,
      previous: m.previous,
      change: m.change,
    },
    rfm: { ...rfm.counts },
    coverage: { all: cov.all, gender: cov.gender, city: cov.city, phone: cov.phone },
    goldenWindow: golden.length,
  };
  return {
    report,
    sets: { douyin: dy, taobao: tb, assets, metrics: km.members, rfm, coverage: cov, goldenWindow: golden },
  };
}

/** The §9 report of one shop (the snapshot's) for window `window`. */
export function computeReport(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): Report {
  return analyzeWindow(snap, window, opts).report;
}
