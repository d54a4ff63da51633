// SPEC §6.2 (the builder: 交 / 并 / 差 and parentheses over tags).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EIGHT_OPERATORS, syntheticTagFlags } from '../../fixtures/tag-flags';
import {
  ExpressionError,
  evaluateExpression,
  fromExpression,
  isBareTagId,
  parseExpression,
  printExpression,
  quoteTagId,
  toExpression,
  tryParseExpression,
  type ExprNode,
} from '@/lib/audience/expression';

/** The tree without positions, for shape comparisons. */
function shape(n: ExprNode): unknown {
  return n.kind === 'tag' ? n.id : [n.kind, shape(n.left), shape(n.right)];
}
const P = (text: string) => shape(parseExpression(text));

describe('parseExpression', () => {
  it('reads the example of the brief with 交 tighter than 差', () => {
    expect(P('(tier:firstOrder 并 tier:repeat) 交 province:四川省 差 rfm:generalRetain')).toEqual([
      'except',
      ['and', ['or', 'tier:firstOrder', 'tier:repeat'], 'province:四川省'],
      'rfm:generalRetain',
    ]);
  });

  it('gives 交 precedence over 并 / 差, which are left-associative at one level', () => {
    expect(P('a 并 b 交 c')).toEqual(['or', 'a', ['and', 'b', 'c']]);
    expect(P('a 交 b 并 c')).toEqual(['or', ['and', 'a', 'b'], 'c']);
    expect(P('a 并 b 差 c')).toEqual(['except', ['or', 'a', 'b'], 'c']);
    expect(P('a 差 b 并 c')).toEqual(['or', ['except', 'a', 'b'], 'c']);
    expect(P('a 差 b 差 c')).toEqual(['except', ['except', 'a', 'b'], 'c']);
    expect(P('a 差 b 交 c')).toEqual(['except', 'a', ['and', 'b', 'c']]);
  });

  it('accepts & | - and AND OR EXCEPT (any case), and full-width parentheses', () => {
    const want = P('(a 并 b) 交 c 差 d');
    expect(P('(a | b) & c - d')).toEqual(want);
    expect(P('(a OR b) AND c EXCEPT d')).toEqual(want);
    expect(P('(a or b) and c except d')).toEqual(want);
    expect(P('（a 并 b）交 c 差 d')).toEqual(want);
    expect(P('(a|b)&c -d')).toEqual(want);
    expect(P('a并b')).toEqual(['or', 'a', 'b']);
  });

  it('keeps a "-" inside a bare id, and reads quoted ids with spaces, operators and escapes', () => {
    expect(P('month:2026-11 差 price:0-50')).toEqual(['except', 'month:2026-11', 'price:0-50']);
    expect(P('"product:防晒霜 SPF50" 交 "product:交换机"')).toEqual(['and', 'product:防晒霜 SPF50', 'product:交换机']);
    expect(P('"manual:say \\"hi\\" \\\\ ok"')).toEqual('manual:say "hi" \\ ok');
    expect(P('"AND"')).toEqual('AND');
  });

  it('records each tag position', () => {
    const ast = parseExpression('a 交  "b c"');
    expect(ast.kind === 'and' && ast.right.kind === 'tag' && ast.right.pos).toBe(5);
  });

  const bad: [string, number, RegExp, RegExp][] = [
    ['', 0, /表达式为空/, /empty/],
    ['   ', 0, /表达式为空/, /empty/],
    ['a 交', 3, /第 4 个字符处：应为标签或“\(”，但遇到了表达式结尾/, /position 4: expected a tag or "\(", found the end/],
    ['a b', 2, /应为运算符/, /expected an operator .* found tag "b"/],
    ['(a 并 b', 6, /“\(”缺少对应的“\)”/, /"\(" at position 1 is not closed/],
    ['a 并 b)', 5, /“\)”没有对应的“\(”/, /unmatched "\)" at position 6/],
    ['交 a', 0, /但遇到了运算符“交”/, /found operator "交"/],
    ['a 并 ()', 5, /但遇到了“\)”/, /found "\)"/],
    ['"abc', 0, /引号没有闭合/, /unclosed quote starting at position 1/],
    ['a 差 ""', 4, /标签为空/, /empty tag/],
  ];
  it.each(bad)('refuses %j with a zh + en message and the position', (text, pos, zh, en) => {
    const r = tryParseExpression(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(ExpressionError);
    expect(r.error.position).toBe(pos);
    expect(r.error.zh).toMatch(zh);
    expect(r.error.en).toMatch(en);
  });
});

describe('printExpression', () => {
  it('writes canonical text with minimal parentheses', () => {
    expect(printExpression(parseExpression('(a|b)&c -d'))).toBe('(a 并 b) 交 c 差 d');
    expect(printExpression(parseExpression('a 并 (b 并 c)'))).toBe('a 并 (b 并 c)');
    expect(printExpression(parseExpression('a 差 (b 差 c)'))).toBe('a 差 (b 差 c)');
    expect(printExpression(parseExpression('a 交 (b 交 c)'))).toBe('a 交 (b 交 c)');
    expect(printExpression(parseExpression('((a 交 b))'))).toBe('a 交 b');
  });
  it('quotes exactly the ids that need it', () => {
    expect(quoteTagId('province:四川省')).toBe('province:四川省');
    expect(quoteTagId('month:2026-11')).toBe('month:2026-11');
    expect(quoteTagId('product:防晒霜 SPF50')).toBe('"product:防晒霜 SPF50"');
    expect(quoteTagId('-x')).toBe('"-x"');
    expect(quoteTagId('or')).toBe('"or"');
    expect(quoteTagId('a"b\\')).toBe('"a\\"b\\\\"');
    expect(isBareTagId('product:交换机')).toBe(false);
  });
});

// ---- properties ----

const idArb = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'tier:firstOrder', 'month:2026-11', 'product:防晒霜 SPF50', 'x-y', '"q"', 'AND', '差价', '（括）', '-z'),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const astArb: fc.Arbitrary<ExprNode> = fc.letrec<{ node: ExprNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    idArb.map((id): ExprNode => ({ kind: 'tag', id, pos: 0 })),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const, 'except' as const), left: tie('node'), right: tie('node') }),
  ),
})).node;

