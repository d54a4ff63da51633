/**
 * `npm run bench:browser -- --snapshot-only`: the shop's snapshot stored as the worker stores it
 * (no records), then cold loads — the cold load of a big shop without writing millions of records:
 * per round a new browser on the profile opens the panel first (the snapshot written by an
 * earlier browser session; once the browser's own start-up work is done, as when a merchant can
 * click the panel's icon), then again (a repeated open), then right after the snapshot was
 * written again (a just-written open), then at once after a panel was closed while its worker was still
 * finishing (a reopened open); each against the 1.5 s target, with the load average.
 * Beside them, not judged: a first open the moment another new browser is up (its start-up
 * — Chromium 156's omnibox popup WebUI, ~1–1.5 s of a core — on the same two cores).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { ANALYSIS_SNAPSHOT_VERSION, analysisSnapshotRecord } from '../../lib/db/analysis-snapshot';
import type { AnalysisSnapshot } from '../../lib/db';
import { analysisModelsSetting, analysisTokenSetting, dataVersionSetting, settingKey, type SettingDef } from '../../lib/db/settings/registry';
import { buildSnapshot, computeReport, customerIndexOf, latestDataDay, resolveWindow, SNAPSHOT_VERSION } from '../../lib/engine';
import { generateShop } from '../../tests/fixtures/generate';
import { coldLoad, COLD_OPEN_TARGET_MS, FRESH_OVERVIEW, type ColdLoad } from './cold-load';
import { benchShopSpec, type Launch, type Opts } from './options';
import { collect } from '../bench-util';
import { browserSettled, loadAverage, s, until } from './probe';

/** A Dexie `settings` row as lib/db/writer/settings.ts putSettingIn writes it: registry key, schema-checked value, version stamp. */
function settingRow<T>(def: SettingDef<T>, value: T, shopId: string): { key: string; value: T; version?: number } {
  return { key: settingKey(def, shopId), value: def.schema.parse(value), ...(def.version > 1 ? { version: def.version } : {}) };
}

/** Serves `files` on 127.0.0.1 (CORS open) so a page fetches big bytes in one go (not base64 through the protocol). */
async function serveBytes(files: Record<string, Uint8Array>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const body = files[(req.url ?? '').slice(1)];
    res.writeHead(body ? 200 : 404, { 'access-control-allow-origin': '*', 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Writes the shop and its persisted analysis snapshot (built here, stored exactly as the worker
 * stores it) for the data token the side panel computes for a shop without captures
 * (`c<change counter>:v<dataVersion>`, lib/db/store.ts shopDataToken).
 *
 * Written straight into the page's IndexedDB, not through lib/db/writer.ts (persistSnapshot,
 * putSetting): the writer's commands run on a Dexie handle inside the extension's own code, and
 * this script drives the browser from outside it — the built extension has no hook to call them
 * by, and adding one to the shipped code for a bench is worse than these few rows. The rows are
 * made here as the writer makes them (analysisSnapshotRecord, settingRow), so they read back the same.
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
  const settings = [settingRow(analysisTokenSetting, token, data.shop.shopId), settingRow(dataVersionSetting, version, data.shop.shopId)];
  const users = computeReport(snap, resolveWindow({}, latestDataDay(snap, '2026-11-20'))).douyin.users;
  // The Blob's bytes go over as they are (fetched from here); the page makes the same Blob again (a Node Blob cannot be passed).
  const ends = record.strings.ends;
  const server = await serveBytes({ data: new Uint8Array(await record.data.arrayBuffer()), ends: new Uint8Array(ends.buffer, ends.byteOffset, ends.byteLength) });
  try {
    const rest = { ...record, data: undefined, strings: { ...record.strings, ends: undefined } };
    await page.evaluate(`(async () => {
      const [data, ends] = await Promise.all([fetch(${JSON.stringify(`${server.url}/data`)}).then((r) => r.blob()), fetch(${JSON.stringify(`${server.url}/ends`)}).then((r) => r.arrayBuffer())]);
      const record = ${JSON.stringify(rest)};
      record.data = data;
      record.strings.ends = new Int32Array(ends);
      await new Promise((resolve, reject) => {
        const r = indexedDB.open('seller-lens'); r.onerror = () => reject(r.error);
        r.onsuccess = () => { const db = r.result; const tx = db.transaction(['shops', 'analysisSnapshots', 'settings'], 'readwrite');
          tx.objectStore('shops').put(${JSON.stringify(data.shop)});
          tx.objectStore('analysisSnapshots').put(record);
          for (const row of ${JSON.stringify(settings)}) tx.objectStore('settings').put(row);
          tx.oncomplete = () => { db.close(); resolve(true); }; tx.onerror = () => { db.close(); reject(tx.error); }; };
      });
    })()`);
  } finally {
    await server.close();
  }
  return { users, bytes: record.data.size };
}

/**
 * Writes the stored snapshot record again, as the worker does after a capture (the same token,
 * so the fitted 高潜 models still apply): a new Blob, a new file — the just-written case. Returns ms.
 * Written from a page of the extension's origin that runs none of its code (the icon's image document):
 * from the side panel page, that panel's own analysis was killed mid-way with the page, and the next open's
 * IndexedDB reads waited 0.3–0.9 s (its teardown not traced; a probe of the write alone showed no such wait).
 */
async function rewriteSnapshot(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(new URL('/icon/128.png', url).href);
  const ms = (await page.evaluate(`new Promise((resolve, reject) => { const r = indexedDB.open('seller-lens'); r.onerror = () => reject(r.error);
    r.onsuccess = () => { const db = r.result; const q = db.transaction('analysisSnapshots').objectStore('analysisSnapshots').get('bench-shop');
      q.onsuccess = async () => { const rec = q.result; rec.data = new Blob([await rec.data.arrayBuffer()]); const t = performance.now();
        const tx = db.transaction('analysisSnapshots', 'readwrite'); tx.objectStore('analysisSnapshots').put(rec);
        tx.oncomplete = () => { db.close(); resolve(performance.now() - t); }; tx.onerror = () => { db.close(); reject(tx.error); }; }; }; })`)) as number;
  await page.close();
  return ms;
}

/** How long after its fresh 概览 closeMidAnalysis closes the panel: its worker is then finishing the rest of the report and writing what it keeps. */
const CLOSE_AFTER_FRESH_MS = 300;

/**
 * A merchant glancing at the 概览 and closing the panel: opened, closed CLOSE_AFTER_FRESH_MS after its fresh 概览
 * while its worker still computes the lists and writes the last report and the tier lookup — so the next open
 * shares the extension's renderer with that page's teardown (the bench's other opens leave the panel 4 s).
 */
async function closeMidAnalysis(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 520, height: 1000 });
  await page.goto(url);
  await until(page, FRESH_OVERVIEW, 10 * 60_000);
  await page.waitForTimeout(CLOSE_AFTER_FRESH_MS);
  await page.close();
}

