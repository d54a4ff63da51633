/** The 人群 requests: tag chips, live size, export, conversion — over the shop's records and snapshot. */
import { analyzeWindow, toRange } from '@/lib/engine';
import { getDb } from '@/lib/db';
import { audienceExport, audienceSize, audienceTags, exportConversion, type AudienceContext } from '../audience-jobs';
import { modelAt, recordsOf, snapshotFor, type CachedShop } from '../snapshot-cache';
import { windowOf, type Handler, type RequestOf } from './context';

type AudienceKind = 'audienceTags' | 'audienceSize' | 'audienceExport' | 'conversion';

/** The audience jobs' context of the cached shop (made once per snapshot: tag indexes and rules are kept on it). */
function audienceContext(c: CachedShop): AudienceContext {
  const data = recordsOf(c);
  c.customers ??= new Map(data.customers.map((x) => [x.customerKey, x]));
  if (!c.audience) {
    const analyses = new Map<string, ReturnType<typeof analyzeWindow>>();
    const { snap } = c;
    c.audience = {
      snap,
      data,
      customers: c.customers,
      analysisOf: (w) => {
        const k = `${w.start}~${w.end}`;
        let a = analyses.get(k);
        if (!a) analyses.set(k, (a = analyzeWindow(snap, w, { scorer: modelAt(c, toRange(w).end).score })));
        return a;
      },
    };
  }
  return c.audience;
}

/** The shop (records loaded), its audience context and the request's window. */
async function prepare(req: RequestOf<AudienceKind>, progress: (text: string) => void) {
  const c = await snapshotFor(req.shopId, req.token, progress, true);
  return { ctx: audienceContext(c), window: windowOf(c, req.window).window };
}

/** `audienceTags`: the tag chips (with sizes) of a window. */
export const handleAudienceTags: Handler<'audienceTags'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'audienceTags', result: audienceTags(ctx, window) });
};

/** `audienceSize`: the live size of an expression (or its lookalike) with 人货匹配 suggestions. */
export const handleAudienceSize: Handler<'audienceSize'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'audienceSize', result: audienceSize(ctx, window, req.source) });
};

/** `audienceExport`: freezes the members and answers the file(s), their bytes transferred. */
export const handleAudienceExport: Handler<'audienceExport'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.progress('progress_export');
  const result = await audienceExport(ctx, getDb(), window, req);
  h.post({ id: req.id, ok: true, kind: 'audienceExport', result }, [...new Set(result.files.map((f) => f.bytes.buffer as ArrayBuffer))]);
};

/** `conversion`: the conversion report of a stored export. */
export const handleConversion: Handler<'conversion'> = async (req, h) => {
  const { ctx } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'conversion', result: await exportConversion(ctx, getDb(), req.exportId) });
};
