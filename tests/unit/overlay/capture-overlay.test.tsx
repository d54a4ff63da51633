// @vitest-environment happy-dom
/** The capture bar (components/overlay/CaptureOverlay.tsx): SPEC §10 hooks, and never a silent 0. */
import { afterEach, expect, test } from 'vitest';
import { CaptureOverlay, type OverlayProps } from '@/components/overlay/CaptureOverlay';
import { NO_VISITOR_REASON } from '@/lib/capture/adapters/sycm-visitors';
import { renderApp, unmountApp } from '../capture/render-taobao';

afterEach(() => unmountApp());

const base: OverlayProps = {
  adapter: 'sycm-visitors',
  shopId: 's1',
  count: 7,
  rejected: 3,
  state: 'idle',
  reasons: [
    { row: 1, reason: NO_VISITOR_REASON },
    { row: 4, reason: NO_VISITOR_REASON },
    { row: 6, reason: '访问时间: unreadable time "昨天"' },
  ],
  progressText: '',
  message: null,
  canCaptureAll: true,
  onCaptureAll: () => undefined,
  onStop: () => undefined,
};

test('badge counts every rejected row; visitors who were not logged in are told apart from reading errors', async () => {
  await renderApp(<CaptureOverlay {...base} info="本页表格没有数据行" onDiagnostics={() => undefined} />);
  const badge = document.querySelector('[data-testid="capture-badge"]')!;
  expect(badge.getAttribute('data-count')).toBe('7');
  expect(badge.getAttribute('data-rejected')).toBe('3');
  expect(document.querySelector('.sl-rejected')?.textContent).toBe('· 1 行无法读取');
  expect(document.querySelector('.sl-skipped')?.textContent).toBe('· 跳过 2 行');
  expect(document.querySelector('[data-testid="capture-info"]')?.textContent).toBe('本页表格没有数据行');
  expect(document.querySelector('[data-testid="capture-diagnostics"]')?.tagName).toBe('BUTTON');
  expect(document.querySelector('[data-testid="capture-progress"]')?.getAttribute('data-state')).toBe('idle');
});

test('only anonymous visitors: nothing in red, each row listed as 跳过 with its reason', async () => {
  await renderApp(<CaptureOverlay {...base} rejected={2} reasons={base.reasons.slice(0, 2)} />);
  expect(document.querySelector('.sl-rejected')).toBeNull();
  expect(document.querySelector('.sl-skipped')?.textContent).toBe('· 跳过 2 行');
  expect(document.querySelector('.sl-reasons summary')?.textContent).toBe('跳过 2 行 · 查看');
  expect([...document.querySelectorAll('[data-testid="capture-skip"]')].map((e) => e.textContent)).toEqual(['第 2 行：跳过（未登录访客，正常）', '第 5 行：跳过（未登录访客，正常）']);
  expect(document.querySelectorAll('[data-testid="capture-error"]')).toHaveLength(0);
});

test('the badge names what it counts: 笔订单 on an order page, 位访客 on a visitor list', async () => {
  await renderApp(<CaptureOverlay {...base} primary="orders" count={123} rejected={0} reasons={[]} />);
  expect(document.querySelector('[data-testid="capture-badge"]')?.textContent).toBe('SL已采集 123 笔订单');
  unmountApp();
  await renderApp(<CaptureOverlay {...base} primary="contacts" count={45} />);
  expect(document.querySelector('[data-testid="capture-badge-text"]')?.textContent).toBe('已采集 45 位访客');
});

test('rows not stored yet show 未保存 with the reason and a way to give up; a refusal says it will not be retried', async () => {
  let gaveUp = 0;
  await renderApp(<CaptureOverlay {...base} unsaved={{ rows: 12, reason: 'Could not establish connection', retrying: true, attempts: 3 }} onGiveUp={() => gaveUp++} />);
  const line = document.querySelector('[data-testid="capture-unsaved"]')!;
  expect(line.textContent).toContain('未保存 12 行');
  expect(line.textContent).toContain('Could not establish connection');
  expect(line.textContent).toContain('已尝试 3 次，稍后自动重试');
  (document.querySelector('[data-testid="capture-give-up"]') as HTMLButtonElement).click();
  expect(gaveUp).toBe(1);
  unmountApp();
  await renderApp(<CaptureOverlay {...base} unsaved={{ rows: 2, reason: '店铺与网站不符', retrying: false, attempts: 1 }} onGiveUp={() => gaveUp++} />);
  expect(document.querySelector('[data-testid="capture-unsaved"]')!.textContent).toContain('未保存 2 行：店铺与网站不符');
  expect(document.querySelector('[data-testid="capture-give-up"]')).toBeNull();
});
