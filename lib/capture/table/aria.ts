/**
 * ARIA grids and tables built from divs (`role="grid"` / `"treegrid"` / `"table"` with
 * `role="row"`, `columnheader` and `gridcell` / `cell` / `rowheader`): rows whose cells are all
 * column headers name the columns; cells are placed by `aria-colindex` when given and span by
 * `aria-colspan` / `aria-rowspan`; tree groups come from `aria-level` (level 1 heads a group).
 */
import { buildTable } from './build';
import type { ReadTable, TableReader } from './types';

const GRID_SEL = '[role="grid"],[role="table"],[role="treegrid"]';
const CELL_ROLES = new Set(['gridcell', 'cell', 'rowheader', 'columnheader']);

/** The cells of an ARIA row, looking through wrapper divs but not into nested rows or grids. */
export function ariaCells(row: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    for (const c of Array.from(el.children)) {
      const role = c.getAttribute('role') ?? '';
      if (CELL_ROLES.has(role)) out.push(c);
      else if (role !== 'row' && !c.matches(GRID_SEL)) visit(c);
    }
  };
  visit(row);
  return out;
}

/** Reads one ARIA grid/table element. */
export function readAriaTable(grid: Element): ReadTable {
  const rows = Array.from(grid.querySelectorAll('[role="row"]')).filter((r) => r.parentElement?.closest(GRID_SEL) === grid);
  const head: Element[] = [];
  const body: Element[] = [];
  for (const r of rows) {
    const cells = ariaCells(r);
    if (cells.length === 0) continue;
    (cells.every((c) => c.getAttribute('role') === 'columnheader') ? head : body).push(r);
  }
  return buildTable('aria', grid, head, body, { cellsOf: ariaCells });
}

/** ARIA grids that are not <table>s (the HTML reader reads those), hold no <table>, and are not nested in another grid. */
export function findAriaTables(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(GRID_SEL)).filter((g) => g.tagName !== 'TABLE' && !g.parentElement?.closest(GRID_SEL) && !g.querySelector('table'));
}

export const ariaTableReader: TableReader = { library: 'aria', find: findAriaTables, read: readAriaTable };
