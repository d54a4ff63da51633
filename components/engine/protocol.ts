/** Messages between the side panel / popup and the engine Web Worker. */
import type { Refusal, ReplacedData } from '@/lib/backup';
import type { Audience, Shop } from '@/lib/model';
import type { ErasureResult } from '@/lib/db/writer';
import type { OverviewReport, PreviousFigures, Report } from '@/lib/engine';
import type { ViewExtras } from './extras';
import type { AudienceExportResult, AudienceFormat, AudiencePreviewResult, AudienceSizeResult, AudienceSource } from './audience-jobs';
import type { TagInfo } from '@/lib/audience/tags';
import type { ConversionReport } from '@/lib/audience/conversion';
import type { MemberRow } from '@/lib/audience/member-list';
import type { Completeness } from '@/lib/engine/completeness';
import type { ConsoleFigure } from '@/lib/engine/console-figures';

/** 数据完整度 of a window and the consoles' figures for it (handlers/completeness.ts). */
export type CompletenessResult = Completeness & { figures: ConsoleFigure[] };

/** Values of a progress line's `{name}` placeholders. */
export type ProgressVars = Readonly<Record<string, string | number>>;

export type { AudienceExportResult, AudienceFormat, AudiencePreviewResult, AudienceSizeResult, AudienceSource };

export interface WindowRequest {
  from?: string;
  to?: string;
}

export type EngineRequest =
  | { id: number; kind: 'report'; shopId: string; window: WindowRequest; token: string }
  | { id: number; kind: 'analysis'; shopId: string; window: WindowRequest; token: string }
  | { id: number; kind: 'audienceTags'; shopId: string; window: WindowRequest; token: string }
  | { id: number; kind: 'audienceSize'; shopId: string; window: WindowRequest; token: string; source: AudienceSource }
  | {
      id: number;
      kind: 'audienceExport';
      shopId: string;
      window: WindowRequest;
      token: string;
      source: AudienceSource;
      name: string;
      audienceId?: string;
      format: AudienceFormat;
      /** Share held out as control (0 for none). */
      controlShare: number;
    }
  | { id: number; kind: 'conversion'; shopId: string; window: WindowRequest; token: string; exportId: string }
  | { id: number; kind: 'tierCsv'; shopId: string; window: WindowRequest; token: string; tier: 'firstOrder' | 'repeat' }
  | { id: number; kind: 'backup'; shopId: string }
  /** Restores `file`; refused unless it holds `expectShopId` when given (the panel's confirmation picks it). */
  | { id: number; kind: 'restore'; file: Blob; expectShopId?: string }
  /** The file's shop and counts, and what a restore would replace (nothing written). */
  | { id: number; kind: 'restorePreview'; file: Blob }
  // --- the panel's writes through the one writer (handlers/data.ts) ---
  | { id: number; kind: 'deleteShop'; shopId: string }
  | { id: number; kind: 'findCustomers'; shopId: string; token: string; query: string }
  | { id: number; kind: 'eraseCustomer'; shopId: string; customerKey: string }
  | { id: number; kind: 'pruneCaptures'; shopId: string }
  | { id: number; kind: 'saveAudience'; shopId: string; name: string; expression: string }
  | { id: number; kind: 'deleteAudience'; audienceId: string }
  // --- member drill (issue 13 item 4, handlers/members.ts): one page of a tag's members, searched ---
  | { id: number; kind: 'members'; shopId: string; window: WindowRequest; token: string; tagId: string; query: string; offset: number; limit: number }
  | { id: number; kind: 'tierLookupReady' }
  | { id: number; kind: 'setRetentionDays'; days: number }
  // --- completeness (issue 13 items 1–2): the data's coverage and the consoles' figures for a window ---
  | { id: number; kind: 'completeness'; shopId: string; window: WindowRequest; token: string }
  // --- audience (issue 13 item 5): 预览, the first members of an audience ---
  | { id: number; kind: 'audiencePreview'; shopId: string; window: WindowRequest; token: string; source: AudienceSource; limit: number }
  // --- cold open (issue 14) ---
  /**
   * The side panel's first analysis, sent as its page starts (./first-open.ts): of the shop it opens on (the first in
   * the shop order) at its data token, the default window — the worker resolves both, posts them (`basis`) first, then
   * answers as `analysis` does; null when the profile has no shop.
   */
  | { id: number; kind: 'openAnalysis' };

/** The shop and data token an `openAnalysis` was computed for. */
export interface OpenBasis {
  shopId: string;
  token: string;
}

/** A customer answering the 删除此客户 search. */
export interface CustomerMatch {
  customerKey: string;
  nickname: string;
  buyerId?: string;
  phone?: string;
  orders: number;
}

