/** The `report` and `analysis` requests: a window's report and its previous window's figures (+ the views' lists). */
import { analyzeOverview, completeAnalysis, customerIndexOf, newWindowScans, previousFigures, previousWindow, toRange, type DayWindow, type PropensityScorer, type WindowScans } from '@/lib/engine';
import { hasPropensityModel, takeLoadSteps } from '@/lib/db/analysis-snapshot';
import { getDb } from '@/lib/db';
import { saveLastReport } from '@/lib/db/writer';
import type { Customer } from '@/lib/model';
import { BENCH_BUILD, type StepTimer } from '../bench-timings';
import { earlyReadTimes } from '../early-read';
import { viewExtras } from '../extras';
import { requestKey, type AnalysisResult, type SavedAnalysis } from '../protocol';
import { modelAt, snapshotFor, withAllColumns, type CachedShop } from '../snapshot-cache';
import { writeTierCache } from '../tier-cache';
import { windowOf, type Handler, type HandlerContext, type RequestOf } from './context';

/** Rows of the 高潜 list kept in the saved analysis (the full list comes with the recompute). */
const SAVED_LIST_ROWS = 300;

/**
 * The 概览's part of a window's report and the figures of its previous one, both scored with the
 * fitted 高潜 model (`completeAnalysis` adds what only the other views read).
 */
function overviewPair(c: CachedShop, window: DayWindow, timer?: StepTimer, scans: WindowScans = newWindowScans()) {
  const prevWindow = previousWindow(window);
  const model = modelAt(c, toRange(window).end);
  timer?.mark('model');
  // The previous window's classes and sales are computed once, for W's report and for its own figures.
  const overview = analyzeOverview(c.snap, window, { scorer: timedScorer(model.score, 'reportScores', timer), scans });
  timer?.mark('report');
  const prevModel = modelAt(c, toRange(prevWindow).end);
  timer?.mark('previousModel');
  const previous = previousFigures(c.snap, prevWindow, { scorer: timedScorer(prevModel.score, 'previousScores', timer), scans });
  timer?.mark('previous');
  return { overview, previous };
}

/** Bench builds: the 高潜 scorer with its time kept as step `step` (within the report's or the previous figures' step). */
function timedScorer(score: PropensityScorer, step: string, timer: StepTimer | undefined): PropensityScorer {
  if (!BENCH_BUILD || !timer) return score;
  return (snap, day, candidates) => {
    const t = performance.now();
    const scores = score(snap, day, candidates);
    timer.add({ [step]: Math.round(performance.now() - t) });
    return scores;
  };
}

/** The report of a window (every indicator) and the figures of its previous one, scored. */
function reportPair(c: CachedShop, window: DayWindow) {
  const { overview, previous } = overviewPair(c, window);
  return { analysis: completeAnalysis(overview), previous };
}

/** Whether both 高潜 models of the window pair are at hand (else computing the pair fits them). */
function modelsAtHand(c: CachedShop, window: DayWindow): boolean {
  return [toRange(window).end, toRange(previousWindow(window)).end].every((day) => hasPropensityModel(c.models, day));
}

/** Before a 高潜 fit: it samples training rows by customer key, and a stored snapshot's keys come with its cold columns. */
async function readyToFit(c: CachedShop, window: DayWindow): Promise<void> {
  if (!modelsAtHand(c, window)) await withAllColumns(c);
}

/** 概览 requests not yet answered with their first screen, and who waits for none to be left. */
let overviewsPending = 0;
const afterOverviewWaiters: (() => void)[] = [];

/** Resolves once no side panel 概览 is being computed (side requests — completeness — yield the two cores to it). */
export function afterOverview(): Promise<void> {
  return overviewsPending === 0 ? Promise.resolve() : new Promise((resolve) => afterOverviewWaiters.push(resolve));
}

function overviewDone(): void {
  if (--overviewsPending === 0) afterOverviewWaiters.splice(0).forEach((resolve) => resolve());
}

/** The shop's snapshot for a report-like request (records not read), with the load's steps timed. */
async function reportSnapshot(req: RequestOf<'report' | 'analysis'>, ctx: HandlerContext): Promise<CachedShop> {
  // The 概览 reads the hot columns only; the lists wait for the rest (withAllColumns).
  const c = await snapshotFor(req.shopId, req.token, ctx.progress, false, true);
  ctx.timer.mark('snapshot');
  // The load's own steps are kept until taken: taken on every request so none leak into the next.
  const loadSteps = takeLoadSteps();
  if (BENCH_BUILD) ctx.timer.add(loadSteps);
  return c;
}

