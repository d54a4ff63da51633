/** Plain HTML <table>s: header from <thead> (or a first row of <th>), body from <tbody>. */
import { buildTable, childrenByTag, sectionRows } from './build';
import type { ReadTable, TableReader } from './types';

/** Reads one <table> element. */
export function readHtmlTable(table: Element, library = 'html'): ReadTable {
  let head = sectionRows(table, 'THEAD');
  let body = sectionRows(table, 'TBODY');
  if (head.length === 0 && body.length > 0) {
    const first = body[0]!;
    const cells = childrenByTag(first, 'TD', 'TH');
    if (cells.length > 0 && cells.every((c) => c.tagName === 'TH')) {
      head = [first];
      body = body.slice(1);
    }
  }
  return buildTable(library, table, head, body);
}

export const htmlTableReader: TableReader = {
  library: 'html',
  find: (root) => Array.from(root.querySelectorAll('table')).filter((t) => !t.parentElement?.closest('table')),
  read: (el) => readHtmlTable(el),
};
