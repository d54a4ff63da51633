/**
 * SPEC §2 "Empty values": an optional text that is empty, only whitespace, or the console's dash
 * (`-`, `--`) reads as absent — in a capture, a backup or an observed response alike. One rule,
 * shared by every schema here, the capture normalisers and the restore fast path.
 */
import { z } from 'zod';

// Whitespace as String.prototype.trim sees it, plus the zero-width marks capture strips.
const ABSENT = /^[\s\u200b-\u200d\ufeff]*(?:--?)?[\s\u200b-\u200d\ufeff]*$/;

/** True when `v` is a string SPEC §2 reads as absent ("", "  ", "\t", "-", "--", " - "). */
export function isAbsentText(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (v.length === 0) return true;
  // Fast exit for the common case (a restore checks millions): a first character that is
  // neither whitespace nor '-' means real text.
  const c = v.charCodeAt(0);
  if ((c > 0x2d && c < 0x2000 && c !== 0xa0 && c !== 0x1680) || (c > 0x3000 && c !== 0xfeff)) return false;
  return ABSENT.test(v);
}

/** `v`, or undefined when it is an absent text (the preprocess of every optional text field). */
export function absentAsUndefined(v: unknown): unknown {
  return isAbsentText(v) ? undefined : v;
}

/**
 * An optional text field (SPEC §2): blank / whitespace / `-` / `--` read as absent, anything
 * else is checked by `inner` (default: any string).
 */
export function optionalText<T extends z.ZodType = z.ZodString>(inner?: T) {
  // Typed input: what the field accepts once absent texts are read as undefined.
  return z.preprocess<unknown, z.ZodOptional<T>, z.input<T> | undefined>(absentAsUndefined, ((inner ?? z.string()) as T).optional());
}

/** Drops the keys an absent text left holding `undefined` (IndexedDB and backups would keep them). */
export function dropUndefinedKeys<T extends object>(o: T): T {
  const r = o as Record<string, unknown>;
  for (const k of Object.keys(r)) if (r[k] === undefined) delete r[k];
  return o;
}
