/** The id a merchant can search the console for, of one raw row (the overlay names rows that could not be read by it). */

const REF_HEADERS = /^(订单编号|订单号|主订单编号|子订单编号|订单ID|order ?(id|no\.?|number))$/i;
/** "订单编号：6919…" inside a cell (抖店 shows it in the order's header row, not in a column of its own). */
const REF_IN_TEXT = /订单(?:编号|号)\s*[:：]?\s*(\d{6,})/;

/** The order number of raw row `row`: from a column headed 订单编号 / 订单号 …, else from "订单编号：…" in one of its cells; null when it shows none. */
export function rowRef(headers: readonly string[], rawRows: readonly (readonly string[])[], row: number): string | null {
  const cells = rawRows[row] ?? [];
  const col = headers.findIndex((h) => REF_HEADERS.test(h.trim()));
  const cell = col < 0 ? undefined : cells[col]?.trim();
  if (cell) return cell;
  for (const c of cells) {
    const m = REF_IN_TEXT.exec(c);
    if (m) return m[1]!;
  }
  return null;
}
