/**
 * `npm run bench:browser [-- --customers 20000 --ingest-orders 20000 --batch 200 --days 600]`
 *
 * Headless Debian Chromium with the extension built in bench mode (SELLER_LENS_EXT_DIR, default
 * .output-bench/chrome-mv3, which `npm run bench:browser` builds with WXT_SELLER_LENS_BENCH=1 so the
 * panel carries its step timings in `data-timings`; a normal build has none):
 *   (a) ingest: `captureBatch` messages of `--batch` orders (with their customers), sent one after
 *       another from an extension page through the real background path (zod → Dexie), orders/s;
 *   (b) restore of a generated backup (`serializeBackupChunks` → temp file) through the side
 *       panel's `restore-backup` input (the worker streams the file in one pass, so a 1.26 GB
 *       backup of 1M orders works): seconds, records/s, peak memory of the browser's processes,
 *       then the time until the first analysis shows (from the snapshot the restore stored);
 *   (c) cold load: a new side panel (new engine worker) — time until `tier-users` shows a number,
 *       and until the fresh analysis (from the persisted snapshot, not the saved last result) is ready;
 *   (d) captures into the restored shop while its panel is open: time until the panel shows the new
 *       figures (the worker brings its snapshot forward through the change log).
 * Sizes are flags. The backup file is written chunk by chunk (`serializeBackupChunks`), never held whole.
 */
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { BrowserContext, Page } from '@playwright/test';
import { ANALYSIS_SNAPSHOT_VERSION, analysisSnapshotRecord } from '../lib/db/analysis-snapshot';
import type { AnalysisSnapshot } from '../lib/db';
import { buildSnapshot, computeReport, customerIndexOf, latestDataDay, resolveWindow } from '../lib/engine';
import { serializeBackupChunks, type Backup } from '../lib/backup';
import { generateShop } from '../tests/fixtures/generate';
import type { CaptureBatch } from '../lib/capture/ingest';
import type { Customer, Order } from '../lib/model';

interface Opts {
  /** Write only the shop and its persisted snapshot (no records), then time cold loads. */
  snapshotOnly: boolean;
  /** `--snapshot-only`: keep the browser profile in this folder and reuse the shop seeded there. */
  profile?: string;
  customers: number;
  ingestOrders: number;
  batch: number;
  days: number;
  seed: number;
}

function parseOpts(argv: string[]): Opts {
  const o: Opts = { snapshotOnly: false, customers: 20_000, ingestOrders: 20_000, batch: 200, days: 600, seed: 7 };
  const names: Record<string, Exclude<keyof Opts, 'snapshotOnly' | 'profile'>> = { '--customers': 'customers', '--ingest-orders': 'ingestOrders', '--batch': 'batch', '--days': 'days', '--seed': 'seed' };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--profile') {
      o.profile = path.resolve(argv[i + 1] ?? '');
      continue;
    }
    if (argv[i] === '--snapshot-only') {
      o.snapshotOnly = true;
      i--;
      continue;
    }
    const k = names[argv[i]!];
    const v = Number(argv[i + 1]);
    if (!k || !Number.isInteger(v) || v < 0) throw new Error(`usage: bench-browser [--snapshot-only [--profile DIR]] [--customers N] [--ingest-orders N] [--batch N] [--days N] [--seed N] (bad ${argv[i]})`);
    o[k] = v;
  }
  return o;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Resident memory (MB) of this process's descendants (the browser's processes), from /proc:
 * summed, and the largest process with its kind (`browser`, `renderer`, `gpu-process`, …).
 */
function browserMemoryMb(): { total: number; largest: number; kind: string; cpuSeconds: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb);
      // utime + stime (fields 14, 15 of /proc/PID/stat, after the parenthesised name), in 1/100 s.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(Number(name), (Number(f[11]) + Number(f[12])) / 100);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0, largest = 0, kind = '', cpuSeconds = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      const kb = rss.get(c) ?? 0;
      total += kb;
      cpuSeconds += cpu.get(c) ?? 0;
      if (kb > largest) {
        largest = kb;
        try {
          const cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
          kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
        } catch {
          kind = '?';
        }
      }
      walk(c);
    }
  };
  walk(process.pid);
  return { total: total / 1024, largest: largest / 1024, kind, cpuSeconds };
}

