/**
 * `npm run report -- <backups… | folder> --summary out.csv|xlsx [--jobs N] [--from …] [--to …]`
 *
 * Many shops, one table (issue 14 item 3): every backup reported on a pool of worker threads (one
 * per core unless `--jobs`), each exactly as `npm run report` reports it, into one row a shop of
 * headline figures. A refused file is a row with its reason, never a crash. Progress goes to
 * stderr; stdout stays clean.
 */
import { accessSync, constants, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { runShopPool } from './summary-pool';

/** What the summary command was asked. */
export interface SummaryArgs {
  inputs: readonly string[];
  out: string;
  from?: string;
  to?: string;
  jobs?: number;
}

/** The table format `out` names; throws a usage message for any other file type. */
export function summaryFormatOf(out: string): 'csv' | 'xlsx' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') return ext === '.csv' ? 'csv' : 'xlsx';
  throw new Error(`--summary writes a .csv or .xlsx table, not ${JSON.stringify(out)}`);
}

/** The backup files named: a folder stands for every *.json in it (sorted by name). */
function backupFiles(inputs: readonly string[], log: (line: string) => void): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // Not there: its row says it cannot be read.
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const found = readdirSync(input, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
      .map((e) => e.name)
      .sort();
    log(`${input}: ${found.length} backup${found.length === 1 ? '' : 's'} found`);
    files.push(...found.map((name) => path.join(input, name)));
  }
  return files;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the summary; resolves to the exit code (0 table written, 1 nothing written). */
export async function runSummary(args: SummaryArgs, stderr: { write(text: string): unknown } = process.stderr): Promise<number> {
  const log = (line: string) => void stderr.write(`${line}\n`);
  const t0 = performance.now();
  const format = summaryFormatOf(args.out);
  // Fail before minutes of work, not after: the table's folder must take a file.
  try {
    accessSync(path.dirname(path.resolve(args.out)), constants.W_OK);
  } catch (e) {
    log(`summary: cannot write ${args.out}: ${(e as Error).message}`);
    return 1;
  }
  const files = backupFiles(args.inputs, log);
  if (files.length === 0) {
    log('summary: no backup files to report; nothing written');
    return 1;
  }
  const threads = Math.max(1, Math.min(args.jobs ?? availableParallelism(), files.length));
  log(`summary: ${files.length} file${files.length === 1 ? '' : 's'} on ${threads} worker thread${threads === 1 ? '' : 's'}`);
  let done = 0;
  const jobs = files.map((file) => ({ file, from: args.from, to: args.to }));
  const rows = await runShopPool(jobs, threads, (_, row, ms) => {
    done++;
    const head = `[${done}/${files.length}]`;
    if (row.status === 'ok') log(`${head} ${row.figures.name || row.figures.shopId} … ok ${seconds(ms)}`);
    else log(`${head} ${row.file} … refused: ${row.reason}`);
  });
  const refused = rows.filter((r) => r.status === 'refused').length;
  try {
    // The table writers (and the xlsx library) load only here: a single report never needs them.
    const { summaryCsv, summaryXlsx } = await import('./summary-table');
    writeFileSync(args.out, format === 'csv' ? summaryCsv(rows) : await summaryXlsx(rows));
  } catch (e) {
    log(`summary: cannot write ${args.out}: ${(e as Error).message}`);
    return 1;
  }
  log(`summary: ${rows.length} shop${rows.length === 1 ? '' : 's'}, ${rows.length - refused} ok, ${refused} refused → ${args.out} in ${seconds(performance.now() - t0)}`);
  return 0;
}