describe('print / parse round trip (property)', () => {
  it('parse(print(ast)) has the same tree, and print is a fixed point', () => {
    fc.assert(
      fc.property(astArb, (ast) => {
        const text = printExpression(ast);
        const back = parseExpression(text);
        expect(shape(back)).toEqual(shape(ast));
        expect(printExpression(back)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('set laws of 交 / 并 / 差 (property)', () => {
  const N = 24;
  const flagsArb = fc.uint8Array({ minLength: N, maxLength: N, min: 0, max: 1 });
  const env = fc.record({ A: flagsArb, B: flagsArb, C: flagsArb });
  const ev = (text: string, e: Record<string, Uint8Array>) => [...evaluateExpression(parseExpression(text), (id) => e[id], N)];
  const same = (x: string, y: string) =>
    fc.assert(
      fc.property(env, (e) => {
        expect(ev(x, e)).toEqual(ev(y, e));
      }),
    );

  it('commutativity', () => {
    same('A 交 B', 'B 交 A');
    same('A 并 B', 'B 并 A');
  });
  it('associativity', () => {
    same('(A 交 B) 交 C', 'A 交 (B 交 C)');
    same('(A 并 B) 并 C', 'A 并 (B 并 C)');
  });
  it('distributivity of 交 over 并 (and 并 over 交)', () => {
    same('A 交 (B 并 C)', '(A 交 B) 并 (A 交 C)');
    same('A 并 (B 交 C)', '(A 并 B) 交 (A 并 C)');
  });
  it('De Morgan-style difference laws', () => {
    same('A 差 (B 并 C)', '(A 差 B) 差 C');
    same('A 差 (B 交 C)', '(A 差 B) 并 (A 差 C)');
  });
  it('idempotence, A 差 A = ∅, A 差 ∅ = A', () => {
    same('A 交 A', 'A');
    same('A 并 A', 'A');
    fc.assert(
      fc.property(env, (e) => {
        expect(ev('A 差 A', e).every((x) => x === 0)).toBe(true);
        expect(ev('A 差 (B 差 B)', e)).toEqual([...e.A]);
      }),
    );
  });
  it('matches a Set-based model', () => {
    fc.assert(
      fc.property(env, (e) => {
        const got = ev('(A 并 B) 交 C 差 B', e);
        for (let i = 0; i < N; i++) expect(got[i]).toBe((e.A[i]! | e.B[i]!) & e.C[i]! & (e.B[i]! ^ 1));
      }),
    );
  });
});

describe('evaluateExpression', () => {
  it('does not modify the tag flags it reads', () => {
    const A = Uint8Array.from([1, 1, 0]), B = Uint8Array.from([0, 1, 1]);
    const out = evaluateExpression(parseExpression('A 交 B'), (id) => ({ A, B })[id], 3);
    expect([...out]).toEqual([0, 1, 0]);
    expect([...A]).toEqual([1, 1, 0]);
    expect(evaluateExpression(parseExpression('A'), (id) => ({ A })[id], 3)).not.toBe(A);
  });
  it('names an unknown tag with its position, hinting at quotes', () => {
    expect(() => evaluateExpression(parseExpression('A 交 product:交换机'), () => new Uint8Array(3), 3)).not.toThrow();
    try {
      evaluateExpression(parseExpression('A 并 nope'), (id) => (id === 'A' ? new Uint8Array(3) : undefined), 3);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      expect((e as ExpressionError).position).toBe(4);
      expect((e as ExpressionError).zh).toMatch(/没有标签“nope”/);
      expect((e as ExpressionError).en).toMatch(/unknown tag "nope"/);
    }
  });
  // Its speed (well under 50 ms) is a figure of `npm run bench` (scripts/bench-units.ts), not a test.
  it('evaluates 8 operators over 200,000 customers', () => {
    const n = 200_000;
    const tags = syntheticTagFlags(n);
    const out = evaluateExpression(parseExpression(EIGHT_OPERATORS), (id) => tags[id], n);
    expect(out.length).toBe(n);
    // Spot-check against the definition, customer by customer (union 并, intersection 交, difference 差, left to right).
    const has = (id: string, i: number) => tags[id]![i] === 1;
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 99_999, 199_999]) {
      const left = ((has('a', i) || has('b', i)) && (has('c', i) || has('d', i)) && !has('e', i)) || (has('a', i) && has('e', i));
      expect(out[i] === 1, `customer ${i}`).toBe(left && !(has('b', i) && has('c', i)));
    }
  });
});

describe('structured audiences (Tencent DMP shape)', () => {
  it('writes groups ANDed, tags ORed, excludes as 差', () => {
    expect(toExpression({ groups: [['tier:firstOrder', 'tier:repeat'], ['province:四川省']], exclude: ['rfm:generalRetain'] })).toBe(
      '(tier:firstOrder 并 tier:repeat) 交 province:四川省 差 rfm:generalRetain',
    );
    expect(toExpression({ groups: [['a']], exclude: [] })).toBe('a');
    expect(toExpression({ groups: [], exclude: ['x', 'y'] })).toBe('all 差 x 差 y');
    expect(toExpression({ groups: [['product:防晒霜 SPF50'], []], exclude: [] })).toBe('"product:防晒霜 SPF50"');
  });
  it('reads back the shapes it writes, and says null for others', () => {
    expect(fromExpression('(a 并 b) 交 c 差 x 差 y')).toEqual({ groups: [['a', 'b'], ['c']], exclude: ['x', 'y'] });
    expect(fromExpression('a 差 (x 并 y)')).toEqual({ groups: [['a']], exclude: ['x', 'y'] });
    expect(fromExpression('all 差 x')).toEqual({ groups: [], exclude: ['x'] });
    expect(fromExpression('a 并 b 交 c')).toBeNull();
    expect(fromExpression('a 差 (x 交 y)')).toBeNull();
    expect(fromExpression('a 交 (')).toBeNull();
  });
  it('round-trips every structured audience (property)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'product:防晒霜 SPF50', 'month:2026-11', '"x"');
    fc.assert(
      fc.property(
        fc.record({ groups: fc.array(fc.array(id, { minLength: 1, maxLength: 3 }), { maxLength: 3 }), exclude: fc.array(id, { maxLength: 3 }) }),
        (s) => {
          expect(fromExpression(toExpression(s))).toEqual(s);
        },
      ),
    );
  });
});
