/** `npm run bench`'s options (see scripts/bench.ts for what it measures). */

export interface Opts {
  customers: number;
  days: number;
  runs: number;
  buildRuns: number;
  seed: number;
  endDay: string;
  /** Keep the built snapshot (and the report comparison's backup file) in this folder, and reuse them. */
  keep?: string;
  /** Days of history of the report comparison's backup (the reference must hold the file as one string). */
  reportDays: number;
  /** Runs of each side of the report comparison. */
  reportRuns: number;
  /** `report`: only the report comparison. */
  only?: 'report';
}

/** The options, plus the phase and work folder a phase process is started with. */
export function parseOpts(argv: string[]): { opts: Opts; phase?: string; dir?: string; file?: string } {
  const opts: Opts = { customers: 200_000, days: 600, runs: 5, buildRuns: 3, seed: 7, endDay: '2026-11-20', reportDays: 60, reportRuns: 3 };
  let phase: string | undefined, dir: string | undefined, file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a non-negative integer`);
      i++;
      return n;
    };
    if (a === '--customers') opts.customers = num();
    else if (a === '--days') opts.days = num();
    else if (a === '--runs') opts.runs = Math.max(1, num());
    else if (a === '--build-runs') opts.buildRuns = Math.max(1, num());
    else if (a === '--seed') opts.seed = num();
    else if (a === '--phase') (phase = v), i++;
    else if (a === '--dir') (dir = v), i++;
    else if (a === '--keep') (opts.keep = v), i++;
    else if (a === '--report-days') opts.reportDays = Math.max(1, num());
    else if (a === '--report-runs') opts.reportRuns = Math.max(1, num());
    else if (a === '--file') (file = v), i++;
    else if (a === '--only') {
      if (v !== 'report') throw new Error('--only takes "report"');
      (opts.only = v), i++;
    }
    else if (a === '--no-capture' || a === '--no-units') continue; // read by the parts at the end
    else throw new Error(`unknown option ${a}`);
  }
  return { opts, phase, dir, file };
}

/** The options a phase process is started with (the same shop and run counts). */
export function phaseArgs(opts: Opts): string[] {
  return [
    '--customers', `${opts.customers}`, '--days', `${opts.days}`, '--runs', `${opts.runs}`, '--build-runs', `${opts.buildRuns}`, '--seed', `${opts.seed}`,
    '--report-days', `${opts.reportDays}`,
  ];
}
