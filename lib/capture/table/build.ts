/**
 * The shared step of every reader: header rows + body rows → headers and grid rows, with the
 * rows' grouping read from their structure. A group (an order) starts with a header row in one
 * of three shapes — a full-width row (one cell spanning the columns, maybe beside an empty
 * selection cell), a tree row of the top level (`*-row-level-0`, `aria-level`), or the first row
 * of its own <table> (Fusion list mode, 千牛) — followed by item rows; a full-width row after the
 * items that closes the group is its remark row (抖店 商家备注/买家留言), neither header nor item.
 */
import { cellText } from './text';
import { layGrid, trCells, type GridRow } from './grid';
import type { ReadTable, TableRow } from './types';

/** Children of `el` with one of the tag names (no deep search, so nested tables stay out). */
export function childrenByTag(el: Element | null | undefined, ...tags: string[]): Element[] {
  if (!el) return [];
  return Array.from(el.children).filter((c) => tags.includes(c.tagName));
}

/** The <tr>s of a <table>'s sections (thead / tbody / bare), not of tables nested in its cells. */
export function sectionRows(table: Element | null | undefined, section: 'THEAD' | 'TBODY'): Element[] {
  if (!table) return [];
  const direct = childrenByTag(table, section).flatMap((s) => childrenByTag(s, 'TR'));
  if (section === 'TBODY') direct.push(...childrenByTag(table, 'TR'));
  return direct;
}

const NOISE_CLASS = /measure|placeholder|empty-row|-empty\b|expanded-row|row-expand\b|expand-content/;

/** True when a row is drawn but not shown: hidden by attribute or inline style (antd 4's measure row is 0 px high). */
function hiddenRow(tr: Element): boolean {
  if (tr.getAttribute('aria-hidden') === 'true' || tr.hasAttribute('hidden')) return true;
  if (!tr.hasAttribute('style')) return false;
  const style = (tr as HTMLElement).style;
  if (!style) return false;
  return style.display === 'none' || style.visibility === 'hidden' || (style.height !== '' && parseFloat(style.height) === 0);
}

/** Rows that are not data: hidden measure rows, "暂无数据" placeholders, expanded detail rows, rows without cells. */
function isNoise(tr: Element, cellsOf: (row: Element) => Element[]): boolean {
  if (hiddenRow(tr) || NOISE_CLASS.test(tr.getAttribute('class') ?? '')) return true;
  const cells = cellsOf(tr);
  if (cells.length === 0) return true;
  if (cells.some((c) => /(^|\s)[\w-]*expanded-cell(\s|$)/.test(c.getAttribute('class') ?? ''))) return true;
  return cells.length === 1 && /^(暂无数据|无数据|No Data|没有数据)$/i.test(cellText(cells[0]));
}

/** Options a reader passes when its library's DOM says more than <tr>/<td>. */
export interface BuildOptions {
  /** The cells of a row (default: a <tr>'s <td>/<th>); div grids pass their own. */
  cellsOf?: (row: Element) => Element[];
  /** Text of a header cell (default: its cell text). */
  headerText?: (cell: Element) => string;
  /**
   * The body rows split by the <table> that draws them, when the library draws one table per
   * group (each table's first row is then its group header). Must hold the same rows as `bodyTrs`.
   */
  groupTables?: Element[][];
}

const LEVEL_CLASS = /(?:^|\s)[\w-]*row-*level-(\d+)(?:\s|$)/;

/** A row's tree level: `aria-level`, or a `…-row-level-N` / `…__row--level-N` class; null when the row has none. */
export function rowLevel(tr: Element): number | null {
  const aria = tr.getAttribute('aria-level');
  if (aria !== null && Number.isInteger(Number(aria))) return Number(aria);
  const m = LEVEL_CLASS.exec(tr.getAttribute('class') ?? '');
  return m ? Number(m[1]) : null;
}

type Kind = 'header' | 'remark' | 'item';
const GROUP_CLASS = /(?:^|\s)[\w-]*-group-(header|footer)(?:\s|$)/;

