/**
 * Content-script glue: watch the page, read it with the adapter, send batches to the
 * background and keep the tab's counts for the overlay. No parsing here (adapters do that),
 * no storage here (the background does that).
 */
import type { CaptureBatch } from '@/lib/capture/ingest';
import { sendMessage, type TabCaptureState } from '@/lib/messaging';

export interface SessionView extends TabCaptureState {
  reasons: { row: number; reason: string }[];
  progressText: string;
  message: string | null;
}

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
  };

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
    const signature = JSON.stringify(batches.map((b) => [b.url, b.rawRows, b.customers.length, b.orders.length, b.contacts.length]));
    if (signature === this.lastSignature) return { rows, stored: false };
    this.lastSignature = signature;
    let failure: string | undefined;
    let shopId = this.view.shopId;
    for (const batch of batches) {
      const reply = await sendMessage('captureBatch', batch);
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
    if (failure) this.lastSignature = '';
    this.update({
      adapter: batches[0]?.adapter ?? this.view.adapter,
      shopId,
      count: this.keys.size,
      rejected: this.rejectedRows.size,
      reasons: [...this.rejectedRows.values()],
      message: failure ?? null,
    });
    return failure ? { rows, stored: false, error: failure } : { rows, stored: true };
  }
}
