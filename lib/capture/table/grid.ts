/** Lays rows with rowSpan/colSpan cells on a grid, so every row has one slot per column. */

export interface GridRow {
  tr: Element;
  /** Cell element covering each column, or null. */
  slots: (Element | null)[];
  /** The cells that start in this row (in DOM order). */
  own: Element[];
}

/** The cells of a row: a <tr>'s <td>/<th> children (a scrollbar `gutter` <th> is not a column). */
export function trCells(tr: Element): Element[] {
  const out: Element[] = [];
  for (const c of Array.from(tr.children)) {
    if (c.tagName !== 'TD' && c.tagName !== 'TH') continue;
    if (c.tagName === 'TH' && c.classList.contains('gutter')) continue;
    out.push(c);
  }
  return out;
}

function span(cell: Element, attr: 'colspan' | 'rowspan'): number {
  const raw = cell.getAttribute(attr) ?? cell.getAttribute(`aria-${attr}`);
  if (raw === null) return 1;
  const n = Number(raw);
  // rowSpan 0 means "to the end of the section" in HTML: treat it as a very long span.
  if (attr === 'rowspan' && n === 0) return Number.MAX_SAFE_INTEGER;
  return Math.max(1, n || 1);
}

/**
 * The column a cell says it stands in (0-based), from ARIA `aria-colindex` (1-based): div grids
 * that draw only some columns, or write cells out of order. (Fusion's `data-next-table-col` is not
 * used: its list mode widens a row's first cell over the selection column and keeps the index.)
 */
function declaredColumn(cell: Element): number | null {
  const aria = cell.getAttribute('aria-colindex');
  if (aria !== null && Number.isInteger(Number(aria)) && Number(aria) >= 1) return Number(aria) - 1;
  return null;
}

/** Expands spans: a cell with rowSpan n covers the same column(s) in the next n−1 rows. */
export function layGrid(trs: Element[], width?: number, cellsOf: (row: Element) => Element[] = trCells): GridRow[] {
  const carry: { el: Element; left: number }[] = []; // per column: a rowSpan cell still covering rows below
  const out: GridRow[] = [];
  for (const tr of trs) {
    const slots: (Element | null)[] = [];
    const own = cellsOf(tr);
    let col = 0;
    const nextFree = () => {
      while (carry[col] && carry[col]!.left > 0) {
        slots[col] = carry[col]!.el;
        carry[col]!.left--;
        col++;
      }
    };
    const place = (cell: Element, from: number, colSpan: number, rowSpan: number) => {
      for (let k = 0; k < colSpan; k++) {
        slots[from + k] = cell;
        carry[from + k] = { el: cell, left: rowSpan - 1 };
      }
      return from + colSpan;
    };
    for (const cell of own) {
      nextFree();
      const colSpan = span(cell, 'colspan');
      const rowSpan = span(cell, 'rowspan');
      const at = declaredColumn(cell);
      // Declared to the left, in a free slot (cells written out of order): placed there, the run goes on.
      if (at !== null && at < col && slots[at] === undefined) {
        col = Math.max(col, place(cell, at, colSpan, rowSpan));
        continue;
      }
      // Declared to the right of the next free column: the columns in between stay empty.
      if (at !== null && at > col) {
        while (col < at) {
          if (carry[col] && carry[col]!.left > 0) {
            slots[col] = carry[col]!.el;
            carry[col]!.left--;
          }
          col++;
        }
        nextFree();
      }
      col = place(cell, col, colSpan, rowSpan);
    }
    nextFree();
    // Spans from above that sit to the right of this row's own cells.
    for (let c = col; c < carry.length; c++) {
      const cv = carry[c];
      if (cv && cv.left > 0) {
        slots[c] = cv.el;
        cv.left--;
      }
    }
    const n = Math.max(width ?? 0, slots.length);
    for (let c = 0; c < n; c++) if (slots[c] === undefined) slots[c] = null;
    out.push({ tr, slots: slots.slice(0, width ?? slots.length), own });
  }
  return out;
}
