// @vitest-environment happy-dom
/**
 * Issue 11 item 2: a view that throws shows a message with 重试 / 返回概览 instead of blanking the
 * side panel; the tabs (and 删除 in 设置与数据) stay reachable.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { clickIn, renderApp, settle, unmountApp } from '../capture/render-taobao';

const failing = vi.hoisted(() => ({ sales: true }));

vi.mock('@/components/engine/client', () => ({
  EngineClient: class {
    analysis() {
      return new Promise(() => undefined);
    }
    report() {
      return new Promise(() => undefined);
    }
  },
}));
vi.mock('@/components/panel/SalesView', () => ({
  SalesView: () => {
    if (failing.sales) throw new Error('sales exploded');
    return <div data-testid="sales-ok">ok</div>;
  },
}));
vi.mock('@/components/panel/SettingsView', () => ({
  SettingsView: () => (
    <button type="button" data-testid="delete-shop">
      删除
    </button>
  ),
}));

const { Dashboard } = await import('@/components/panel/Dashboard');
const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);

beforeEach(() => {
  failing.sales = true;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  unmountApp();
  vi.restoreAllMocks();
});

test('a view that throws shows the message; the tabs and 删除 in 设置与数据 stay reachable', async () => {
  await renderApp(<Dashboard variant="panel" />);
  await settle();
  await clickIn(q('view-sales'));
  const err = q('view-error');
  expect(err?.getAttribute('data-view')).toBe('sales');
  expect(err?.textContent).toContain('这个视图出错了');
  expect(err?.textContent).toContain('sales exploded');
  expect(q('view-error-retry')?.textContent).toBe('重试');
  expect(q('view-error-back')?.textContent).toBe('返回概览');
  // The rest of the panel is still there.
  expect(q('shop-picker')).not.toBeNull();
  await clickIn(q('view-settings'));
  expect(q('view-error')).toBeNull();
  expect(q('delete-shop')?.textContent).toBe('删除');
});

test('返回概览 goes to the overview; 重试 mounts the view afresh', async () => {
  await renderApp(<Dashboard variant="panel" />);
  await settle();
  await clickIn(q('view-sales'));
  await clickIn(q('view-error-back'));
  expect(q('view-body-overview')).not.toBeNull();
  expect(q('view-error')).toBeNull();

  await clickIn(q('view-sales'));
  expect(q('view-error')).not.toBeNull();
  failing.sales = false;
  await clickIn(q('view-error-retry'));
  expect(q('view-error')).toBeNull();
  expect(q('sales-ok')?.textContent).toBe('ok');
});

test('in English the message and buttons are English', async () => {
  localStorage.setItem('seller-lens-lang', 'en');
  try {
    await renderApp(<Dashboard variant="panel" />);
    await settle();
    await clickIn(q('view-sales'));
    expect(q('view-error')?.textContent).toContain('This view failed');
    expect(q('view-error-retry')?.textContent).toBe('Retry');
    expect(q('view-error-back')?.textContent).toBe('Back to overview');
  } finally {
    localStorage.removeItem('seller-lens-lang');
  }
});
