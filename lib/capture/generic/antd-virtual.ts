/**
 * antd-family `virtual` tables under any prefix (`ant-`, 抖店 SKU editor `ecom-g-`): the header is
 * a <table> (`…-table-header`) but the body is divs (`…-table-tbody-virtual` → `…-table-row` →
 * `…-table-cell`) holding only the rows in view. The structural reader (table/family.ts) reads
 * the div rows on the header's grid; this finds such tables.
 */
import { findTableRoots, readFamilyTable } from '../table';
import type { ReadTable } from '../table';

/** Table roots under `root` whose body is virtual (div rows). */
export function findAntdVirtualTables(root: ParentNode): Element[] {
  return findTableRoots(root).filter((t) => t.querySelector('[class*="-table-tbody-virtual"]') !== null);
}

/** Reads one virtual table: header texts from its header table, the rendered div rows below. */
export function readAntdVirtualTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
