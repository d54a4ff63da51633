/**
 * Content-script glue: watch the page, read it with the adapter, send batches to the
 * background and keep the tab's counts for the overlay. No parsing here (adapters do that),
 * no storage here (the background does that).
 */
import type { CaptureBatch } from '@/lib/capture/ingest';
import { sendMessage, type StoreReply, type TabCaptureState } from '@/lib/messaging';

export interface SessionView extends TabCaptureState {
  reasons: { row: number; reason: string }[];
  progressText: string;
  message: string | null;
  /** What the page gave besides the counts, in the merchant's words (0 rows and why, the page's own data observed). */
  info: string | null;
}

/** Said when a page was read and stored but showed no rows (never a silent 0). */
export const NO_ROWS = '本页表格没有数据行（筛选条件下没有记录？） (the table shows no rows)';

export class CaptureSession {
  private keys = new Set<string>();
  private rejectedRows = new Map<string, { row: number; reason: string }>();
  private lastSignature = '';
  private listeners = new Set<(v: SessionView) => void>();
  view: SessionView = {
    adapter: null,
    shopId: null,
    count: 0,
    rejected: 0,
    state: 'idle',
    reasons: [],
    progressText: '',
    message: null,
    info: null,
  };

  /** Called after every batch of a read was stored (the overlay marks observed records as stored). */
  onStored: ((batches: CaptureBatch[]) => void) | null = null;

  /** customerKey → nickname of every customer captured from this tab (for the tier chips). */
  readonly customers = new Map<string, string>();

  /** `readPage` answers one batch per table on the page (a single batch is one table). */
  constructor(private readPage: () => CaptureBatch | CaptureBatch[] | { error: string } | null) {}

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

  private async send(batch: CaptureBatch): Promise<StoreReply> {
    try {
      return await sendMessage('captureBatch', batch);
    } catch (e) {
      // The service worker was stopped mid-call, or the extension reloaded.
      return { ok: false, reason: e instanceof Error ? e.message : String(e), keys: [], rejected: [] };
    }
  }

  /** Reads the page now and stores what is new (each table its own batch); resolves with the number of raw rows read. */
  async captureNow(): Promise<{ rows: number; stored: boolean; error?: string }> {
    const read = this.readPage();
    if (read === null) return { rows: 0, stored: false };
    if ('error' in read) {
      this.update({ message: read.error });
      return { rows: 0, stored: false, error: read.error };
    }
    const batches = Array.isArray(read) ? read : [read];
    const rows = batches.reduce((n, b) => n + b.rawRows.length, 0);
    // The records too: the page's own JSON may arrive after the DOM was read and change them, not the rows.
    const signature = JSON.stringify(batches.map((b) => [b.url, b.rawRows, b.customers, b.orders, b.contacts, b.snapshots, b.crossCheck ?? null]));
    if (signature === this.lastSignature) return { rows, stored: false };
    this.lastSignature = signature;
    let failure: string | undefined;
    let shopId = this.view.shopId;
    for (const batch of batches) {
      // A batch that could not be stored is tried once more, then reported — never marked as seen.
      let reply = await this.send(batch);
      if (!reply.ok) reply = await this.send(batch);
      if (!reply.ok) {
        failure = reply.reason ?? '保存失败';
        continue;
      }
      shopId = reply.shopId ?? shopId;
      for (const k of reply.keys) this.keys.add(k);
      for (const r of reply.rejected) {
        // Key rejects by row content so re-reading the same page does not count them twice.
        this.rejectedRows.set(`${batch.adapter}|${JSON.stringify(batch.headers)}|${JSON.stringify(batch.rawRows[r.row] ?? r.row)}`, r);
      }
      for (const c of batch.customers) {
        const rec = c.record as { customerKey?: unknown; nickname?: unknown };
        if (typeof rec.customerKey === 'string') this.customers.set(rec.customerKey, typeof rec.nickname === 'string' ? rec.nickname : '');
      }
    }
    if (!failure) this.onStored?.(batches);
    if (failure) this.lastSignature = '';
    this.update({
      adapter: batches[0]?.adapter ?? this.view.adapter,
      shopId,
      count: this.keys.size,
      rejected: this.rejectedRows.size,
      reasons: [...this.rejectedRows.values()],
      message: failure ? `保存失败，已重试一次 (not stored after a retry): ${failure}` : null,
      info: !failure && rows === 0 ? NO_ROWS : this.view.info === NO_ROWS ? null : this.view.info,
    });
    return failure ? { rows, stored: false, error: failure } : { rows, stored: true };
  }
}
