/**
 * The consoles' own figures beside ours (issue 13 item 2): for a local figure (a tier of the
 * report), the 罗盘 用户资产 or 生意参谋 客户 snapshot figure of the same name for the window shown.
 *
 * Which snapshot (per source, among those carrying the metric):
 * 1. one whose window equals the window shown — the same period, so the share captured means
 *    something (`exact`); the latest seen of them;
 * 2. else the latest seen whose own period lies inside the window shown (its window ⊆ W, or,
 *    without a window, seen on a day in W or the day after W.end — a console shows yesterday's
 *    figures); shown with its own period, no share;
 * 3. else none (a figure of another period is never set beside ours).
 */
import { addDays, type PlatformSnapshot } from '../model';
import type { DayWindow } from './window';

/** Local figures (report tier names) the consoles also show. */
export type ComparedFigure = 'highPotential' | 'purchasers' | 'firstOrder' | 'repeat' | 'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning';

/** For each source, the console metric key of each local figure it shows. */
const METRIC_OF: Record<string, Partial<Record<ComparedFigure, string>>> = {
  'compass-user-asset': { highPotential: 'highPotential', purchasers: 'purchasers', firstOrder: 'firstOrder', repeat: 'repeat' },
  'sycm-customer': {
    purchasers: 'payingBuyers',
    firstOrder: 'newBuyers',
    repeat: 'returningBuyers',
    newVisitors: 'newVisitors',
    unpurchasedReturning: 'unpurchasedReturning',
    purchasedReturning: 'purchasedReturning',
  },
};

/** A console's figure for a local one: a number, or a range the console printed (1万-2.5万). */
export interface ConsoleFigure {
  figure: ComparedFigure;
  source: string;
  value?: number;
  low?: number;
  high?: number;
  seenOn: string;
  /** The console's period (absent when the page showed none). */
  window?: DayWindow;
  /** The console's period is the window shown (rule 1). */
  exact: boolean;
}

const sameWindow = (a: DayWindow | undefined, b: DayWindow) => a !== undefined && a.start === b.start && a.end === b.end;
const inside = (s: PlatformSnapshot, w: DayWindow) =>
  s.window ? s.window.start >= w.start && s.window.end <= w.end : s.seenOn >= w.start && s.seenOn <= addDays(w.end, 1);
const latest = (list: PlatformSnapshot[]) => list.reduce<PlatformSnapshot | undefined>((m, s) => (!m || s.seenOn > m.seenOn ? s : m), undefined);

/** The console figures for window `w` from a shop's snapshots (rules in the module comment), one per local figure and source. */
export function consoleFigures(snapshots: readonly PlatformSnapshot[], w: DayWindow): ConsoleFigure[] {
  const out: ConsoleFigure[] = [];
  for (const [source, metrics] of Object.entries(METRIC_OF)) {
    const ofSource = snapshots.filter((s) => s.source === source);
    for (const [figure, key] of Object.entries(metrics) as [ComparedFigure, string][]) {
      const carrying = ofSource.filter((s) => s.metrics[key] !== undefined);
      const exact = latest(carrying.filter((s) => sameWindow(s.window, w)));
      const chosen = exact ?? latest(carrying.filter((s) => inside(s, w)));
      if (!chosen) continue;
      const m = chosen.metrics[key]!;
      out.push({
        figure,
        source,
        ...(m.value !== undefined ? { value: m.value } : { low: m.low!, high: m.high! }),
        seenOn: chosen.seenOn,
        ...(chosen.window ? { window: chosen.window } : {}),
        exact: exact !== undefined,
      });
    }
  }
  return out;
}

/**
 * The share of the console's figure the local one is (16 of 7,702 → 0.0021), or null without an
 * exact, positive console number — and for 高潜, where ours is a prediction of another kind, not a
 * part of the console's figure captured.
 */
export function shareCaptured(local: number, f: ConsoleFigure): number | null {
  if (f.figure === 'highPotential') return null;
  return f.exact && f.value !== undefined && f.value > 0 ? local / f.value : null;
}
