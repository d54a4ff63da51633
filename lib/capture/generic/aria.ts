/**
 * ARIA grids and tables built from divs (`role="grid"` / `role="table"` / `role="treegrid"` with
 * `role="row"`, `columnheader` and `gridcell` / `cell`), which the table readers (real <table>s
 * and the component libraries' markup) do not see. Cells are placed by `aria-colindex` when given.
 */
import { cellText } from '../table';
import type { ReadTable, TableRow } from '../table';

const GRID_SEL = '[role="grid"],[role="table"],[role="treegrid"]';
const HEAD_ROLES = new Set(['columnheader']);
const CELL_ROLES = new Set(['gridcell', 'cell', 'rowheader', 'columnheader']);

function cellsOf(row: Element): Element[] {
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

function place(cells: Element[]): (Element | null)[] {
  const slots: (Element | null)[] = [];
  let next = 0;
  for (const c of cells) {
    const idx = Number(c.getAttribute('aria-colindex'));
    const at = Number.isInteger(idx) && idx >= 1 ? idx - 1 : next;
    slots[at] = c;
    next = at + 1;
  }
  for (let i = 0; i < slots.length; i++) if (slots[i] === undefined) slots[i] = null;
  return slots;
}

/** Reads one ARIA grid/table element: the rows whose cells are all column headers name the columns. */
export function readAriaGrid(grid: Element): ReadTable {
  const rows = Array.from(grid.querySelectorAll('[role="row"]')).filter((r) => r.parentElement?.closest(GRID_SEL) === grid);
  let headers: string[] = [];
  const body: TableRow[] = [];
  for (const r of rows) {
    const cells = cellsOf(r);
    if (cells.length === 0) continue;
    if (cells.every((c) => HEAD_ROLES.has(c.getAttribute('role') ?? ''))) {
      const names = place(cells).map((c) => cellText(c));
      // A lower header row names a column its upper row left blank (grouped headers).
      headers = names.map((n, i) => n || headers[i] || '');
      continue;
    }
    const slots = place(cells);
    body.push({ cells: slots.map((c) => cellText(c)), cellEls: slots, el: r });
  }
  const width = Math.max(headers.length, ...body.map((b) => b.cells.length));
  while (headers.length < width) headers.push('');
  for (const b of body) {
    while (b.cells.length < width) {
      b.cells.push('');
      b.cellEls.push(null);
    }
  }
  return { library: 'aria', el: grid, headers, rows: body };
}

/** ARIA grids under `root` that are not <table>s (those the HTML reader reads) and not nested in another grid. */
export function findAriaGrids(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(GRID_SEL)).filter((g) => g.tagName !== 'TABLE' && !g.parentElement?.closest(GRID_SEL) && !g.querySelector('table'));
}
