/**
 * Alibaba Fusion Next (`@alifd/next`) tables, as 生意参谋 / 千牛 / 客户运营平台 render them:
 * `.next-table` with, when the header is fixed, the header in its own <table>
 * (`.next-table-header`) and the body in another (`.next-table-body`); locked columns
 * (`lock="left|right"`) drawn a second time in nested `.next-table-lock-left/right` tables,
 * which are skipped so no column is read twice; list mode (`Table.GroupHeader`) with one
 * <table> per group and a full-width `.next-table-group-header` row on top of each; expanded
 * detail rows (`.next-table-expanded-row`) and the empty placeholder, which are not data rows.
 */
import { buildTable, sectionRows } from './build';
import type { ReadTable, TableReader } from './types';

const ROOT = '.next-table';
/** Rows that are not data: expanded detail rows, the empty-table placeholder. */
const NOT_DATA = /(^|\s)next-table-expanded-row(\s|$)/;

/** The <table>s drawing `root` itself: not the lock clones (nested `.next-table`s), not tables inside cells, not a sticky header copy. */
function ownTables(root: Element): Element[] {
  return Array.from(root.querySelectorAll('table')).filter((t) => {
    if (t.parentElement?.closest(ROOT) !== root) return false;
    const cell = t.parentElement?.closest('td,th');
    if (cell && root.contains(cell)) return false;
    return !t.closest('.next-table-affix, .next-affix');
  });
}

const isData = (tr: Element) => !NOT_DATA.test(tr.getAttribute('class') ?? '') && !tr.querySelector('.next-table-empty');

/** Reads one Fusion table root. */
export function readFusionTable(root: Element): ReadTable {
  const tables = ownTables(root);
  const headerTrs = tables.flatMap((t) => sectionRows(t, 'THEAD'));
  const bodyTrs = tables.flatMap((t) => sectionRows(t, 'TBODY')).filter(isData);
  return buildTable('fusion', root, headerTrs, bodyTrs);
}

export const fusionTableReader: TableReader = {
  library: 'fusion',
  // Outermost only: the lock clones are `.next-table`s nested in the main one.
  find: (root) => Array.from(root.querySelectorAll(ROOT)).filter((el) => !el.parentElement?.closest(ROOT)),
  read: readFusionTable,
};