/** `report`: the window's report and the previous window's figures. */
export const handleReport: Handler<'report'> = async (req, ctx) => {
  const c = await reportSnapshot(req, ctx);
  const { latestDay, window } = windowOf(c, req.window);
  ctx.progress('progress_metrics');
  await readyToFit(c, window);
  const { analysis, previous } = reportPair(c, window);
  ctx.post({ id: req.id, ok: true, kind: 'report', result: { report: analysis.report, previous, latestDay, ms: performance.now() - ctx.startedAt } });
  await withAllColumns(c); // the tier cache is by customer key
  await writeTierCache(window, c.snap, analysis); // tier chips on the console pages
};

/**
 * `analysis`: what the side panel shows — the first screen (report + previous) as a partial
 * answer, then the ranked lists; the result is saved for the next opening.
 */
export const handleAnalysis: Handler<'analysis'> = async (req, ctx) => {
  overviewsPending++;
  let pending = true;
  try {
    await analysis(req, ctx, () => {
      if (pending) overviewDone();
      pending = false;
    });
  } finally {
    if (pending) overviewDone();
  }
};

async function analysis(req: RequestOf<'analysis'>, ctx: HandlerContext, shown: () => void): Promise<void> {
  const { timer, startedAt } = ctx;
  const c = await reportSnapshot(req, ctx);
  const { snap } = c;
  const { latestDay, window } = windowOf(c, req.window);
  ctx.progress('progress_metrics');
  // Bench builds: when the early read had its record and bytes (ms since the worker started).
  if (BENCH_BUILD) timer.add(earlyReadTimes());
  const scans = newWindowScans();
  const mustFit = !modelsAtHand(c, window);
  if (mustFit) {
    // First opening of the day: fitting the two 高潜 models takes longer than the rest, so
    // everything else of the 概览 is shown first, 高潜 pending (the window passes are kept).
    const unscored: PropensityScorer = (_s, _d, candidates) => new Float64Array(candidates.length);
    const early = analyzeOverview(snap, window, { scorer: unscored, scans });
    const earlyPrevious = previousFigures(snap, previousWindow(window), { scorer: unscored, scans });
    ctx.post({ id: req.id, partial: { report: early.report, previous: earlyPrevious, latestDay, ms: performance.now() - startedAt, timings: timer.snapshot(), highPotentialPending: true, overviewOnly: true } });
    timer.mark('postUnscored');
    shown();
    ctx.progress('progress_fitModel');
    await readyToFit(c, window);
  }
  const { overview, previous } = overviewPair(c, window, timer, scans);
  if (BENCH_BUILD) timer.add({ overviewReadyAt: Math.round(performance.now()) });
  // The first screen (概览) needs only its fields of the two reports: shown before the rest of the report and the lists.
  ctx.post({ id: req.id, partial: { report: overview.report, previous, latestDay, ms: performance.now() - startedAt, timings: timer.snapshot(), overviewOnly: true } });
  timer.mark('postOverview');
  shown();
  // Then the whole report (RFM, coverage, the golden window: the other views), while the lists are made.
  const analysis = completeAnalysis(overview);
  timer.mark('restOfReport');
  ctx.post({ id: req.id, partial: { report: analysis.report, previous, latestDay, ms: performance.now() - startedAt, timings: timer.snapshot() } });
  timer.mark('postReport');
  ctx.progress('progress_lists');
  await withAllColumns(c);
  timer.mark('coldColumns');
  const names = c.names, shopId = c.shopId;
  const byName = (k: string): Customer | undefined => {
    const name = names[customerIndexOf(snap, k)];
    return name ? { customerKey: k, shopId, nickname: name, tags: [] } : undefined;
  };
  const extras = viewExtras(snap, window, analysis, modelAt(c, toRange(window).end), byName);
  timer.mark('extras');
  const result: AnalysisResult = { report: analysis.report, previous, latestDay, ms: performance.now() - startedAt, extras, timings: timer.snapshot() };
  ctx.post({ id: req.id, ok: true, kind: 'analysis', result });
  await writeTierCache(window, snap, analysis); // tier chips on the console pages
  // Kept for the next opening of the panel (shown at once while this recomputes); best effort.
  const saved: SavedAnalysis = {
    request: requestKey(req.window),
    token: req.token,
    savedAt: new Date().toISOString(),
    result: { ...result, extras: { ...extras, highPotential: extras.highPotential.slice(0, SAVED_LIST_ROWS) } },
  };
  await saveLastReport(getDb(), req.shopId, saved).catch(() => undefined);
}
