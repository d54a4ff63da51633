/**
 * `npm run export -- <backup.json> --parquet <dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD]`
 * `npm run export -- --sql docs/sql/<file>.sql --parquet <dir> [--from …] [--to …]`
 *
 * Writes the backup's shop as Parquet files into <dir> — customers, orders, order_items,
 * contacts, and propensity_scores (the 高潜 scores of the window `npm run report` uses, or of
 * --from/--to) — for DuckDB, Spark SQL, Trino or BigQuery; docs/sql/ holds the core report as
 * SQL over them. A refused backup writes nothing and says why (exit code 1). With --sql, runs
 * one of those files on DuckDB over the exported files (the window: --from/--to, else the one
 * the 高潜 scores belong to) and prints the result.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isDay } from '../lib/model';
import { exportParquet } from './export/parquet-export';
import { resultTable, runSqlFile } from './export/sql-run';

const USAGE = [
  'usage: npm run export -- <backup.json> --parquet <dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  '       npm run export -- --sql <file.sql> --parquet <dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
].join('\n');

interface Args {
  file?: string;
  sql?: string;
  parquet: string;
  from?: string;
  to?: string;
}

/** Reads the command line; throws a message naming the problem. */
function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--parquet' || a === '--from' || a === '--to' || a === '--sql') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      if ((a === '--from' || a === '--to') && !isDay(v)) throw new Error(`${a} "${v}" is not a YYYY-MM-DD day`);
      args[a.slice(2) as 'parquet' | 'from' | 'to' | 'sql'] = v;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (args.file === undefined && args.sql === undefined) throw new Error('no backup file given');
  if (args.file !== undefined && args.sql !== undefined) throw new Error('give a backup file or --sql, not both');
  if (args.parquet === undefined) throw new Error('no --parquet <dir> given');
  return args as Args;
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.sql !== undefined) {
    try {
      const r = await runSqlFile(args.sql, args.parquet, { from: args.from, to: args.to });
      process.stdout.write(`${args.sql} over ${args.parquet}, window ${r.window.start} … ${r.window.end}\n${resultTable(r)}\n`);
      return 0;
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      return 1;
    }
  }
  const file = args.file!;
  const started = performance.now();
  const r = await exportParquet(file, args.parquet, { from: args.from, to: args.to });
  if (!r.ok) {
    process.stderr.write(`${file}: ${r.reason}\nnothing written\n`);
    return 1;
  }
  const lines = [`shop ${r.shopId} → ${args.parquet}`];
  for (const f of r.files) lines.push(`  ${`${f.table}.parquet`.padEnd(26)}${f.rows.toLocaleString('en-US').padStart(12)} rows ${size(f.bytes).padStart(10)}`);
  lines.push(`propensity_scores: window ${r.window.start} … ${r.window.end}, as of ${r.window.end} (scorer: ${r.scorer})`);
  lines.push(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

// Run only as a script (tests may import `main`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
