/**
 * Element UI / Element Plus tables (`.el-table`): the header in `.el-table__header-wrapper`'s
 * <table>, the body in `.el-table__body-wrapper`'s; Element 2 draws fixed columns a second time in
 * `.el-table__fixed` / `.el-table__fixed-right` (skipped, so no column is read twice) and adds a
 * scrollbar `th.gutter` to the header (not a column); expanded rows hold one
 * `td.el-table__expanded-cell`; tree rows carry `el-table__row--level-N`.
 */
import { buildTable, sectionRows } from './build';
import type { ReadTable, TableReader } from './types';

const ROOT = '.el-table';
const CLONE = '.el-table__fixed, .el-table__fixed-right, .el-table__fixed-left';

/** The <table>s of one Element table inside its header or body wrapper, clones excluded. */
function tablesIn(root: Element, wrapper: string): Element[] {
  return Array.from(root.querySelectorAll(`${wrapper} table`)).filter((t) => {
    if (t.closest(ROOT) !== root) return false;
    const clone = t.closest(CLONE);
    return !(clone && root.contains(clone));
  });
}

/** Reads one Element table root. */
export function readElementTable(root: Element): ReadTable {
  const headerTrs = tablesIn(root, '.el-table__header-wrapper').flatMap((t) => sectionRows(t, 'THEAD'));
  const bodyTrs = tablesIn(root, '.el-table__body-wrapper').flatMap((t) => sectionRows(t, 'TBODY'));
  return buildTable('element', root, headerTrs, bodyTrs);
}

export const elementTableReader: TableReader = {
  library: 'element',
  find: (root) =>
    Array.from(root.querySelectorAll(ROOT)).filter((el) => !el.parentElement?.closest(ROOT) && el.querySelector('.el-table__body-wrapper, .el-table__header-wrapper')),
  read: readElementTable,
};
