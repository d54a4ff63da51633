/**
 * The engine's Web Worker (started by the side panel and popup, never the MV3 service
 * worker, which Chrome may stop at any time): a router from request kinds to their handlers
 * (./handlers), which read the shop's snapshot through the cache service (./snapshot-cache.ts).
 * A new request kind is one entry in `HANDLERS` (and its type in ./protocol.ts).
 */
import { stepTimer } from './bench-timings';
import type { Handler, HandlerContext, RequestKind } from './handlers/context';
import { handleAudienceExport, handleAudiencePreview, handleAudienceSize, handleAudienceTags, handleConversion } from './handlers/audience';
import { handleBackup, handleTierCsv } from './handlers/files';
import { handleDeleteAudience, handleDeleteShop, handleEraseCustomer, handleFindCustomers, handlePruneCaptures, handleSaveAudience, handleSetRetentionDays, handleTierLookupReady } from './handlers/data';
import { handleAnalysis, handleReport } from './handlers/report';
import { handleMembers } from './handlers/members';
import { handleCompleteness } from './handlers/completeness';
import { handleRestore, handleRestorePreview } from './handlers/restore';
import { handleWarm } from './handlers/warm';
import type { EngineRequest, EngineResponse } from './protocol';

/** Each request kind's handler. */
const HANDLERS: { [K in RequestKind]: Handler<K> } = {
  report: handleReport,
  analysis: handleAnalysis,
  audienceTags: handleAudienceTags,
  audienceSize: handleAudienceSize,
  audienceExport: handleAudienceExport,
  conversion: handleConversion,
  tierCsv: handleTierCsv,
  backup: handleBackup,
  restore: handleRestore,
  restorePreview: handleRestorePreview,
  deleteShop: handleDeleteShop,
  findCustomers: handleFindCustomers,
  eraseCustomer: handleEraseCustomer,
  pruneCaptures: handlePruneCaptures,
  saveAudience: handleSaveAudience,
  deleteAudience: handleDeleteAudience,
  tierLookupReady: handleTierLookupReady,
  setRetentionDays: handleSetRetentionDays,
  members: handleMembers,
  completeness: handleCompleteness,
  audiencePreview: handleAudiencePreview,
  warm: handleWarm,
};

/** ms from this worker's creation until its code was loaded and evaluated (bench builds' timings). */
const bootMs = Math.round(performance.now());

function post(msg: EngineResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  const startedAt = performance.now();
  const ctx: HandlerContext = {
    post,
    progress: (key, vars) => post({ id: req.id, progress: key, ...(vars ? { vars } : {}) }),
    startedAt,
    timer: stepTimer(() => ({ workerBoot: bootMs, requestAt: Math.round(startedAt) })),
  };
  try {
    // An own key only: a request kind such as `constructor` is unknown, not Object.prototype's.
    if (!Object.hasOwn(HANDLERS, req.kind)) throw new Error(`unknown request kind "${String(req.kind)}"`);
    const handler = HANDLERS[req.kind] as Handler<typeof req.kind>;
    await handler(req as never, ctx);
  } catch (err) {
    post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
