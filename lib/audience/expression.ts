/**
 * Audience expressions (SPEC §6.2): tag ids combined with 交 (AND), 并 (OR), 差 (EXCEPT) and
 * parentheses, e.g. `(tier:firstOrder 并 tier:repeat) 交 province:四川省 差 rfm:generalRetain`.
 *
 * Syntax
 * - Operators: 交 / `&` / `AND` (intersection); 并 / `|` / `OR` (union); 差 / `-` / `EXCEPT`
 *   (members of the left side that are not in the right side). Keywords are case-insensitive
 *   whole words. Parentheses `(` `)` (full-width `（` `）` too).
 * - Precedence: 交 binds tighter than 并 and 差, which share one level and associate to the
 *   left: `A 并 B 差 C` = `(A 并 B) 差 C`, `A 差 B 并 C` = `(A 差 B) 并 C`, and
 *   `A 并 B 交 C` = `A 并 (B 交 C)`. (As in set algebra texts and SQL's INTERSECT, which binds
 *   tighter than UNION / EXCEPT.)
 * - A bare tag id is a run of characters other than whitespace, parentheses, `"`, `&`, `|` and
 *   交 并 差; a `-` inside it is part of the id (`month:2026-11`), a `-` starting a token is the
 *   EXCEPT operator. Any other id is written in double quotes, `\"` and `\\` escaped inside:
 *   `"product:防晒霜 SPF50"`, `"product:交换机"`. `printExpression` quotes exactly when needed.
 *
 * Evaluation works on per-customer flags (Uint8Array of 0/1 over the snapshot's customers).
 *
 * Limits: at most MAX_NESTING levels of parentheses and MAX_OPERATORS operators, so that parsing,
 * printing and evaluating (recursive) can never overflow the stack; beyond them a clear refusal.
 */
import { ownValue } from '../model/own';
import type { MessageKey } from '../i18n/messages';
import { textOf } from '../i18n/text';

/** Deepest parenthesis nesting an expression may have. */
export const MAX_NESTING = 100;
/** Most operators an expression may have (the tree is at most this deep). */
export const MAX_OPERATORS = 2_000;

/** A parsed expression; `pos` is the offset (UTF-16 units) of the tag in the source text. */
export type ExprNode =
  | { kind: 'tag'; id: string; pos: number }
  | { kind: 'and' | 'or' | 'except'; left: ExprNode; right: ExprNode };

/** A parse or evaluation error with its position and a message in zh-CN and English. */
export class ExpressionError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    /** Offset in the source text (UTF-16 units), -1 when not tied to one place. */
    readonly position: number,
  ) {
    super(`${en} (${zh})`);
    this.name = 'ExpressionError';
  }

  /** The error of catalogue message `key` (lib/i18n/messages-audience.ts) with its placeholders filled. */
  static of(key: MessageKey, vars: Readonly<Record<string, string | number>>, position: number): ExpressionError {
    const m = textOf(key, vars);
    return new ExpressionError(m.zh, m.en, position);
  }
}

type Tok =
  | { t: 'tag'; id: string; pos: number }
  | { t: 'op'; op: 'and' | 'or' | 'except'; pos: number; text: string }
  | { t: '('; pos: number }
  | { t: ')'; pos: number }
  | { t: 'end'; pos: number };

const OP_CHARS: Record<string, 'and' | 'or' | 'except'> = { '交': 'and', '&': 'and', '并': 'or', '|': 'or', '差': 'except' };
const KEYWORDS: Record<string, 'and' | 'or' | 'except'> = { AND: 'and', OR: 'or', EXCEPT: 'except' };
/** Characters that end a bare tag id. */
const BREAK = /[\s()（）"&|交并差]/;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === '（') {
      out.push({ t: '(', pos: i++ });
      continue;
    }
    if (ch === ')' || ch === '）') {
      out.push({ t: ')', pos: i++ });
      continue;
    }
    const op = ownValue(OP_CHARS, ch);
    if (op) {
      out.push({ t: 'op', op, pos: i++, text: ch });
      continue;
    }
    if (ch === '-') {
      out.push({ t: 'op', op: 'except', pos: i++, text: '-' });
      continue;
    }
    if (ch === '"') {
      const start = i++;
      let id = '';
      for (;;) {
        if (i >= text.length)
          throw ExpressionError.of('expr_unclosedQuote', { pos: start + 1 }, start);
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          id += text[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          id += c;
          i++;
        }
      }
      if (id === '') throw ExpressionError.of('expr_emptyTag', { pos: start + 1 }, start);
      out.push({ t: 'tag', id, pos: start });
      continue;
    }
    const start = i;
    while (i < text.length && !BREAK.test(text[i]!)) i++;
    const word = text.slice(start, i);
    const kw = ownValue(KEYWORDS, word.toUpperCase());
    out.push(kw ? { t: 'op', op: kw, pos: start, text: word } : { t: 'tag', id: word, pos: start });
  }
  out.push({ t: 'end', pos: text.length });
  return out;
}

