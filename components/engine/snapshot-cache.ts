/**
 * The worker's snapshot cache service: one shop's columnar snapshot held in memory while the
 * data token is unchanged, brought forward or rebuilt when it changes, persisted once the data
 * has settled, with the 高潜 models fitted for it.
 */
import { getDb, loadShopData } from '@/lib/db';
import { parseDataToken } from '@/lib/db/changes';
import { persistSnapshot, saveAnalysisModel } from '@/lib/db/writer';
import { snapshotOfToken } from '@/lib/db/snapshot-source';
import { loadAnalysisModels, propensityModelAt, readColdColumns, type ModelMemo } from '@/lib/db/analysis-snapshot';
import type { Snapshot } from '@/lib/engine';
import type { PropensityModel } from '@/lib/engine/propensity/model';
import type { Customer, ShopData } from '@/lib/model';
import type { AudienceContext } from './audience-jobs';

/** What the worker keeps of one shop's data token. */
export type CachedShop = {
  shopId: string;
  token: string;
  /** The shop's records: loaded only for the requests that read them (not for report / analysis). */
  data: ShopData | null;
  snap: Snapshot;
  /** Display name of each snapshot customer ('' unknown), for the 高潜 list without the records. */
  names: string[];
  /** Propensity models by as-of day: fitted once per data token (as `npm run report` fits them), persisted. */
  models: ModelMemo;
  customers?: Map<string, Customer>;
  audience?: AudienceContext;
};

let cache: CachedShop | null = null;
const inFlight = new Map<string, { done: Promise<CachedShop>; listeners: Set<(text: string) => void> }>();

/** Quiet time before a changed snapshot is written to IndexedDB (a newer token cancels it). */
const PERSIST_AFTER_MS = 2_000;

/** Lets the held snapshot go (before a restore needs the memory, and after it replaced the data). */
export function dropCachedShop(): void {
  cache = null;
}

/** 高潜 model as of a day, fitted on the shop's history up to it (the CLI's scorer, so the numbers agree). */
export function modelAt(c: CachedShop, day: number): PropensityModel {
  return propensityModelAt(c.models, c.snap, day, (p) => void saveAnalysisModel(getDb(), c.shopId, c.token, p).catch(() => undefined));
}

/**
 * Persists the cached snapshot once the data has settled (not on every batch of a running
 * capture), after the answer; then the change log up to it is no longer needed.
 */
function persistLater(shopId: string, snap: Snapshot, names: string[], token: string) {
  setTimeout(() => {
    if (cache?.snap !== snap) return;
    const db = getDb();
    const t = parseDataToken(token);
    void persistSnapshot(db, snap, token, { names, ...(t ? { pruneUpTo: t.change } : {}) }).catch(() => undefined);
  }, PERSIST_AFTER_MS);
}

async function makeSnapshot(shopId: string, token: string, progress: (text: string) => void, keepData: boolean): Promise<CachedShop> {
  const db = getDb();
  const previous = cache?.shopId === shopId ? cache : null;
  cache = null; // let a big old snapshot go as soon as the next one is made
  // Catalogue keys: the panel shows them through t() (lib/i18n/messages-panel.ts).
  const steps = { forward: 'progress_forward', read: 'progress_read', build: 'progress_build' } as const;
  const made = await snapshotOfToken(db, shopId, token, { previous, progress: (step) => progress(steps[step]) });
  const persisted = await loadAnalysisModels(db, shopId, token);
  // Records are dropped unless this request reads them: a million orders is ~1 GB of objects.
  const c: CachedShop = { shopId, token, data: keepData ? made.data : null, snap: made.snap, names: made.names, models: { models: new Map(), persisted } };
  cache = c;
  if (made.origin !== 'persisted') persistLater(shopId, made.snap, made.names, token);
  return c;
}

/**
 * The shop's snapshot for data token `token`: kept in memory; else the in-memory or persisted
 * snapshot of an older token brought forward with the captures logged since (incremental: only
 * the changed records are read); else the persisted one of that token (no records read); else
 * built from the records. Changed snapshots are persisted after the request.
 * `withData` also loads the records (CSV / audience jobs need them). `overviewOnly`: the caller
 * reads only what the 概览 reads (report pair, 高潜 fit): a stored snapshot's cold columns stay
 * unread (withAllColumns reads them).
 */
export async function snapshotFor(shopId: string, token: string, progress: (text: string) => void, withData = true, overviewOnly = false): Promise<CachedShop> {
  let c = cache;
  if (!c || c.shopId !== shopId || c.token !== token) {
    // Requests arriving while the snapshot is being made (a running capture) share that work.
    // Each waiting request sees the steps (the side panel's read-ahead may have started the work).
    const key = `${shopId}\u0000${token}`;
    let making = inFlight.get(key);
    if (!making) {
      const listeners = new Set<(text: string) => void>();
      const shared = (text: string) => listeners.forEach((l) => l(text));
      making = { listeners, done: makeSnapshot(shopId, token, shared, withData).finally(() => inFlight.delete(key)) };
      inFlight.set(key, making);
    }
    making.listeners.add(progress);
    try {
      c = await making.done;
    } finally {
      making.listeners.delete(progress);
    }
  }
  if (!overviewOnly) await withAllColumns(c);
  if (withData && !c.data) {
    progress('progress_read');
    c.data = await loadShopData(getDb(), shopId);
  }
  return c;
}

/** Reads the cold columns of a snapshot loaded for the 概览 only (once); a snapshot that cannot be read is let go, to be rebuilt. */
export async function withAllColumns(c: CachedShop): Promise<void> {
  if (await readColdColumns(c.snap)) return;
  if (cache === c) cache = null;
  throw new Error('the stored snapshot could not be read');
}

/** The cached shop's records (loaded: the caller asked `snapshotFor` with data). */
export function recordsOf(c: CachedShop): ShopData {
  if (!c.data) throw new Error('the shop records were not loaded');
  return c.data;
}
