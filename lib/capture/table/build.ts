/** The shared step of every reader: header rows + body rows (as <tr>s) → headers and grid rows. */
import { cellText } from './text';
import { layGrid } from './grid';
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

/** Rows that are not data: hidden measure rows, "暂无数据" placeholders, expanded-row containers without cells. */
function isNoise(tr: Element): boolean {
  const cls = tr.getAttribute('class') ?? '';
  if (tr.getAttribute('aria-hidden') === 'true' || /measure|placeholder|empty-row|-empty\b/.test(cls)) return true;
  const cells = childrenByTag(tr, 'TD', 'TH');
  if (cells.length === 0) return true;
  return cells.length === 1 && /^(暂无数据|无数据|No Data)$/i.test(cellText(cells[0]));
}

/** Builds a ReadTable: headers from the bottom header row, body rows laid on the grid, full-width rows as group headers. */
export function buildTable(library: string, el: Element, headerTrs: Element[], bodyTrs: Element[]): ReadTable {
  const texts = new Map<Element, string>();
  const textOf = (e: Element | null) => {
    if (!e) return '';
    let t = texts.get(e);
    if (t === undefined) texts.set(e, (t = cellText(e)));
    return t;
  };
  const head = layGrid(headerTrs);
  const width0 = Math.max(0, ...head.map((r) => r.slots.length));
  const headers: string[] = [];
  for (let c = 0; c < width0; c++) {
    // The lowest header row that has text for this column names it (multi-level headers).
    let name = '';
    for (let r = head.length - 1; r >= 0 && !name; r--) name = textOf(head[r]!.slots[c] ?? null);
    headers.push(name);
  }
  const body = layGrid(bodyTrs.filter((tr) => !isNoise(tr)), width0 || undefined);
  const width = width0 || Math.max(0, ...body.map((r) => r.slots.length));
  while (headers.length < width) headers.push('');
  const rows: TableRow[] = [];
  let group: TableRow['group'];
  for (const g of body) {
    const slots = Array.from({ length: width }, (_, c) => g.slots[c] ?? null);
    const only = g.own.length === 1 ? g.own[0]! : null;
    if (only && width > 1 && slots.every((s) => s === only)) {
      const text = textOf(only);
      rows.push({ cells: slots.map((_, c) => (c === 0 ? text : '')), cellEls: slots, el: g.tr, groupHeader: true });
      group = { index: rows.length - 1, text, el: g.tr };
      continue;
    }
    // A colSpan cell's text stands in its first column only; a rowSpan cell's text repeats on each row it covers.
    const cells = slots.map((s, c) => (s && c > 0 && slots[c - 1] === s && g.own.includes(s) ? '' : textOf(s)));
    rows.push({ cells, cellEls: slots, el: g.tr, ...(group ? { group } : {}) });
  }
  return { library, el, headers, rows };
}
