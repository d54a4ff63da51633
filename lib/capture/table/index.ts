/** Finding and reading every data table on a page, whatever library rendered it. */
import { antdTableReader } from './antd';
import { arcoTableReader } from './arco';
import { fusionTableReader } from './fusion';
import { htmlTableReader } from './html';
import { semiTableReader } from './semi';
import type { ReadTable, TableReader } from './types';

export type { ReadTable, TableRow, TableReader } from './types';
export { cellText, cellLines } from './text';
export { layGrid } from './grid';
export { readHtmlTable } from './html';

/** Library readers first (their DOM holds several <table>s per table), the plain HTML reader last. */
export const tableReaders: TableReader[] = [arcoTableReader, fusionTableReader, antdTableReader, semiTableReader, htmlTableReader];

/** Every table under `root`, each read once by the most specific reader that recognises it. */
export function readTables(root: ParentNode): ReadTable[] {
  const taken: Element[] = [];
  const out: ReadTable[] = [];
  for (const reader of tableReaders) {
    for (const el of reader.find(root)) {
      if (taken.some((t) => t === el || t.contains(el))) continue;
      taken.push(el);
      out.push(reader.read(el));
    }
  }
  return out;
}
