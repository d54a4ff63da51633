/**
 * Semi Design (`@douyinfe/semi-ui`) tables (`.semi-table`): header and body in one <table> or,
 * with a fixed header, in `.semi-table-header` / `.semi-table-body`; fixed columns are sticky
 * cells (`semi-table-cell-fixed-left/right`) of the same table; group sections
 * (`.semi-table-row-section`, one full-width cell) become group headers; expanded detail rows
 * (`.semi-table-row-expand`) and the empty placeholder are not data; a virtualised body draws its
 * visible rows as <div class="semi-table-row"> with <div class="semi-table-row-cell">s.
 */
import { appendDivRows, tablesOf } from './antd';
import { buildTable, sectionRows } from './build';
import type { ReadTable, TableReader } from './types';

const ROOT = '.semi-table';
const NOT_DATA = /(^|\s)semi-table-(row-expand|placeholder)(\s|$)/;

/** Reads one Semi table root. */
export function readSemiTable(root: Element): ReadTable {
  const tables = tablesOf(root, ROOT);
  const headerTrs = tables.flatMap((t) => sectionRows(t, 'THEAD'));
  const bodyTrs = tables
    .flatMap((t) => sectionRows(t, 'TBODY'))
    .filter((tr) => !NOT_DATA.test(tr.getAttribute('class') ?? '') && !tr.querySelector('.semi-table-empty'));
  const table = buildTable('semi', root, headerTrs, bodyTrs);
  const divRows = Array.from(root.querySelectorAll('div.semi-table-row')).filter(
    (r) => r.closest(ROOT) === root && !NOT_DATA.test(r.getAttribute('class') ?? ''),
  );
  if (divRows.length === 0) return table;
  return appendDivRows(table, divRows, (c) => c.classList.contains('semi-table-row-cell'));
}

export const semiTableReader: TableReader = {
  library: 'semi',
  find: (root) => Array.from(root.querySelectorAll(ROOT)).filter((el) => !el.parentElement?.closest(ROOT)),
  read: readSemiTable,
};
