/**
 * `npm run bench`'s report phases, each from the snapshot as persisted (like the extension's
 * worker): (a) the engine's full §9 report, (b) the core figures with arquero 7.
 */
import { analyzeWindow, computeReport, newWindowScans, previousFigures, previousWindow, toRange } from '../../lib/engine';
import { fitPropensity, propensityModelFromParams } from '../../lib/engine/propensity/model';
import { arqueroFigures, arqueroTables } from '../bench-arquero';
import { MemoryPeak, collect, readSnapshotFiles, timeRuns } from '../bench-util';
import type { Opts } from './options';
import type { ArqueroResult, BuildResult, EngineResult } from './results';

/** (a) The full report from the snapshot in `dir`, with the build phase's fitted 高潜 model. */
export function phaseEngine(opts: Opts, dir: string, build: BuildResult): EngineResult {
  collect();
  const mem = new MemoryPeak();
  const t = performance.now();
  const snap = readSnapshotFiles(dir);
  const loadMs = performance.now() - t;
  mem.sample();
  const model = build.model.params ? propensityModelFromParams(build.model.params, { asOfDay: build.model.asOfDay }) : null;
  if (!model) throw new Error('the bench shop should have enough history for a fitted model');
  const window = build.window;
  const prev = previousWindow(window);
  const one = timeRuns(opts.runs, () => computeReport(snap, window, { scorer: model.score }), mem);
  // What the side panel asks for: the window and its previous window (second model fitted once).
  const prevModel = fitPropensity(snap, toRange(prev).end);
  const pair = timeRuns(
    opts.runs,
    () => [computeReport(snap, window, { scorer: model.score }), computeReport(snap, prev, { scorer: prevModel.score })] as const,
    mem,
  );
  // What the worker really runs for the 概览: W's report and the previous window's figures, sharing their passes.
  const panel = timeRuns(
    opts.runs,
    () => {
      const scans = newWindowScans();
      return [analyzeWindow(snap, window, { scorer: model.score, scans }), previousFigures(snap, prev, { scorer: prevModel.score, scans })] as const;
    },
    mem,
  );
  return {
    loadMs,
    reportMs: one.all,
    reportPairMs: pair.all,
    panelPairMs: panel.all,
    report: one.last,
    previousReport: pair.last[1],
    peakRss: Math.max(mem.rss, MemoryPeak.maxRss()),
    peakHeap: mem.heapUsed,
  };
}

/** (b) The report's core group-bys and joins with arquero, from the snapshot in `dir`. */
export function phaseArquero(opts: Opts, dir: string, build: BuildResult): ArqueroResult {
  collect();
  const mem = new MemoryPeak();
  const snap = readSnapshotFiles(dir);
  const t = performance.now();
  const tables = arqueroTables(snap);
  const tablesMs = performance.now() - t;
  const w = toRange(build.window), prev = toRange(previousWindow(build.window));
  const run = timeRuns(opts.runs, () => arqueroFigures(tables, w, prev), mem);
  return { tablesMs, runMs: run.all, figures: run.last, peakRss: Math.max(mem.rss, MemoryPeak.maxRss()), peakHeap: mem.heapUsed };
}
