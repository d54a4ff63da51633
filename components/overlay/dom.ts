/** DOM helpers of the overlay's features: waiting for the page to change, frames, debouncing — all ended by the overlay's AbortSignal. */
import type { TableRow } from '@/lib/capture/table';
import { overlayText } from './text';

/** Waits until `changed()` holds, checking on every DOM mutation; rejects after `timeoutMs` or when `signal` aborts. */
export function waitForDom(changed: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (changed()) return resolve();
    if (signal?.aborted) return reject(new Error(overlayText('overlay_removed')));
    const done = (err?: Error) => {
      obs.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => done(new Error(overlayText('overlay_removed')));
    const obs = new MutationObserver(() => {
      if (changed()) done();
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => done(new Error(overlayText('overlay_pageUnchanged'))), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves after the next frame has painted (and a little more for the page's own re-render). */
export const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 60)));

/** Waits `ms`, or less when `signal` aborts. */
export const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** A row's identity: the console's row key, else its cells. */
export const rowKey = (r: TableRow) => r.el.getAttribute('data-row-key') ?? r.el.closest('[data-row-key]')?.getAttribute('data-row-key') ?? r.cells.join('\u0001');

/** The highest ancestor of `el` holding no other table of `all` (so a table's pager is looked for near it only). */
export function scopeOf(el: Element, all: readonly Element[]): ParentNode {
  let scope: Element = el;
  while (scope.parentElement && !all.some((o) => o !== el && scope.parentElement!.contains(o))) scope = scope.parentElement;
  return scope;
}

/** `fn` once `ms` after the last call; never after `signal` aborted. */
export function debounce(fn: () => void, ms: number, signal?: AbortSignal): () => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  signal?.addEventListener('abort', () => clearTimeout(t), { once: true });
  return () => {
    clearTimeout(t);
    if (!signal?.aborted) t = setTimeout(fn, ms);
  };
}

/** Observes `target` until `signal` aborts. */
export function observeUntil(target: Node, init: MutationObserverInit, signal: AbortSignal, fn: MutationCallback): void {
  const obs = new MutationObserver(fn);
  obs.observe(target, init);
  signal.addEventListener('abort', () => obs.disconnect(), { once: true });
}
