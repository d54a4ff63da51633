/** Finding and reading every data table on a page by its structure, whatever library rendered it. */
import { ariaTableReader } from './aria';
import { elementTableReader } from './element';
import { familyOf, familyTableReader, libraryName, tableRootPrefix } from './family';
import { htmlTableReader } from './html';
import type { ReadTable, TableReader } from './types';

export type { ReadTable, TableRow, TableReader } from './types';
export { cellText, cellLines } from './text';
export { layGrid } from './grid';
export { readHtmlTable } from './html';
export { readFamilyTable, findTableRoots } from './family';
export { readAriaTable } from './aria';

/**
 * Library readers first (their DOM holds several <table>s per table), then div ARIA grids, the
 * plain HTML reader last.
 */
export const tableReaders: TableReader[] = [elementTableReader, familyTableReader, ariaTableReader, htmlTableReader];

/** Every table under `root`, each read once by the most specific reader that recognises it. */
export function readTables(root: ParentNode): ReadTable[] {
  const taken: Element[] = [];
  const out: ReadTable[] = [];
  for (const reader of tableReaders) {
    for (const el of reader.find(root)) {
      if (taken.some((t) => t === el || t.contains(el))) continue;
      taken.push(el);
      out.push(reader.read(el));
    }
  }
  return out;
}

const GRID_ROLES = new Set(['grid', 'treegrid', 'table']);

function libraryOfRoot(el: Element): string | null {
  if (el.classList.contains('el-table')) return 'element';
  const prefix = tableRootPrefix(el);
  if (prefix) return libraryName(familyOf(el, prefix), prefix);
  if (el.tagName !== 'TABLE' && GRID_ROLES.has(el.getAttribute('role') ?? '')) return 'aria';
  return null;
}

/**
 * The library that drew a table, as ReadTable.library names it: 'antd:<prefix>' ('antd:ant',
 * 'antd:auxo', 'antd:ecom-g', 'antd:aurora' …), 'fusion', 'arco', 'semi', 'element', 'aria' or
 * 'html'. `el` may be the table's root, any element inside it, or a wrapper holding it.
 */
export function detectLibrary(el: Element): string {
  for (let p: Element | null = el; p; p = p.parentElement) {
    const lib = libraryOfRoot(p);
    if (lib) return lib;
  }
  const inner = [...elementTableReader.find(el), ...familyTableReader.find(el), ...ariaTableReader.find(el)];
  inner.sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1));
  return inner[0] ? libraryOfRoot(inner[0]) ?? 'html' : 'html';
}
