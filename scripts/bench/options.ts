/** `npm run bench`'s options (see scripts/bench.ts for what it measures). */

export interface Opts {
  customers: number;
  days: number;
  runs: number;
  buildRuns: number;
  seed: number;
  endDay: string;
  /** Keep the built snapshot in this folder (and reuse it when it is already there). */
  keep?: string;
}

/** The options, plus the phase and work folder a phase process is started with. */
export function parseOpts(argv: string[]): { opts: Opts; phase?: string; dir?: string } {
  const opts: Opts = { customers: 200_000, days: 600, runs: 5, buildRuns: 3, seed: 7, endDay: '2026-11-20' };
  let phase: string | undefined, dir: string | undefined;
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
    else if (a === '--no-capture' || a === '--no-units') continue; // read by the parts at the end
    else throw new Error(`unknown option ${a}`);
  }
  return { opts, phase, dir };
}

/** The options a phase process is started with (the same shop and run counts). */
export function phaseArgs(opts: Opts): string[] {
  return ['--customers', `${opts.customers}`, '--days', `${opts.days}`, '--runs', `${opts.runs}`, '--build-runs', `${opts.buildRuns}`, '--seed', `${opts.seed}`];
}
