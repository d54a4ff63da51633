/**
 * Helpers for an indicator's part of the report workbook: zh-CN text from the catalogue, money in
 * yuan, rates as percentages, a value without a denominator as "—".
 */
import { messages, type MessageKey } from '../../i18n/messages';
import type { CellKind, KV, SheetColumn } from './types';

/** A message in a language with `{name}` placeholders filled. */
export function label(key: MessageKey, lang: 'zh' | 'en' = 'zh', vars: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The workbook's "no value" text. */
export const DASH = '—';
/** Integer fen as yuan. */
export const yuan = (fen: number) => fen / 100;
/** A rate, or "—" without a denominator. */
export const rateCell = (r: number | null): number | string => (r === null ? DASH : r);

/** A count row. */
export const countRow = (label: string, value: number): KV => ({ label, value, kind: 'number' });
/** A money row (fen in, yuan out; "—" for null). */
export const moneyRow = (label: string, fen: number | null): KV => ({ label, value: fen === null ? null : yuan(fen), kind: 'money' });
/** A rate row ("—" for null). */
export const rateRow = (label: string, v: number | null): KV => ({ label, value: v, kind: 'percent' });

/** A value column that formats each row by its kind ("—" stays text). */
export function valueColumn<R extends { kind?: CellKind }>(header: string, get: (r: R) => number | string | null): SheetColumn<R> {
  return {
    header,
    value: (r) => {
      const v = get(r);
      return v === null ? DASH : v;
    },
    kindOf: (r) => (typeof get(r) === 'number' ? r.kind : 'text'),
  };
}
