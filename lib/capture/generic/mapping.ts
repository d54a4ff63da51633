/**
 * Column mapping of a generic table: each header → a SPEC §2 field with a confidence, what the
 * table is (orders / customers / contacts / just rows), and whether the mapping is confident
 * enough to produce typed records without the merchant confirming it.
 */
import { headerKey, mapColumns } from '../columns';
import { collapseWhitespace, isEmptyMark } from '../normalize';
import { cellFits, GENERIC_COLUMNS, GENERIC_FIELDS, type ColumnChoice, type GenericField } from './fields';

/** Where a column's field came from. */
export type MappingSource = 'header' | 'prefix' | 'values' | 'saved' | 'none';

export interface ColumnMapping {
  col: number;
  header: string;
  field: GenericField | null;
  /** 0…1: 1 for an exact header synonym whose values fit (or the merchant's choice), lower for guesses. */
  confidence: number;
  source: MappingSource;
}

/** What a table holds, decided from its mapped fields. */
export type TableKind = 'orders' | 'customers' | 'contacts' | 'rows';

/** Saved choices for one URL pattern: header key → field or 忽略. */
export type SavedMapping = Record<string, ColumnChoice>;

/** A column is trusted for typed records at or above this confidence. */
export const CONFIDENT = 0.8;

const SAMPLE = 30;

function fitRatio(field: GenericField, values: readonly string[]): number {
  const shown = values.filter((v) => !isEmptyMark(v)).slice(0, SAMPLE);
  if (shown.length === 0) return 1;
  return shown.filter((v) => cellFits(field, v)).length / shown.length;
}

// Value shapes strict enough to name a column with no known header (an order id is digits too, so amounts need ¥ or cents).
const SHAPES: [GenericField, (t: string) => boolean][] = [
  ['phone', (t) => /^(?:\+?86[\s-]?)?1\d{2}(?:\*{4}|[\s-]?\d{4})[\s-]?\d{4}$/.test(t)],
  ['amountFen', (t) => /^[+-]?\s*[¥￥]\s*[\d,]+(\.\d{1,2})?$|^[\d,]+\.\d{2}\s*元?$/.test(t)],
  ['placedAt', (t) => /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.test(t)],
  ['status', (t) => cellFits('status', t)],
];

function guessByValues(values: readonly string[]): GenericField | null {
  const shown = values.map(collapseWhitespace).filter((v) => !isEmptyMark(v)).slice(0, SAMPLE);
  if (shown.length < 2) return null;
  for (const [field, test] of SHAPES) if (shown.filter(test).length / shown.length >= 0.9) return field;
  return null;
}

/**
 * Maps the columns of one table: the merchant's saved choice first, then an exact header synonym,
 * then a header starting with a synonym, then the values' shape. A header match whose values do
 * not fit the field (an "金额" column of names) is kept as a low-confidence suggestion.
 */
export function inferMapping(headers: readonly string[], rows: readonly (readonly string[])[], saved: SavedMapping = {}): ColumnMapping[] {
  const column = (c: number) => rows.map((r) => r[c] ?? '');
  const out: ColumnMapping[] = headers.map((header, col) => ({ col, header, field: null, confidence: 0, source: 'none' }));
  const taken = new Set<GenericField>();
  headers.forEach((h, col) => {
    const choice = saved[headerKey(h)];
    if (choice === undefined) return;
    out[col] = { col, header: h, field: choice === 'ignore' ? null : choice, confidence: 1, source: 'saved' };
    if (choice !== 'ignore') taken.add(choice);
  });
  const open = (col: number) => out[col]!.source === 'none';
  const keys = headers.map(headerKey);
  // Exact synonyms: mapColumns over the still-open headers (others blanked so they cannot match).
  const exactSyn = Object.fromEntries(GENERIC_FIELDS.filter((f) => !taken.has(f)).map((f) => [f, GENERIC_COLUMNS[f]])) as typeof GENERIC_COLUMNS;
  const masked = headers.map((h, c) => (open(c) ? h : ''));
  const cols = mapColumns(masked, exactSyn);
  for (const field of Object.keys(cols) as GenericField[]) {
    const col = cols[field]!;
    const exact = GENERIC_COLUMNS[field].some((s) => headerKey(s) === keys[col]);
    const fit = fitRatio(field, column(col));
    const base = exact ? 1 : 0.6;
    out[col] = { col, header: headers[col]!, field, confidence: fit >= 0.6 ? base : base * 0.5, source: exact ? 'header' : 'prefix' };
    taken.add(field);
  }
  headers.forEach((h, col) => {
    if (!open(col)) return;
    const field = guessByValues(column(col));
    if (field && !taken.has(field)) {
      out[col] = { col, header: h, field, confidence: 0.5, source: 'values' };
      taken.add(field);
    }
  });
  return out;
}

/** Column index of each field at or above `min` confidence. */
export function fieldColumns(mapping: readonly ColumnMapping[], min = CONFIDENT): Partial<Record<GenericField, number>> {
  const out: Partial<Record<GenericField, number>> = {};
  for (const m of mapping) if (m.field && m.confidence >= min && out[m.field] === undefined) out[m.field] = m.col;
  return out;
}

/** What the table is, from the fields mapped with any confidence (so the dialog can say what it would become). */
export function decideKind(mapping: readonly ColumnMapping[], min = 0): TableKind {
  const has = (f: GenericField) => mapping.some((m) => m.field === f && m.confidence > min);
  const who = has('nickname') || has('buyerId');
  if (has('orderId') && who && (has('amountFen') || has('placedAt') || has('paidAt'))) return 'orders';
  if (who && has('visitedAt')) return 'contacts';
  if (who) return 'customers';
  return 'rows';
}

/** Fields a kind cannot do without (every one must be confident before typed records are made). */
export const REQUIRED_FIELDS: Record<TableKind, readonly (GenericField | readonly GenericField[])[]> = {
  orders: ['orderId', ['nickname', 'buyerId'], ['placedAt', 'paidAt'], 'amountFen'],
  customers: [['nickname', 'buyerId']],
  contacts: [['nickname', 'buyerId'], 'visitedAt'],
  rows: [],
};

/** True when every required field of `kind` is mapped with confidence (so typed records may be made). */
export function isConfident(mapping: readonly ColumnMapping[], kind: TableKind): boolean {
  if (kind === 'rows') return false;
  const cols = fieldColumns(mapping);
  return REQUIRED_FIELDS[kind].every((req) => (typeof req === 'string' ? cols[req] !== undefined : req.some((f) => cols[f] !== undefined)));
}

/** Columns the merchant should look at: a guess below CONFIDENT (ambiguous) — unmapped columns default to 忽略. */
export function needsReview(mapping: readonly ColumnMapping[]): ColumnMapping[] {
  return mapping.filter((m) => m.field !== null && m.confidence < CONFIDENT);
}
