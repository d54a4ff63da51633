/**
 * Arco Design (`@arco-design/web-react`) tables, as ByteDance consoles render them: `.arco-table`
 * with, when the header is fixed, the header in its own <table> (`.arco-table-header`) and the body
 * in another (`.arco-table-body`). Arco 2 freezes columns with position: sticky in the same table;
 * older builds (and antd 3 style grids) render frozen columns a second time in
 * `…-fixed-left/right` clones, which are skipped here so no column is read twice.
 */
import { readFamilyTable } from './family';
import type { ReadTable } from './types';

/** Reads one arco table root (the structural reader of every `<prefix>-table` root, family.ts). */
export function readArcoTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