/** One capture batch of `orders` (with their customers) as the 抖店 orders adapter sends it. */
function ordersBatch(shop: CaptureBatch['shop'], orders: Order[], byKey: Map<string, Customer>, url: string, capturedAt: string): CaptureBatch {
  return {
    adapter: 'douyin-orders',
    primary: 'orders',
    url,
    capturedAt,
    shop,
    headers: ['订单号', '金额'],
    rawRows: orders.map((o) => [o.orderId, String(o.amountFen)]),
    customers: orders.map((o, row) => ({ row, record: byKey.get(o.customerKey) })).filter((c) => c.record !== undefined),
    orders: orders.map((o, row) => ({ row, record: o })),
    contacts: [],
    snapshots: [],
    rejected: [],
  };
}

/** Capture batches of `size` orders each (with their customers), as the 抖店 orders adapter sends them. */
function ingestBatches(opts: Opts): CaptureBatch[] {
  const d = generateShop({ seed: opts.seed + 1, platform: 'douyin', shopId: 'ingest-shop', shopName: '吞吐测速店', customers: Math.ceil(opts.ingestOrders / 4), endDay: '2026-11-20', days: opts.days });
  const byKey = new Map(d.customers.map((c) => [c.customerKey, c]));
  const orders = d.orders.slice(0, opts.ingestOrders);
  const out: CaptureBatch[] = [];
  for (let i = 0; i < orders.length; i += opts.batch) {
    const url = `https://fxg.jinritemai.com/ffa/morder/order/list?page=${i / opts.batch + 1}`;
    out.push(ordersBatch(d.shop, orders.slice(i, i + opts.batch), byKey, url, '2026-11-21T09:00:00+08:00'));
  }
  return out;
}

/**
 * A capture batch into the restored shop as the 抖店 orders page would send it: new paid orders on
 * the latest day (ids `live-<run>-<i>`) and the shop's latest orders seen again as refunded.
 */
function liveBatch(data: ReturnType<typeof generateShop>, size: number, run: number): CaptureBatch {
  const byKey = new Map(data.customers.map((c) => [c.customerKey, c]));
  const latest = data.orders.slice().sort((a, b) => (a.placedAt < b.placedAt ? 1 : -1)).slice(0, size);
  const fresh = Math.ceil(size * 0.75);
  const orders = latest.map((o, i) =>
    i < fresh
      ? { ...o, orderId: `live-${run}-${i}`, status: 'paid' as const }
      : { ...o, status: 'refunded' as const },
  );
  return ordersBatch(data.shop, orders, byKey, `https://fxg.jinritemai.com/ffa/morder/order/list?live=${run}`, '2026-11-21T10:00:00+08:00');
}

async function ingest(page: Page, batches: CaptureBatch[]): Promise<{ ms: number; orders: number; firstMs: number; lastMs: number }> {
  const orders = batches.reduce((n, b) => n + b.orders.length, 0);
  // Sent from the extension page exactly as @webext-core/messaging's sendMessage frames it.
  // Plain JS text (not a transpiled function: tsx would add helpers the page does not have).
  const r = (await page.evaluate(`(async (all) => {
    const send = (data) => new Promise((resolve, reject) =>
      chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type: 'captureBatch', data, timestamp: Date.now() }, (reply) =>
        chrome.runtime.lastError ? reject(new Error(chrome.runtime.lastError.message)) : resolve(reply)));
    const times = [];
    const t0 = performance.now();
    for (const b of all) {
      const t = performance.now();
      const reply = await send(b);
      if (!reply || !reply.res || !reply.res.ok) throw new Error('captureBatch refused: ' + JSON.stringify(reply));
      times.push(performance.now() - t);
    }
    const k = Math.max(1, Math.floor(times.length / 10));
    const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
    return { ms: performance.now() - t0, firstMs: mean(times.slice(0, k)), lastMs: mean(times.slice(-k)) };
  })(${JSON.stringify(batches)})`)) as { ms: number; firstMs: number; lastMs: number };
  return { ...r, orders };
}

/** ms from now until the app shows a fresh (not the saved, stale) analysis of the shop. */
async function untilFresh(page: Page, t0: number, timeout: number): Promise<number> {
  await until(page, `document.querySelector('.app')?.getAttribute('data-state') === 'ready' && !document.querySelector('[data-testid="stale-result"]')`, timeout);
  return performance.now() - t0;
}

