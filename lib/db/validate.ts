/** Validation of records arriving from outside (captures, backup files) with precise reasons. */
import type { z } from 'zod';

/** `items[0].quantity` from a zod path. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function shown(v: unknown): string {
  const text = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** One field's problem, in parts (the panel words it in its language; `issueText` in English). */
export interface FieldIssue {
  /** `orders[12].amountFen` */
  field: string;
  kind: 'missing' | 'type' | 'tooSmall' | 'tooBig' | 'value' | 'other';
  /** zod's message (English; a schema's own message such as "amount must be integer fen"). */
  message: string;
  /** The value found, shown short (absent for `missing`). */
  got?: string;
  /** The allowed values of an enum, comma-separated. */
  expected?: string;
}

/** One issue per zod issue of a record, e.g. field `orders[12].amountFen`, kind `other`. */
export function recordIssues(where: string, issues: readonly z.core.$ZodIssue[], input: unknown): FieldIssue[] {
  return issues.map((issue) => {
    const p = pathText(issue.path);
    const field = p ? (p.startsWith('[') ? `${where}${p}` : `${where}.${p}`) : where;
    const got = valueAt(input, issue.path);
    if (issue.code === 'invalid_value') {
      return { field, kind: 'value', message: issue.message, got: shown(got), expected: issue.values.map((v) => String(v)).join(', ') };
    }
    if (issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big') {
      if (got === undefined && issue.code === 'invalid_type') return { field, kind: 'missing', message: issue.message };
      const kind = issue.code === 'invalid_type' ? 'type' : issue.code === 'too_small' ? 'tooSmall' : 'tooBig';
      return { field, kind, message: issue.message, got: shown(got) };
    }
    return { field, kind: 'other', message: issue.message };
  });
}

/** A field issue in English: `orders[12].amountFen: amount must be integer fen (got 12.5)`. */
export function issueText(i: FieldIssue): string {
  if (i.kind === 'value') return `${i.field}: unknown value ${i.got} (expected one of ${i.expected})`;
  if (i.kind === 'missing') return `${i.field}: ${i.message} (missing)`;
  if (i.got !== undefined) return `${i.field}: ${i.message} (got ${i.got})`;
  return `${i.field}: ${i.message}`;
}

/** One reason per issue, e.g. `orders[12].amountFen: amount must be integer fen (got 12.5)`. */
export function describeRecordIssues(
  where: string,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): string[] {
  return recordIssues(where, issues, input).map(issueText);
}

/** Parses every element of an array with a schema; returns the values or the reasons (capped). */
export function parseRecords<S extends z.ZodType>(
  name: string,
  schema: S,
  inputs: readonly unknown[],
  reasons: string[],
  maxReasons = 20,
): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const r = schema.safeParse(inputs[i]);
    if (r.success) out.push(r.data);
    else if (reasons.length < maxReasons) reasons.push(...describeRecordIssues(`${name}[${i}]`, r.error.issues, inputs[i]));
    else reasons.push(''); // counted, not shown
  }
  return out;
}

/** Joins reasons as "a; b; c (and N more problems)". */
export function summarizeReasons(reasons: readonly string[], show = 3): string {
  const real = reasons.filter((r) => r !== '');
  const hidden = reasons.length - Math.min(show, real.length);
  const head = real.slice(0, show).join('; ');
  return hidden > 0 ? `${head} (and ${hidden} more problem${hidden === 1 ? '' : 's'})` : head;
}
