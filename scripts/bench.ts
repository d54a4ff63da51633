/**
 * `npm run bench [-- --customers 200000 --days 600 --runs 5 --build-runs 3 --seed 7]`
 *
 * Generates a seeded shop with `generateShopStream` (default 200,000 customers over 600 days:
 * ≈ 1.0M orders, ≈ 3.6M explicit contacts), builds the engine snapshot, then times, as medians:
 *   - snapshot build, snapshotToBuffers / snapshotFromBuffers, propensity fit;
 *   - the streaming build (createSnapshotBuilder fed record by record, no records kept: what a
 *     restore does) and applySnapshotChanges of one capture batch to that snapshot as persisted;
 *   - (a) the full §9 report from the in-memory snapshot (fitted 高潜 model, as the extension);
 *   - (b) the report's core group-bys and joins written with arquero 7 (scripts/bench-arquero.ts),
 *         checked to give the same numbers as the engine;
 *   - (c) the ratio (b) / (a);
 * with peak memory of each phase; then the unit figures (scripts/bench-units.ts: generator, DMP
 * hashing, card search, tag index, expressions; `--no-units` skips them) and the capture figures.
 * Peak memory is per phase. Phases run in separate processes so each peak is its own: the
 * report and arquero phases start from the snapshot as persisted (like the extension's worker).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSnapshot,
  computeReport,
  applySnapshotChanges,
  createSnapshotBuilder,
  latestDataDay,
  analyzeWindow,
  newWindowScans,
  previousFigures,
  previousWindow,
  resolveWindow,
  snapshotFromBuffers,
  snapshotToBuffers,
  toRange,
  type Report,
  type Snapshot,
} from '../lib/engine';
import { fitPropensity, propensityModelFromParams, type PropensityParams } from '../lib/engine/propensity/model';
import type { Contact, Customer, Order } from '../lib/model';
import { generateShopStream } from '../tests/fixtures/generate';
import { arqueroFigures, arqueroTables, type CoreFigures } from './bench-arquero';
import { benchUnits } from './bench-units';
import { MemoryPeak, collect, mb, ms, readSnapshotFiles, textTable, timeRuns, writeSnapshotFiles } from './bench-util';

interface Opts {
  customers: number;
  days: number;
  runs: number;
  buildRuns: number;
  seed: number;
  endDay: string;
  /** Keep the built snapshot in this folder (and reuse it when it is already there). */
  keep?: string;
}