/** Refuses, before any recursion, an expression nested or chained deeper than the limits. */
function checkLimits(toks: readonly Tok[]): void {
  let depth = 0, ops = 0;
  for (const tok of toks) {
    if (tok.t === '(' && ++depth > MAX_NESTING)
      throw ExpressionError.of('expr_tooDeep', { pos: tok.pos + 1, max: MAX_NESTING }, tok.pos);
    if (tok.t === ')') depth = Math.max(0, depth - 1);
    if (tok.t === 'op' && ++ops > MAX_OPERATORS)
      throw ExpressionError.of('expr_tooLong', { pos: tok.pos + 1, max: MAX_OPERATORS }, tok.pos);
  }
}

const OP_ZH = { and: '交', or: '并', except: '差' } as const;

function describe(tok: Tok): { zh: string; en: string } {
  switch (tok.t) {
    case 'end':
      return textOf('expr_tokEnd');
    case '(':
      return textOf('expr_tokOpen');
    case ')':
      return textOf('expr_tokClose');
    case 'op':
      return textOf('expr_tokOp', { text: tok.text });
    case 'tag':
      return textOf('expr_tokTag', { id: tok.id });
  }
}

/** Parses an audience expression; throws ExpressionError (zh + en, with the position) on bad input. */
export function parseExpression(text: string): ExprNode {
  const toks = tokenize(text);
  if (toks.length === 1)
    throw ExpressionError.of('expr_empty', {}, 0);
  checkLimits(toks);
  let k = 0;
  const peek = () => toks[k]!;
  const unexpected = (tok: Tok, wantKey: MessageKey): never => {
    const d = describe(tok);
    const want = textOf(wantKey);
    throw ExpressionError.of('expr_expected', { pos: tok.pos + 1, wantZh: want.zh, wantEn: want.en, foundZh: d.zh, foundEn: d.en }, tok.pos);
  };

  const factor = (): ExprNode => {
    const tok = peek();
    if (tok.t === 'tag') {
      k++;
      return { kind: 'tag', id: tok.id, pos: tok.pos };
    }
    if (tok.t === '(') {
      k++;
      const inner = expr();
      const close = peek();
      if (close.t !== ')') {
        const d = describe(close);
        throw ExpressionError.of('expr_unclosedParen', { pos: tok.pos + 1, at: close.pos + 1, foundZh: d.zh, foundEn: d.en }, close.pos);
      }
      k++;
      return inner;
    }
    return unexpected(tok, 'expr_wantTag');
  };
  const term = (): ExprNode => {
    let left = factor();
    for (let tok = peek(); tok.t === 'op' && tok.op === 'and'; tok = peek()) {
      k++;
      left = { kind: 'and', left, right: factor() };
    }
    return left;
  };
  const expr = (): ExprNode => {
    let left = term();
    for (let tok = peek(); tok.t === 'op' && tok.op !== 'and'; tok = peek()) {
      k++;
      left = { kind: tok.op, left, right: term() };
    }
    return left;
  };

  const root = expr();
  const rest = peek();
  if (rest.t !== 'end') {
    if (rest.t === ')')
      throw ExpressionError.of('expr_unmatchedParen', { pos: rest.pos + 1 }, rest.pos);
    unexpected(rest, 'expr_wantOp');
  }
  return root;
}

/** Result form of `parseExpression`, for live editing (no exceptions). */
export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ExpressionError };

/** Parses without throwing: `{ ok: true, ast }` or `{ ok: false, error }`. */
export function tryParseExpression(text: string): ParseResult {
  try {
    return { ok: true, ast: parseExpression(text) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: e };
    throw e;
  }
}

/** True when `id` can be written bare (no quotes) and reads back as the same tag. */
export function isBareTagId(id: string): boolean {
  if (id === '' || id.startsWith('-') || ownValue(KEYWORDS, id.toUpperCase())) return false;
  for (const ch of id) if (BREAK.test(ch)) return false;
  return true;
}