/** Builds a ReadTable: headers from the bottom header row, body rows laid on the grid, grouped by structure. */
export function buildTable(library: string, el: Element, headerTrs: Element[], bodyTrs: Element[], opts: BuildOptions = {}): ReadTable {
  const cellsOf = opts.cellsOf ?? trCells;
  const texts = new Map<Element, string>();
  const textOf = (e: Element | null) => {
    if (!e) return '';
    let t = texts.get(e);
    if (t === undefined) texts.set(e, (t = cellText(e)));
    return t;
  };
  const headText = opts.headerText ?? textOf;
  const head = layGrid(headerTrs, undefined, cellsOf);
  const width0 = Math.max(0, ...head.map((r) => r.slots.length));
  const headers: string[] = [];
  for (let c = 0; c < width0; c++) {
    // The lowest header row that has text for this column names it (multi-level headers).
    let name = '';
    for (let r = head.length - 1; r >= 0 && !name; r--) {
      const cell = head[r]!.slots[c] ?? null;
      name = cell ? headText(cell) : '';
    }
    headers.push(name);
  }

  const keep = bodyTrs.filter((tr) => !isNoise(tr, cellsOf) && !repeatsHeader(tr));
  function repeatsHeader(tr: Element): boolean {
    // Aurora/antd draw the header's texts again in a hidden first body row (of <th>s) to measure columns.
    const cells = cellsOf(tr);
    return headers.some((h) => h !== '') && cells.length === headers.length && cells.every((c, i) => c.tagName === 'TH' && textOf(c) === headers[i]);
  }
  const body = layGrid(keep, width0 || undefined, cellsOf);
  const width = width0 || Math.max(0, ...body.map((r) => r.slots.length));
  while (headers.length < width) headers.push('');

  const kinds = classify(body, width, textOf, keep, opts.groupTables);
  const rows: TableRow[] = [];
  let group: TableRow['group'];
  body.forEach((g, i) => {
    const slots = Array.from({ length: width }, (_, c) => g.slots[c] ?? null);
    const kind = kinds[i]!;
    if (kind !== 'item') {
      const text = joinedText(g, textOf);
      const cells = slots.map((_, c) => (c === 0 ? text : ''));
      if (kind === 'header') {
        rows.push({ cells, cellEls: slots, el: g.tr, groupHeader: true });
        group = { index: rows.length - 1, text, el: g.tr };
      } else rows.push({ cells, cellEls: slots, el: g.tr, remark: true, ...(group ? { group } : {}) });
      return;
    }
    // A colSpan cell's text stands once, in the first column it covers that has a header (Fusion widens a
    // row's first cell over the selection column); a rowSpan cell's text repeats on each row it covers.
    const cells = slots.map(() => '');
    for (let c = 0; c < width; c++) {
      const s = slots[c];
      if (!s || (c > 0 && slots[c - 1] === s)) continue;
      let end = c;
      while (end + 1 < width && slots[end + 1] === s) end++;
      let at = c;
      while (at < end && headers[at] === '') at++;
      cells[headers[at] === '' ? c : at] = textOf(s);
    }
    rows.push({ cells, cellEls: slots, el: g.tr, ...(group ? { group } : {}) });
  });
  return { library, el, headers, rows };
}

/** A group header's or remark's text: its own cells' non-empty texts joined with a space. */
function joinedText(g: GridRow, textOf: (e: Element) => string): string {
  return g.own
    .map(textOf)
    .filter((t) => t !== '')
    .join(' ');
}

/**
 * True when the row is one line across the table: a single cell with text spanning every column
 * but those of its empty siblings (at most one: a selection checkbox).
 */
function isWide(g: GridRow, width: number, textOf: (e: Element) => string): boolean {
  if (width < 2 || g.own.length === 0 || g.own.length > 2) return false;
  const withText = g.own.filter((c) => textOf(c) !== '');
  if (withText.length !== 1) return false;
  const cell = withText[0]!;
  const covered = g.slots.filter((s) => s === cell).length;
  return covered >= 2 && covered >= width - (g.own.length - 1);
}

/** Header / remark / item for every body row, by the grouping shape the table uses. */
function classify(body: GridRow[], width: number, textOf: (e: Element) => string, trs: Element[], groupTables?: Element[][]): Kind[] {
  const wide = body.map((g) => isWide(g, width, textOf));
  const kinds: Kind[] = body.map(() => 'item');

  // (c) One <table> per group: its first row heads the group, trailing full-width rows close it.
  const tablesOfRows = groupTables?.filter((t) => t.length > 0);
  if (tablesOfRows && tablesOfRows.length >= 2) {
    const index = new Map(trs.map((tr, i) => [tr, i]));
    for (const t of tablesOfRows) {
      const at = t.map((tr) => index.get(tr)).filter((i): i is number => i !== undefined);
      if (at.length === 0) continue;
      kinds[at[0]!] = 'header';
      for (let k = at.length - 1; k >= 2 && wide[at[k]!]; k--) kinds[at[k]!] = 'remark';
    }
    return kinds;
  }

  // (b) Tree rows: the top level heads each group, whatever its cells; used only when deeper rows exist.
  const levels = body.map((g) => rowLevel(g.tr));
  const known = levels.filter((l): l is number => l !== null);
  const top = known.length > 0 ? Math.min(...known) : null;
  if (top !== null && known.some((l) => l > top)) {
    let items = 0;
    body.forEach((_, i) => {
      if (levels[i] === top) {
        // A full-width top-level row right after items with no rows of its own is the group's remark
        // drawn as a sibling record (an order always has an item row).
        const childless = i + 1 >= body.length || levels[i + 1] === top;
        if (wide[i] && items > 0 && childless) {
          kinds[i] = 'remark';
          return;
        }
        kinds[i] = 'header';
        items = 0;
        return;
      }
      // A full-width row ending its group (only full-width rows until the next header or the end).
      let closes = wide[i]! && items > 0;
      for (let j = i + 1; closes && j < body.length && levels[j] !== top; j++) if (!wide[j]) closes = false;
      if (closes) kinds[i] = 'remark';
      else items++;
    });
    return kinds;
  }

  // (a) Full-width rows: a run of them after item rows closes that group (remarks) and its last
  // one opens the next group — unless the run ends the body, when all of it closes the group.
  // A library's own group classes (Fusion `…-group-header` / `…-group-footer`) say it outright,
  // whatever the row's cells (千牛's order line may hold several).
  const named = body.map((g) => GROUP_CLASS.exec(g.tr.getAttribute('class') ?? '')?.[1] ?? null);
  named.forEach((n, i) => {
    if (n) wide[i] = true;
  });
  let items = -1; // -1: no group yet
  for (let i = 0; i < body.length; ) {
    if (!wide[i]) {
      if (items >= 0) items++;
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < body.length && wide[j + 1]) j++;
    const endsBody = j === body.length - 1;
    for (let k = i; k <= j; k++) {
      const remark = named[k] === 'header' ? false : named[k] === 'footer' ? items >= 0 : items > 0 && (endsBody || k < j);
      kinds[k] = remark ? 'remark' : 'header';
      if (!remark) items = 0;
    }
    i = j + 1;
  }
  return kinds;
}
