/** The content script's capture session (components/overlay/session.ts): a failed batch is retried with backoff, shown as 未保存, never marked seen before it is stored. */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { CaptureBatch } from '@/lib/capture/ingest';
import type { StoreReply } from '@/lib/messaging';

const replies: (StoreReply | Error | 'hang')[] = [];
const sent: CaptureBatch[] = [];
vi.mock('@/lib/messaging', () => ({
  sendMessage: vi.fn(async (_name: string, batch: CaptureBatch) => {
    sent.push(batch);
    const r = replies.shift() ?? { ok: true, shopId: 's1', keys: [], rejected: [] };
    if (r === 'hang') return new Promise<never>(() => undefined); // a message the stopped worker dropped: no answer, no error
    if (r instanceof Error) throw r;
    return r;
  }),
}));
const { CaptureSession } = await import('@/components/overlay/session');

const batch = (rows: string[][]): CaptureBatch => ({
  adapter: 'crm-customers',
  primary: 'customers',
  url: 'https://crm.taobao.com/customer/list',
  capturedAt: '2026-11-21T10:00:00+08:00',
  shop: { shopId: 's1', platform: 'taobao', name: '店' },
  headers: ['客户'],
  rawRows: rows,
  customers: rows.map((r, row) => ({ row, record: { customerKey: `k:${r[0]}`, shopId: 's1', nickname: r[0] } })),
  orders: [],
  contacts: [],
  snapshots: [],
  rejected: [],
});
const ok = (keys: string[]): StoreReply => ({ ok: true, shopId: 's1', keys, rejected: [] });

beforeEach(() => {
  replies.length = 0;
  sent.length = 0;
});

