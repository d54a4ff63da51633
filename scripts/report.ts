/**
 * `npm run report -- <backup.json> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scores <file.json>]`
 *
 * Prints the SPEC §9 report of a backup's shop as JSON on stdout. Default window: the 30 days
 * ending on the latest day with data (none → the day of the backup's exportedAt, else today).
 * `--scores` also writes `{ customerKey: probability }` for users(W) − purchasers(W), from the
 * purchase-propensity model fitted on data up to W.end only; the report's 高潜 count uses the
 * same model, so the two always agree.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { nonPurchasingUsers, toRange } from '../lib/engine';
import { loadBackupFile } from './report/load';
import { reportOfLoaded } from './report/compute';
import { runSummary, summaryFormatOf } from './report/summary';

const USAGE =
  'usage: npm run report -- <backup.json> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scores <file.json>]\n' +
  '       npm run report -- <backups… | folder> --summary <out.csv|out.xlsx> [--jobs N] [--from …] [--to …]';

interface Args {
  file: string;
  from?: string;
  to?: string;
  scores?: string;
  /** Every backup named (a folder: its *.json); more than one only with `summary`. */
  inputs: string[];
  /** The multi-shop table to write (scripts/report/summary.ts). */
  summary?: string;
  jobs?: number;
}

/** Reads the command line; throws a message naming the problem. */
function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { inputs: string[] } = { inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--summary' || a === '--jobs') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      if (a === '--summary') {
        summaryFormatOf(v); // a table type it cannot write is a usage error, before any work
        args.summary = v;
      } else if (/^[1-9]\d*$/.test(v)) args.jobs = Number(v);
      else throw new Error(`--jobs needs a whole number of threads, got ${v}`);
    } else if (a === '--from' || a === '--to' || a === '--scores') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      args[a.slice(2) as 'from' | 'to' | 'scores'] = v;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.inputs.push(a);
  }
  args.file = args.inputs[0];
  if (args.file === undefined) throw new Error('no backup file given');
  if (args.summary === undefined && args.inputs.length > 1)
    throw new Error(`${args.inputs.length} backups given: add --summary <out.csv|out.xlsx> to report them into one table`);
  if (args.summary === undefined && args.jobs !== undefined) throw new Error('--jobs goes with --summary');
  if (args.summary !== undefined && args.scores !== undefined) throw new Error('--scores is for one backup, not with --summary');
  return args as Args;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.summary !== undefined) return runSummary({ inputs: args.inputs, out: args.summary, from: args.from, to: args.to, jobs: args.jobs });
  const loaded = await loadBackupFile(args.file);
  if (!loaded.ok) {
    process.stderr.write(`${args.file}: ${loaded.reason}\n`);
    return 1;
  }
  try {
    const { report, window, model } = reportOfLoaded(loaded, { from: args.from, to: args.to });
    if (args.scores !== undefined) {
      const snap = loaded.snapshot;
      const range = toRange(window);
      const candidates = nonPurchasingUsers(snap, range);
      const p = candidates.length > 0 ? model.score(snap, range.end, candidates) : new Float64Array(0);
      const out: Record<string, number> = {};
      for (let j = 0; j < candidates.length; j++) out[snap.customerKeys[candidates[j]!]!] = p[j]!;
      writeFileSync(args.scores, `${JSON.stringify(out, null, 2)}\n`);
      if (model.kind === 'fallback')
        process.stderr.write(`scores: fixed heuristic used (${model.fallbackReason ?? 'too little history'})\n`);
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

// Run only as a script (tests may import `main`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