function parseOpts(argv: string[]): { opts: Opts; phase?: string; dir?: string } {
  const opts: Opts = { customers: 200_000, days: 600, runs: 5, buildRuns: 3, seed: 7, endDay: '2026-11-20' };
  let phase: string | undefined, dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a non-negative integer`);
      i++;
      return n;
    };
    if (a === '--customers') opts.customers = num();
    else if (a === '--days') opts.days = num();
    else if (a === '--runs') opts.runs = Math.max(1, num());
    else if (a === '--build-runs') opts.buildRuns = Math.max(1, num());
    else if (a === '--seed') opts.seed = num();
    else if (a === '--phase') (phase = v), i++;
    else if (a === '--dir') (dir = v), i++;
    else if (a === '--keep') (opts.keep = v), i++;
    else if (a === '--no-capture' || a === '--no-units') continue; // read by the parts at the end
    else throw new Error(`unknown option ${a}`);
  }
  return { opts, phase, dir };
}

/** What each phase process prints (one JSON line). */
interface BuildResult {
  counts: { customers: number; orders: number; contacts: number; snapshotCustomers: number; snapshotContacts: number };
  generateMs: number;
  firstBuildMs: number;
  buildMs: number[];
  toBuffersMs: number;
  fromBuffersMs: number;
  bufferBytes: number;
  fitMs: number[];
  model: { kind: string; rows: number; positives: number; params?: PropensityParams; asOfDay: number };
  window: { start: string; end: string };
  peakRss: number;
  heapAfterGenerate: number;
}
/** The streaming builder (what a restore does): records go straight from the generator into it. */
interface StreamResult {
  generateOnlyMs: number;
  streamBuildMs: number;
  finishMs: number;
  orders: number;
  contacts: number;
  peakRss: number;
  /** applySnapshotChanges of one capture-sized batch to the streamed snapshot. */
  applyMs: number[];
  applyCpuMs: number[];
  applyBatch: string;
  applyPeakRss: number;
}
interface EngineResult {
  loadMs: number;
  reportMs: number[];
  reportPairMs: number[];
  /** The worker's 概览 pair: analyzeWindow(W) + previousFigures(previous W) with shared window scans. */
  panelPairMs: number[];
  report: Report;
  previousReport: Report;
  peakRss: number;
  peakHeap: number;
}
interface ArqueroResult {
  tablesMs: number;
  runMs: number[];
  figures: CoreFigures;
  peakRss: number;
  peakHeap: number;
}

// ---------------------------------------------------------------------------------------------
// Phases (each in its own process)

function phaseBuild(opts: Opts, dir: string): BuildResult {
  const customers: Customer[] = [], orders: Order[] = [], contacts: Contact[] = [];
  let t = performance.now();
  const shop = generateShopStream(
    { seed: opts.seed, platform: 'douyin', shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: opts.endDay, days: opts.days },
    { customer: (c) => customers.push(c), contact: (c) => contacts.push(c), order: (o) => orders.push(o) },
  );
  const generateMs = performance.now() - t;
  collect();
  const heapAfterGenerate = process.memoryUsage().heapUsed;
  const data = { shop, customers, orders, contacts };
  // The first build also flattens the generator's timestamps (each is a concatenation of two
  // shared strings, which V8 flattens on first read); records read from IndexedDB are flat already.
  t = performance.now();
  buildSnapshot(data);
  const firstBuildMs = performance.now() - t;
  const build = timeRuns(opts.buildRuns, () => buildSnapshot(data));
  const snap = build.last;
  const toB = timeRuns(opts.runs, () => snapshotToBuffers(snap));
  const { header, buffers } = toB.last;
  const fromB = timeRuns(opts.runs, () => snapshotFromBuffers(header, buffers));
  const window = resolveWindow({}, latestDataDay(snap, opts.endDay));
  const end = toRange(window).end;
  const fit = timeRuns(Math.min(3, opts.runs), () => fitPropensity(snap, end));
  writeSnapshotFiles(dir, snap);
  const m = fit.last;
  return {
    counts: {
      customers: customers.length,
      orders: orders.length,
      contacts: contacts.length,
      snapshotCustomers: snap.customerCount,
      snapshotContacts: snap.contactCount,
    },
    generateMs,
    firstBuildMs,
    buildMs: build.all,
    toBuffersMs: toB.ms,
    fromBuffersMs: fromB.ms,
    bufferBytes: buffers.reduce((s, b) => s + b.byteLength, 0),
    fitMs: fit.all,
    model: { kind: m.kind, rows: m.rows, positives: m.positives, params: m.params, asOfDay: m.asOfDay },
    window,
    peakRss: MemoryPeak.maxRss(),
    heapAfterGenerate,
  };
}

function phaseStream(opts: Opts, dir: string): StreamResult {
  const gen = { seed: opts.seed, platform: 'douyin' as const, shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: opts.endDay, days: opts.days };
  // The generator alone first, so the builder's share of the streamed build can be told apart.
  let t = performance.now();
  generateShopStream(gen, { customer: () => {}, contact: () => {}, order: () => {} });
  const generateOnlyMs = performance.now() - t;
  collect();
  t = performance.now();
  const shop = { shopId: gen.shopId, platform: gen.platform, name: gen.shopName };
  const b = createSnapshotBuilder(shop);
  // A few records kept aside (not part of the timing's memory story) to make a capture batch from.
  const someCustomers: Customer[] = [], someOrders: Order[] = [];
  generateShopStream(gen, {
    customer: (c) => {
      b.addCustomer(c);
      if (someCustomers.length < 400 && c.customerKey.length % 3 === 0) someCustomers.push(c);
    },
    contact: (c) => b.addContact(c),
    order: (o) => {
      b.addOrder(o);
      if (someOrders.length < 400 && o.orderId.endsWith('7')) someOrders.push(o);
    },
  });
  const t1 = performance.now();
  let built: { snap: Snapshot; names: string[] } | null = b.finish();
  const t2 = performance.now();
  const peakRss = MemoryPeak.maxRss();
  const { orderCount: orders, contactCount: contacts } = built.snap;
  // The worker applies changes to the snapshot as persisted (flat strings, one buffer), not to the
  // generator's strings: apply to the snapshot read back from disk, as the engine phase does.
  const kept = path.join(dir, 'stream-snapshot');
  mkdirSync(kept, { recursive: true });
  writeSnapshotFiles(kept, built.snap);
  const names = built.names;
  built = null;
  collect();
  const snap = readSnapshotFiles(kept);

  // One capture batch: 150 new orders + 50 updated ones (some turning refunded), their 100
  // customers (half of them new keys), 1,000 new contacts, all on the latest day.
  const day = `${opts.endDay}T21:00:00+08:00`;
  const newKey = (i: number) => `douyin:bench-shop:id:new-${i}`;
  const batchCustomers = [
    ...someCustomers.slice(0, 50).map((c) => ({ ...c, isFan: true })),
    ...someCustomers.slice(50, 100).map((c, i) => ({ ...c, customerKey: newKey(i), buyerId: `new-${i}` })),
  ];
  const added = someOrders.slice(0, 150).map((o, i) => ({ ...o, orderId: `new-order-${i}`, customerKey: batchCustomers[i % 100]!.customerKey, placedAt: day, paidAt: day, status: 'paid' as const }));
  const updated = someOrders.slice(150, 200).map((o, i) => ({ ...o, status: i % 2 ? ('refunded' as const) : ('completed' as const) }));
  const contactsAdded = Array.from({ length: 1000 }, (_, i): Contact => ({ shopId: shop.shopId, customerKey: batchCustomers[i % 100]!.customerKey, at: day, kind: 'visit' }));
  const changes = {
    customers: { added: batchCustomers.slice(50), updated: batchCustomers.slice(0, 50) },
    orders: { added, updated },
    contacts: { added: contactsAdded },
  };
  collect();
  const mem = new MemoryPeak();
  // CPU time beside wall time: on a shared machine the wall time mostly measures the load.
  const applyCpuMs: number[] = [];
  const apply = timeRuns(
    opts.runs,
    () => {
      const c = process.cpuUsage();
      const out = applySnapshotChanges(snap, names, changes);
      const d = process.cpuUsage(c);
      applyCpuMs.push((d.user + d.system) / 1000);
      return out;
    },
    mem,
  );
  if (apply.last.snap.orderCount !== snap.orderCount + added.length) throw new Error('applySnapshotChanges lost orders');
  return {
    generateOnlyMs,
    streamBuildMs: t2 - t,
    finishMs: t2 - t1,
    orders,
    contacts,
    peakRss,
    applyMs: apply.all,
    applyCpuMs,
    applyBatch: `${added.length} new + ${updated.length} updated orders, ${batchCustomers.length} customers, ${contactsAdded.length} contacts`,
    applyPeakRss: mem.rss, // sampled after each apply (the whole process, old and new snapshot alive)
  };
}

function phaseEngine(opts: Opts, dir: string, build: BuildResult): EngineResult {
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

function phaseArquero(opts: Opts, dir: string, build: BuildResult): ArqueroResult {
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

// ---------------------------------------------------------------------------------------------
// Orchestration

function runPhase<T>(phase: string, argv: string[], dir: string, heapMb: number, input?: unknown): T {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${heapMb}`, '--expose-gc', script, ...argv, '--phase', phase, '--dir', dir],
    { input: input === undefined ? '' : JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`bench phase ${phase} failed (exit ${r.status ?? r.signal})`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
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

async function readStdin(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s;
}

async function main() {
  const { opts, phase, dir } = parseOpts(process.argv.slice(2));
  const argv = ['--customers', `${opts.customers}`, '--days', `${opts.days}`, '--runs', `${opts.runs}`, '--build-runs', `${opts.buildRuns}`, '--seed', `${opts.seed}`];
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
    const load = loadavg().map((x) => x.toFixed(1)).join(' ');
    console.log(
      `seller-lens bench — ${opts.customers.toLocaleString('en')} customers, ${opts.days} days, seed ${opts.seed}; ` +
        `${opts.runs} runs (build ${opts.buildRuns}); node ${process.version}; ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ` +
        `${mb(totalmem())} RAM; load average at start ${load}`,
    );
    console.log('generating and building …');
    let build: BuildResult;
    if (kept && existsSync(kept)) {
      build = JSON.parse(readFileSync(kept, 'utf8')) as BuildResult;
      console.log(`(reusing the shop built in ${work})`);
    } else {
      build = runPhase<BuildResult>('build', argv, work, 8192);
      if (kept) writeFileSync(kept, JSON.stringify(build));
    }
    console.log('streaming build (createSnapshotBuilder) …');
    const stream = runPhase<StreamResult>('stream', argv, work, 4096);
    console.log('report from the snapshot (engine) …');
    const engine = runPhase<EngineResult>('engine', argv, work, 4096, build);
    console.log('the same figures with arquero …');
    const arq = runPhase<ArqueroResult>('arquero', argv, work, 8192, build);

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
    if (diffs.length > 0) process.exitCode = 1;
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

main()
  .then(async () => {
    if (process.argv.includes('--phase') || process.exitCode) return;
    // The speed figures that are no unit test's business (scripts/bench-units.ts), unless --no-units.
    if (!process.argv.includes('--no-units')) {
      console.log('\n--- unit figures (scripts/bench-units.ts) ---');
      await benchUnits(5);
    }
    // Capture speed (SPEC §8 targets) on the built fixture pages, unless --no-capture.
    if (process.argv.includes('--no-capture') || process.exitCode) return;
    console.log('\n--- capture (npm run bench:capture) ---');
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;
    if (!run(process.execPath, ['scripts/ensure-chromium.mjs']) || !run(process.execPath, ['scripts/build-fixtures.mjs', '--only-e2e']) || !run('npx', ['tsx', 'scripts/bench-capture.ts']))
      process.exitCode = 1;
  })
  .catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
