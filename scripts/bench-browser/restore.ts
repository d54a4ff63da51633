/** `npm run bench:browser`'s (b): a generated backup file restored through the side panel. */
import { createWriteStream, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { BrowserContext } from '@playwright/test';
import { serializeBackupChunks, type Backup } from '../../lib/backup';
import { generateShop } from '../../tests/fixtures/generate';
import { benchShopSpec, type Opts } from './options';
import { browserMemoryMb, s, until, untilFresh } from './probe';

type Counts = { customers: number; orders: number; contacts: number };

/** Generates the bench shop and writes its backup to `<work>/backup.json` chunk by chunk (never one string here). */
export async function writeBackupFile(opts: Opts, work: string): Promise<{ data: ReturnType<typeof generateShop>; file: string; counts: Counts }> {
  const t = performance.now();
  const data = generateShop(benchShopSpec(opts));
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
  return { data, file, counts };
}

/**
 * Restores `file` through a side panel at `url`: time, records/s, the browser's CPU and peak
 * memory per step, then the first analysis and the persisted snapshot. The 用户 figure shown then,
 * or null when the restore did not finish (exit code set).
 */
export async function restoreThroughPanel(context: BrowserContext, url: string, file: string, counts: Counts): Promise<{ users: string | null } | null> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 520, height: 1000 });
  await panel.goto(url);
  await panel.getByTestId('restore-backup').waitFor();
  let t = performance.now();
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
    return null;
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
  return { users };
}
