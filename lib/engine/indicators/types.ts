/**
 * What one indicator of the §9 report declares (SPEC §3–§5): its report field and zod schema,
 * how it is computed, the audience tags it contributes (§6.1), its labels (message keys, zh-CN
 * and English) and its rows of the report workbook. The registry (./index.ts) lists them in report
 * order; analyzeWindow, ReportSchema, the tag index and the report XLSX iterate over it.
 */
import type { z } from 'zod';
import type { MessageKey } from '../../i18n/messages';
import type { PropensityScorer } from '../douyin-tiers';
import type { TaobaoPathways } from '../taobao-pathways';
import type { WindowMetrics } from '../metrics';
import type { Snapshot } from '../snapshot';
import type { DayRange, DayWindow } from '../window';

export interface ReportOptions {
  /** 高潜 scorer; the documented fallback heuristic when omitted. The report counts at threshold 0.3. */
  scorer?: PropensityScorer;
  /** Price-band edges in yuan (default 0/50/100/200/500). */
  priceBandsYuan?: readonly number[];
  /** 新客黄金期 length in days (default 3). */
  goldenWindowDays?: number;
  /** Window passes kept between reports of the same snapshot (a window and its previous one share two). */
  scans?: WindowScans;
}

/**
 * Per-window passes that several reports of one snapshot need: the Taobao classes of a window
 * (W's previous rates, the previous window's classes) and its sales metrics (W's previous totals,
 * the previous window's series). Keyed by range; valid for one snapshot only.
 */
export interface WindowScans {
  taobao: Map<string, TaobaoPathways>;
  metrics: Map<string, WindowMetrics>;
}

/** What every indicator's compute gets: the snapshot, the window and its previous one, the options. */
export interface IndicatorInput {
  snap: Snapshot;
  window: DayWindow;
  previousWindow: DayWindow;
  range: DayRange;
  previousRange: DayRange;
  opts: ReportOptions;
}

/** What the tag index gives an indicator to build its tags from (SPEC §6.1). */
export interface TagInput {
  snap: Snapshot;
  window: DayWindow;
  range: DayRange;
  scorer?: PropensityScorer;
  /** 高潜 threshold (engine default when omitted). */
  threshold?: number;
  priceBandsYuan?: readonly number[];
  goldenWindowDays?: number;
}

/** Chip groups an indicator's tags may belong to (a subset of lib/audience/tags.ts TAG_GROUPS). */
export type IndicatorTagGroup = 'tier' | 'class' | 'rfm' | 'asset' | 'channel' | 'traffic' | 'price' | 'product';

/** One tag an indicator contributes: stable id, label (a message key, or data text in both languages), size and members. */
export interface IndicatorTag {
  group: IndicatorTagGroup;
  id: string;
  label: MessageKey | { zh: string; en: string };
  size: number;
  /** Member customer indexes (ascending), built on demand. */
  members: () => ArrayLike<number>;
}

/** Cell kinds of the report workbook (as lib/export/xlsx.ts writes them). */
export type CellKind = 'text' | 'number' | 'money' | 'percent';

/** A column of a report sheet; structurally an XlsxColumn of lib/export/xlsx.ts. */
export interface SheetColumn<R> {
  header: string;
  value: (row: R) => string | number | undefined;
  kind?: CellKind;
  kindOf?: (row: R) => CellKind | undefined;
}

/** One row of a two-column key/value sheet, its value cell formatted by `kind`. */
export interface KV {
  label: string;
  value: number | string | null;
  kind: CellKind;
}

/**
 * An indicator's part of the report workbook: a sheet of its own, or key/value rows of a named
 * two-column sheet (parts naming the same sheet are joined in registry order).
 */
export type XlsxPart =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a sheet's row type is its own
  | { sheet: { name: string; columns: readonly SheetColumn<any>[]; rows: readonly unknown[] } }
  | { kv: { name: string; keyHeader: string; valueHeader: string; rows: KV[] } };

/** One indicator: `id` is its §9 report field and its key in Analysis.sets. */
export interface Indicator<Id extends string, Schema extends z.ZodType, Sets> {
  id: Id;
  /** The SPEC section that defines it, e.g. `§5.1` (kept in docs/SPEC.md). */
  spec: string;
  /** Its title (zh-CN and English) in the catalogue. */
  label: MessageKey;
  /** zod schema of its report field. */
  schema: Schema;
  /** Its report field and the member sets behind it. */
  compute(input: IndicatorInput): { field: z.infer<Schema>; sets: Sets };
  /** The tags it contributes; `sets` are the analysis's own when the caller has them, else it computes what it needs. */
  tags?(input: TagInput, sets: Sets | undefined): IndicatorTag[];
  /** Its parts of the report workbook, from its own report field only. */
  xlsx(field: z.infer<Schema>): XlsxPart[];
}

/** Any indicator (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds indicators of different field types
export type AnyIndicator = Indicator<string, z.ZodType, any>;

/** Declares an indicator with its types inferred (id literal, schema, sets). */
export function defineIndicator<Id extends string, Schema extends z.ZodType, Sets>(def: Indicator<Id, Schema, Sets>): Indicator<Id, Schema, Sets> {
  return def;
}
