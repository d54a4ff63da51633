/**
 * antd 5 `virtual` tables: the header is a <table> (`.ant-table-header`) but the body is divs
 * (`.ant-table-tbody-virtual` → `.ant-table-row` → `.ant-table-cell`) holding only the rows in view.
 * The table readers see a header with no rows; this reads the div body on the header's grid.
 */
import { cellText, readHtmlTable } from '../table';
import type { ReadTable, TableRow } from '../table';

/** antd table roots whose body is virtual. */
export function findAntdVirtualTables(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll('.ant-table-tbody-virtual'))
    .map((b) => b.closest('.ant-table'))
    .filter((t): t is Element => t !== null);
}

/** Reads one antd virtual table: header texts from its header table, the rendered div rows below. */
export function readAntdVirtualTable(root: Element): ReadTable {
  const headTable = root.querySelector('.ant-table-header table, .ant-table-thead')?.closest('table');
  const headers = headTable ? readHtmlTable(headTable).headers : [];
  const rows: TableRow[] = [];
  for (const r of Array.from(root.querySelectorAll('.ant-table-tbody-virtual .ant-table-row'))) {
    const cellEls: (Element | null)[] = Array.from(r.children).filter((c) => c.classList.contains('ant-table-cell'));
    const cells = cellEls.map((c) => cellText(c));
    while (cells.length < headers.length) {
      cells.push('');
      cellEls.push(null);
    }
    rows.push({ cells, cellEls, el: r });
  }
  return { library: 'antd-virtual', el: root, headers, rows };
}
