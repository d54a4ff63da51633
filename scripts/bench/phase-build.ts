/** `npm run bench`'s build phase: generate the shop, build its snapshot, buffers, propensity fit. */
import { buildSnapshot, latestDataDay, resolveWindow, snapshotFromBuffers, snapshotToBuffers, toRange } from '../../lib/engine';
import { fitPropensity } from '../../lib/engine/propensity/model';
import type { Contact, Customer, Order } from '../../lib/model';
import { generateShopStream } from '../../tests/fixtures/generate';
import { MemoryPeak, collect, timeRuns, writeSnapshotFiles } from '../bench-util';
import type { Opts } from './options';
import type { BuildResult } from './results';

/** Generates the bench shop, times the snapshot build and friends, and leaves the snapshot in `dir`. */
export function phaseBuild(opts: Opts, dir: string): BuildResult {
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