export interface ReportResult {
  report: Report;
  /** The previous window's figures the panel compares with (tiers' change, daily series): its report's values. */
  previous: PreviousFigures;
  latestDay: string;
  ms: number;
  /** Where the worker's time went (ms per step, in order), for `bench:browser`: bench builds only (./bench-timings.ts). */
  timings?: Record<string, number>;
  /**
   * Only in a partial answer on the first opening of a day: the 高潜 models are still being
   * fitted, so both 高潜 counts are placeholders (0) and must not be shown; the full answer has them.
   */
  highPotentialPending?: true;
}

/**
 * The side panel's first partial answer: only the 概览's fields of the report (every tile it shows,
 * 高潜 scored unless pending); a partial answer with the whole report follows, then the analysis.
 */
export interface OverviewResult extends Omit<ReportResult, 'report'> {
  report: OverviewReport;
  overviewOnly: true;
}

/** A partial answer of `analysis`: the 概览's part first, then the whole report. */
export type PartialResult = OverviewResult | ReportResult;

/** The report plus what the side panel's views need (ranked lists, per-class GMV …). */
export interface AnalysisResult extends ReportResult {
  extras: ViewExtras;
}

/** The last analysis of a shop, kept in Dexie `settings` under `lastReport:<shopId>` to show at once on opening. */
export interface SavedAnalysis {
  /** The window request it answered (JSON of WindowRequest), so it is shown only for the same request. */
  request: string;
  token: string;
  savedAt: string;
  result: AnalysisResult;
}

/** Settings key of a shop's last analysis. */
export { lastReportKey } from '@/lib/db/settings-keys';

/** Canonical text of a window request (key of the saved analysis). */
export const requestKey = (w: WindowRequest) => JSON.stringify({ from: w.from ?? null, to: w.to ?? null });

/** One page of a drillable number's members (member drill): `size` is the whole list, `total` the members answering the search. */
export interface MembersPage {
  size: number;
  total: number;
  offset: number;
  rows: MemberRow[];
}

export interface CsvResult {
  bytes: Uint8Array;
  filename: string;
  rows: number;
}

export interface BackupResult {
  /** The file in pieces (one per record line), so a big shop's backup is never one giant string. */
  parts: string[];
  filename: string;
}

/** A restore's outcome: the shop and what was written, or the refusal's code (the panel words it; nothing changed). */
export type RestoreResult =
  | { ok: true; shopId: string; shopName: string; counts: Record<string, number> }
  | { ok: false; refusal: Refusal };

/** What a backup file holds and what restoring it would replace, or why it is no backup. */
export type RestorePreviewResult =
  | { ok: true; shop: Shop; exportedAt?: string; counts: Record<string, number>; replaced: ReplacedData }
  | { ok: false; refusal: Refusal };

export type EngineResponse =
  | { id: number; ok: true; kind: 'report'; result: ReportResult }
  | { id: number; ok: true; kind: 'analysis'; result: AnalysisResult }
  | { id: number; ok: true; kind: 'openAnalysis'; result: null }
  | { id: number; ok: true; kind: 'audienceTags'; result: TagInfo[] }
  | { id: number; ok: true; kind: 'audienceSize'; result: AudienceSizeResult }
  | { id: number; ok: true; kind: 'audienceExport'; result: AudienceExportResult }
  | { id: number; ok: true; kind: 'conversion'; result: ConversionReport }
  | { id: number; ok: true; kind: 'tierCsv'; result: CsvResult }
  | { id: number; ok: true; kind: 'backup'; result: BackupResult }
  | { id: number; ok: true; kind: 'restore'; result: RestoreResult }
  | { id: number; ok: true; kind: 'restorePreview'; result: RestorePreviewResult }
  | { id: number; ok: true; kind: 'deleteShop'; result: null }
  | { id: number; ok: true; kind: 'findCustomers'; result: CustomerMatch[] }
  | { id: number; ok: true; kind: 'eraseCustomer'; result: ErasureResult }
  | { id: number; ok: true; kind: 'pruneCaptures'; result: number }
  | { id: number; ok: true; kind: 'saveAudience'; result: Audience }
  | { id: number; ok: true; kind: 'deleteAudience'; result: boolean }
  | { id: number; ok: true; kind: 'tierLookupReady'; result: null }
  | { id: number; ok: true; kind: 'setRetentionDays'; result: null }
  // --- completeness ---
  | { id: number; ok: true; kind: 'completeness'; result: CompletenessResult }
  // --- audience (issue 13 item 5) ---
  | { id: number; ok: true; kind: 'audiencePreview'; result: AudiencePreviewResult }
  // --- member drill ---
  | { id: number; ok: true; kind: 'members'; result: MembersPage }
  | { id: number; ok: false; error: string }
  /** A status line: a catalogue key (progress_*, backup.progress*) with its `{name}` values, or a text shown as it is. */
  | { id: number; progress: string; vars?: ProgressVars }
  /** An `analysis` request's first screen (report + previous, no extras yet); the full answer follows. */
  | { id: number; partial: PartialResult }
  /** An `openAnalysis` request's shop and data token, posted before its partial answers. */
  | { id: number; basis: OpenBasis };
