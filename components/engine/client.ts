/** Promise-based client of the engine worker, with progress callbacks. */
import type { ConversionReport } from '@/lib/audience/conversion';
import type { TagInfo } from '@/lib/audience/tags';
import type { AnalysisResult, AudienceExportResult, AudiencePreviewResult, AudienceSizeResult, BackupResult, CompletenessResult, CsvResult, CustomerMatch, EngineRequest, EngineResponse, OpenBasis, PartialResult, ReportResult, ProgressVars, RestorePreviewResult, RestoreResult } from './protocol';
import type { MembersPage } from './protocol';
import { createEngineWorker } from './boot';
import type { ErasureResult } from '@/lib/db/writer';
import type { Audience } from '@/lib/model';

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: OnProgress;
  onPartial?: (r: PartialResult) => void;
  onBasis?: (b: OpenBasis) => void;
};
/** A progress line: a catalogue key (or a text shown as it is) and its `{name}` values. */
export type OnProgress = (key: string, vars?: ProgressVars) => void;
type Body<K> = K extends EngineRequest['kind'] ? Omit<Extract<EngineRequest, { kind: K }>, 'id'> : never;

/** The engine worker stopped answering (it failed); nothing it was writing was committed. */
export class EngineStoppedError extends Error {
  override readonly name = 'EngineStoppedError';
}

export class EngineClient {
  private worker: Worker;
  private next = 1;
  private pending = new Map<number, Pending>();

  /** `worker`: one already started (the side panel's, see ./boot.ts); else a new one. */
  constructor(worker?: Worker) {
    this.worker = worker ?? createEngineWorker();
    this.worker.onmessage = (e: MessageEvent<EngineResponse>) => {
      const msg = e.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if ('progress' in msg) return p.onProgress?.(msg.progress, msg.vars);
      if ('partial' in msg) return p.onPartial?.(msg.partial);
      if ('basis' in msg) return p.onBasis?.(msg.basis);
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    };
    // A worker that fails (an uncaught error, a message it cannot read) answers nothing more for
    // what it was doing: every waiting request fails instead of waiting (and "running") forever.
    const fail = (why: string) => {
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const p of waiting) p.reject(new EngineStoppedError(why));
    };
    this.worker.onerror = (e) => fail(e.message || 'worker error');
    this.worker.onmessageerror = () => fail('unreadable message from the worker');
  }

  private call<T>(body: Omit<EngineRequest, 'id'>, onProgress?: OnProgress, onPartial?: (r: PartialResult) => void, onBasis?: (b: OpenBasis) => void): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress, onPartial, onBasis });
      this.worker.postMessage({ ...body, id });
    });
  }

  /** The report of a window and of its previous window. */
  report(body: Body<'report'>, onProgress?: (t: string) => void): Promise<ReportResult> {
    return this.call(body, onProgress);
  }

  /**
   * The report with what the side panel's views need (ranked 高潜, per-class GMV, preferences …);
   * `onPartial` gets the 概览's part of the report and the previous one first, then the whole report, as soon as computed.
   */
  analysis(body: Body<'analysis'>, onProgress?: (t: string) => void, onPartial?: (r: PartialResult) => void): Promise<AnalysisResult> {
    return this.call(body, onProgress, onPartial);
  }

  /**
   * The side panel's first analysis (./first-open.ts): the worker picks the shop it opens on and its data token,
   * given to `onBasis` before any partial answer; null when there is no shop.
   */
  openAnalysis(onBasis: (b: OpenBasis) => void, onProgress: (t: string) => void, onPartial: (r: PartialResult) => void): Promise<AnalysisResult | null> {
    return this.call({ kind: 'openAnalysis' }, onProgress, onPartial, onBasis);
  }

  /** Tag chips (with sizes) of a window. */
  audienceTags(body: Body<'audienceTags'>): Promise<TagInfo[]> {
    return this.call(body);
  }

  /** Live size of an audience expression (or its lookalike), with 人货匹配 suggestions. */
  audienceSize(body: Body<'audienceSize'>): Promise<AudienceSizeResult> {
    return this.call(body);
  }

  /** Exports an audience (members frozen in an ExportRecord, control held out); the file(s) to download. */
  audienceExport(body: Body<'audienceExport'>): Promise<AudienceExportResult> {
    return this.call(body);
  }

  /** The conversion report of a stored export. */
  conversion(body: Body<'conversion'>): Promise<ConversionReport> {
    return this.call(body);
  }

  /** 预览: an audience's size and first members. */
  audiencePreview(body: Body<'audiencePreview'>): Promise<AudiencePreviewResult> {
    return this.call(body);
  }

  /** 数据完整度 and the consoles' figures for a window (the strip above every view). */
  completeness(body: Body<'completeness'>): Promise<CompletenessResult> {
    return this.call(body);
  }

  /** CSV bytes of a tier's members (首单 / 复购) for a window. */
  tierCsv(body: Body<'tierCsv'>): Promise<CsvResult> {
    return this.call(body);
  }

  /** The SPEC §9 backup of one shop, as text with its file name. */
  backup(body: Body<'backup'>): Promise<BackupResult> {
    return this.call(body);
  }

  /** Validates then restores a backup file (atomic); a refusal comes back as its code. */
  restore(body: Body<'restore'>, onProgress?: OnProgress): Promise<RestoreResult> {
    return this.call(body, onProgress);
  }

  /** A backup file's shop and counts and what restoring it would replace (nothing written). */
  restorePreview(body: Body<'restorePreview'>): Promise<RestorePreviewResult> {
    return this.call(body);
  }

  // --- the panel's writes through the one writer (handlers/data.ts) ---

  /** Deletes every table row and setting of a shop in IndexedDB. */
  deleteShop(body: Body<'deleteShop'>): Promise<null> {
    return this.call(body);
  }

  /** The shop's customers answering a search (nickname, buyer id, phone), for 删除此客户. */
  findCustomers(body: Body<'findCustomers'>, onProgress?: (t: string) => void): Promise<CustomerMatch[]> {
    return this.call(body, onProgress);
  }

  /** Erases one customer everywhere (records, raw rows, frozen exports, caches). */
  eraseCustomer(body: Body<'eraseCustomer'>): Promise<ErasureResult> {
    return this.call(body);
  }

  /** Empties the raw rows of captures older than the retention setting; how many. */
  pruneCaptures(body: Body<'pruneCaptures'>): Promise<number> {
    return this.call(body);
  }

  /** Saves a new audience. */
  saveAudience(body: Body<'saveAudience'>): Promise<Audience> {
    return this.call(body);
  }

  /** Deletes a saved audience; true when it existed. */
  deleteAudience(body: Body<'deleteAudience'>): Promise<boolean> {
    return this.call(body);
  }

  /** Sets captureRetentionDays (validated by the settings registry). */
  setRetentionDays(body: Body<'setRetentionDays'>): Promise<null> {
    return this.call(body);
  }

  /** One page of a tag's members for a window, answering a search (the member drill). */
  members(body: Body<'members'>): Promise<MembersPage> {
    return this.call(body);
  }

  /** Resolves once the tier lookup of the last report is stored. */
  tierLookupReady(): Promise<null> {
    return this.call({ kind: 'tierLookupReady' });
  }
}
