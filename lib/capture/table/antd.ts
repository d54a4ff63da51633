/**
 * The antd family under any prefix (`ant-`, 抖店 `auxo-` / `ecom-g-`, 罗盘 `aurora-`, any
 * `prefixCls`), read by structure (family.ts): antd 3's header/body tables with frozen columns
 * drawn again in `…-table-fixed-left/right` (skipped); antd 4/5's one table or header/body pair
 * with sticky fixed cells (`…-table-cell-fix-left/right`), the hidden measure row, the empty
 * placeholder and expanded detail rows (`…-table-expanded-row`), which are not data; tree rows
 * (`…-row-level-N`); a virtual body (`…-table-tbody-virtual`) drawing its visible rows as <div>s.
 */
import { readFamilyTable } from './family';
import type { ReadTable } from './types';

/** Reads one antd table root (the structural reader of every `<prefix>-table` root, family.ts). */
export function readAntdTable(root: Element): ReadTable {
  return readFamilyTable(root);
}