describe('CaptureSession', () => {
  test('a batch that fails once is retried and stored', async () => {
    replies.push(new Error('service worker stopped'), ok(['a']));
    const s = new CaptureSession(() => batch([['a']]), { sleep: async () => undefined });
    const r = await s.captureNow();
    expect(r).toEqual({ rows: 1, stored: true });
    expect(sent).toHaveLength(2);
    expect(s.view.count).toBe(1);
    expect(s.view.message).toBeNull();
  });

  test('a send that is never answered counts as failed after answerWithinMs: shown as 未保存, sent again and stored', async () => {
    replies.push('hang', ok(['a']));
    const seenUnsaved: string[] = [];
    const s = new CaptureSession(() => batch([['a']]), { sleep: async () => undefined, answerWithinMs: 5 });
    s.subscribe((v) => v.unsaved && seenUnsaved.push(v.unsaved.reason));
    const r = await s.captureNow();
    expect(r).toEqual({ rows: 1, stored: true });
    expect(sent).toHaveLength(2);
    expect(seenUnsaved).toEqual(['扩展后台 1 秒未应答']);
    expect(s.view.unsaved).toBeNull();
    expect(s.view.count).toBe(1);
  });

  test('a batch that keeps failing is retried with growing backoff, shown as 未保存 with its reason, and stored when the worker is back', async () => {
    const waits: number[] = [];
    const seenUnsaved: (string | null)[] = [];
    replies.push(new Error('service worker stopped'), new Error('service worker stopped'), new Error('Could not establish connection'), ok(['a']));
    const stored = vi.fn();
    const s = new CaptureSession(() => batch([['a']]), { sleep: async (ms) => void waits.push(ms) });
    s.onStored = stored;
    s.subscribe((v) => seenUnsaved.push(v.unsaved ? `${v.unsaved.rows}|${v.unsaved.reason}` : null));
    const r = await s.captureNow();
    expect(r).toEqual({ rows: 1, stored: true });
    expect(sent).toHaveLength(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(seenUnsaved).toContain('1|Could not establish connection');
    expect(s.view.unsaved).toBeNull();
    expect(s.view.count).toBe(1);
    expect(stored).toHaveBeenCalledTimes(1);
  });

  test('backoff doubles up to its ceiling of 30 s', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) replies.push(new Error('down'));
    const s = new CaptureSession(() => batch([['a']]), { sleep: async (ms) => void waits.push(ms) });
    await s.captureNow();
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  test('the merchant gives up: nothing counted, said so, and the same rows are sent again on the next read (never marked seen)', async () => {
    let release: () => void = () => undefined;
    replies.push(new Error('service worker stopped'));
    const stored = vi.fn();
    const s = new CaptureSession(() => batch([['a']]), {
      sleep: (_ms, signal) =>
        new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve());
        }),
    });
    s.onStored = stored;
    const pending = s.captureNow();
    await vi.waitFor(() => expect(s.view.unsaved?.reason).toBe('service worker stopped'));
    s.giveUp();
    const r = await pending;
    expect(r.stored).toBe(false);
    expect(r.error).toBe('service worker stopped');
    expect(s.view.unsaved).toBeNull();
    expect(s.view.message).toMatch(/未保存.*1 行.*service worker stopped/);
    expect(s.view.count).toBe(0);
    expect(stored).not.toHaveBeenCalled();
    release();
    replies.push(ok(['a']));
    expect((await s.captureNow()).stored).toBe(true);
    expect(s.view.count).toBe(1);
    expect(stored).toHaveBeenCalledTimes(1);
  });

  test('a refusal (not retryable) is shown as 未保存 with its reason, not retried, and not re-sent for the same rows', async () => {
    const refusal: StoreReply = { ok: false, retryable: false, reason: 'sender.refused', keys: [], rejected: [] };
    replies.push(refusal);
    const waits: number[] = [];
    let rows = [['a']];
    const s = new CaptureSession(() => batch(rows), { sleep: async (ms) => void waits.push(ms) });
    const r = await s.captureNow();
    expect(r).toMatchObject({ stored: false, error: 'sender.refused' });
    expect(waits).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(s.view.unsaved).toMatchObject({ rows: 1, reason: 'sender.refused', retrying: false });
    await s.captureNow();
    expect(sent).toHaveLength(1);
    rows = [['b']];
    replies.push(ok(['b']));
    expect((await s.captureNow()).stored).toBe(true);
    expect(s.view.unsaved).toBeNull();
  });

  test('a read while a batch is being retried waits for it and never sends the same rows twice', async () => {
    let release: () => void = () => undefined;
    replies.push(new Error('down'), ok(['a']));
    const s = new CaptureSession(() => batch([['a']]), { sleep: () => new Promise<void>((resolve) => (release = resolve)) });
    const first = s.captureNow();
    await vi.waitFor(() => expect(s.view.unsaved).not.toBeNull());
    const second = s.captureNow();
    release();
    expect((await first).stored).toBe(true);
    await second;
    expect(sent).toHaveLength(2);
    expect(s.view.count).toBe(1);
  });

  test('a page read with no rows says so (never a silent 0); rows clear it', async () => {
    let rows: string[][] = [];
    const s = new CaptureSession(() => batch(rows));
    await s.captureNow();
    expect(s.view.info).toBe('本页表格没有数据行（筛选条件下没有记录？） (the table shows no rows)');
    rows = [['a']];
    replies.push(ok(['a']));
    await s.captureNow();
    expect(s.view.info).toBeNull();
  });
  test('the summary of the tab: the answers\' new / updated counts and days, rejected rows with the page they were on', async () => {
    let rows = [['a'], ['b']];
    let page = 1;
    replies.push(
      { ...ok(['s1|k:a', 's1|k:b']), added: 1, updated: 1, days: { from: '2026-11-02', to: '2026-11-03' }, rejected: [{ row: 1, reason: 'missing 客户 (nickname or id)' }] },
      { ...ok(['s1|k:c']), added: 1, updated: 0, days: { from: '2026-11-01', to: '2026-11-01' }, rejected: [] },
    );
    const s = new CaptureSession(() => batch(rows), { sleep: async () => undefined });
    s.pageOf = () => page;
    await s.captureNow();
    expect(s.view.primary).toBe('customers');
    rows = [['c']];
    page = 2;
    await s.captureNow();
    const sum = s.summarize();
    expect(sum).toEqual({
      shopName: '店',
      primary: 'customers',
      records: 3,
      range: { from: '2026-11-01', to: '2026-11-03' },
      added: 2,
      updated: 1,
      unchanged: 0,
      skipped: [],
      errors: [{ key: 'crm-customers|["客户"]|["b"]', row: 1, reason: 'missing 客户 (nickname or id)', page: 1, ref: null }],
    });
    expect(s.view.rejected).toBe(1);
  });
});
