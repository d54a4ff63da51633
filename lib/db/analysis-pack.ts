/**
 * Packing of the persisted analysis snapshot's strings (lib/db/analysis-snapshot.ts): every string
 * table as one string with end offsets, and the order ids as code units at the tail of the data
 * Blob. Why this layout: see that file's comment.
 */

/** Where the order ids are in the data Blob (byte offsets; `wide`: 2 bytes a code unit, else 1). */
export interface OrderIdsLayout {
  count: number;
  endsAt: number;
  unitsAt: number;
  units: number;
  wide: boolean;
}

/** `n` rounded up to a multiple of 8 (the order ids are 8-byte aligned in the Blob). */
const align8 = (n: number) => (n + 7) & ~7;

/** Many string tables as ONE string plus each entry's end offset (IndexedDB clones one big string fast). */
export function packStrings(tables: string[][]): { text: string; ends: Int32Array; counts: number[] } {
  let total = 0;
  for (const t of tables) total += t.length;
  const ends = new Int32Array(total);
  const parts: string[] = [];
  let at = 0, j = 0;
  for (const t of tables) for (const s of t) {
    parts.push(s);
    at += s.length;
    ends[j++] = at;
  }
  return { text: parts.join(''), ends, counts: tables.map((t) => t.length) };
}

/** `count` strings of packStrings' text starting at entry `from`. */
export function unpackStrings(text: string, ends: Int32Array, from: number, count: number): string[] {
  const out = new Array<string>(count);
  let start = from === 0 ? 0 : ends[from - 1]!;
  for (let i = 0; i < count; i++) {
    const end = ends[from + i]!;
    out[i] = text.slice(start, end);
    start = end;
  }
  return out;
}

/** The order ids as the tail of the data Blob starting at byte `at` (8-aligned): end offsets, then code units. */
export function packOrderIds(ids: readonly string[], at: number): { parts: Uint8Array[]; layout: OrderIdsLayout; size: number } {
  const ends = new Int32Array(ids.length);
  let units = 0, wide = false;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    units += id.length;
    ends[i] = units;
    if (!wide) for (let j = 0; j < id.length; j++) if (id.charCodeAt(j) > 0xff) wide = true;
  }
  const codes = wide ? new Uint16Array(units) : new Uint8Array(units);
  let k = 0;
  for (const id of ids) for (let j = 0; j < id.length; j++) codes[k++] = id.charCodeAt(j);
  const endsAt = align8(at);
  const unitsAt = align8(endsAt + ends.byteLength);
  const size = align8(unitsAt + codes.byteLength) - at;
  const pad = (n: number) => new Uint8Array(n);
  const parts = [pad(endsAt - at), new Uint8Array(ends.buffer), pad(unitsAt - endsAt - ends.byteLength), new Uint8Array(codes.buffer), pad(at + size - unitsAt - codes.byteLength)];
  return { parts, layout: { count: ids.length, endsAt, unitsAt, units, wide }, size };
}

/** Code units per String.fromCharCode call (its arguments go on the stack). */
const CHARS_CHUNK = 8192;

/** The order ids packed by packOrderIds in `bytes` (fromCharCode keeps any code unit, lone surrogates too). */
export function unpackOrderIds(bytes: ArrayBuffer, l: OrderIdsLayout): string[] {
  const ends = new Int32Array(bytes, l.endsAt, l.count);
  const codes = l.wide ? new Uint16Array(bytes, l.unitsAt, l.units) : new Uint8Array(bytes, l.unitsAt, l.units);
  const chunks: string[] = [];
  for (let i = 0; i < codes.length; i += CHARS_CHUNK)
    chunks.push(String.fromCharCode.apply(null, codes.subarray(i, i + CHARS_CHUNK) as unknown as number[]));
  return unpackStrings(chunks.join(''), ends, 0, l.count);
}

/** The byte just past a packed list's code units (its end in the Blob). */
export function packedListEnd(l: OrderIdsLayout): number {
  return l.unitsAt + l.units * (l.wide ? 2 : 1);
}

/** Whether list layout `l` holds `count` strings, lies between bytes `from` and `size`, and is well formed. */
export function packedListFits(l: OrderIdsLayout | undefined, count: number, from: number, size: number): boolean {
  return !!l && l.count === count && l.endsAt >= from && l.endsAt + l.count * 4 <= l.unitsAt && packedListEnd(l) <= size;
}

/**
 * The strings of list `l` (packOrderIds' layout, Blob offsets) from `bytes`, the Blob's bytes
 * starting at offset `from`; throws when they are cut short.
 */
export function unpackPackedList(bytes: ArrayBuffer, l: OrderIdsLayout, from: number): string[] {
  const at = { ...l, endsAt: l.endsAt - from, unitsAt: l.unitsAt - from };
  if (packedListEnd(at) > bytes.byteLength || (l.count > 0 && new Int32Array(bytes, at.endsAt, l.count)[l.count - 1] !== l.units))
    throw new Error('the stored strings are cut short');
  return unpackOrderIds(bytes, at);
}
