/** Pick mode (generic capture): the merchant clicks the table to capture; the page's own clicks are swallowed meanwhile. */
import { findDataTables, tableSignature } from '@/lib/capture/generic';
import type { Extras, Store } from './store';

type DataTable = ReturnType<typeof findDataTables>[number];

export interface PickDeps {
  extras: Store<Extras>;
  /** The overlay's shadow host: events from the overlay itself are not the page's. */
  host: () => Element;
  onPicked: (signature: string, table: DataTable) => void;
  signal: AbortSignal;
}

/** Pick mode of one tab; it ends when `signal` aborts. */
export function createPickMode(d: PickDeps) {
  const { extras } = d;
  let active: AbortController | null = null;

  function stop() {
    active?.abort();
    active = null;
    extras.set({ picking: false, pickBox: null });
  }

  function start() {
    if (active || d.signal.aborted) return;
    const ctl = new AbortController();
    active = ctl;
    d.signal.addEventListener('abort', () => ctl.abort(), { once: true, signal: ctl.signal });
    const fromOverlay = (e: Event) => e.composedPath().includes(d.host());
    const tableAt = (target: EventTarget | null): DataTable | null => {
      if (!(target instanceof Element)) return null;
      const hits = findDataTables(document).filter((t) => t.el.contains(target));
      return hits[hits.length - 1] ?? null; // innermost
    };
    const onMove = (e: MouseEvent) => {
      if (fromOverlay(e)) return;
      const r = tableAt(e.target)?.el.getBoundingClientRect();
      extras.set({ pickBox: r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null });
    };
    const swallow = (e: Event) => {
      if (fromOverlay(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onClick = (e: MouseEvent) => {
      if (fromOverlay(e)) return;
      swallow(e);
      const t = tableAt(e.target);
      if (!t) return;
      stop();
      d.onPicked(tableSignature(t), t);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') stop();
    };
    const opts = { capture: true, signal: ctl.signal } as const;
    window.addEventListener('mousemove', onMove, opts);
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) window.addEventListener(type, swallow, opts);
    window.addEventListener('click', onClick, opts);
    window.addEventListener('keydown', onKey, opts);
    extras.set({ picking: true });
  }

  return { start, stop, toggle: () => (active ? stop() : start()) };
}
