/**
 * Content-script glue: watch the page, read it with the adapter, send batches to the
 * background and keep the tab's counts for the overlay. No parsing here (adapters do that),
 * no storage here (the background does that).
 */
import type { CaptureBatch } from '@/lib/capture/ingest';
import { sendMessage, type StoreReply, type TabCaptureState } from '@/lib/messaging';
import { rowRef } from '@/lib/capture/row-ref';
import { buildSummary, type CaptureSummary, type RejectedRow, type StoredAnswer } from './summary';
import { overlayText } from './text';

export interface SessionView extends TabCaptureState {
  /** Rejected rows and why (with the console page and order number when known). */
  reasons: (Pick<RejectedRow, 'row' | 'reason'> & Partial<RejectedRow>)[];
  /** What the badge counts on this page (the adapter's record kind); null before anything was stored. */
  primary: CaptureBatch['primary'] | null;
  /** Shown when capture ends: what this tab stored, new / updated, skipped vs errors. */
  summary: CaptureSummary | null;
  progressText: string;
  message: string | null;
  /** What the page gave besides the counts, in the merchant's words (0 rows and why, the page's own data observed). */
  info: string | null;
  /** Rows read but not stored yet, and why: shown as 未保存 until stored or the merchant gives up (never silent). */
  unsaved: Unsaved | null;
}

/** Rows the background has not stored (yet): still retried (`retrying`), or refused for a reason a retry cannot change. */
export interface Unsaved {
  rows: number;
  reason: string;
  retrying: boolean;
  /** Sends tried so far for the batch now waiting. */
  attempts: number;
}

/** Said when a page was read and stored but showed no rows (never a silent 0), in the overlay's language. */
export const noRowsText = () => overlayText('overlay_noRows');

/** Waits before the n-th retry (1-based): 1 s, 2 s, 4 s … doubling, at most 30 s. */
export function retryDelayMs(n: number): number {
  return Math.min(30_000, 1000 * 2 ** (n - 1));
}

export interface SessionOptions {
  /** Waits `ms` (resolves early when `signal` aborts: the merchant gave up). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How long one send may go unanswered before it counts as failed and is retried (default 15 s). */
  answerWithinMs?: number;
}

/** A send unanswered this long is retried: a service worker stopped while starting can drop a message without closing its port. */
const ANSWER_WITHIN_MS = 15_000;

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

type Result = { rows: number; stored: boolean; error?: string };

export class CaptureSession {
  private keys = new Set<string>();
  private rejectedRows = new Map<string, RejectedRow>();
  /** Every stored batch's answer (for the summary when capture ends). */
  private answers: StoredAnswer[] = [];
  /** The content last stored: an identical read is not sent again. Set only once the background said stored. */
  private lastSignature = '';
  /** The content the background refused (a retry cannot change that): not re-sent until the page changes. */
  private refusedSignature = '';
  /** Signatures read and waiting to be stored, in order (a read of the same content joins the wait). */
  private queued = new Map<string, Promise<Result>>();
  private tail: Promise<unknown> = Promise.resolve();
  private giveUpCtl = new AbortController();
  private listeners = new Set<(v: SessionView) => void>();
  private sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private answerWithinMs: number;
  view: SessionView = {
    adapter: null,
    shopId: null,
    count: 0,
    rejected: 0,
    state: 'idle',
    reasons: [],
    primary: null,
    summary: null,
    progressText: '',
    message: null,
    info: null,
    unsaved: null,
  };

  /** Called after every batch of a read was stored (the overlay marks observed records as stored). */
  onStored: ((batches: CaptureBatch[]) => void) | null = null;

  /** customerKey → nickname of every customer captured from this tab (for the tier chips). */
  readonly customers = new Map<string, string>();

  /** The console page the table shows now (its pager), read with each capture so errors name their page. */
  pageOf: () => number | null = () => null;

  /** The summary of everything stored from this tab since it loaded (shown when capture ends). */
  summarize(): CaptureSummary {
    return buildSummary(this.answers);
  }

  /** `readPage` answers one batch per table on the page (a single batch is one table). */
  constructor(
    private readPage: () => CaptureBatch | CaptureBatch[] | { error: string } | null,
    opts: SessionOptions = {},
  ) {
    this.sleep = opts.sleep ?? abortableSleep;
    this.answerWithinMs = opts.answerWithinMs ?? ANSWER_WITHIN_MS;
  }

  /** Subscribe to view changes; returns an unsubscribe function. */
  subscribe(fn: (v: SessionView) => void): () => void {
    this.listeners.add(fn);
    fn(this.view);
    return () => this.listeners.delete(fn);
  }

  update(patch: Partial<SessionView>) {
    this.view = { ...this.view, ...patch };
    for (const fn of this.listeners) fn(this.view);
  }

  /** The merchant gives up on the rows waiting to be stored: retries end, the rows stay unseen (a later read sends them again). */
  giveUp() {
    this.giveUpCtl.abort();
    this.giveUpCtl = new AbortController();
  }

