/** Mapping console headers and "标签：值" texts to fields, by synonym lists declared in adapters. */
import { collapseWhitespace } from './normalize';
import { readTables, type ReadTable } from './table';

export type Synonyms<F extends string> = Record<F, readonly string[]>;

/** Header text reduced for matching: no whitespace, no trailing (单位)/help marks/colons. */
export function headerKey(text: string): string {
  return collapseWhitespace(text)
    .replace(/\s/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/[?？：:*]+$/, '')
    .toLowerCase();
}

/**
 * Column index of each field: exact synonym first, then a header that starts with a synonym.
 * A header is given to one field only (longest synonym wins).
 */
export function mapColumns<F extends string>(headers: readonly string[], synonyms: Synonyms<F>): Partial<Record<F, number>> {
  const keys = headers.map(headerKey);
  const out: Partial<Record<F, number>> = {};
  const used = new Set<number>();
  const fields = Object.keys(synonyms) as F[];
  for (const pass of ['exact', 'prefix'] as const) {
    const candidates: { field: F; col: number; len: number }[] = [];
    for (const field of fields) {
      if (out[field] !== undefined) continue;
      for (const syn of synonyms[field]) {
        const s = headerKey(syn);
        keys.forEach((k, col) => {
          if (k && (pass === 'exact' ? k === s : k.startsWith(s))) candidates.push({ field, col, len: s.length });
        });
      }
    }
    candidates.sort((a, b) => b.len - a.len || a.col - b.col);
    for (const c of candidates) {
      if (out[c.field] !== undefined || used.has(c.col)) continue;
      out[c.field] = c.col;
      used.add(c.col);
    }
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads "订单编号：123 下单时间：2026-11-20 13:45:12 …" — label/value pairs even when run
 * together without spaces — into fields. `lead` is the text before the first label. A label
 * followed by a space instead of a colon counts too when it stands as a word of its own (抖店's
 * order line `订单编号\u00a06919…  下单时间\u00a02023/05/12 21:58:20`).
 */
export function readLabeled<F extends string>(text: string, labels: Synonyms<F>): { lead: string; values: Partial<Record<F, string>> } {
  const t = collapseWhitespace(text);
  const byLabel = new Map<string, F>();
  for (const field of Object.keys(labels) as F[]) for (const l of labels[field]) byLabel.set(l, field);
  const alternation = [...byLabel.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  if (!alternation) return { lead: t, values: {} };
  // "label：value" anywhere; "label value" only at the start of the text or after a space, with a value following.
  const re = new RegExp(`(${alternation})\\s*[：:]|(?<!\\S)(${alternation}) (?=[^\\s：:])`, 'g');
  const hits = [...t.matchAll(re)];
  const values: Partial<Record<F, string>> = {};
  hits.forEach((m, k) => {
    const field = byLabel.get((m[1] ?? m[2])!)!;
    const end = k + 1 < hits.length ? hits[k + 1]!.index! : t.length;
    const value = t.slice(m.index! + m[0].length, end).trim();
    if (values[field] === undefined) values[field] = value;
  });
  return { lead: (hits[0] ? t.slice(0, hits[0].index) : t).trim(), values };
}

/** The first table on the page whose headers map every required field, with its column map. */
export function findTable<F extends string>(
  root: ParentNode,
  synonyms: Synonyms<F>,
  required: readonly F[],
): { table: ReadTable; cols: Partial<Record<F, number>> } | null {
  for (const table of readTables(root)) {
    const cols = mapColumns(table.headers, synonyms);
    if (required.every((f) => cols[f] !== undefined)) return { table, cols };
  }
  return null;
}
