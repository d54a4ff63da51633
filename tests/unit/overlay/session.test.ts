/** The content script's capture session (components/overlay/session.ts): a failed batch is retried once, never marked seen. */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { CaptureBatch } from '@/lib/capture/ingest';
import type { StoreReply } from '@/lib/messaging';

const replies: (StoreReply | Error)[] = [];
const sent: CaptureBatch[] = [];
vi.mock('@/lib/messaging', () => ({
  sendMessage: vi.fn(async (_name: string, batch: CaptureBatch) => {
    sent.push(batch);
    const r = replies.shift() ?? { ok: true, shopId: 's1', keys: [], rejected: [] };
    if (r instanceof Error) throw r;
    return r;
  }),
}));
const { CaptureSession, NO_ROWS } = await import('@/components/overlay/session');

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
    const s = new CaptureSession(() => batch([['a']]));
    const r = await s.captureNow();
    expect(r).toEqual({ rows: 1, stored: true });
    expect(sent).toHaveLength(2);
    expect(s.view.count).toBe(1);
    expect(s.view.message).toBeNull();
  });

  test('a batch that fails twice is reported, not counted, and sent again on the next read', async () => {
    replies.push({ ok: false, reason: '保存失败：disk full', keys: [], rejected: [] }, { ok: false, reason: '保存失败：disk full', keys: [], rejected: [] });
    const stored = vi.fn();
    const s = new CaptureSession(() => batch([['a']]));
    s.onStored = stored;
    const r = await s.captureNow();
    expect(r.stored).toBe(false);
    expect(r.error).toBe('保存失败：disk full');
    expect(s.view.message).toMatch(/已重试一次.*disk full/);
    expect(s.view.count).toBe(0);
    expect(stored).not.toHaveBeenCalled();
    replies.push(ok(['a']));
    expect((await s.captureNow()).stored).toBe(true);
    expect(s.view.count).toBe(1);
    expect(stored).toHaveBeenCalledTimes(1);
  });

  test('a page read with no rows says so (never a silent 0); rows clear it', async () => {
    let rows: string[][] = [];
    const s = new CaptureSession(() => batch(rows));
    await s.captureNow();
    expect(s.view.info).toBe(NO_ROWS);
    rows = [['a']];
    replies.push(ok(['a']));
    await s.captureNow();
    expect(s.view.info).toBeNull();
  });
});
