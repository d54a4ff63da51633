/**
 * Where a stored snapshot's hot range (packed.ts) is cut in two, so that two reader threads each
 * copy one part out of the record's Blob (cold open, issue 14: the copy is first-touch page faults,
 * bound to the thread that does it). No imports: the side panel's reader worker uses it too.
 */

/** Bytes per value of each stored encoding (packed.ts StoredEncoding). */
export const STORED_WIDTH = { u8: 1, i32: 4, f64: 8, u16: 2, day16: 2, code8: 1, code16: 2 } as const;

/** The next multiple of 8 (every stored column starts 8-byte aligned). */
export const align8 = (n: number) => (n + 7) & ~7;

/** The layout fields the cut needs (a packed.ts PackedLayout, or a stored record's header read as unknown). */
interface HotLayout {
  columns: readonly { enc: string; length: number }[];
  hotBytes: number;
}

/**
 * The start of the first stored column at or past half the hot range (a column never straddles the
 * cut); `hotBytes` when there is none. Null when the layout is not one packed.ts writes.
 */
export function hotSplit(layout: HotLayout): number | null {
  if (!Array.isArray(layout.columns) || typeof layout.hotBytes !== 'number') return null;
  let at = 0;
  for (const c of layout.columns) {
    const width = (STORED_WIDTH as Record<string, number | undefined>)[c?.enc];
    if (width === undefined || typeof c.length !== 'number') return null;
    at = align8(at);
    if (at >= layout.hotBytes / 2) return Math.min(at, layout.hotBytes);
    at += c.length * width;
  }
  return layout.hotBytes;
}
