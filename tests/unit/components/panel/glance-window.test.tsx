// @vitest-environment happy-dom
/**
 * Issue 13 item 9: 今日 / 昨日 in the side panel pick the merchant's calendar day in UTC+8, and the
 * window-from / window-to inputs (SPEC §10) show the picked day at once, before the worker answers.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { clickIn, renderApp, settle, unmountApp } from '../../capture/render-taobao';

vi.mock('@/components/engine/client', () => ({
  EngineClient: class {
    analysis() {
      return new Promise(() => undefined); // never answers: what is shown comes from the pick alone
    }
    report() {
      return new Promise(() => undefined);
    }
    completeness() {
      return new Promise(() => undefined);
    }
  },
}));

const q = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | null;

afterEach(() => {
  unmountApp();
  vi.useRealTimers();
});

test('at 16:30 UTC on 11-20 it is already 11-21 in China: 今日 = 11-21, 昨日 = 11-20', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T16:30:00Z'));
  const { getDb } = await import('@/lib/db');
  await getDb().shops.put({ shopId: 'g1', platform: 'douyin', name: 'glance shop' });
  const { Dashboard } = await import('@/components/panel/Dashboard');
  await renderApp(<Dashboard variant="panel" />);
  await settle();
  await clickIn(q('window-preset-today'));
  expect(q('window-from')!.value).toBe('2026-11-21');
  expect(q('window-to')!.value).toBe('2026-11-21');
  await clickIn(q('window-preset-yesterday'));
  expect(q('window-from')!.value).toBe('2026-11-20');
  expect(q('window-to')!.value).toBe('2026-11-20');
  expect(q('window-preset-yesterday')!.className).toBe('on');
  expect(q('window-preset-yesterday')!.textContent).toBe('昨日');
});