/** Polls an expression every 20 ms (the extension's CSP forbids waitForFunction's in-page eval). */
async function until(page: Page, expression: string, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Writes the shop and its persisted analysis snapshot (built here, stored exactly as the worker
 * stores it) for the data token the side panel computes for a shop without captures
 * (`c<change counter>:v<dataVersion>`, lib/db/store.ts shopDataToken).
 * Measures the cold load of a big shop's snapshot without writing millions of records first.
 */
async function seedSnapshotOnly(page: Page, data: ReturnType<typeof generateShop>): Promise<{ users: number; bytes: number }> {
  const snap = buildSnapshot(data);
  const names = new Array<string>(snap.customerCount).fill('');
  for (const c of data.customers) {
    const i = customerIndexOf(snap, c.customerKey);
    if (i >= 0) names[i] = c.nickname || c.buyerId || '';
  }
  const version = Date.now();
  // shopDataToken's form for a shop without captures: change counter 0, restore stamp `version`.
  const token = `c0:v${JSON.stringify(version)}`;
  const record = analysisSnapshotRecord(snap, token, { names }) as AnalysisSnapshot & {
    data: Blob;
    strings: { text: string; ends: Int32Array; tables: unknown };
  };
  const users = computeReport(snap, resolveWindow({}, latestDataDay(snap, '2026-11-20'))).douyin.users;
  const send = async (name: string, bytes: Uint8Array) => {
    const CHUNK = 12 << 20;
    await page.evaluate(`(window.__bench ??= {})[${JSON.stringify(name)}] = []`);
    for (let i = 0; i < bytes.length; i += CHUNK)
      await page.evaluate(`window.__bench[${JSON.stringify(name)}].push(${JSON.stringify(Buffer.from(bytes.subarray(i, i + CHUNK)).toString('base64'))})`);
  };
  // The Blob's bytes go over as they are; the page makes the same Blob again (a Node Blob cannot be passed).
  await send('data', new Uint8Array(await record.data.arrayBuffer()));
  await send('ends', new Uint8Array(record.strings.ends.buffer, record.strings.ends.byteOffset, record.strings.ends.byteLength));
  const rest = { ...record, data: undefined, strings: { ...record.strings, ends: undefined } };
  await page.evaluate(`new Promise((resolve, reject) => {
    const join = (parts) => { const bins = parts.map((b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
      const out = new Uint8Array(bins.reduce((n, b) => n + b.length, 0)); let at = 0; for (const b of bins) { out.set(b, at); at += b.length; } return out.buffer; };
    const record = ${JSON.stringify(rest)};
    record.data = new Blob([join(window.__bench.data)]);
    record.strings.ends = new Int32Array(join(window.__bench.ends));
    delete window.__bench;
    const r = indexedDB.open('seller-lens'); r.onerror = () => reject(r.error);
    r.onsuccess = () => { const db = r.result; const tx = db.transaction(['shops', 'analysisSnapshots', 'settings'], 'readwrite');
      tx.objectStore('shops').put(${JSON.stringify(data.shop)});
      tx.objectStore('analysisSnapshots').put(record);
      tx.objectStore('settings').put({ key: 'analysisToken:' + ${JSON.stringify(data.shop.shopId)}, value: ${JSON.stringify(token)} });
      tx.objectStore('settings').put({ key: 'dataVersion:' + ${JSON.stringify(data.shop.shopId)}, value: ${version} });
      tx.oncomplete = () => { db.close(); resolve(true); }; tx.onerror = () => { db.close(); reject(tx.error); }; };
  })`);
  return { users, bytes: record.data.size };
}

async function coldLoads(context: BrowserContext, url: string, runs: number, expectUsers?: number): Promise<void> {
  for (let run = 1; run <= runs; run++) {
    const cold = await context.newPage();
    await cold.setViewportSize({ width: 520, height: 1000 });
    const t1 = performance.now();
    await cold.goto(url);
    await until(cold, `/\\d/.test(document.querySelector('[data-testid="tier-users"]')?.textContent ?? '')`, 10 * 60_000);
    const shownMs = performance.now() - t1;
    // The 概览 figures of the fresh analysis (report + previous) show before its lists (extras).
    await until(cold, `document.querySelector('.app')?.getAttribute('data-report') === 'fresh'`, 10 * 60_000);
    const firstScreenMs = performance.now() - t1;
    const freshMs = await untilFresh(cold, t1, 10 * 60_000);
    const text = (await cold.locator('.app').textContent()) ?? '';
    const workerMs = /(\d+) ms/.exec(text)?.[1];
    const timings = await cold.locator('.app').getAttribute('data-timings');
    const users = await cold.getByTestId('tier-users').textContent();
    const check = expectUsers === undefined ? '' : users === String(expectUsers) ? ` (用户 ${users} = the engine's in Node)` : ` (用户 ${users}, EXPECTED ${expectUsers})`;
    console.log(
      `(c) cold load #${run}: tier-users shows a number after ${s(shownMs)}; fresh 概览 (report + previous) after ${s(firstScreenMs)}; ` +
        `fresh analysis complete (lists too) after ${s(freshMs)}` +
        (workerMs ? ` (worker: ${workerMs} ms from request to answer)` : '') + check,
    );
    if (timings) console.log(`    steps (ms): ${Object.entries(JSON.parse(timings) as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    else console.log('    steps (ms): none — the extension was not built in bench mode (WXT_SELLER_LENS_BENCH=1)');
    if (expectUsers !== undefined && users !== String(expectUsers)) process.exitCode = 1;
    await cold.screenshot({ path: path.join('test-results', `bench-cold-load-${run}.png`) }).catch(() => undefined);
    // As a merchant would: the panel stays open a moment, so the worker finishes keeping what it
    // computed (fitted 高潜 models, the last result) before the page — and its worker — goes.
    await cold.waitForTimeout(4000);
    await cold.close();
  }
}

/**
 * `--snapshot-only`: the shop's snapshot stored as the worker stores it (no records), then three
 * cold loads. With `--profile DIR` the browser profile is kept there and, when it already holds
 * the seeded shop of the same size (DIR/seeded.json), reused without generating it again.
 */
async function snapshotOnlyBench(
  opts: Opts,
  launchWithExtension: (dir: string) => Promise<{ context: BrowserContext; extensionId: string }>,
  work: string,
): Promise<void> {
  const profile = opts.profile ?? path.join(work, 'profile');
  const marker = path.join(profile, 'seeded.json');
  // The stored layout is part of the key: a profile seeded by another layout is seeded again.
  const sizeKey = `${opts.customers}:${opts.days}:${opts.seed}:v${ANALYSIS_SNAPSHOT_VERSION}`;
  const kept = opts.profile && existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { size: string; users: number }) : null;
  const { context, extensionId } = await launchWithExtension(profile);
  try {
    const url = `chrome-extension://${extensionId}/sidepanel.html`;
    let users: number;
    if (kept && kept.size === sizeKey) {
      users = kept.users;
      console.log(`snapshot only: reusing the shop seeded in ${profile}`);
    } else {
      const data = generateShop({ seed: opts.seed, platform: 'douyin', shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: '2026-11-20', days: opts.days });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByTestId('restore-backup').waitFor();
      const t = performance.now();
      const seeded = await seedSnapshotOnly(page, data);
      users = seeded.users;
      console.log(
        `snapshot only: ${data.customers.length.toLocaleString('en')} customers, ${data.orders.length.toLocaleString('en')} orders, ` +
          `${data.contacts.length.toLocaleString('en')} contacts → ${(seeded.bytes / 1e6).toFixed(0)} MB of columns and order ids, written in ${s(performance.now() - t)} (no records stored)`,
      );
      await page.close();
      if (opts.profile) writeFileSync(marker, JSON.stringify({ size: sizeKey, users }));
    }
    await coldLoads(context, url, 3, users);
    // Where a cold load's time goes: reading the stored record alone, and whether the 高潜 models were kept.
    const probe = await context.newPage();
    await probe.goto(url);
    const read = (await probe.evaluate(`new Promise((resolve) => { const r = indexedDB.open('seller-lens'); r.onsuccess = () => { const db = r.result;
      const t = performance.now(); const tx = db.transaction(['analysisSnapshots', 'settings']);
      const q = tx.objectStore('analysisSnapshots').get('bench-shop');
      const m = tx.objectStore('settings').get('analysisModels:bench-shop');
      tx.oncomplete = async () => { db.close(); const got = performance.now() - t; const data = q.result?.data;
        const bytes = data instanceof Blob ? (await data.arrayBuffer()).byteLength : 0;
        resolve({ ms: performance.now() - t, got, bytes, models: (m.result?.value?.models ?? []).length }); }; }; })`)) as { ms: number; got: number; bytes: number; models: number };
    console.log(
      `    reading the stored snapshot record alone (from an extension page): ${s(read.ms)} (the record ${s(read.got)}, then its ${(read.bytes / 1e6).toFixed(0)} MB Blob); 高潜 models kept: ${read.models}`,
    );
    await probe.close();
  } finally {
    await context.close();
    rmSync(work, { recursive: true, force: true });
    console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
}

async function main() {
  const opts = parseOpts(process.argv.slice(2));
  process.env.SELLER_LENS_EXT_DIR ??= '.output-bench/chrome-mv3';
  const { launchWithExtension, EXTENSION_DIR } = await import('../tests/e2e/extension');
  const work = mkdtempSync(path.join(tmpdir(), 'seller-lens-bench-browser-'));
  const profile = path.join(work, 'profile');
  console.log(`seller-lens browser bench — extension ${EXTENSION_DIR}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  if (opts.snapshotOnly) {
    await snapshotOnlyBench(opts, launchWithExtension, work);
    return;
  }
  // The backup file first (streamed to disk, never one string here).
  let t = performance.now();
  const data = generateShop({ seed: opts.seed, platform: 'douyin', shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: '2026-11-20', days: opts.days });
  const backup: Backup = { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T09:00:00+08:00', ...data, captures: [], platformSnapshots: [], audiences: [], exports: [] };
  const file = path.join(work, 'backup.json');
  const out = createWriteStream(file);
  let chars = 0;
  let pending = '';
  for (const part of serializeBackupChunks(backup)) {
    chars += part.length;
    pending += part;
    if (pending.length < 1 << 20) continue;
    if (!out.write(pending)) await once(out, 'drain');
    pending = '';
  }
  out.write(pending);
  out.end();
  await once(out, 'finish');
  const counts = { customers: data.customers.length, orders: data.orders.length, contacts: data.contacts.length };
  console.log(
    `backup: ${counts.customers.toLocaleString('en')} customers, ${counts.orders.toLocaleString('en')} orders, ${counts.contacts.toLocaleString('en')} contacts; ` +
      `${(statSync(file).size / 1e6).toFixed(0)} MB, ${(chars / 1e6).toFixed(0)}M characters (written in ${s(performance.now() - t)})`,
  );
  const batches = ingestBatches(opts);

  const { context, extensionId } = await launchWithExtension(profile);
  try {
    const url = `chrome-extension://${extensionId}/sidepanel.html`;
    // (b) restore through the side panel
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 520, height: 1000 });
    await panel.goto(url);
    await panel.getByTestId('restore-backup').waitFor();
    t = performance.now();
    const progress: string[] = [];
    const status = panel.getByTestId('restore-status');
    await panel.getByTestId('restore-backup').setInputFiles(file);
    await panel.getByTestId('restore-confirm-button').click(); // the confirmation (header + line counts) is part of the timing
    const deadline = Date.now() + 30 * 60_000;
    let state: string | null = null;
    // Two steps of the progress texts: one pass that validates the lines and writes their blocks
    // (校验并写入备份… n%), then the directories, the small arrays and the snapshot (写入索引与分析快照…).
    const peaks = { 'validating + writing blocks': { total: 0, largest: 0, kind: '' }, 'directories + snapshot': { total: 0, largest: 0, kind: '' } };
    let writingAt = 0;
    const idle = browserMemoryMb();
    const cpuBefore = idle.cpuSeconds;
    let cpuAtWriting = cpuBefore, cpuAfter = cpuBefore;
    while (Date.now() < deadline) {
      state = await status.getAttribute('data-state').catch(() => null);
      const text = await status.textContent().catch(() => null);
      if (text && progress.at(-1) !== text) progress.push(text);
      const mem = browserMemoryMb();
      if (!writingAt && text?.startsWith('写入')) {
        writingAt = performance.now();
        cpuAtWriting = mem.cpuSeconds;
      }
      cpuAfter = mem.cpuSeconds;
      const peak = writingAt ? peaks['directories + snapshot'] : peaks['validating + writing blocks'];
      peak.total = Math.max(peak.total, mem.total);
      if (mem.largest > peak.largest) Object.assign(peak, { largest: mem.largest, kind: mem.kind });
      if (state === 'done' || state === 'error') break;
      await panel.waitForTimeout(200);
    }
    const restoreMs = performance.now() - t;
    if (state !== 'done') {
      console.log(`(b) restore did not finish (${state ?? 'no status'}) after ${s(restoreMs)}: ${progress.at(-1) ?? ''}`);
      process.exitCode = 1;
      return;
    }
    const records = counts.customers + counts.orders + counts.contacts;
    const validating = progress.filter((p) => p.startsWith('校验')).length;
    console.log(
      `(b) restore through the panel: ${s(restoreMs)} → ${((records / restoreMs) * 1000).toFixed(0)} records/s ` +
        `(${progress.length} progress texts seen, ${validating} while validating; last: ${progress.at(-1)})`,
    );
    if (writingAt) console.log(`    validating + writing blocks ${s(writingAt - t)}, then directories + snapshot ${s(t + restoreMs - writingAt)}`);
    console.log(
      `    CPU time of the browser's processes: ${(cpuAtWriting - cpuBefore).toFixed(1)} s validating + writing blocks, ${(cpuAfter - cpuAtWriting).toFixed(1)} s directories + snapshot ` +
        `(load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: wall time above includes waiting for other work)`,
    );
    console.log(`    memory before the restore (Chromium with the panel open): ${idle.total.toFixed(0)} MB in all (RSS summed), largest process ${idle.largest.toFixed(0)} MB (${idle.kind})`);
    for (const [phase, peak] of Object.entries(peaks))
      console.log(`    peak memory ${phase}: browser processes ${peak.total.toFixed(0)} MB in all (RSS summed), largest process ${peak.largest.toFixed(0)} MB (${peak.kind})`);
    await panel.selectOption('[data-testid="shop-picker"]', 'bench-shop').catch(() => undefined);
    const firstMs = await untilFresh(panel, t, 15 * 60_000);
    const users = await panel.getByTestId('tier-users').textContent();
    const firstWorkerMs = /(\d+) ms/.exec((await panel.locator('.app').textContent()) ?? '')?.[1];
    console.log(
      `    first analysis shown after the restore: ${s(firstMs - restoreMs)} more` +
        `${firstWorkerMs ? ` (worker: ${firstWorkerMs} ms from request to answer)` : ''}; 用户 ${users}`,
    );
    // The worker writes the snapshot to IndexedDB a moment after its answer: wait until it is there.
    t = performance.now();
    await until(
      panel,
      `new Promise((resolve) => { const r = indexedDB.open('seller-lens'); r.onsuccess = () => { const db = r.result;
        const q = db.transaction('analysisSnapshots').objectStore('analysisSnapshots').count('bench-shop');
        q.onsuccess = () => { db.close(); resolve(q.result === 1); }; q.onerror = () => { db.close(); resolve(false); }; };
        r.onerror = () => resolve(false); })`,
      10 * 60_000,
    );
    console.log(`    snapshot persisted ${s(performance.now() - t)} later`);
    await panel.close();

    // (c) cold load: a new panel and a new engine worker (as --snapshot-only measures it)
    await coldLoads(context, url, 2, Number(users));
    // (d) captures into the open big shop: the worker brings its snapshot forward through the change
    // log (reads only the changed records) instead of reading the shop again.
    const live = await context.newPage();
    await live.setViewportSize({ width: 520, height: 1000 });
    await live.goto(url);
    await untilFresh(live, performance.now(), 10 * 60_000);
    for (const run of [1, 2]) {
      const before = await live.getByTestId('metric-orders').getAttribute('data-value');
      const batch = liveBatch(data, opts.batch, run);
      const t2 = performance.now();
      await ingest(live, [batch]);
      const stored = performance.now() - t2;
      await until(
        live,
        `document.querySelector('[data-testid="metric-orders"]')?.getAttribute('data-value') !== ${JSON.stringify(before)} && ` +
          `document.querySelector('.app')?.getAttribute('data-state') === 'ready'`,
        10 * 60_000,
      );
      const after = await live.getByTestId('metric-orders').getAttribute('data-value');
      console.log(
        `(d) capture #${run} into the open restored shop (${batch.orders.length} orders: ${batch.orders.filter((o) => (o.record as { orderId: string }).orderId.startsWith('live-')).length} new, the rest updated): ` +
          `stored in ${s(stored)}; the panel shows the new figures ${s(performance.now() - t2)} after the capture (订单数 ${before} → ${after})`,
      );
    }
    await live.close();

    // (a) ingest into a second shop, the panel open on the first (so it does not recompute per batch)
    const page = await context.newPage();
    await page.goto(url);
    const ing = await ingest(page, batches);
    const rate = (ing.orders / ing.ms) * 1000;
    console.log(
      `(a) ingest: ${ing.orders.toLocaleString('en')} orders in ${batches.length} captureBatch messages of ${opts.batch}: ${s(ing.ms)} → ` +
        `${rate.toFixed(0)} orders/s (a batch: ${ing.firstMs.toFixed(0)} ms in the first 10%, ${ing.lastMs.toFixed(0)} ms in the last 10%)`,
    );
    await page.close();

  } finally {
    await context.close();
    rmSync(work, { recursive: true, force: true });
    console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
