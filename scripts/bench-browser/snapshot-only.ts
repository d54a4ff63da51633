/**
 * `npm run bench:browser -- --snapshot-only`: the shop's snapshot stored as the worker stores it
 * (no records), then cold loads — the cold load of a big shop without writing millions of records.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ANALYSIS_SNAPSHOT_VERSION, analysisSnapshotRecord } from '../../lib/db/analysis-snapshot';
import type { AnalysisSnapshot } from '../../lib/db';
import { analysisModelsSetting, analysisTokenSetting, dataVersionSetting, settingKey, type SettingDef } from '../../lib/db/settings/registry';
import { buildSnapshot, computeReport, customerIndexOf, latestDataDay, resolveWindow } from '../../lib/engine';
import { generateShop } from '../../tests/fixtures/generate';
import { coldLoads } from './cold-load';
import { benchShopSpec, type Launch, type Opts } from './options';
import { loadAverage, s } from './probe';

/** A Dexie `settings` row as lib/db/writer/settings.ts putSettingIn writes it: registry key, schema-checked value, version stamp. */
function settingRow<T>(def: SettingDef<T>, value: T, shopId: string): { key: string; value: T; version?: number } {
  return { key: settingKey(def, shopId), value: def.schema.parse(value), ...(def.version > 1 ? { version: def.version } : {}) };
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
      for (const row of ${JSON.stringify(settings)}) tx.objectStore('settings').put(row);
      tx.oncomplete = () => { db.close(); resolve(true); }; tx.onerror = () => { db.close(); reject(tx.error); }; };
  })`);
  return { users, bytes: record.data.size };
}

/**
 * `--snapshot-only`: the shop's snapshot stored as the worker stores it (no records), then three
 * cold loads. With `--profile DIR` the browser profile is kept there and, when it already holds
 * the seeded shop of the same size (DIR/seeded.json), reused without generating it again.
 */
export async function snapshotOnlyBench(opts: Opts, launchWithExtension: Launch, work: string): Promise<void> {
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
    await coldLoads(context, url, 3, users);
    // Where a cold load's time goes: reading the stored record alone, and whether the 高潜 models were kept.
    const probe = await context.newPage();
    await probe.goto(url);
    const read = (await probe.evaluate(`new Promise((resolve) => { const r = indexedDB.open('seller-lens'); r.onsuccess = () => { const db = r.result;
      const t = performance.now(); const tx = db.transaction(['analysisSnapshots', 'settings']);
      const q = tx.objectStore('analysisSnapshots').get('bench-shop');
      const m = tx.objectStore('settings').get(${JSON.stringify(settingKey(analysisModelsSetting, 'bench-shop'))});
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
    console.log(`load average at end ${loadAverage()}`);
  }
}
