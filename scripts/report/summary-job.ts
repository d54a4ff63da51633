/**
 * One shop of the multi-shop summary: load the backup, compute the CLI's report (reportOfLoaded,
 * so summary and CLI never disagree) and keep its headline figures — or the refusal's reason.
 */
import { reportOfLoaded } from './compute';
import { loadBackupFile } from './load';
import { figuresOf, type SummaryRow } from './summary-row';

/** A file to report and the window asked for (absent: the CLI's default). */
export interface ShopJob {
  file: string;
  from?: string;
  to?: string;
}

// The pool already gives each file its own thread: parsing it on further threads would only
// make the shops compete for the same cores.
const PARSE_WORKERS = 0;

/** The summary row of one backup file; never throws (any error is the row's refusal). */
export async function shopRowOf(job: ShopJob): Promise<SummaryRow> {
  try {
    const loaded = await loadBackupFile(job.file, { workers: PARSE_WORKERS });
    if (!loaded.ok) return { file: job.file, status: 'refused', reason: loaded.reason };
    const { report } = reportOfLoaded(loaded, { from: job.from, to: job.to });
    return { file: job.file, status: 'ok', figures: figuresOf(loaded.shop, report) };
  } catch (e) {
    return { file: job.file, status: 'refused', reason: e instanceof Error ? e.message : String(e) };
  }
}
