/**
 * 数据完整度 (issue 13 item 1): what a shop's data covers for the window shown, which console
 * pages it came from, what is missing and where to capture it, and which figures rest on inputs
 * the shop has not captured. Pure: counts and capture records in, result out (the worker reads them).
 *
 * Rules (W the window shown, F the first day with data, "browse" = explicit visit / view / click /
 * cart contacts, i.e. contacts beyond those every order makes):
 * - windowBeforeData: F > W.start — the days of W before F have no data.
 * - ordersOnly: no browse contact in W (and some order) — 用户, 新访, 未购回访 and 进店活跃 count
 *   only people who placed an order.
 * - sameDayAllOrders: no browse contact in W — every 新访 is someone who ordered, so 新访当日成交转化
 *   is close to 100% by construction.
 * - noBrowseBefore: no browse contact in the L days before W.start — 未购资产 holds only unpaid /
 *   refunded orders' customers, so 回访成交率 says little.
 * - noScoreContacts: no browse contact in the 30 days ending W.end — 预测高潜 can only see people
 *   with an unpaid order (SPEC §5.3's scored population is users − purchasers).
 * - noHistory: no data before W.start (F ≥ W.start) — every purchaser counts as 首单 and none as
 *   复购 / 已购回访; the 老客复购 pathway has no assets; the comparison with the previous window has
 *   nothing to compare with.
 * - noFanMember: no customer known as fan or member — 关系资产 is 0 for want of data.
 * - shortHistory: fewer than 90 days of data ending W.end (F > W.end − 89) — 未进店资产 (no contact
 *   in 90 days) cannot be told yet.
 */
import { addDays, dayFromNumber, dayNumber, type Platform } from '../model';
import { CONSOLE_PAGES, type ConsolePageId } from './console-pages';
import { FAN, KIND_CART, KIND_CLICK, KIND_VIEW, KIND_VISIT, MEMBER, NO_DAY, type Snapshot } from './snapshot';
import { LOOKBACK_DAYS, type DayWindow } from './window';

/** The figures a mark can name (report field names; `comparison` = the change vs the previous window). */
export type MarkedFigure =
  | 'users'
  | 'highPotential'
  | 'firstOrder'
  | 'repeat'
  | 'newVisitors'
  | 'unpurchasedReturning'
  | 'purchasedReturning'
  | 'newVisitorSameDay'
  | 'unpurchasedReturn'
  | 'repurchase'
  | 'relationship'
  | 'active'
  | 'dormant'
  | 'comparison';

/** Why a figure is marked (see the rules in the module comment). */
export type ShortReason = 'ordersOnly' | 'sameDayAllOrders' | 'noBrowseBefore' | 'noScoreContacts' | 'noHistory' | 'noFanMember' | 'shortHistory';

/** An input the shop has none of: orders, visitor contacts, the console's own figures, fan / member status. */
export type MissingInput = 'orders' | 'visits' | 'consoleFigures' | 'fansMembers';

/** Counts of the shop's data that the rules read (dataInputs computes them from a snapshot). */
export interface DataInputs {
  /** First and last day with data (any contact, placedAt or paidAt), or null without data. */
  firstDay: string | null;
  lastDay: string | null;
  orders: number;
  /** Browse contacts (visit / view / click / cart): ever, in W, in the L days before W.start, in the 30 days ending W.end. */
  browseEver: number;
  browseInWindow: number;
  browseBefore: number;
  browseForScore: number;
  /** Customers known as fan or member. */
  fansOrMembers: number;
}

/** A capture as the rules need it (a capture summary without headers and rows). */
export interface CaptureFact {
  adapter: string;
  capturedAt: string;
  rowCount: number;
}

/** One console page kind the shop's data came from. */
export interface CapturedPage {
  /** The known page, or null for another adapter (the generic one). */
  page: ConsolePageId | null;
  adapter: string;
  captures: number;
  rows: number;
  /** The latest capture's time (ISO), or the latest snapshot's day when only snapshots (a restored backup) show the page. */
  lastAt: string;
}

export interface Completeness {
  platform: Platform;
  window: DayWindow;
  firstDay: string | null;
  lastDay: string | null;
  /** Set when W starts before the first day with data. */
  windowBeforeData: boolean;
  pages: CapturedPage[];
  /** Latest capture time over all pages (ISO), or null. */
  lastCaptureAt: string | null;
  /** What is missing; `page` = where to capture it, null when no console page the extension reads has it. */
  missing: { input: MissingInput; page: ConsolePageId | null }[];
  /** Figures resting on inputs the shop has not captured, with the reason. */
  marks: { figure: MarkedFigure; reason: ShortReason }[];
}

const BROWSE = new Set<number>([KIND_VISIT, KIND_VIEW, KIND_CLICK, KIND_CART]);
/** The score population's period (SPEC §5.3: users − purchasers of the 30 days ending t). */
const SCORE_DAYS = 30;
/** 进店活跃 / 未进店 look at the 90 days ending W.end (SPEC §4). */
const ACTIVE_DAYS = 90;

