/**
 * Arco Design (`@arco-design/web-react`) tables, as ByteDance consoles render them: `.arco-table`
 * with, when the header is fixed, the header in its own <table> (`.arco-table-header`) and the body
 * in another (`.arco-table-body`). Arco 2 freezes columns with position: sticky in the same table;
 * older builds (and antd 3 style grids) render frozen columns a second time in
 * `…-fixed-left/right` clones, which are skipped here so no column is read twice.
 */
import { buildTable, sectionRows } from './build';
import type { ReadTable, TableReader } from './types';

const CLONE = /(^|\s)[\w-]*table-fixed-(left|right)(\s|$)/;

function isInClone(el: Element, root: Element): boolean {
  for (let p: Element | null = el.parentElement; p && p !== root; p = p.parentElement)
    if (CLONE.test(p.getAttribute('class') ?? '')) return true;
  return false;
}

/** The <table>s of one library table root, nested tables and frozen-column clones excluded. */
export function ownTables(root: Element, rootSelector: string): Element[] {
  return Array.from(root.querySelectorAll('table')).filter(
    (t) => t.parentElement?.closest(rootSelector) === root && !t.parentElement?.closest('td,th') && !isInClone(t, root),
  );
}

/** Reads one table of a component library whose DOM follows the `<prefix>-table(-header|-body)` pattern. */
export function readPrefixedTable(root: Element, prefix: string, library: string): ReadTable {
  const sel = `.${prefix}-table`;
  const tables = ownTables(root, sel);
  const headerTrs = tables.flatMap((t) => sectionRows(t, 'THEAD'));
  const bodyTrs = tables.flatMap((t) => sectionRows(t, 'TBODY'));
  return buildTable(library, root, headerTrs, bodyTrs);
}

export const arcoTableReader: TableReader = {
  library: 'arco',
  find: (root) =>
    Array.from(root.querySelectorAll('.arco-table')).filter((el) => !el.parentElement?.closest('.arco-table')),
  read: (el) => readPrefixedTable(el, 'arco', 'arco'),
};
