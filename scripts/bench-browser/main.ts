/** `npm run bench:browser`'s orchestration: (b) restore, (c) cold loads, (d) live captures, (a) ingest — or --snapshot-only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingest, ingestBatches, liveBatch } from './batches';
import { coldLoads } from './cold-load';
import { parseOpts } from './options';
import { loadAverage, s, until, untilFresh } from './probe';
import { restoreThroughPanel, writeBackupFile } from './restore';
import { snapshotOnlyBench } from './snapshot-only';

async function main() {
  const opts = parseOpts(process.argv.slice(2));
  process.env.SELLER_LENS_EXT_DIR ??= '.output-bench/chrome-mv3';
  const { launchWithExtension, EXTENSION_DIR } = await import('../../tests/e2e/extension');
  const work = mkdtempSync(path.join(tmpdir(), 'seller-lens-bench-browser-'));
  const profile = path.join(work, 'profile');
  console.log(`seller-lens browser bench — extension ${EXTENSION_DIR}; load average ${loadAverage()}`);

  if (opts.snapshotOnly) {
    await snapshotOnlyBench(opts, launchWithExtension, work);
    return;
  }
  // The backup file first (streamed to disk, never one string here).
  const { data, file, counts } = await writeBackupFile(opts, work);
  const batches = ingestBatches(opts);

  const { context, extensionId } = await launchWithExtension(profile);
  try {
    const url = `chrome-extension://${extensionId}/sidepanel.html`;
    // (b) restore through the side panel
    const restored = await restoreThroughPanel(context, url, file, counts);
    if (!restored) return;

    // (c) cold load: a new panel and a new engine worker (as --snapshot-only measures it)
    await coldLoads(context, url, 2, Number(restored.users));
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
    console.log(`load average at end ${loadAverage()}`);
  }
}

/** Runs the browser bench (the entry is scripts/bench-browser.ts). */
export function runBrowserBench(): void {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
