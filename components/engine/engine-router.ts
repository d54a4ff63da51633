/**
 * The engine worker's router (loaded by ./engine.worker.ts): from request kinds to their handlers
 * (./handlers), which read the shop's snapshot through the cache service (./snapshot-cache.ts).
 * A new request kind is one entry in `HANDLERS` (and its type in ./protocol.ts).
 */
import { stepTimer } from './bench-timings';
import type { Handler, HandlerContext, RequestKind } from './handlers/context';
import { handleAnalysis, handleReport } from './handlers/report';
import { handleOpenAnalysis } from './handlers/open-analysis';
// The data handlers are small and tierLookupReady follows every analysis (the console tabs' chips wait for it): loaded up front.
import { handleDeleteAudience, handleDeleteShop, handleEraseCustomer, handleFindCustomers, handlePruneCaptures, handleSaveAudience, handleSetRetentionDays, handleTierLookupReady } from './handlers/data';
import type { EngineRequest, EngineResponse } from './protocol';
import { offerEarlyRecordRead } from '@/lib/db/analysis-snapshot';
import { takeEarlyRead } from './early-read';

/** A handler loaded on first use: the side panel's first request (the 概览) does not wait for the code of the others. */
function lazy<K extends RequestKind, M>(load: () => Promise<M>, pick: (m: M) => Handler<K>): Handler<K> {
  return async (req, ctx) => pick(await load())(req, ctx);
}
const audience = () => import('./handlers/audience');
const files = () => import('./handlers/files');
const restore = () => import('./handlers/restore');

/** Each request kind's handler. */
const HANDLERS: { [K in RequestKind]: Handler<K> } = {
  report: handleReport,
  analysis: handleAnalysis,
  openAnalysis: handleOpenAnalysis,
  audienceTags: lazy(audience, (m) => m.handleAudienceTags),
  audienceSize: lazy(audience, (m) => m.handleAudienceSize),
  audienceExport: lazy(audience, (m) => m.handleAudienceExport),
  conversion: lazy(audience, (m) => m.handleConversion),
  audiencePreview: lazy(audience, (m) => m.handleAudiencePreview),
  tierCsv: lazy(files, (m) => m.handleTierCsv),
  backup: lazy(files, (m) => m.handleBackup),
  restore: lazy(restore, (m) => m.handleRestore),
  restorePreview: lazy(restore, (m) => m.handleRestorePreview),
  deleteShop: handleDeleteShop,
  findCustomers: handleFindCustomers,
  eraseCustomer: handleEraseCustomer,
  pruneCaptures: handlePruneCaptures,
  saveAudience: handleSaveAudience,
  deleteAudience: handleDeleteAudience,
  tierLookupReady: handleTierLookupReady,
  setRetentionDays: handleSetRetentionDays,
  members: lazy(() => import('./handlers/members'), (m) => m.handleMembers),
  completeness: lazy(() => import('./handlers/completeness'), (m) => m.handleCompleteness),
};

/** ms from this worker's creation until its code was loaded and evaluated (bench builds' timings). */
const bootMs = Math.round(performance.now());
// The record the first script started reading while this code loaded: the snapshot load takes it over.
const early = takeEarlyRead();
if (early) offerEarlyRecordRead(early);

function post(msg: EngineResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(msg, transfer);
}

/** Answers one request (the worker's message handler once this code has loaded). */
export async function onEngineMessage(e: MessageEvent<EngineRequest>): Promise<void> {
  const req = e.data;
  const startedAt = performance.now();
  const ctx: HandlerContext = {
    post,
    progress: (key, vars) => post({ id: req.id, progress: key, ...(vars ? { vars } : {}) }),
    startedAt,
    // workerOrigin (epoch ms): the page places the worker's steps on its own clock (useAnalysis).
    timer: stepTimer(() => ({ workerOrigin: performance.timeOrigin, workerBoot: bootMs, requestAt: Math.round(startedAt) })),
  };
  try {
    // An own key only: a request kind such as `constructor` is unknown, not Object.prototype's.
    if (!Object.hasOwn(HANDLERS, req.kind)) throw new Error(`unknown request kind "${String(req.kind)}"`);
    const handler = HANDLERS[req.kind] as Handler<typeof req.kind>;
    await handler(req as never, ctx);
  } catch (err) {
    post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
