/**
 * Audience work of the engine worker (SPEC §6): tag chips, live sizes, lookalikes, exports with a
 * frozen member list and control group, and conversion reports. Pure of UI; the worker owns the
 * snapshot these read.
 */
import { buildTagIndex, type TagIndex, type TagInfo } from '@/lib/audience/tags';
import { evaluateAudience } from '@/lib/audience/evaluate';
import { freezeExport } from '@/lib/audience/saved';
import { conversionReport, type ConversionReport } from '@/lib/audience/conversion';
import type { SellerLensDb } from '@/lib/db';
import { associationRules, customerBaskets, productAffinity, type AffinityRecommendation, type ProductRule } from '@/lib/engine/affinity';
import { lookalike } from '@/lib/engine/lookalike';
import { toRange, type Analysis, type DayWindow, type Snapshot } from '@/lib/engine';
import { crmPlanFiles, crmPlanRowsFromOrders, type CrmPlanKind } from '@/lib/export/crm-plan';
import type { DmpWarning } from '@/lib/export/dmp';
import type { DmpIdentifier, DmpPresetId } from '@/lib/export/dmp-presets';
import { exportAudience } from '@/lib/audience/export';
import type { Customer, ExportRecord, ShopData } from '@/lib/model';

/** Who an audience request is about: an expression, or the lookalike of one (top n). */
export type AudienceSource = { expression: string; lookalike?: { n: number } };

export type AudienceFormat =
  | { kind: 'csv' }
  | { kind: 'xlsx' }
  | { kind: 'dmp'; preset: DmpPresetId; identifier?: DmpIdentifier; minAudience?: number }
  | { kind: 'crm'; plan: CrmPlanKind; delayTo?: string; solution?: string; reason: string };

export interface AudienceSizeResult {
  ok: boolean;
  size: number;
  /** Parse / unknown-tag error, with its position in the text. */
  error?: { zh: string; en: string; position: number };
  /** 人货匹配: products the members have not bought that go with what they did. */
  affinity: AffinityRecommendation[];
}

export interface AudienceExportResult {
  files: { name: string; bytes: Uint8Array; mime: string }[];
  record: Pick<ExportRecord, 'exportId' | 'name' | 'format' | 'exportedAt'> & { members: number; control: number };
  /** DMP: identifiers written, members without a usable identifier, and warnings (small audience …). */
  dmp?: { exported: number; skippedNoIdentifier: number; duplicates: number; warnings: DmpWarning[] };
  /** CRM plan: rows written and rows refused. */
  crm?: { rows: number; duplicates: number; rejected: number };
}

/** Per-snapshot state the audience jobs keep (tag index per window, association rules). */
export interface AudienceContext {
  snap: Snapshot;
  data: ShopData;
  customers: Map<string, Customer>;
  analysisOf: (window: DayWindow) => Analysis;
  tagIndexes?: Map<string, TagIndex>;
  rules?: ProductRule[];
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

/** Members (customer indexes) of a source, or the expression's error. */
function membersOf(ctx: AudienceContext, window: DayWindow, source: AudienceSource): { members: Int32Array } | { error: AudienceSizeResult['error'] } {
  const ev = evaluateAudience(tagIndexOf(ctx, window), source.expression);
  if (!ev.ok) return { error: { zh: ev.error.zh, en: ev.error.en, position: ev.error.position } };
  if (!source.lookalike) return { members: ev.members };
  return { members: lookalike(ctx.snap, ev.members, toRange(window).end, source.lookalike.n).members };
}

/** Live size of a source, with product-affinity suggestions for its members. */
export function audienceSize(ctx: AudienceContext, window: DayWindow, source: AudienceSource): AudienceSizeResult {
  const m = membersOf(ctx, window, source);
  if ('error' in m) return { ok: false, size: 0, error: m.error, affinity: [] };
  ctx.rules ??= associationRules(customerBaskets(ctx.snap));
  const affinity = m.members.length > 0 ? productAffinity(ctx.snap, m.members, { rules: ctx.rules, top: 5 }) : [];
  return { ok: true, size: m.members.length, affinity };
}

/** Exports a source in a format: freezes the members (with the control group held out) and builds the file(s). */
export async function audienceExport(
  ctx: AudienceContext,
  db: SellerLensDb,
  window: DayWindow,
  req: { source: AudienceSource; name: string; audienceId?: string; format: AudienceFormat; controlShare: number },
): Promise<AudienceExportResult> {
  const m = membersOf(ctx, window, req.source);
  if ('error' in m) throw new Error(`${m.error!.zh} / ${m.error!.en}`);
  const shopId = ctx.snap.shopId;
  const f = req.format;
  const summaryOf = (r: ExportRecord) => ({ exportId: r.exportId, name: r.name, format: r.format, exportedAt: r.exportedAt, members: r.members.length, control: r.control.length });
  if (f.kind !== 'crm') {
    // CSV / XLSX / DMP: lib/audience's one-click export (freeze with the control held out, then the file).
    const out = await exportAudience(db, { data: ctx.data, snap: ctx.snap, window, name: req.name, audienceId: req.audienceId, members: m.members, format: f, controlShare: req.controlShare });
    const mime = (name: string) =>
      name.endsWith('.zip')
        ? 'application/zip'
        : name.endsWith('.txt')
          ? 'text/plain;charset=utf-8'
          : name.endsWith('.csv')
            ? 'text/csv;charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return {
      files: out.files.map((x) => ({ name: x.name, bytes: x.bytes, mime: mime(x.name) })),
      record: summaryOf(out.record),
      ...(out.dmp ? { dmp: { exported: out.dmp.exported, skippedNoIdentifier: out.dmp.skippedNoIdentifier, duplicates: out.dmp.duplicates, warnings: out.dmp.warnings } } : {}),
    };
  }
  // 抖店 CRM plan: the members' orders waiting to ship.
  const record = await freezeExport(db, {
    shopId,
    audienceId: req.audienceId,
    name: req.name,
    format: `crm:${f.plan}`,
    memberKeys: [...m.members].map((c) => ctx.snap.customerKeys[c]!),
    window: { start: window.start, end: window.end },
    controlShare: req.controlShare,
  });
  const summary = summaryOf(record);
  const members = new Set(record.members);
  const planRows = crmPlanRowsFromOrders(
    ctx.data.orders.filter((o) => members.has(o.customerKey)),
    shopId,
    { delayTo: f.delayTo, solution: f.solution, reason: f.reason },
  );
  const out = await crmPlanFiles(planRows, { kind: f.plan, shopId, planName: req.name, at: record.exportedAt });
  return {
    files: out.files.map((x) => ({
      name: x.name,
      bytes: x.bytes,
      mime: x.name.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })),
    record: summary,
    crm: { rows: out.rows, duplicates: out.duplicates, rejected: out.rejected.length },
  };
}

/** The conversion report of a stored export over the shop's orders. */
export async function exportConversion(ctx: AudienceContext, db: SellerLensDb, exportId: string): Promise<ConversionReport> {
  const record = await db.exports.get(exportId);
  if (!record || record.shopId !== ctx.snap.shopId) throw new Error(`no export ${exportId} in this shop (找不到该导出记录)`);
  return conversionReport(record, ctx.data.orders);
}