/** A tag id as written in an expression: bare when possible, else quoted with `\"` / `\\` escapes. */
export function quoteTagId(id: string): string {
  return isBareTagId(id) ? id : `"${id.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const PREC = { or: 1, except: 1, and: 2 } as const;

/**
 * Canonical text of an expression: 交 / 并 / 差 with single spaces, parentheses only where the
 * tree needs them, ids quoted only when needed. `parseExpression(printExpression(a))` has a's shape.
 */
export function printExpression(node: ExprNode): string {
  if (node.kind === 'tag') return quoteTagId(node.id);
  const p = PREC[node.kind];
  const side = (child: ExprNode, right: boolean) => {
    const text = printExpression(child);
    if (child.kind === 'tag') return text;
    const cp = PREC[child.kind];
    // Left-associative: a right child of the same level needs parentheses, a left one does not.
    return cp < p || (right && cp === p) ? `(${text})` : text;
  };
  return `${side(node.left, false)} ${OP_ZH[node.kind]} ${side(node.right, true)}`;
}

/** Gives each tag id's member flags (0/1 per customer), or undefined for an unknown tag. */
export type FlagResolver = (id: string) => Uint8Array | undefined;

/**
 * Member flags (0/1 per customer) of an expression. Every tag's flags must have `size` entries
 * of 0 or 1; an unknown tag throws ExpressionError at its position.
 */
export function evaluateExpression(node: ExprNode, resolve: FlagResolver, size: number): Uint8Array {
  if (node.kind === 'tag') {
    const f = resolve(node.id);
    if (!f)
      throw ExpressionError.of('expr_unknownTag', { pos: node.pos + 1, id: node.id }, node.pos);
    if (f.length !== size)
      throw ExpressionError.of('expr_tagSize', { id: node.id, n: f.length, size }, node.pos);
    return f.slice();
  }
  const a = evaluateExpression(node.left, resolve, size);
  const b = evaluateExpression(node.right, resolve, size);
  // In place into `a`; flags are 0/1 so bitwise ops stay 0/1.
  if (node.kind === 'and') for (let i = 0; i < size; i++) a[i]! &= b[i]!;
  else if (node.kind === 'or') for (let i = 0; i < size; i++) a[i]! |= b[i]!;
  else for (let i = 0; i < size; i++) a[i]! &= b[i]! ^ 1;
  return a;
}

// ---- structured (click-built) audiences: Tencent DMP shape ----

/**
 * A click-built audience: every group must match (groups ANDed), a group matches when any of its
 * tags does (tags ORed), and members of any `exclude` tag are removed. With no groups, the base
 * is `all` (every customer).
 */
export interface StructuredAudience {
  groups: string[][];
  exclude: string[];
}

/** The tag id of every customer (used when a structured audience has no include group). */
export const ALL_TAG = 'all';

/** The expression of a structured audience, e.g. `(a 并 b) 交 c 差 x 差 y`. Empty groups are skipped. */
export function toExpression(s: StructuredAudience): string {
  const groups = s.groups.filter((g) => g.length > 0);
  const orChain = (ids: string[]): ExprNode =>
    ids.map((id): ExprNode => ({ kind: 'tag', id, pos: 0 })).reduce((l, r) => ({ kind: 'or', left: l, right: r }));
  let node: ExprNode =
    groups.length === 0 ? { kind: 'tag', id: ALL_TAG, pos: 0 } : groups.map(orChain).reduce((l, r) => ({ kind: 'and', left: l, right: r }));
  for (const id of s.exclude) node = { kind: 'except', left: node, right: { kind: 'tag', id, pos: 0 } };
  return printExpression(node);
}

/** The structured form of an expression when it has that shape (else null), inverse of `toExpression`. */
export function fromExpression(text: string | ExprNode): StructuredAudience | null {
  let node = typeof text === 'string' ? tryParse(text) : text;
  if (!node) return null;
  const exclude: string[] = [];
  while (node.kind === 'except') {
    const ids = orTags(node.right);
    if (!ids) return null;
    exclude.unshift(...ids);
    node = node.left;
  }
  const groups: string[][] = [];
  const collect = (n: ExprNode): boolean => {
    if (n.kind === 'and') return collect(n.left) && collect(n.right);
    const ids = orTags(n);
    if (!ids) return false;
    groups.push(ids);
    return true;
  };
  if (!collect(node)) return null;
  if (groups.length === 1 && groups[0]!.length === 1 && groups[0]![0] === ALL_TAG) groups.length = 0;
  return { groups, exclude };
}

function tryParse(text: string): ExprNode | null {
  const r = tryParseExpression(text);
  return r.ok ? r.ast : null;
}

/** Tag ids of a pure OR-chain of tags, else null. */
function orTags(n: ExprNode): string[] | null {
  if (n.kind === 'tag') return [n.id];
  if (n.kind !== 'or') return null;
  const l = orTags(n.left), r = orTags(n.right);
  return l && r ? [...l, ...r] : null;
}
