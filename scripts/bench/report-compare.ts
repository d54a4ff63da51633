/**
 * `npm run bench`'s batch-report comparison (issue 14 item 2), side by side in one run on the same
 * backup file (the bench shop over `--report-days` days, written once by lib/backup's writer):
 *   (a) the CLI end to end — what `npm run report` runs (`node scripts/report-start.mjs <file>`: the
 *       CLI from its cached bundle) in a fresh process, wall time from its start to the report JSON written;
 *   (b) the straightforward reference (reference-report.ts), in a fresh process, timed from
 *       reading the file to the figures;
 *   (c) DuckDB (duckdb-report.ts), in a fresh process, timed from opening the file to the figures;
 * each `--report-runs` times (interleaved), medians compared; every side's core figures must be
 * the CLI report's.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Report } from '../../lib/engine';
import { median, ms, textTable } from '../bench-util';
import type { Opts } from './options';
import { figureDifferences, figuresOfReport, type ReportCoreFigures } from './report-figures';

/** What a reference / DuckDB phase process prints. */
export interface FiguresResult {
  ms: number;
  figures: ReportCoreFigures;
}

/** Targets of issue 14: the CLI at least this many times faster than the reference, and not slower than DuckDB. */
const REFERENCE_FACTOR = 5;

/** Runs the comparison on backup `file` (`size` bytes); `phase` runs one side's phase process. Returns false on a disagreement. */
export function compareReport(
  opts: Opts,
  root: string,
  file: string,
  size: number,
  phase: (name: 'reference' | 'duckdb', file: string) => FiguresResult,
): boolean {
  const loads: number[] = [loadavg()[0]!];
  const cliMs: number[] = [], refMs: number[] = [], duckMs: number[] = [];
  let cli: ReportCoreFigures | null = null, ref: ReportCoreFigures | null = null, duck: ReportCoreFigures | null = null;
  for (let i = 0; i < opts.reportRuns; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['scripts/report-start.mjs', file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
    cliMs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`npm run report failed (exit ${r.status ?? r.signal})`);
    cli = figuresOfReport(JSON.parse(r.stdout) as Report);
    const a = phase('reference', file);
    refMs.push(a.ms);
    ref = a.figures;
    const b = phase('duckdb', file);
    duckMs.push(b.ms);
    duck = b.figures;
    loads.push(loadavg()[0]!);
    console.log(`  run ${i + 1}: CLI ${ms(cliMs[i]!)}, reference ${ms(refMs[i]!)}, DuckDB ${ms(duckMs[i]!)} (load ${loadavg()[0]!.toFixed(1)})`);
  }
  const diffs = [...figureDifferences(cli, ref, 'CLI', 'reference'), ...figureDifferences(cli, duck, 'CLI', 'DuckDB')];
  const c = median(cliMs), rf = median(refMs), dk = median(duckMs);
  const range = (xs: number[]) => `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}`;
  console.log(
    `\nbatch report on ${path.basename(file)} (${(size / 1e6).toFixed(0)} MB; the bench shop over ${opts.reportDays} days), ` +
      `${opts.reportRuns} run${opts.reportRuns > 1 ? 's' : ''} each, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}:`,
  );
  console.log(
    textTable([
      ['', 'median', 'range', 'time ÷ CLI time'],
      ['(a) npm run report (CLI, end to end)', ms(c), range(cliMs), '1×'],
      ['(b) straightforward reference (JSON.parse + zod + Map/Set)', ms(rf), range(refMs), `${(rf / c).toFixed(1)}×`],
      ['(c) DuckDB (read_csv lines → JSON → SQL)', ms(dk), range(duckMs), `${(dk / c).toFixed(1)}×`],
    ]),
  );
  if (diffs.length > 0) console.log(`core figures DIFFER:\n  ${diffs.slice(0, 20).join('\n  ')}`);
  else console.log(`core figures (W ${cli!.window.start}…${cli!.window.end}: tiers, classes, pathways, per-class GMV, GMV / orders / purchasers / AOV) equal on all three`);
  const fast = rf / c >= REFERENCE_FACTOR, notSlower = c <= dk;
  console.log(`target CLI ≥ ${REFERENCE_FACTOR}× the reference: ${fast ? 'PASS' : 'FAIL'} (${(rf / c).toFixed(1)}×)`);
  console.log(`target CLI ≤ DuckDB: ${notSlower ? 'PASS' : 'FAIL'} (${ms(c)} vs ${ms(dk)})`);
  return diffs.length === 0;
}
