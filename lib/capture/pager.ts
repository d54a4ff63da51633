/**
 * Finding and clicking a table's pager as the component libraries render it
 * (Arco, Ant Design, Alibaba Fusion Next, Semi, or a plain 下一页 button).
 */

export interface Pager {
  library: string;
  /** The next-page control, or null on the last page. */
  next(): HTMLElement | null;
  /** Current page number (1-based) when the pager shows one. */
  current(): number | null;
  /** Total pages when the pager shows them. */
  total(): number | null;
}

interface PagerDecl {
  library: string;
  root: string;
  next: string;
  disabled: (el: Element) => boolean;
  active: string;
  items: string;
}

const hasClass = (c: string) => (el: Element) => el.classList.contains(c) || el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';

const DECLS: PagerDecl[] = [
  { library: 'arco', root: '.arco-pagination', next: '.arco-pagination-item-next', disabled: hasClass('arco-pagination-item-disabled'), active: '.arco-pagination-item-active', items: '.arco-pagination-item' },
  { library: 'antd', root: '.ant-pagination', next: '.ant-pagination-next', disabled: hasClass('ant-pagination-disabled'), active: '.ant-pagination-item-active', items: '.ant-pagination-item' },
  { library: 'fusion', root: '.next-pagination', next: '.next-next', disabled: hasClass('next-btn-disabled'), active: '.next-pagination-item.next-current', items: '.next-pagination-item' },
  { library: 'semi', root: '.semi-page', next: '.semi-page-next', disabled: hasClass('semi-page-item-disabled'), active: '.semi-page-item-active', items: '.semi-page-item' },
];

const numberIn = (el: Element | null) => {
  const n = Number((el?.textContent ?? '').trim());
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** An antd-family pager under whatever prefix the page uses: the prefix read from a `<p>-pagination-next` item's classes. */
function antdFamilyDecl(scope: ParentNode): { decl: PagerDecl; roots: Element[] } | null {
  for (const next of scope.querySelectorAll('[class*="-pagination-next"]')) {
    const token = Array.from(next.classList).find((c) => /^[a-z][\w-]*-pagination-next$/.test(c));
    if (!token) continue;
    const p = token.slice(0, -'-pagination-next'.length);
    const root = next.closest(`.${p}-pagination`);
    if (!root) continue;
    const decl: PagerDecl = {
      library: `antd:${p}`,
      root: `.${p}-pagination`,
      next: `.${p}-pagination-next`,
      disabled: hasClass(`${p}-pagination-disabled`),
      active: `.${p}-pagination-item-active`,
      items: `.${p}-pagination-item`,
    };
    const roots = [...scope.querySelectorAll(decl.root)].filter((r) => !r.parentElement?.closest(decl.root));
    return { decl, roots };
  }
  return null;
}

/** The pager drawn by `root`, read with its library's selectors. */
function pagerAt(root: Element, d: PagerDecl): Pager {
  return {
    library: d.library,
    next: () => {
      const el = root.querySelector<HTMLElement>(d.next);
      return el && !d.disabled(el) ? el : null;
    },
    current: () => numberIn(root.querySelector(d.active)),
    total: () => {
      let max: number | null = null;
      for (const it of root.querySelectorAll(d.items)) {
        const n = numberIn(it);
        if (n !== null && (max === null || n > max)) max = n;
      }
      return max;
    },
  };
}

/** The pager nearest after `table` (or anywhere under `scope`), or null when the table has none. */
export function findPager(table: Element, scope: ParentNode = table.ownerDocument ?? document): Pager | null {
  for (const d of DECLS) {
    const roots = [...scope.querySelectorAll(d.root)].filter((r) => !r.parentElement?.closest(d.root));
    if (roots.length === 0) continue;
    // Prefer the pager that follows the table in document order and is closest to it.
    const after = roots.filter((r) => table.compareDocumentPosition(r) & 4 /* FOLLOWING */ || table.contains(r));
    const root = after[0] ?? roots[0]!;
    return pagerAt(root, d);
  }
  // The antd family under any prefix (抖店 `auxo-`, `ecom-g-`, 罗盘 `aurora-` …): a `<p>-pagination` list holding a `<p>-pagination-next`.
  const family = antdFamilyDecl(scope);
  if (family) {
    const root = family.roots.find((r) => table.compareDocumentPosition(r) & 4 /* FOLLOWING */ || table.contains(r)) ?? family.roots[0]!;
    return pagerAt(root, family.decl);
  }
  // A plain next button by its text or label.
  const plain = [...scope.querySelectorAll<HTMLElement>('button, a, [role=button]')].find((el) =>
    /^(下一页|下页|next|›|>)$/i.test((el.getAttribute('aria-label') ?? el.textContent ?? '').trim()),
  );
  if (!plain) return null;
  return {
    library: 'plain',
    next: () => (plain.isConnected && !plain.hasAttribute('disabled') && plain.getAttribute('aria-disabled') !== 'true' ? plain : null),
    current: () => null,
    total: () => null,
  };
}

/** Clicks like a person: pointer and mouse events at the element's centre, then click (some consoles ignore a bare click()). */
export function clickLikeUser(el: HTMLElement): void {
  el.scrollIntoView?.({ block: 'center' });
  const r = el.getBoundingClientRect();
  const init = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 0 };
  const win = el.ownerDocument.defaultView ?? window;
  const Pointer = win.PointerEvent ?? win.MouseEvent;
  el.dispatchEvent(new Pointer('pointerdown', { ...init, pointerId: 1, isPrimary: true } as PointerEventInit));
  el.dispatchEvent(new win.MouseEvent('mousedown', init));
  el.dispatchEvent(new Pointer('pointerup', { ...init, pointerId: 1, isPrimary: true } as PointerEventInit));
  el.dispatchEvent(new win.MouseEvent('mouseup', init));
  el.dispatchEvent(new win.MouseEvent('click', init));
}
