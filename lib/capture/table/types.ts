/** What every table reader produces, whatever library rendered the table. */

/** One body row laid on the header grid (row/col spans expanded). */
export interface TableRow {
  /** One text per header column, whitespace collapsed ("" where the row has nothing). */
  cells: string[];
  /** The cell element covering each column (a rowSpan/colSpan cell covers several), or null. */
  cellEls: (Element | null)[];
  el: Element;
  /**
   * The header line of a group, e.g. an order: a full-width row (one cell spanning the columns,
   * maybe beside an empty selection cell), a tree row of the top level (`…-row-level-0`,
   * `aria-level`) when deeper rows follow, or the first row of a group's own <table>. Its text
   * (its non-empty cells' texts joined with a space) stands in `cells[0]`.
   */
  groupHeader?: true;
  /**
   * A full-width row closing a group after its item rows (抖店's 商家备注/买家留言 line): its text
   * stands in `cells[0]`, `group` is the group it closes. Neither a group header nor an item.
   */
  remark?: true;
  /** For rows below a group header row: that row's index in `rows`, text and element (`el` keeps `data-row-key` reachable). */
  group?: { index: number; text: string; el: Element };
}

export interface ReadTable {
  /** Which library drew it, as `detectLibrary` names it: 'antd:auxo', 'antd:ant', 'fusion', 'arco', 'semi', 'element', 'aria', 'html'. */
  library: string;
  /** The table's root element (the library's wrapper, or the <table>). */
  el: Element;
  headers: string[];
  rows: TableRow[];
}

/** A reader for one component library's table DOM; siblings for antd / Fusion / Semi follow the same shape. */
export interface TableReader {
  library: string;
  /** Root elements of this library's tables under `root`, outermost only. */
  find(root: ParentNode): Element[];
  read(el: Element): ReadTable;
}