/** The counts the rules read, from a shop's snapshot, for window `w` (one pass over the contacts). */
export function dataInputs(snap: Snapshot, w: DayWindow): DataInputs {
  const s = dayNumber(w.start), e = dayNumber(w.end);
  const before = s - LOOKBACK_DAYS, scoreFrom = e - SCORE_DAYS + 1;
  let first = Infinity, browseEver = 0, browseInWindow = 0, browseBefore = 0, browseForScore = 0;
  // Every contact once, through the per-customer index (what a cold open reads; the order does not matter here).
  const kinds = snap.custContactKind, days = snap.custContactDay;
  for (let k = 0; k < days.length; k++) {
    const d = days[k]!;
    if (d === NO_DAY) continue;
    if (d < first) first = d;
    if (!BROWSE.has(kinds[k]!)) continue;
    browseEver++;
    if (d >= s && d <= e) browseInWindow++;
    if (d >= before && d < s) browseBefore++;
    if (d >= scoreFrom && d <= e) browseForScore++;
  }
  let fansOrMembers = 0;
  for (const f of snap.customerFlags) if (f & (FAN | MEMBER)) fansOrMembers++;
  return {
    firstDay: first === Infinity ? null : dayFromNumber(first),
    lastDay: snap.latestDay === NO_DAY ? null : dayFromNumber(snap.latestDay),
    orders: snap.orderCount,
    browseEver,
    browseInWindow,
    browseBefore,
    browseForScore,
    fansOrMembers,
  };
}

/** The shop's captured page kinds: captures grouped by adapter, plus pages seen only through stored snapshots. */
export function capturedPages(captures: readonly CaptureFact[], snapshots: readonly { source: string; seenOn: string }[]): CapturedPage[] {
  const by = new Map<string, CapturedPage>();
  for (const c of captures) {
    const p = by.get(c.adapter) ?? { page: pageOfAdapter(c.adapter), adapter: c.adapter, captures: 0, rows: 0, lastAt: '' };
    p.captures++;
    p.rows += c.rowCount;
    if (c.capturedAt > p.lastAt) p.lastAt = c.capturedAt;
    by.set(c.adapter, p);
  }
  for (const s of snapshots) {
    if (by.has(s.source) && by.get(s.source)!.captures > 0) continue;
    const p = by.get(s.source) ?? { page: pageOfAdapter(s.source), adapter: s.source, captures: 0, rows: 0, lastAt: '' };
    if (s.seenOn > p.lastAt) p.lastAt = s.seenOn;
    by.set(s.source, p);
  }
  // Known pages in the consoles' order, then the others by adapter id.
  const order = (p: CapturedPage) => (p.page ? CONSOLE_PAGES.findIndex((c) => c.id === p.page) : CONSOLE_PAGES.length);
  return [...by.values()].sort((a, b) => order(a) - order(b) || (a.adapter < b.adapter ? -1 : 1));
}

const pageOfAdapter = (adapter: string): ConsolePageId | null => CONSOLE_PAGES.find((p) => p.id === adapter)?.id ?? null;

/** Where each input is captured, per platform (null: no console page the extension reads shows it). */
const SOURCE_OF: Record<Platform, Record<MissingInput, ConsolePageId | null>> = {
  douyin: { orders: 'douyin-orders', visits: null, consoleFigures: 'compass-user-asset', fansMembers: null },
  taobao: { orders: 'qianniu-sold', visits: 'sycm-visitors', consoleFigures: 'sycm-customer', fansMembers: 'crm-customers' },
};

/** The platform's console-figure source (its snapshots are set beside the local figures). */
const FIGURE_SOURCES: Record<Platform, readonly string[]> = { douyin: ['compass-user-asset'], taobao: ['sycm-customer'] };

/** The completeness of a shop's data for window `w` (rules in the module comment). */
export function completeness(input: {
  platform: Platform;
  window: DayWindow;
  inputs: DataInputs;
  captures: readonly CaptureFact[];
  snapshots: readonly { source: string; seenOn: string }[];
}): Completeness {
  const { platform, window: w, inputs: x } = input;
  const pages = capturedPages(input.captures, input.snapshots);
  const lastCaptureAt = input.captures.reduce<string | null>((m, c) => (m === null || c.capturedAt > m ? c.capturedAt : m), null);
  const has = x.firstDay !== null;

  const missing: Completeness['missing'] = [];
  const need = (input: MissingInput, lacking: boolean) => lacking && missing.push({ input, page: SOURCE_OF[platform][input] });
  need('orders', x.orders === 0);
  need('visits', x.browseEver === 0);
  need('consoleFigures', !input.snapshots.some((s) => FIGURE_SOURCES[platform].includes(s.source)));
  need('fansMembers', x.fansOrMembers === 0);

  const marks: Completeness['marks'] = [];
  const mark = (reason: ShortReason, when: boolean, ...figures: MarkedFigure[]) => {
    if (has && when) for (const figure of figures) marks.push({ figure, reason });
  };
  mark('ordersOnly', x.browseInWindow === 0 && x.orders > 0, 'users', 'newVisitors', 'unpurchasedReturning', 'active');
  mark('sameDayAllOrders', x.browseInWindow === 0, 'newVisitorSameDay');
  mark('noBrowseBefore', x.browseBefore === 0, 'unpurchasedReturn');
  mark('noScoreContacts', x.browseForScore === 0, 'highPotential');
  const noHistory = has && x.firstDay! >= w.start;
  mark('noHistory', noHistory, 'firstOrder', 'repeat', 'purchasedReturning', 'repurchase', 'comparison');
  mark('noFanMember', x.fansOrMembers === 0, 'relationship');
  mark('shortHistory', has && x.firstDay! > addDays(w.end, -(ACTIVE_DAYS - 1)), 'dormant');

  return {
    platform,
    window: w,
    firstDay: x.firstDay,
    lastDay: x.lastDay,
    windowBeforeData: has && x.firstDay! > w.start,
    pages,
    lastCaptureAt,
    missing,
    marks,
  };
}