  private async send(batch: CaptureBatch): Promise<StoreReply> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Never wait forever: an unanswered batch is shown as 未保存 and sent again (storing is idempotent, a late answer is ignored).
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(overlayText('overlay_noAnswer', { s: Math.max(1, Math.round(this.answerWithinMs / 1000)) }))), this.answerWithinMs);
    });
    try {
      return await Promise.race([sendMessage('captureBatch', batch), unanswered]);
    } catch (e) {
      // The service worker was stopped mid-call, or the extension reloaded: worth another try.
      return { ok: false, retryable: true, reason: e instanceof Error ? e.message : String(e), keys: [], rejected: [] };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one batch until stored, refused, or given up (`signal`), backing off between tries. */
  private async sendUntilStored(batch: CaptureBatch, rows: number, signal: AbortSignal): Promise<StoreReply> {
    for (let attempt = 1; ; attempt++) {
      const reply = await this.send(batch);
      if (reply.ok) return reply;
      const reason = reply.reason ?? overlayText('capture.saveFailed');
      const retrying = reply.retryable !== false && !signal.aborted;
      this.update({ unsaved: { rows, reason, retrying, attempts: attempt } });
      if (!retrying) return reply;
      await this.sleep(retryDelayMs(attempt), signal);
      if (signal.aborted) return { ...reply, retryable: false };
    }
  }

  /** Reads the page now and stores what is new (each table its own batch); resolves with the number of raw rows read once stored or given up. */
  async captureNow(): Promise<Result> {
    const read = this.readPage();
    if (read === null) return { rows: 0, stored: false };
    if ('error' in read) {
      this.update({ message: read.error });
      return { rows: 0, stored: false, error: read.error };
    }
    const batches = Array.isArray(read) ? read : [read];
    const rows = batches.reduce((n, b) => n + b.rawRows.length, 0);
    // The records too: the page's own JSON may arrive after the DOM was read and change them, not the rows.
    const signature = JSON.stringify(batches.map((b) => [b.url, b.shop, b.rawRows, b.customers, b.orders, b.contacts, b.snapshots, b.crossCheck ?? null]));
    const waiting = this.queued.get(signature);
    if (waiting) return waiting;
    if (this.queued.size === 0 && (signature === this.lastSignature || signature === this.refusedSignature)) return { rows, stored: false };
    // Sends run one after another, in the order the pages were read (a later page never overtakes an unsaved one).
    const page = this.pageOf();
    const job = this.tail.then(() => this.store(batches, rows, signature, page));
    this.tail = job;
    this.queued.set(signature, job);
    void job.finally(() => this.queued.delete(signature));
    return job;
  }

  private async store(batches: CaptureBatch[], rows: number, signature: string, page: number | null): Promise<Result> {
    if (signature === this.lastSignature) return { rows, stored: false };
    const signal = this.giveUpCtl.signal;
    let failure: { reason: string; refused: boolean } | undefined;
    let shopId = this.view.shopId;
    for (const batch of batches) {
      if (signal.aborted) {
        failure ??= { reason: overlayText('overlay_gaveUpReason'), refused: false };
        break;
      }
      const reply = await this.sendUntilStored(batch, rows, signal);
      if (!reply.ok) {
        failure = { reason: reply.reason ?? overlayText('capture.saveFailed'), refused: !signal.aborted };
        continue;
      }
      shopId = reply.shopId ?? shopId;
      for (const k of reply.keys) this.keys.add(k);
      const rejected: RejectedRow[] = reply.rejected.map((r) => ({
        // Key rejects by row content so re-reading the same page does not count them twice.
        key: `${batch.adapter}|${JSON.stringify(batch.headers)}|${JSON.stringify(batch.rawRows[r.row] ?? r.row)}`,
        row: r.row,
        reason: r.reason,
        page,
        ref: rowRef(batch.headers, batch.rawRows, r.row),
      }));
      for (const r of rejected) this.rejectedRows.set(r.key, r);
      const shopName = (batch.shop as { name?: unknown } | null)?.name;
      this.answers.push({
        primary: batch.primary,
        shopName: typeof shopName === 'string' ? shopName : '',
        keys: reply.keys,
        ...(reply.added !== undefined ? { added: reply.added } : {}),
        ...(reply.updated !== undefined ? { updated: reply.updated } : {}),
        days: reply.days ?? null,
        rejected,
      });
      for (const c of batch.customers) {
        const rec = c.record as { customerKey?: unknown; nickname?: unknown };
        if (typeof rec.customerKey === 'string') this.customers.set(rec.customerKey, typeof rec.nickname === 'string' ? rec.nickname : '');
      }
    }
    if (!failure) {
      // Marked seen only now that the background said stored.
      this.lastSignature = signature;
      this.refusedSignature = '';
      this.onStored?.(batches);
    } else if (failure.refused) {
      this.refusedSignature = signature;
    }
    const gaveUp = failure !== undefined && !failure.refused;
    this.update({
      adapter: batches[0]?.adapter ?? this.view.adapter,
      primary: batches[0]?.primary ?? this.view.primary,
      shopId,
      count: this.keys.size,
      rejected: this.rejectedRows.size,
      reasons: [...this.rejectedRows.values()],
      unsaved: failure?.refused ? { rows, reason: failure.reason, retrying: false, attempts: this.view.unsaved?.attempts ?? 1 } : null,
      message: gaveUp ? overlayText('overlay_gaveUpRows', { n: rows, reason: failure!.reason }) : null,
      info: !failure && rows === 0 ? noRowsText() : this.view.info === noRowsText() ? null : this.view.info,
    });
    return failure ? { rows, stored: false, error: failure.reason } : { rows, stored: true };
  }
}
