/**
 * Ant Design 5 tables (`.ant-table`), as 千牛 pages render them: header and body in one <table>
 * (`.ant-table-content`) or, with a fixed header, in two (`.ant-table-header` / `.ant-table-body`);
 * fixed columns are sticky cells of the same table (`ant-table-cell-fix-left/right`), so nothing
 * is drawn twice; the hidden measure row, the empty placeholder and expanded detail rows
 * (`.ant-table-expanded-row`) are not data; a virtual body (`.ant-table-tbody-virtual`) draws
 * its visible rows as <div>s, read cell by cell.
 */
import { readFamilyTable } from './family';
import type { ReadTable } from './types';

/** Reads one antd table root (the structural reader of every `<prefix>-table` root, family.ts). */
export function readAntdTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
