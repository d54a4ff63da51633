/**
 * Every table whose DOM follows the `<prefix>-table` pattern, whatever the prefix: the antd
 * family (`ant-`, 抖店 `auxo-` / `ecom-g-`, 罗盘 `aurora-`, any `prefixCls`; antd 3's split
 * header/body and `…-fixed-left/right` clones, antd 4/5 sticky cells, measure rows, virtual div
 * bodies), Fusion Next (`next-`, lock clones, one <table> per group in list mode), Arco and Semi.
 * The prefix and the family are read from the DOM, never configured: a root is an element with a
 * class `<p>-table` holding `<p>-table-tbody|thead|container|content|body|header`.
 * Frozen columns drawn a second time (clones) are skipped, so no column is read twice.
 */
import { buildTable, sectionRows } from './build';
import { cellText } from './text';
import type { ReadTable, TableReader } from './types';

const ROOT_CLASS = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-table$/;
/** Wrappers of a frozen-column copy (antd 3 / old Arco `…-table-fixed-left`, Fusion `…-table-lock-right`) or a sticky header copy. */
const CLONE_CLASS = /(?:^|\s)[\w-]*-(?:fixed|lock)-(?:left|right)(?:\s|$)|(?:^|\s)[\w-]*-affix(?:\s|$)/;
const KNOWN = new Set(['ant', 'arco', 'semi', 'next']);
const PARTS = ['tbody', 'thead', 'container', 'content', 'body', 'header'];

export type Family = 'antd' | 'fusion' | 'arco' | 'semi';

/** A table root's prefix (`ant`, `auxo`, `ecom-g`, `next` …), or null when the element is not one. */
export function tableRootPrefix(el: Element, cache?: Map<Element, string | null>): string | null {
  const hit = cache?.get(el);
  if (hit !== undefined) return hit;
  let found: string | null = null;
  for (const token of Array.from(el.classList)) {
    const m = ROOT_CLASS.exec(token);
    if (!m || m[1] === 'el') continue; // Element UI's `el-table` has its own reader (`el-table__…` parts)
    const p = m[1]!;
    // The libraries' own prefixes need no further proof; any other `<p>-table` class must hold the parts.
    if (KNOWN.has(p) || el.querySelector(PARTS.map((s) => `.${p}-table-${s}`).join(','))) {
      found = p;
      break;
    }
  }
  cache?.set(el, found);
  return found;
}

/** Which family drew a root, from the parts only that family draws. */
export function familyOf(root: Element, prefix: string): Family {
  const has = (...parts: string[]) => root.querySelector(parts.map((s) => `.${prefix}-table-${s}`).join(',')) !== null;
  if (prefix === 'next' || has('cell-wrapper', 'group-header', 'lock-left', 'lock-right')) return 'fusion';
  if (prefix === 'arco' || has('tr', 'td', 'th')) return 'arco';
  if (prefix === 'semi' || has('row-cell', 'row-head')) return 'semi';
  return 'antd';
}

/** The library string of a root: 'antd:<prefix>', or the family ('fusion', 'arco', 'semi') under its usual prefix. */
export function libraryName(family: Family, prefix: string): string {
  if (family === 'antd') return `antd:${prefix}`;
  const usual = { fusion: 'next', arco: 'arco', semi: 'semi' }[family];
  return prefix === usual ? family : `${family}:${prefix}`;
}

/** The nearest table root at or above `el` (within `stop`, when given). */
function nearestRoot(el: Element, cache: Map<Element, string | null>, stop?: Element): Element | null {
  for (let p: Element | null = el; p; p = p.parentElement) {
    if (tableRootPrefix(p, cache)) return p;
    if (p === stop) break;
  }
  return null;
}

/** Table roots under `root`: each outermost one of its prefix (lock clones and nested detail tables are part of it). */
export function findTableRoots(root: ParentNode): Element[] {
  const cache = new Map<Element, string | null>();
  const seeds = Array.from(root.querySelectorAll('table, [class*="-table-tbody-virtual"]'));
  const out = new Set<Element>();
  for (const seed of seeds) {
    let owner = nearestRoot(seed, cache);
    if (!owner) continue;
    const prefix = tableRootPrefix(owner, cache)!;
    // Climb to the outermost root of the same prefix (Fusion's lock clones are `.next-table`s inside the main one).
    for (let p = owner.parentElement; p; p = p.parentElement) if (tableRootPrefix(p, cache) === prefix) owner = p;
    if (owner !== root && !(root as Node).contains(owner)) continue;
    out.add(owner);
  }
  return [...out];
}

