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
 *       with `--snapshot-only [--runs N] [--cold-disk] [--profile-cpu]`: per round a first open in a new browser, a
 *       repeated one and a just-written one, each PASS/FAIL against the 1.5 s target, with the load;
 *   (d) captures into the restored shop while its panel is open: time until the panel shows the new
 *       figures (the worker brings its snapshot forward through the change log).
 * Sizes are flags. The backup file is written chunk by chunk (`serializeBackupChunks`), never held whole.
 *
 * The parts live in scripts/bench-browser/: options, measuring helpers, capture batches, the restore,
 * cold loads, `--snapshot-only` and the orchestration.
 */
import { runBrowserBench } from './bench-browser/main';

runBrowserBench();
