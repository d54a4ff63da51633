/** The §9 report (`seller-lens-report` v1): every indicator of §3–§5 for one shop and one window. */
import { z } from 'zod';
import type { Snapshot } from './snapshot';
import { previousWindow, toRange, type DayWindow } from './window';
import { douyinTiers, HIGH_POTENTIAL_THRESHOLD } from './douyin-tiers';
import { indicatorList, indicatorShape, type IndicatorFields, type IndicatorSets } from './indicators';
import { Window } from './indicators/fields';
import { metricsOf, taobaoOf } from './indicators/scans';
import type { IndicatorInput, ReportOptions } from './indicators/types';

export { newWindowScans } from './indicators/scans';
export type { ReportOptions, WindowScans } from './indicators/types';

export const REPORT_FORMAT = 'seller-lens-report';
export const REPORT_VERSION = 1;

/** zod schema of the §9 report: the header, then every registered indicator's field in registry order. */
export const ReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  shopId: z.string().min(1),
  window: Window,
  previousWindow: Window,
  ...indicatorShape(),
});
export type Report = z.infer<typeof ReportSchema>;

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

/** Everything behind one report, with the member sets the UI builds audiences from (one entry per indicator). */
export interface Analysis {
  report: Report;
  sets: IndicatorSets;
}

/** The report fields the side panel's 概览 shows (posted before the rest: RFM, coverage, the golden window). */
const OVERVIEW_FIELDS = ['douyin', 'taobao', 'assets', 'metrics'] as const satisfies readonly (keyof IndicatorFields)[];
type OverviewField = (typeof OVERVIEW_FIELDS)[number];

/** A report with only the 概览's fields (header, tiers, classes and pathways, assets, sales metrics). */
export type OverviewReport = Omit<Report, Exclude<keyof IndicatorFields, OverviewField>>;

/** The 概览's part of a window's analysis; `completeAnalysis` adds the other indicators. */
export interface OverviewAnalysis {
  report: OverviewReport;
  sets: Pick<IndicatorSets, OverviewField>;
  input: IndicatorInput;
}

/** Computes the registered indicators accepted by `pick`, in registry order, into `fields` / `sets`. */
function computeIndicators(input: IndicatorInput, pick: (id: string) => boolean, fields: Record<string, unknown>, sets: Record<string, unknown>): void {
  for (const indicator of indicatorList) {
    if (!pick(indicator.id)) continue;
    const out = indicator.compute(input);
    fields[indicator.id] = out.field;
    sets[indicator.id] = out.sets;
  }
}

const isOverviewField = (id: string) => (OVERVIEW_FIELDS as readonly string[]).includes(id);

/** Computes the 概览's indicators of window `window` only (the rest with completeAnalysis; together = analyzeWindow). */
export function analyzeOverview(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): OverviewAnalysis {
  const prevWindow = previousWindow(window);
  const input: IndicatorInput = { snap, window, previousWindow: prevWindow, range: toRange(window), previousRange: toRange(prevWindow), opts };
  const fields: Record<string, unknown> = {};
  const sets: Record<string, unknown> = {};
  computeIndicators(input, isOverviewField, fields, sets);
  const header = { format: REPORT_FORMAT, version: REPORT_VERSION, shopId: snap.shopId, window: { start: window.start, end: window.end }, previousWindow: prevWindow } as const;
  return { report: { ...header, ...(fields as Pick<IndicatorFields, OverviewField>) }, sets: sets as OverviewAnalysis['sets'], input };
}

/** The whole analysis from its 概览 part: the other indicators computed, every field in registry order. */
export function completeAnalysis(part: OverviewAnalysis): Analysis {
  const fields: Record<string, unknown> = {};
  const sets: Record<string, unknown> = {};
  computeIndicators(part.input, (id) => !isOverviewField(id), fields, sets);
  const { format, version, shopId, window, previousWindow: prevWindow } = part.report;
  const ordered = (from: Record<string, unknown>, done: Record<string, unknown>) => Object.fromEntries(indicatorList.map((i) => [i.id, i.id in done ? done[i.id] : from[i.id]]));
  const report = { format, version, shopId, window, previousWindow: prevWindow, ...ordered(fields, part.report) } as Report;
  return { report, sets: ordered(sets, part.sets) as IndicatorSets };
}

/** Computes the report and the member sets of window `window` (both days included), indicator by indicator. */
export function analyzeWindow(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): Analysis {
  return completeAnalysis(analyzeOverview(snap, window, opts));
}

/** The §9 report of one shop (the snapshot's) for window `window`. */
export function computeReport(snap: Snapshot, window: DayWindow, opts: ReportOptions = {}): Report {
  return analyzeWindow(snap, window, opts).report;
}