/** Drops the OS page cache (what a cold disk after a reboot or long idle is); false when not allowed (not root). */
function dropPageCache(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execSync('sync && echo 3 > /proc/sys/vm/drop_caches', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The range of `xs` as "a–b" with `f` applied. */
const range = (xs: number[], f: (x: number) => string) => (xs.length ? `${f(Math.min(...xs))}–${f(Math.max(...xs))}` : 'n/a');

/** Prints the fresh 概览 and Blob-read ranges of each kind of cold open, PASS/FAIL against the target. */
function printSummary(kinds: Record<string, ColdLoad[]>): void {
  console.log(`cold opens of the fresh 概览 (target ≤ ${s(COLD_OPEN_TARGET_MS)} in every one):`);
  for (const [kind, loads] of Object.entries(kinds)) {
    const ms = loads.map((l) => l.firstScreenMs);
    const steps = (k: string) => loads.map((l) => l.steps?.[k]).filter((v): v is number => v !== undefined);
    const pass = ms.every((x) => x <= COLD_OPEN_TARGET_MS);
    if (!pass) process.exitCode = 1;
    console.log(
      `    ${kind}: ${range(ms, s)} over ${ms.length} runs ${pass ? 'PASS' : 'FAIL'}; Blob ${range(steps('loadBlob'), String)} ms, ` +
        `columns ${range(steps('loadColumns'), String)} ms, the 概览's report ${range(steps('report'), String)} ms, the pair ready ${range(steps('overviewReadyAt'), String)} ms after the worker started; ` +
        // The page's request: sent as it starts (the first analysis) or once its queries knew the shop (pageKnowsShop when it was sent before).
        `the page's request at ${range(steps('pageToRequest'), String)} ms${steps('pageKnowsShop').length ? `, its queries knew the shop at ${range(steps('pageKnowsShop'), String)} ms` : ''}; load ${loads.map((l) => l.load.split(' ')[0]).join(', ')}`,
    );
  }
}

/** The first opens made the moment a new browser is up: printed beside the target, not judged by it. */
function printAtOnce(loads: ColdLoad[]): void {
  const ms = loads.map((l) => l.firstScreenMs);
  const within = ms.filter((x) => x <= COLD_OPEN_TARGET_MS).length;
  console.log(`    not the target — first, opened the moment a new browser is up (its own start-up on the same cores): ${range(ms, s)} over ${ms.length} runs, ${within} within ${s(COLD_OPEN_TARGET_MS)}; load ${loads.map((l) => l.load.split(' ')[0]).join(', ')}`);
}

/**
 * `--snapshot-only`: the shop's snapshot stored as the worker stores it (no records), a first
 * (unmeasured) opening that fits the day's 高潜 models, then `runs` rounds of first / repeated /
 * just-written / reopened cold opens (see the file comment). With `--profile DIR` the browser profile is kept
 * there and, when it already holds the seeded shop of the same size and layout
 * (DIR/seeded.json), reused without generating it again. `--cold-disk` drops the page cache
 * before each first open (root only).
 */
export async function snapshotOnlyBench(opts: Opts, launchWithExtension: Launch, work: string): Promise<void> {
  const profile = opts.profile ?? path.join(work, 'profile');
  const marker = path.join(profile, 'seeded.json');
  // The stored layout is part of the key: a profile seeded by another layout is seeded again.
  const sizeKey = `${opts.customers}:${opts.days}:${opts.seed}:v${ANALYSIS_SNAPSHOT_VERSION}.${SNAPSHOT_VERSION}`;
  const kept = opts.profile && existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { size: string; users: number }) : null;
  let users: number;
  const kinds: Record<string, ColdLoad[]> = { first: [], repeated: [], 'just written': [], 'reopened after a close mid-analysis': [] };
  const atOnce: ColdLoad[] = [];
  try {
    const launched = await launchWithExtension(profile);
    let context = launched.context;
    // An unpacked extension's id comes from its folder: the same in every browser launched here.
    const url = `chrome-extension://${launched.extensionId}/sidepanel.html`;
    if (kept && kept.size === sizeKey) {
      users = kept.users;
      console.log(`snapshot only: reusing the shop seeded in ${profile}`);
    } else {
      const data = generateShop(benchShopSpec(opts));
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
    // The generated shop (GBs of heap) is garbage now: collected here, not by V8's idle-time GC during a measured open.
    collect();
    // The day's first opening fits the two 高潜 models (kept per data token): not one of the measured opens.
    await coldLoad(context, url, 'a day\'s first opening (高潜 models fitted and kept; not counted)', users);
    for (let run = 1; run <= opts.runs; run++) {
      await context.close();
      const dropped = opts.coldDisk && dropPageCache();
      if (opts.coldDisk && !dropped) console.log('    (--cold-disk: the page cache could not be dropped — not root)');
      ({ context } = await launchWithExtension(profile));
      // As a merchant's: the browser's own start-up is over by the time the side panel's icon can be clicked.
      const settled = await browserSettled();
      const startUp = `Chromium's own start-up done first (${s(settled.waitedMs)}, ${settled.cpuMs} ms of CPU, the browser's and the bench's)`;
      kinds.first!.push(await coldLoad(context, url, `run ${run} first: a new browser, the snapshot written by an earlier session, ${startUp}${dropped ? ', page cache dropped' : ''}${opts.profileCpu ? ', traced' : ''}`, users, opts.profileCpu));
      kinds.repeated!.push(await coldLoad(context, url, `run ${run} repeated: the same browser again`, users));
      const wrote = await rewriteSnapshot(context, url);
      kinds['just written']!.push(await coldLoad(context, url, `run ${run} just written: right after the snapshot was written again (${s(wrote)})`, users));
      await closeMidAnalysis(context, url);
      kinds['reopened after a close mid-analysis']!.push(await coldLoad(context, url, `run ${run} reopened: at once after a panel closed ${s(CLOSE_AFTER_FRESH_MS)} after its fresh 概览 (its worker still finishing)`, users));
      // Not the target, printed beside it: the panel opened the moment the browser is up, on cores its start-up still uses.
      await context.close();
      ({ context } = await launchWithExtension(profile));
      atOnce.push(await coldLoad(context, url, `run ${run} first at once: a new browser, opened while Chromium's own start-up still runs`, users, false, false));
    }
    await readRecordAlone(context, url);
    await context.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printSummary(kinds);
  printAtOnce(atOnce);
  console.log(`load average at end ${loadAverage()}`);
}

/** Where a cold load's time goes: reading the stored record and its columns' range alone, and whether the 高潜 models were kept. */
async function readRecordAlone(context: BrowserContext, url: string): Promise<void> {
  const probe = await context.newPage();
  await probe.goto(url);
  const read = (await probe.evaluate(`new Promise((resolve) => { const r = indexedDB.open('seller-lens'); r.onsuccess = () => { const db = r.result;
    const t = performance.now(); const tx = db.transaction(['analysisSnapshots', 'settings']);
    const q = tx.objectStore('analysisSnapshots').get('bench-shop');
    const m = tx.objectStore('settings').get(${JSON.stringify(settingKey(analysisModelsSetting, 'bench-shop'))});
    tx.oncomplete = async () => { db.close(); const got = performance.now() - t; const rec = q.result; const data = rec?.data;
      const bytes = data instanceof Blob ? (await data.slice(0, rec.header.packed.hotBytes).arrayBuffer()).byteLength : 0;
      resolve({ ms: performance.now() - t, got, bytes, all: data?.size ?? 0, models: (m.result?.value?.models ?? []).length }); }; }; })`)) as {
    ms: number; got: number; bytes: number; all: number; models: number;
  };
  console.log(
    `    reading the stored snapshot record alone (from an extension page): ${s(read.ms)} (the record ${s(read.got)}, then the hot columns' ${(read.bytes / 1e6).toFixed(0)} MB of its ${(read.all / 1e6).toFixed(0)} MB Blob); 高潜 models kept: ${read.models}`,
  );
  // Every measured open must be the scored 概览 of kept models: none kept means the day's fit failed.
  if (read.models < 2) {
    console.log(`    FAIL: ${read.models} 高潜 models kept (2 expected: W's and the previous window's) — the opens above timed an unscored 概览`);
    process.exitCode = 1;
  }
  await probe.close();
}
