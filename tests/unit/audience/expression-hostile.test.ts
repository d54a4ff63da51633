/** Hostile audience expressions (issue 11 item 11): prototype keys as tags / words, deep nesting, long chains. */
import { describe, expect, it } from 'vitest';
import { ExpressionError, MAX_NESTING, MAX_OPERATORS, evaluateExpression, isBareTagId, parseExpression, tryParseExpression } from '@/lib/audience/expression';

const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'CONSTRUCTOR'];

describe('prototype keys are ordinary tag ids', () => {
  it.each(PROTO_KEYS)('%s parses as a tag, is bare, and resolves only through the resolver', (id) => {
    expect(parseExpression(id)).toEqual({ kind: 'tag', id, pos: 0 });
    expect(isBareTagId(id)).toBe(true);
    const flags = new Map([[id, Uint8Array.of(1, 0)]]);
    expect([...evaluateExpression(parseExpression(`${id} 并 ${id}`), (t) => flags.get(t), 2)]).toEqual([1, 0]);
    // A resolver that knows no such tag: a clear ExpressionError, not a crash.
    expect(() => evaluateExpression(parseExpression(id), () => undefined, 2)).toThrow(ExpressionError);
  });
});

describe('deep and long expressions are refused clearly, never a stack overflow', () => {
  it('10,000 nested parentheses', () => {
    const text = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    const r = tryParseExpression(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.zh).toBe(`第 ${MAX_NESTING + 1} 个字符处：括号嵌套超过 100 层，请简化表达式`);
    expect(r.error.en).toContain('nested deeper than 100 levels');
  });

  it('100 nested parentheses still parse', () => {
    expect(parseExpression(`${'('.repeat(100)}a${')'.repeat(100)}`)).toEqual({ kind: 'tag', id: 'a', pos: 100 });
  });

  it('a chain of 100,000 operators', () => {
    const text = Array.from({ length: 100_001 }, () => 'a').join(' 并 ');
    const r = tryParseExpression(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.zh).toContain('运算符超过 2000 个');
  });

  it('a chain of 2,000 operators parses and evaluates', () => {
    const text = Array.from({ length: MAX_OPERATORS + 1 }, (_, i) => (i % 2 ? 'a' : 'b')).join(' 并 ');
    const flags: Record<string, Uint8Array> = { a: Uint8Array.of(1, 0, 0), b: Uint8Array.of(0, 0, 1) };
    expect([...evaluateExpression(parseExpression(text), (t) => flags[t], 3)]).toEqual([1, 0, 1]);
  });
});
