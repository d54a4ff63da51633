/**
 * The report the CLI prints, from a loaded backup: the window (given, else the 30 days ending on
 * the latest day with data, else on the day of exportedAt, else today), the 高潜 model fitted on
 * data up to the window's end, and computeReport with it. The multi-shop summary uses the same
 * function, so the CLI and the summary never disagree.
 */
import { dayOf, today } from '../../lib/model';
import { computeReport, latestDataDay, resolveWindow, toRange, type DayWindow, type Report } from '../../lib/engine';
import { fitPropensity, type PropensityModel } from '../../lib/engine/propensity/model';
import type { LoadedBackup } from './load';

/** The report of a loaded backup's shop for the window `from`..`to` (either may be absent). Throws on a bad window. */
export function reportOfLoaded(
  loaded: Extract<LoadedBackup, { ok: true }>,
  range: { from?: string; to?: string } = {},
): { report: Report; window: DayWindow; model: PropensityModel } {
  const snap = loaded.snapshot;
  const fallbackDay = loaded.exportedAt !== undefined ? dayOf(loaded.exportedAt) : today();
  const window = resolveWindow({ from: range.from, to: range.to }, latestDataDay(snap, fallbackDay));
  const t0 = performance.now();
  const model = fitPropensity(snap, toRange(window).end);
  const t1 = performance.now();
  const report = computeReport(snap, window, { scorer: model.score });
  if (process.env.SELLER_LENS_REPORT_TRACE)
    process.stderr.write(`高潜 fit ${(t1 - t0).toFixed(0)} ms; report ${(performance.now() - t1).toFixed(0)} ms\n`);
  return { report, window, model };
}
