/** Lays <tr> rows with rowSpan/colSpan cells on a grid, so every row has one slot per column. */

export interface GridRow {
  tr: Element;
  /** Cell element covering each column, or null. */
  slots: (Element | null)[];
  /** The cells that start in this row (in DOM order). */
  own: Element[];
}

/** Expands spans: a cell with rowSpan n covers the same column(s) in the next n−1 rows. */
export function layGrid(trs: Element[], width?: number): GridRow[] {
  const carry: { el: Element; left: number }[] = []; // per column: a rowSpan cell still covering rows below
  const out: GridRow[] = [];
  for (const tr of trs) {
    const slots: (Element | null)[] = [];
    const own = Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
    let col = 0;
    const nextFree = () => {
      while (carry[col] && carry[col]!.left > 0) {
        slots[col] = carry[col]!.el;
        carry[col]!.left--;
        col++;
      }
    };
    for (const cell of own) {
      nextFree();
      const colSpan = Math.max(1, Number(cell.getAttribute('colspan') ?? 1) || 1);
      const rowSpanAttr = Number(cell.getAttribute('rowspan') ?? 1);
      // rowSpan 0 means "to the end of the section" in HTML: treat it as a very long span.
      const rowSpan = rowSpanAttr === 0 ? Number.MAX_SAFE_INTEGER : Math.max(1, rowSpanAttr || 1);
      for (let k = 0; k < colSpan; k++) {
        slots[col] = cell;
        carry[col] = { el: cell, left: rowSpan - 1 };
        col++;
      }
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
