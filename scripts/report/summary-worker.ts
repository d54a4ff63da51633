/**
 * A worker thread of the multi-shop summary: takes one backup file at a time from the main thread,
 * loads it and computes its report exactly as the CLI does, and posts back the shop's row (or the
 * refusal). It never throws at its caller: an error in one file is that file's refused row.
 */
import { parentPort } from 'node:worker_threads';
import { shopRowOf, type ShopJob } from './summary-job';
import type { SummaryRow } from './summary-row';

/** What the worker posts back for a job. */
export interface ShopJobDone {
  id: number;
  row: SummaryRow;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: ShopJob & { id: number }) => {
    void shopRowOf(job).then((row) => port.postMessage({ id: job.id, row } satisfies ShopJobDone));
  });
}
