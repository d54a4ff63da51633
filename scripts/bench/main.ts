/**
 * `npm run bench`'s orchestration: each phase in its own process (so each peak memory is its
 * own), then the figures, the unit figures and the capture figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchUnits } from '../bench-units';
import { parseOpts, phaseArgs } from './options';
import { phaseBuild } from './phase-build';
import { phaseArquero, phaseEngine } from './phase-engine';
import { phaseStream } from './phase-stream';
import { printFigures, printHeader } from './print';
import { ensureBenchBackup } from './backup-file';
import { duckdbFigures } from './duckdb-report';
import { referenceFigures } from './reference-report';
import { compareReport, type FiguresResult } from './report-compare';
import type { ArqueroResult, BuildResult, EngineResult, StreamResult } from './results';

/** Runs `entry` (scripts/bench.ts) as one phase's process; returns the JSON line it printed last. */
function runPhase<T>(entry: string, phase: string, argv: string[], dir: string, heapMb: number, input?: unknown): T {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${heapMb}`, '--expose-gc', entry, ...argv, '--phase', phase, '--dir', dir],
    { input: input === undefined ? '' : JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`bench phase ${phase} failed (exit ${r.status ?? r.signal})`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

async function readStdin(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s;
}

/** One phase (in a phase process) or the whole bench; `entry` is the script the phases run. */
async function bench(entry: string): Promise<void> {
  const { opts, phase, dir, file } = parseOpts(process.argv.slice(2));
  const argv = phaseArgs(opts);
  if (phase === 'backup' || phase === 'reference' || phase === 'duckdb') {
    if (!file) throw new Error(`--phase ${phase} needs --file`);
    const t = performance.now();
    const out =
      phase === 'backup' ? { size: ensureBenchBackup({ ...opts, days: opts.reportDays }, file) }
        : phase === 'reference' ? { figures: referenceFigures(file) }
          : { figures: await duckdbFigures(file) };
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t, ...out })}\n`);
    return;
  }
  if (phase !== undefined) {
    if (!dir) throw new Error('--phase needs --dir');
    const input = phase === 'build' || phase === 'stream' ? undefined : (JSON.parse(await readStdin()) as BuildResult);
    const out = phase === 'build' ? phaseBuild(opts, dir) : phase === 'stream' ? phaseStream(opts, dir) : phase === 'engine' ? phaseEngine(opts, dir, input!) : phaseArquero(opts, dir, input!);
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }

  const work = opts.keep ?? mkdtempSync(path.join(tmpdir(), 'seller-lens-bench-'));
  if (opts.keep) mkdirSync(opts.keep, { recursive: true });
  const kept = opts.keep ? path.join(opts.keep, 'build.json') : null;
  try {
    printHeader(opts);
    if (opts.only !== 'report') benchEngine(entry, opts, work, kept);
    // The batch report (issue 14 item 2): the CLI, the reference and DuckDB on one backup file.
    const file = path.join(work, `backup-${opts.customers}c-${opts.reportDays}d-seed${opts.seed}.json`);
    console.log(`\n--- batch report: npm run report vs a straightforward reference vs DuckDB ---\nwriting the backup file (${opts.reportDays} days) …`);
    const { size } = runPhase<{ size: number }>(entry, 'backup', [...argv, '--file', file], work, 8192);
    const root = path.resolve(path.dirname(entry), '..');
    const side = (name: 'reference' | 'duckdb', f: string) => runPhase<FiguresResult>(entry, name, [...argv, '--file', f], work, 12288);
    if (!compareReport(opts, root, file, size, side)) process.exitCode = 1;
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

/** The engine phases (build, stream, report, arquero) and their figures. */
function benchEngine(entry: string, opts: ReturnType<typeof parseOpts>['opts'], work: string, kept: string | null): void {
  const argv = phaseArgs(opts);
  console.log('generating and building …');
  let build: BuildResult;
  if (kept && existsSync(kept)) {
    build = JSON.parse(readFileSync(kept, 'utf8')) as BuildResult;
    console.log(`(reusing the shop built in ${work})`);
  } else {
    build = runPhase<BuildResult>(entry, 'build', argv, work, 8192);
    if (kept) writeFileSync(kept, JSON.stringify(build));
  }
  console.log('streaming build (createSnapshotBuilder) …');
  const stream = runPhase<StreamResult>(entry, 'stream', argv, work, 4096);
  console.log('report from the snapshot (engine) …');
  const engine = runPhase<EngineResult>(entry, 'engine', argv, work, 4096, build);
  console.log('the same figures with arquero …');
  const arq = runPhase<ArqueroResult>(entry, 'arquero', argv, work, 8192, build);
  if (!printFigures(opts, build, stream, engine, arq)) process.exitCode = 1;
}

/** The unit figures (unless --no-units) and the capture figures (unless --no-capture), after the bench. */
async function extras(root: string): Promise<void> {
  if (process.argv.includes('--phase') || process.argv.includes('--only') || process.exitCode) return;
  // The speed figures that are no unit test's business (scripts/bench-units.ts), unless --no-units.
  if (!process.argv.includes('--no-units')) {
    console.log('\n--- unit figures (scripts/bench-units.ts) ---');
    await benchUnits(5);
  }
  // Capture speed (SPEC §8 targets) on the built fixture pages, unless --no-capture.
  if (process.argv.includes('--no-capture') || process.exitCode) return;
  console.log('\n--- capture (npm run bench:capture) ---');
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;
  if (!run(process.execPath, ['scripts/ensure-chromium.mjs']) || !run(process.execPath, ['scripts/build-fixtures.mjs', '--only-e2e']) || !run('npx', ['tsx', 'scripts/bench-capture.ts']))
    process.exitCode = 1;
}

/** `npm run bench` from its entry script `entry` (scripts/bench.ts, at the repository's scripts/). */
export function runBench(entry: string): void {
  bench(entry)
    .then(() => extras(path.resolve(path.dirname(entry), '..')))
    .catch((e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    });
}
