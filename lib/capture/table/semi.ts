/**
 * Semi Design (`@douyinfe/semi-ui`) tables (`.semi-table`): header and body in one <table> or,
 * with a fixed header, in `.semi-table-header` / `.semi-table-body`; fixed columns are sticky
 * cells (`semi-table-cell-fixed-left/right`) of the same table; group sections
 * (`.semi-table-row-section`, one full-width cell) become group headers; expanded detail rows
 * (`.semi-table-row-expand`) and the empty placeholder are not data; a virtualised body draws its
 * visible rows as <div class="semi-table-row"> with <div class="semi-table-row-cell">s.
 */
import { readFamilyTable } from './family';
import type { ReadTable } from './types';

/** Reads one semi table root (the structural reader of every `<prefix>-table` root, family.ts). */
export function readSemiTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
