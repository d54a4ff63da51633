/** `npm run bench`'s printed figures: the shop line, the table, the agreement check and the targets. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { Report } from '../../lib/engine';
import type { CoreFigures } from '../bench-arquero';
import { mb, ms, textTable } from '../bench-util';
import type { Opts } from './options';
import type { ArqueroResult, BuildResult, EngineResult, StreamResult } from './results';

/** The first line: the shop's size, the runs and the machine. */
export function printHeader(opts: Opts): void {
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(
    `seller-lens bench — ${opts.customers.toLocaleString('en')} customers, ${opts.days} days, seed ${opts.seed}; ` +
      `${opts.runs} runs (build ${opts.buildRuns}); node ${process.version}; ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ` +
      `${mb(totalmem())} RAM; load average at start ${load}`,
  );
}

/** Engine figures in the shape arquero computed them. */
function engineFigures(report: Report, previous: Report): CoreFigures {
  const { users, purchasers, firstOrder, repeat } = report.douyin;
  const { newVisitors, unpurchasedReturning, purchasedReturning } = report.taobao;
  const m = report.metrics;
  return {
    douyin: { users, purchasers, firstOrder, repeat },
    taobao: { newVisitors, unpurchasedReturning, purchasedReturning },
    metrics: { gmvFen: m.gmvFen, orders: m.orders, purchasers: m.purchasers, aovFen: m.aovFen },
    previous: { gmvFen: previous.metrics.gmvFen, orders: previous.metrics.orders, purchasers: previous.metrics.purchasers, aovFen: previous.metrics.aovFen },
    daily: m.daily,
    rfm: { ...report.rfm },
  };
}

/** Paths where two values differ (deep, JSON-level). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null)
    return Object.is(a, b) ? [] : [`${at || '(root)'}: engine ${JSON.stringify(a)} vs arquero ${JSON.stringify(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
}

/** Prints every phase's figures; returns false when the engine and arquero disagree. */
export function printFigures(opts: Opts, build: BuildResult, stream: StreamResult, engine: EngineResult, arq: ArqueroResult): boolean {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const diffs = differences(engineFigures(engine.report, engine.previousReport), arq.figures);
  const reportMs = median(engine.reportMs), arqMs = median(arq.runMs);
  const c = build.counts;
  console.log(
    `\nshop: ${c.customers.toLocaleString('en')} customer records, ${c.orders.toLocaleString('en')} orders, ` +
      `${c.contacts.toLocaleString('en')} explicit contacts → snapshot of ${c.snapshotCustomers.toLocaleString('en')} customers, ` +
      `${c.snapshotContacts.toLocaleString('en')} contacts (incl. one per order at placedAt and per paid order at paidAt); ` +
      `window ${build.window.start} … ${build.window.end}; 高潜 model: ${build.model.kind} (${build.model.rows} rows, ${build.model.positives} positives)`,
  );
  const rows: string[][] = [
    ['step', 'median', 'runs', 'peak rss', 'peak heapUsed'],
    ['generate records (generateShopStream)', ms(build.generateMs), '1', '', mb(build.heapAfterGenerate)],
    ['buildSnapshot, first (flattens timestamps)', ms(build.firstBuildMs), '1', '', ''],
    ['buildSnapshot', ms(median(build.buildMs)), build.buildMs.map(ms).join(' / '), mb(build.peakRss), ''],
    [
      `createSnapshotBuilder fed by generateShopStream (${stream.orders.toLocaleString('en')} orders, ${stream.contacts.toLocaleString('en')} contacts; no records kept), builder share`,
      ms(stream.streamBuildMs - stream.generateOnlyMs),
      `1 (total ${ms(stream.streamBuildMs)} − generator ${ms(stream.generateOnlyMs)}; finish ${ms(stream.finishMs)})`,
      mb(stream.peakRss),
      '',
    ],
    [
      `applySnapshotChanges to that snapshot as persisted (${stream.applyBatch})`,
      ms(median(stream.applyMs)),
      `${stream.applyMs.map(ms).join(' / ')} (CPU median ${ms(median(stream.applyCpuMs))})`,
      mb(stream.applyPeakRss),
      '',
    ],
    [`snapshotToBuffers (${mb(build.bufferBytes)} of columns)`, ms(build.toBuffersMs), `${opts.runs}`, '', ''],
    ['snapshotFromBuffers', ms(build.fromBuffersMs), `${opts.runs}`, '', ''],
    ['fitPropensity (as of W.end)', ms(median(build.fitMs)), build.fitMs.map(ms).join(' / '), '', ''],
    ['load snapshot from disk (read + fromBuffers)', ms(engine.loadMs), '1', '', ''],
    ['(a) full report, engine (computeReport)', ms(reportMs), engine.reportMs.map(ms).join(' / '), mb(engine.peakRss), mb(engine.peakHeap)],
    ['    two full reports, W and previous W', ms(median(engine.reportPairMs)), engine.reportPairMs.map(ms).join(' / '), '', ''],
    ['    what the side panel computes: W + previous W figures, shared passes', ms(median(engine.panelPairMs)), engine.panelPairMs.map(ms).join(' / '), '', ''],
    ['(b) core figures, arquero 7.2.1', ms(arqMs), arq.runMs.map(ms).join(' / '), mb(arq.peakRss), mb(arq.peakHeap)],
    ['    arquero input tables (not in (b))', ms(arq.tablesMs), '1', '', ''],
    ['(c) ratio (b) / (a)', `${(arqMs / reportMs).toFixed(1)}×`, '', '', ''],
  ];
  console.log(`\n${textTable(rows)}\n`);
  console.log(
    diffs.length === 0
      ? 'agreement: arquero and the engine give the same users / purchasers / firstOrder / repeat, Taobao classes, GMV / orders / purchasers / AOV (W and previous W), daily series and RFM classes.'
      : `DISAGREEMENT between the engine and arquero:\n  ${diffs.slice(0, 20).join('\n  ')}`,
  );
  const targets = [
    [`report ≤ 300 ms`, reportMs <= 300],
    [`report ≥ 10× faster than arquero`, arqMs / reportMs >= 10],
    [`report peak rss ≤ 1 GB`, engine.peakRss <= 1024 ** 3],
  ] as const;
  console.log(`targets: ${targets.map(([t, ok]) => `${t}: ${ok ? 'met' : 'NOT met'}`).join('; ')}`);
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  return diffs.length === 0;
}
