// @vitest-environment happy-dom
/** The overlay split into features (components/overlay/*; file sizes: tests/unit/conventions/file-size.test.ts): one AbortSignal ends every listener, wait and poll. */
import { expect, test, vi } from 'vitest';
import { debounce, observeUntil, waitForDom } from '@/components/overlay/dom';
import { createPickMode } from '@/components/overlay/pick-mode';
import { Store, type Extras } from '@/components/overlay/store';

const extras = () =>
  new Store<Extras>({ generic: true, tables: [], review: 0, dialogOpen: false, picking: false, pickBox: null, picked: false, lang: 'zh', panelStatus: null, shopPrompt: null, observedText: null });

test('pick mode swallows the page’s clicks while on; once the overlay’s signal aborts, the page gets its clicks back', () => {
  document.body.innerHTML = '<div id="host"></div><table><tr><td>a</td></tr></table><button id="b">page</button>';
  const life = new AbortController();
  const x = extras();
  const pick = createPickMode({ extras: x, host: () => document.getElementById('host')!, onPicked: () => undefined, signal: life.signal });
  const clicks = vi.fn();
  document.getElementById('b')!.addEventListener('click', clicks);
  pick.start();
  expect(x.value.picking).toBe(true);
  document.getElementById('b')!.click();
  expect(clicks).not.toHaveBeenCalled();
  life.abort();
  document.getElementById('b')!.click();
  expect(clicks).toHaveBeenCalledTimes(1);
});

test('waitForDom rejects when the signal aborts (a walk never hangs on a page that went away)', async () => {
  const life = new AbortController();
  const waiting = waitForDom(() => false, 60_000, life.signal);
  life.abort();
  await expect(waiting).rejects.toThrow(/卸载/);
});

test('a debounced capture and a mutation observer do nothing after the signal aborts', async () => {
  vi.useFakeTimers();
  try {
    const life = new AbortController();
    const fn = vi.fn();
    const soon = debounce(fn, 400, life.signal);
    soon();
    life.abort();
    soon();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  } finally {
    vi.useRealTimers();
  }
  const life = new AbortController();
  const seen = vi.fn();
  observeUntil(document.body, { childList: true, subtree: true }, life.signal, seen);
  life.abort();
  document.body.appendChild(document.createElement('p'));
  await new Promise((r) => setTimeout(r, 10));
  expect(seen).not.toHaveBeenCalled();
});
