/**
 * Audience work of the engine worker (SPEC §6): tag chips, live sizes, lookalikes, exports with a
 * frozen member list and control group, and conversion reports. Pure of UI; the worker owns the
 * snapshot these read.
 */
import { buildTagIndex, type TagIndex, type TagInfo } from '@/lib/audience/tags';
import { evaluateAudience } from '@/lib/audience/evaluate';
import { withConditions, type ExportedMembers } from '@/lib/audience/conditions';
import { memberPreview, type PreviewRow } from '@/lib/audience/preview';
import { conversionReport, type ConversionReport } from '@/lib/audience/conversion';
import type { SellerLensDb } from '@/lib/db';
import { associationRules, customerBaskets, productAffinity, type AffinityRecommendation, type ProductRule } from '@/lib/engine/affinity';
import { lookalike } from '@/lib/engine/lookalike';
import { toRange, type Analysis, type DayWindow, type Snapshot } from '@/lib/engine';
import type { ExportFormatOptions, FormatOutput } from '@/lib/export/formats';
import { identifierCounts, ordersToShipByCustomer, type IdentifierCounts } from '@/lib/export/identifiers';
import { exportAudience } from '@/lib/audience/export';
import type { Customer, ExportRecord, ShopData } from '@/lib/model';
import { textOf } from '@/lib/i18n/text';

/** Who an audience request is about: an expression, or the lookalike of one (top n). */
export type AudienceSource = { expression: string; lookalike?: { n: number } };

/** An export's format and options: the export-format registry's one union (lib/export/formats). */
export type AudienceFormat = ExportFormatOptions;

export interface AudienceSizeResult {
  ok: boolean;
  size: number;
  /** Parse / unknown-tag error, with its position in the text. */
  error?: { zh: string; en: string; position: number };
  /** 人货匹配: products the members have not bought that go with what they did. */
  affinity: AffinityRecommendation[];
  /** exports: how many members carry each identifier (full / masked phone, nickname, buyer id, orders to ship). */
  identifiers?: IdentifierCounts;
}

/** 预览 of an audience: its size and first members, or the expression's error. */
export interface AudiencePreviewResult {
  ok: boolean;
  size: number;
  rows: PreviewRow[];
  error?: AudienceSizeResult['error'];
}

/** The files of an export, its frozen record's summary, and the DMP / CRM counts (FormatOutput). */
export interface AudienceExportResult extends FormatOutput {
  record: Pick<ExportRecord, 'exportId' | 'name' | 'format' | 'exportedAt'> & { members: number; control: number };
}

/** Per-snapshot state the audience jobs keep (tag index per window, association rules). */
export interface AudienceContext {
  snap: Snapshot;
  data: ShopData;
  customers: Map<string, Customer>;
  analysisOf: (window: DayWindow) => Analysis;
  tagIndexes?: Map<string, TagIndex>;
  rules?: ProductRule[];
  /** exports: orders waiting to ship per customerKey (the CRM plan's order numbers). */
  ordersToShip?: Map<string, number>;
}

/** The tag index of a window (cached on the context). */
export function tagIndexOf(ctx: AudienceContext, window: DayWindow): TagIndex {
  ctx.tagIndexes ??= new Map();
  const k = `${window.start}~${window.end}`;
  let idx = ctx.tagIndexes.get(k);
  if (!idx) {
    idx = buildTagIndex(ctx.snap, window, { customers: ctx.data.customers, analysis: ctx.analysisOf(window) });
    ctx.tagIndexes.set(k, idx);
  }
  return idx;
}

/** Tag chips (id, labels, group, size) of a window. */
export function audienceTags(ctx: AudienceContext, window: DayWindow): TagInfo[] {
  return tagIndexOf(ctx, window).tags;
}

/** Members (customer indexes) of a source, or the expression's error; `exports` answer 近 N 天已导出. */
function membersOf(
  ctx: AudienceContext,
  window: DayWindow,
  source: AudienceSource,
  exports: readonly ExportedMembers[],
): { members: Int32Array } | { error: AudienceSizeResult['error'] } {
  const index = tagIndexOf(ctx, window);
  const ev = evaluateAudience(index, source.expression, withConditions(index.resolve, ctx.snap, window, exports));
  if (!ev.ok) return { error: { zh: ev.error.zh, en: ev.error.en, position: ev.error.position } };
  if (!source.lookalike) return { members: ev.members };
  return { members: lookalike(ctx.snap, ev.members, toRange(window).end, source.lookalike.n).members };
}

/** Live size of a source, with product-affinity suggestions for its members. */
export function audienceSize(ctx: AudienceContext, window: DayWindow, source: AudienceSource, exports: readonly ExportedMembers[] = []): AudienceSizeResult {
  const m = membersOf(ctx, window, source, exports);
  if ('error' in m) return { ok: false, size: 0, error: m.error, affinity: [] };
  ctx.rules ??= associationRules(customerBaskets(ctx.snap));
  const affinity = m.members.length > 0 ? productAffinity(ctx.snap, m.members, { rules: ctx.rules, top: 5 }) : [];
  ctx.ordersToShip ??= ordersToShipByCustomer(ctx.data.orders, ctx.snap.shopId);
  const keys = Array.from(m.members, (i) => ctx.snap.customerKeys[i]!);
  const identifiers = identifierCounts(keys.map((k) => ctx.customers.get(k) ?? { customerKey: k }), ctx.data.shop.platform, ctx.ordersToShip);
  return { ok: true, size: m.members.length, affinity, identifiers };
}

/** Exports a source in a format: freezes the members (with the control group held out) and builds the file(s). */
export async function audienceExport(
  ctx: AudienceContext,
  db: SellerLensDb,
  window: DayWindow,
  req: { source: AudienceSource; name: string; audienceId?: string; format: AudienceFormat; controlShare: number },
  exports: readonly ExportedMembers[] = [],
): Promise<AudienceExportResult> {
  const m = membersOf(ctx, window, req.source, exports);
  if ('error' in m) throw new Error(`${m.error!.zh} / ${m.error!.en}`);
  // Every format through the registry: freeze (control held out), then the format's files.
  const out = await exportAudience(db, { data: ctx.data, snap: ctx.snap, window, name: req.name, audienceId: req.audienceId, members: m.members, format: req.format, controlShare: req.controlShare });
  const r = out.record;
  return {
    files: out.files,
    record: { exportId: r.exportId, name: r.name, format: r.format, exportedAt: r.exportedAt, members: r.members.length, control: r.control.length },
    ...(out.dmp ? { dmp: out.dmp } : {}),
    ...(out.crm ? { crm: out.crm } : {}),
  };
}

/** The conversion report of a stored export over the shop's orders. */
export async function exportConversion(ctx: AudienceContext, db: SellerLensDb, exportId: string): Promise<ConversionReport> {
  const record = await db.exports.get(exportId);
  if (!record || record.shopId !== ctx.snap.shopId) {
    const m = textOf('audience_exportMissing', { exportId });
    throw new Error(`${m.en} (${m.zh})`);
  }
  return conversionReport(record, ctx.data.orders);
}

/** 预览: the audience's size and its first members (lib/audience/preview.ts). */
export function audiencePreview(
  ctx: AudienceContext,
  window: DayWindow,
  source: AudienceSource,
  exports: readonly ExportedMembers[],
  limit: number,
): AudiencePreviewResult {
  const m = membersOf(ctx, window, source, exports);
  if ('error' in m) return { ok: false, size: 0, rows: [], error: m.error };
  return { ok: true, size: m.members.length, rows: memberPreview(ctx.snap, window, m.members, ctx.customers, limit) };
}
