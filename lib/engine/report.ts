/** The §9 report (`seller-lens-report` v1): every indicator of §3–§5 for one shop and one window. */
import { z } from 'zod';
import { dayNumber } from '../model';
import type { Snapshot } from './snapshot';
import { previousWindow, toRange, type DayWindow } from './window';
import { douyinTiers, HIGH_POTENTIAL_THRESHOLD, type DouyinTiers, type PropensityScorer } from './douyin-tiers';
import { pathwayRates, taobaoPathways, type TaobaoPathways } from './taobao-pathways';
import { assetLayers, type AssetLayers } from './assets';
import { keyMetrics, type WindowMetrics } from './metrics';
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
  const tb = taobaoPathways(snap, range);
  const prevRates = pathwayRates(snap, prevRange);
  const assets = assetLayers(snap, end);
  const km = keyMetrics(snap, range, prevRange, { priceBandsYuan: opts.priceBandsYuan });
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
