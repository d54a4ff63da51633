/** The data tables of any page: every table the readers know (HTML, ARIA grids, component libraries). */
import { readTables, type ReadTable } from '../table';
import { findAntdVirtualTables, readAntdVirtualTable } from './antd-virtual';

/** True when a read table looks like data, not layout: named columns (at least two) and at least one row. */
export function isDataTable(t: ReadTable): boolean {
  const named = t.headers.filter((h) => h.trim() !== '').length;
  return named >= 2 && t.rows.some((r) => !r.groupHeader && !r.remark && r.cells.some((c) => c !== ''));
}

/** Every data table under `root`, in document order, each read once. */
export function findDataTables(root: ParentNode): ReadTable[] {
  // Virtual bodies first: the readers would see their header table with no rows.
  const virtual = findAntdVirtualTables(root);
  const related = (a: Element, b: Element) => a === b || a.contains(b) || b.contains(a);
  const tables = [...virtual.map(readAntdVirtualTable), ...readTables(root).filter((t) => !virtual.some((v) => related(v, t.el)))];
  return tables
    .filter(isDataTable)
    .sort((a, b) => (a.el === b.el ? 0 : a.el.compareDocumentPosition(b.el) & 4 /* b follows a */ ? -1 : 1));
}

/** A table's identity across re-renders and pages: its header texts (what the merchant picks a table by). */
export function tableSignature(t: Pick<ReadTable, 'headers'>): string {
  return t.headers.map((h) => h.replace(/\s+/g, '')).join('|');
}
