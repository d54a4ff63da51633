/** The 人群 requests: tag chips, live size, 预览, export, conversion — over the shop's records and snapshot. */
import type { ExportedMembers } from '@/lib/audience/conditions';
import { analyzeWindow, toRange } from '@/lib/engine';
import { getDb } from '@/lib/db';
import { audienceExport, audiencePreview, audienceSize, audienceTags, exportConversion, type AudienceContext, type AudienceSource } from '../audience-jobs';
import { modelAt, recordsOf, snapshotFor, type CachedShop } from '../snapshot-cache';
import { windowOf, type Handler, type RequestOf } from './context';

type AudienceKind = 'audienceTags' | 'audienceSize' | 'audienceExport' | 'conversion' | 'audiencePreview';

/** The audience jobs' context of the cached shop (made once per snapshot: tag indexes and rules are kept on it). */
export function audienceContext(c: CachedShop): AudienceContext {
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

/**
 * The shop's export records as they are now, for 近 N 天已导出 (read afresh: an export made a moment
 * ago counts); none are read when the expression does not use the condition.
 */
async function exportsFor(shopId: string, source: AudienceSource): Promise<ExportedMembers[]> {
  if (!source.expression.includes('exported:')) return [];
  return getDb().exports.where('shopId').equals(shopId).toArray();
}

/** `audienceTags`: the tag chips (with sizes) of a window. */
export const handleAudienceTags: Handler<'audienceTags'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'audienceTags', result: audienceTags(ctx, window) });
};

/** `audienceSize`: the live size of an expression (or its lookalike) with 人货匹配 suggestions. */
export const handleAudienceSize: Handler<'audienceSize'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'audienceSize', result: audienceSize(ctx, window, req.source, await exportsFor(req.shopId, req.source)) });
};

/** `audienceExport`: freezes the members and answers the file(s), their bytes transferred. */
export const handleAudienceExport: Handler<'audienceExport'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  h.progress('progress_export');
  const result = await audienceExport(ctx, getDb(), window, req, await exportsFor(req.shopId, req.source));
  h.post({ id: req.id, ok: true, kind: 'audienceExport', result }, [...new Set(result.files.map((f) => f.bytes.buffer as ArrayBuffer))]);
};

/** `conversion`: the conversion report of a stored export. */
export const handleConversion: Handler<'conversion'> = async (req, h) => {
  const { ctx } = await prepare(req, h.progress);
  h.post({ id: req.id, ok: true, kind: 'conversion', result: await exportConversion(ctx, getDb(), req.exportId) });
};

/** `audiencePreview`: an audience's size and its first members (预览). */
export const handleAudiencePreview: Handler<'audiencePreview'> = async (req, h) => {
  const { ctx, window } = await prepare(req, h.progress);
  const exports = await exportsFor(req.shopId, req.source);
  h.post({ id: req.id, ok: true, kind: 'audiencePreview', result: audiencePreview(ctx, window, req.source, exports, Math.min(200, Math.max(0, req.limit))) });
};
