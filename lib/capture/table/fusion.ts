/**
 * Alibaba Fusion Next (`@alifd/next`) tables, as 生意参谋 / 千牛 / 客户运营平台 render them:
 * `.next-table` with, when the header is fixed, the header in its own <table>
 * (`.next-table-header`) and the body in another (`.next-table-body`); locked columns
 * (`lock="left|right"`) drawn a second time in nested `.next-table-lock-left/right` tables,
 * which are skipped so no column is read twice; list mode (`Table.GroupHeader`) with one
 * <table> per group and a full-width `.next-table-group-header` row on top of each; expanded
 * detail rows (`.next-table-expanded-row`) and the empty placeholder, which are not data rows.
 */
import { readFamilyTable } from './family';
import type { ReadTable } from './types';

/** Reads one fusion table root (the structural reader of every `<prefix>-table` root, family.ts). */
export function readFusionTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
