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

  constructor(private readPage: () => CaptureBatch | { error: string } | null) {}

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

  /** Reads the page now and stores what is new; resolves with the number of raw rows read. */
  async captureNow(): Promise<{ rows: number; stored: boolean; error?: string }> {
    const read = this.readPage();
    if (read === null) return { rows: 0, stored: false };
    if ('error' in read) {
      this.update({ message: read.error });
      return { rows: 0, stored: false, error: read.error };
    }
    const signature = JSON.stringify([read.url, read.rawRows]);
    if (signature === this.lastSignature) return { rows: read.rawRows.length, stored: false };
    this.lastSignature = signature;
    const reply = await sendMessage('captureBatch', read);
    if (!reply.ok) {
      this.lastSignature = '';
      this.update({ message: reply.reason ?? '保存失败', adapter: read.adapter });
      return { rows: read.rawRows.length, stored: false, error: reply.reason };
    }
    for (const k of reply.keys) this.keys.add(k);
    for (const r of reply.rejected) {
      // Key rejects by row content so re-reading the same page does not count them twice.
      this.rejectedRows.set(`${read.adapter}|${JSON.stringify(read.rawRows[r.row] ?? r.row)}`, r);
    }
    this.update({
      adapter: read.adapter,
      shopId: reply.shopId ?? this.view.shopId,
      count: this.keys.size,
      rejected: this.rejectedRows.size,
      reasons: [...this.rejectedRows.values()],
      message: null,
    });
    return { rows: read.rawRows.length, stored: true };
  }
}