function inClone(el: Element, root: Element): boolean {
  for (let p: Element | null = el.parentElement; p && p !== root; p = p.parentElement) if (CLONE_CLASS.test(p.getAttribute('class') ?? '')) return true;
  return false;
}

/** The <table>s drawing `root` itself: not a nested root's (lock clone, detail table), not inside a cell, not a frozen or sticky copy. */
export function ownTablesOf(root: Element, cache = new Map<Element, string | null>()): Element[] {
  return Array.from(root.querySelectorAll('table')).filter((t) => {
    if (t.parentElement && nearestRoot(t.parentElement, cache, root) !== root) return false;
    const cell = t.parentElement?.closest('td,th');
    if (cell && root.contains(cell)) return false;
    return !inClone(t, root);
  });
}

const NOT_DATA = /(?:^|\s)[\w-]*-table-(?:expanded-row|measure-row|placeholder|row-expand|group-separator)(?:\s|$)/;

/** Div cells of a div row (virtual bodies): children named `…-cell` / `…-row-cell`, or ARIA cells. */
function divCells(row: Element): Element[] {
  if (row.tagName === 'TR') return Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
  return Array.from(row.children).filter((c) => {
    const role = c.getAttribute('role');
    if (role === 'gridcell' || role === 'cell') return true;
    return /(?:^|\s)[\w-]*-(?:table-cell|row-cell)(?:\s|$)/.test(c.getAttribute('class') ?? '');
  });
}

/** Header text: antd's own title element when the header cell also holds sorter/filter controls. */
function headerText(prefix: string) {
  const sel = `.${prefix}-table-column-title`;
  return (cell: Element) => {
    const title = cell.querySelector(sel);
    return cellText(title ?? cell);
  };
}

/** Reads one `<prefix>-table` root, whichever family drew it. */
export function readFamilyTable(root: Element): ReadTable {
  const cache = new Map<Element, string | null>();
  const prefix = tableRootPrefix(root, cache) ?? 'ant';
  const library = libraryName(familyOf(root, prefix), prefix);
  const tables = ownTablesOf(root, cache);
  // The empty-table placeholder is one cell holding `<p>-table-empty`; only such rows are searched for it.
  const isData = (tr: Element) => !NOT_DATA.test(tr.getAttribute('class') ?? '') && !(tr.childElementCount <= 1 && tr.querySelector(`.${prefix}-table-empty`));
  const headerTrs = tables.flatMap((t) => sectionRows(t, 'THEAD'));
  const perTable = tables.map((t) => sectionRows(t, 'TBODY').filter(isData));
  // Virtual bodies draw their visible rows as <div>s (antd `…-tbody-virtual`, Semi `div.…-table-row`).
  const divRows = Array.from(root.getElementsByClassName(`${prefix}-table-row`)).filter(
    (r) => r.tagName !== 'TR' && r.tagName !== 'TABLE' && isData(r) && nearestRoot(r, cache, root) === root && !inClone(r, root),
  );
  // One <table> per group: the body tables side by side in one body box (Fusion list mode, 千牛).
  const byParent = new Map<Element | null, Element[][]>();
  tables.forEach((t, i) => {
    if (perTable[i]!.length === 0) return;
    const list = byParent.get(t.parentElement) ?? [];
    list.push(perTable[i]!);
    byParent.set(t.parentElement, list);
  });
  const groupTables = [...byParent.values()].find((l) => l.length >= 2);
  return buildTable(library, root, headerTrs, [...perTable.flat(), ...divRows], {
    headerText: headerText(prefix),
    ...(divRows.length > 0 ? { cellsOf: divCells } : {}),
    ...(groupTables ? { groupTables } : {}),
  });
}

/** The reader of every `<prefix>-table` root (antd family, Fusion, Arco, Semi). */
export const familyTableReader: TableReader = {
  library: 'antd',
  find: findTableRoots,
  read: readFamilyTable,
};
