/**
 * Virtualised table bodies render only the rows in view (antd `virtual`, Arco virtual lists, any
 * scroll box far taller than its rendered rows). To capture such a table, scroll its body step by
 * step, read the rows shown at each step, keep each row once (by its key), and stop when scrolling
 * no longer moves (the end) or at a cap. The DOM is injected, so the loop is tested in Node.
 */

export interface VirtualScroller {
  /** Current scroll offset (px). */
  top(): number;
  /** Scrolls to `px` (the browser clamps it at the end). */
  setTop(px: number): void;
  /** Visible height (px): one step scrolls a little less than this, so no row is skipped. */
  viewport(): number;
}

export interface CollectOptions<R> {
  scroller: VirtualScroller;
  /** The rows rendered now. */
  read(): R[];
  /** A row's identity (data-row-key, else its cells' text). */
  keyOf(row: R): string;
  /** Resolves once the body has re-rendered after a scroll. */
  settle(): Promise<void>;
  /** Safety caps (defaults: 1000 steps, 50 000 rows). */
  maxSteps?: number;
  maxRows?: number;
  /** Polled between steps. */
  isStopped?: () => boolean;
}

export interface CollectResult<R> {
  rows: R[];
  steps: number;
  /** False when a cap or stop ended the walk before the end of the body. */
  reachedEnd: boolean;
}

/** Scrolls from the top to the end, collecting rows de-duplicated by key, then restores the scroll offset. */
export async function collectVirtualRows<R>(o: CollectOptions<R>): Promise<CollectResult<R>> {
  const maxSteps = o.maxSteps ?? 1000, maxRows = o.maxRows ?? 50_000;
  const start = o.scroller.top();
  const seen = new Map<string, R>();
  const take = () => {
    for (const r of o.read()) {
      const k = o.keyOf(r);
      if (!seen.has(k) && seen.size < maxRows) seen.set(k, r);
    }
  };
  let steps = 0;
  let reachedEnd = false;
  try {
    o.scroller.setTop(0);
    await o.settle();
    take();
    for (;;) {
      if (steps >= maxSteps || seen.size >= maxRows || o.isStopped?.()) break;
      const before = o.scroller.top();
      o.scroller.setTop(before + Math.max(1, Math.floor(o.scroller.viewport() * 0.8)));
      await o.settle();
      steps++;
      if (o.scroller.top() <= before) {
        reachedEnd = true;
        break;
      }
      take();
    }
  } finally {
    o.scroller.setTop(start);
  }
  return { rows: [...seen.values()], steps, reachedEnd };
}

const VIRTUAL_HOLDERS = ['[class*="-table-tbody-virtual-holder"]', '.rc-virtual-list-holder', '.arco-virtual-list', '[class*="virtual-list"]', '[class*="virtual-holder"]'];

/**
 * The scroll box of a table's virtual body, or null when the body renders every row: a known
 * virtual-list holder, or a scrollable box whose height is well beyond the rows it renders.
 */
export function findVirtualBody(table: Element, renderedRows: number): HTMLElement | null {
  for (const sel of VIRTUAL_HOLDERS) {
    const el = table.querySelector<HTMLElement>(sel);
    if (el && el.scrollHeight > el.clientHeight + 1) return el;
  }
  if (renderedRows === 0) return null;
  const view = table.ownerDocument.defaultView;
  for (const el of [table, ...Array.from(table.querySelectorAll<HTMLElement>('div,tbody'))] as HTMLElement[]) {
    if (el.scrollHeight <= el.clientHeight * 1.5 || el.clientHeight === 0) continue;
    const oy = view?.getComputedStyle(el).overflowY ?? '';
    if (oy !== 'auto' && oy !== 'scroll') continue;
    // Rendered rows × their height falls well short of the scroll height → rows are virtual.
    const row = el.querySelector('tr,[role="row"],[class*="-row"]');
    const rowH = row?.getBoundingClientRect().height ?? 0;
    if (rowH > 0 && renderedRows * rowH < el.scrollHeight * 0.8) return el;
  }
  return null;
}

/** A DOM scroller over an element. */
export function elementScroller(el: HTMLElement): VirtualScroller {
  return {
    top: () => el.scrollTop,
    setTop: (px) => {
      el.scrollTop = px;
      el.dispatchEvent(new Event('scroll'));
    },
    viewport: () => el.clientHeight,
  };
}
