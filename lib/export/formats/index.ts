/**
 * The export-format registry (issue 12 item 4): one module per format — id, label, options schema,
 * write — registered here. The audience export (lib/audience/export.ts), the worker's request type
 * and the 人群 view's buttons all iterate EXPORT_FORMATS. Adding a format: a module here, its label
 * in the catalogue, a byte-level test in tests/unit/export/formats/<id>.test.ts, an options editor
 * in components/panel/audience/format-options.tsx (the conventions test checks the first three).
 */
import { z } from 'zod';
import { textOf } from '../../i18n/text';
import { CRM_PLAN_LABELS, type CrmPlanKind } from '../crm-plan';
import { DMP_PRESETS, type DmpPresetId } from '../dmp-presets';
import { crmFormat } from './crm';
import { csvFormat } from './csv';
import { dmpFormat } from './dmp';
import type { ExportFormat, FormatInput, FormatOutput } from './types';
import { xlsxFormat } from './xlsx';

export * from './types';
export { crmFormat, csvFormat, dmpFormat, xlsxFormat };

/** Every export format, in the order the 人群 view shows them. */
export const EXPORT_FORMATS = [csvFormat, xlsxFormat, dmpFormat, crmFormat] as const;

/** The options of any format (the one union of export requests). */
export type ExportFormatOptions = z.infer<(typeof EXPORT_FORMATS)[number]['options']>;
export type ExportFormatId = ExportFormatOptions['kind'];

/** Validates a request's options against its format's schema. */
export const ExportFormatOptions = z.union(EXPORT_FORMATS.map((f) => f.options) as unknown as [z.ZodType<ExportFormatOptions>, ...z.ZodType<ExportFormatOptions>[]]);

const BY_ID = new Map<string, ExportFormat>(EXPORT_FORMATS.map((f) => [f.id, f as unknown as ExportFormat]));

/** The format of an id, or undefined (a Map: an id such as `constructor` is simply unknown). */
export function exportFormatOf(id: string): ExportFormat | undefined {
  return BY_ID.get(id);
}

/** Writes `input` in the format its options name; throws on unknown formats and invalid options. */
export async function writeExport(input: FormatInput, options: ExportFormatOptions): Promise<FormatOutput> {
  const format = exportFormatOf(options.kind);
  if (!format) throw new Error(`unknown export format "${String(options.kind)}" (未知的导出格式)`);
  const parsed = format.options.safeParse(options);
  if (!parsed.success) throw new Error(`invalid ${format.id} export options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return format.write(input, parsed.data);
}

/** ExportRecord.format of an export with these options. */
export function recordFormatOf(options: ExportFormatOptions): string {
  return exportFormatOf(options.kind)!.recordFormat(options);
}

/**
 * The merchant's words for an ExportRecord.format: `dmp:qianchuan` → 人群包 · 巨量千川 / 云图,
 * `crm:delay` → 导出订单号 · 延迟发货协商, `csv` → CSV; an unknown format as written.
 */
export function recordFormatLabel(format: string): { zh: string; en: string } {
  const [kind = '', sub = ''] = format.split(':');
  const f = exportFormatOf(kind);
  if (!f) return { zh: format, en: format };
  const base = textOf(f.labelKey);
  const detail = kind === 'dmp' && Object.hasOwn(DMP_PRESETS, sub) ? DMP_PRESETS[sub as DmpPresetId] : kind === 'crm' && Object.hasOwn(CRM_PLAN_LABELS, sub) ? CRM_PLAN_LABELS[sub as CrmPlanKind] : null;
  return detail ? { zh: `${base.zh} · ${detail.zh}`, en: `${base.en} · ${detail.en}` } : base;
}
