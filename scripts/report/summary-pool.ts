/**
 * The worker-thread pool of the multi-shop summary: `jobs` files shared among at most `size`
 * threads, each taking the next file as soon as it has finished one. A thread that dies on a file
 * (out of memory, a native crash) refuses only that file: a fresh thread takes over the rest.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ShopJob } from './summary-job';
import type { SummaryRow } from './summary-row';
import type { ShopJobDone } from './summary-worker';

/** Called as each file finishes, in finishing order: its index in `jobs`, row and time taken. */
export type OnShopDone = (index: number, row: SummaryRow, ms: number) => void;

// The worker is TypeScript. Neither `--import tsx` in a worker's execArgv nor tsx's register()
// reaches a worker's own entry module on Node 20 (tsx issue #354), so a two-line script imports
// it through tsx's tsImport. tsx is found from here, so any working directory (and vitest, which
// has no tsx of its own) works; its CommonJS api resolves its own files wrongly from an eval'd
// script, hence the ESM build beside it.
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const WORKER_URL = new URL('./summary-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(WORKER_URL)}));`;

/** Reports every job on up to `size` worker threads (each within `limits`, if given); resolves to the rows in `jobs` order. */
export function runShopPool(jobs: readonly ShopJob[], size: number, onDone: OnShopDone = () => {}, limits?: ResourceLimits): Promise<SummaryRow[]> {
  const rows: (SummaryRow | undefined)[] = new Array<SummaryRow | undefined>(jobs.length);
  const threads = Math.max(1, Math.min(size, jobs.length));
  let next = 0;
  let finished = 0;
  if (jobs.length === 0) return Promise.resolve([]);

  return new Promise((resolve) => {
    const settle = (index: number, row: SummaryRow, startedAt: number) => {
      rows[index] = row;
      finished++;
      onDone(index, row, performance.now() - startedAt);
      if (finished === jobs.length) resolve(rows as SummaryRow[]);
    };

    const startThread = () => {
      if (next >= jobs.length) return;
      const worker = new Worker(BOOTSTRAP, { eval: true, ...(limits ? { resourceLimits: limits } : {}) });
      let current = -1;
      let startedAt = 0;
      const take = () => {
        if (next >= jobs.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        startedAt = performance.now();
        worker.postMessage({ ...jobs[current]!, id: current });
      };
      // A thread that fails refuses the file it had and hands the rest to a new thread.
      const fail = (why: string) => {
        if (current < 0) return;
        const index = current;
        current = -1;
        worker.removeAllListeners();
        worker.on('error', () => {}); // a dying thread may still report; it has been accounted for
        void worker.terminate();
        settle(index, { file: jobs[index]!.file, status: 'refused', reason: `worker crashed: ${why}` }, startedAt);
        startThread();
      };
      worker.on('message', (done: ShopJobDone) => {
        if (done.id !== current) return;
        current = -1;
        settle(done.id, done.row, startedAt);
        take();
      });
      worker.on('error', (e) => fail(e.message));
      worker.on('exit', (code) => fail(`exited with code ${code}`));
      take();
    };

    for (let i = 0; i < threads; i++) startThread();
  });
}
