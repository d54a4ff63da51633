/**
 * Ant Design 5 tables (`.ant-table`), as 千牛 pages render them: header and body in one <table>
 * (`.ant-table-content`) or, with a fixed header, in two (`.ant-table-header` / `.ant-table-body`);
 * fixed columns are sticky cells of the same table (`ant-table-cell-fix-left/right`), so nothing
 * is drawn twice; the hidden measure row, the empty placeholder and expanded detail rows
 * (`.ant-table-expanded-row`) are not data; a virtual body (`.ant-table-tbody-virtual`) draws
 * its visible rows as <div>s, read cell by cell.
 */
import { buildTable, sectionRows } from './build';
import { cellText } from './text';
import type { ReadTable, TableReader, TableRow } from './types';

const ROOT = '.ant-table';
const NOT_DATA = /(^|\s)ant-table-(expanded-row|measure-row|placeholder)(\s|$)/;

/** The <table>s drawing `root` itself: not those of a nested table or inside a cell. */
export function tablesOf(root: Element, rootSelector: string): Element[] {
  return Array.from(root.querySelectorAll('table')).filter((t) => {
    if (t.parentElement?.closest(rootSelector) !== root) return false;
    const cell = t.parentElement?.closest('td,th');
    return !(cell && root.contains(cell));
  });
}

/**
 * Rows of a virtualised body drawn as <div>s (one per visible row, one child per column):
 * appended to a table whose headers came from its <thead>. A row with fewer cells than headers
 * is padded with ""; only the rows the library has drawn are there (scrolling draws the rest).
 */
export function appendDivRows(table: ReadTable, rowEls: Element[], cellSelector: (el: Element) => boolean): ReadTable {
  const width = table.headers.length;
  let group: TableRow['group'];
  for (const rowEl of rowEls) {
    const own = Array.from(rowEl.children).filter(cellSelector);
    const cellEls: (Element | null)[] = [...own];
    const cells = own.map((c) => cellText(c));
    while (cells.length < width) {
      cells.push('');
      cellEls.push(null);
    }
    // One cell across a multi-column table: a group's header line, as in buildTable.
    if (own.length === 1 && width > 1) {
      table.rows.push({ cells, cellEls: cellEls.map(() => own[0]!), el: rowEl, groupHeader: true });
      group = { index: table.rows.length - 1, text: cells[0]!, el: rowEl };
      continue;
    }
    table.rows.push({ cells, cellEls, el: rowEl, ...(group ? { group } : {}) });
  }
  while (table.headers.length < Math.max(0, ...table.rows.map((r) => r.cells.length))) table.headers.push('');
  return table;
}

/** Reads one antd table root. */
export function readAntdTable(root: Element): ReadTable {
  const tables = tablesOf(root, ROOT);
  const headerTrs = tables.flatMap((t) => sectionRows(t, 'THEAD'));
  const bodyTrs = tables.flatMap((t) => sectionRows(t, 'TBODY')).filter((tr) => !NOT_DATA.test(tr.getAttribute('class') ?? ''));
  const table = buildTable('antd', root, headerTrs, bodyTrs);
  const virtual = Array.from(root.querySelectorAll('.ant-table-tbody-virtual')).find((v) => v.closest(ROOT) === root);
  if (!virtual) return table;
  const rowEls = Array.from(virtual.querySelectorAll('.ant-table-row')).filter((r) => r.closest(ROOT) === root);
  return appendDivRows(table, rowEls, (c) => c.classList.contains('ant-table-cell'));
}

export const antdTableReader: TableReader = {
  library: 'antd',
  find: (root) => Array.from(root.querySelectorAll(ROOT)).filter((el) => !el.parentElement?.closest(ROOT)),
  read: readAntdTable,
};
