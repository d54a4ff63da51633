/** `npm run bench:browser`'s options (see scripts/bench-browser.ts for what it measures). */
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';

export interface Opts {
  /** Write only the shop and its persisted snapshot (no records), then time cold loads. */
  snapshotOnly: boolean;
  /** `--snapshot-only`: keep the browser profile in this folder and reuse the shop seeded there. */
  profile?: string;
  /** `--snapshot-only`: drop the OS page cache before each first open of a new browser (needs root). */
  coldDisk: boolean;
  /** `--snapshot-only`: trace each first open in a new browser (scripts/bench-browser/cpu-profile.ts). */
  profileCpu: boolean;
  /** `--snapshot-only`: rounds of (first, repeated, just written) cold opens. */
  runs: number;
  customers: number;
  ingestOrders: number;
  batch: number;
  days: number;
  seed: number;
}

/** tests/e2e/extension.ts's launcher (imported after SELLER_LENS_EXT_DIR is set). */
export type Launch = (profileDir: string) => Promise<{ context: BrowserContext; extensionId: string }>;

/** Parses `[--snapshot-only [--profile DIR] [--runs N] [--cold-disk] [--profile-cpu]] [--customers N] [--ingest-orders N] [--batch N] [--days N] [--seed N]`. */
export function parseOpts(argv: string[]): Opts {
  const o: Opts = { snapshotOnly: false, coldDisk: false, profileCpu: false, runs: 3, customers: 20_000, ingestOrders: 20_000, batch: 200, days: 600, seed: 7 };
  const names: Record<string, Exclude<keyof Opts, 'snapshotOnly' | 'profile' | 'coldDisk' | 'profileCpu'>> = {
    '--customers': 'customers', '--ingest-orders': 'ingestOrders', '--batch': 'batch', '--days': 'days', '--seed': 'seed', '--runs': 'runs',
  };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--profile') {
      o.profile = path.resolve(argv[i + 1] ?? '');
      continue;
    }
    if (argv[i] === '--snapshot-only' || argv[i] === '--cold-disk' || argv[i] === '--profile-cpu') {
      if (argv[i] === '--snapshot-only') o.snapshotOnly = true;
      else if (argv[i] === '--cold-disk') o.coldDisk = true;
      else o.profileCpu = true;
      i--;
      continue;
    }
    const k = names[argv[i]!];
    const v = Number(argv[i + 1]);
    if (!k || !Number.isInteger(v) || v < 0) throw new Error(`usage: bench-browser [--snapshot-only [--profile DIR] [--runs N] [--cold-disk] [--profile-cpu]] [--customers N] [--ingest-orders N] [--batch N] [--days N] [--seed N] (bad ${argv[i]})`);
    o[k] = v;
  }
  return o;
}

/** The bench shop (restored, or seeded as a snapshot only) as the generator makes it. */
export function benchShopSpec(opts: Opts) {
  return { seed: opts.seed, platform: 'douyin' as const, shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: '2026-11-20', days: opts.days };
}
