import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST_ITEM_KEYS, FAST_ORDER_KEYS, contactIdOf, contactKeyHash, fastContact, fastOrder, isCanonicalText, isCanonicalInstant, keyHash, withoutUndefined } from '@/lib/db';
import { Contact, Order, normalizeInstant } from '@/lib/model';

/** The regex checker isCanonicalInstant replaced: the oracle the charCode version must agree with. */
const OLD_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/;
const OLD_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function oldIsCanonicalInstant(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 25) return false;
  const m = OLD_RE.exec(v);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  if (day > OLD_DAYS[month - 1]!) return false;
  // Years before 1900 are refused by the schema since issue 11's timestamp item (the fast path steps aside).
  if (year < 1900) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  return true;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Instants around the edges: years 0000–9999 (leap rules), months/days/times one past their range. */
const nearValid = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
  .map(([y, mo, d, h, mi, s]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`);
/** A canonical instant with one character replaced (digits, separators, look-alikes, non-ASCII digits). */
const nearMiss = fc
  .tuple(nearValid, fc.nat(24), fc.constantFrom('0', '9', '/', ':', '-', '+', 'T', ' ', 'Z', '٣', '３', '\u0000', '.', 'a', '8'))
  .map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));

describe('isCanonicalInstant (charCode reader)', () => {
  it('agrees with the regex checker it replaced and with normalizeInstant, on near misses and random text', () => {
    fc.assert(
      fc.property(fc.oneof(nearValid, nearMiss, fc.string({ minLength: 25, maxLength: 25 }), fc.string(), fc.anything()), (v) => {
        const got = isCanonicalInstant(v);
        expect(got).toBe(oldIsCanonicalInstant(v));
        if (typeof v === 'string' && /^\d{4}-/.test(v) && Number(v.slice(0, 4)) >= 1000) expect(got).toBe(normalizeInstant(v) === v);
      }),
      { numRuns: 20000 },
    );
    expect(isCanonicalInstant('2000-02-29T23:59:59+08:00')).toBe(true);
    expect(isCanonicalInstant('1900-02-29T00:00:00+08:00')).toBe(false);
    expect(isCanonicalInstant('2026-04-31T00:00:00+08:00')).toBe(false);
    expect(isCanonicalInstant('2026-11-20T24:00:00+08:00')).toBe(false);
  });
});

describe('contactKeyHash', () => {
  const str = fc.oneof(
    fc.constantFrom('s', 'bench-shop', '商品卡', 'douyin:s:nick:🐟', 'a"b', 'a\\b', 'tab\there', '\u0001', '\ud800', 'x\udc00', ''),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  it('is keyHash(contactIdOf(c)), or null (then the caller hashes contactIdOf) only for text JSON escapes or surrogates', () => {
    fc.assert(
      fc.property(
        fc.record({ shopId: str, customerKey: str, at: str, kind: str, source: str, page: str }, { requiredKeys: ['shopId', 'customerKey', 'at', 'kind'] }),
        (c) => {
          const h = contactKeyHash(c as Contact);
          const fields = [c.shopId, c.customerKey, c.at, c.kind, c.source ?? '', c.page ?? ''].join('');
          const special = /["\\\u0000-\u001f\ud800-\udfff]/.test(fields);
          if (special) expect(h).toBeNull();
          else expect(h).toBe(keyHash(contactIdOf(c as Contact)));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('fast readers return a canonical record itself, with the bytes a backup writes', () => {
  const order = {
    orderId: '1', shopId: 's', customerKey: 'k', placedAt: '2026-11-20T10:00:00+08:00', paidAt: '2026-11-20T10:01:00+08:00',
    amountFen: 5, quantity: 1, productId: 'p', productName: '围巾',
    items: [{ productId: 'p', productName: '围巾', spec: '红', unitPriceFen: 5, quantity: 1 }],
    channel: 'live', traffic: 'paid', status: 'paid', province: '广东省',
  };
  const contact = { shopId: 's', customerKey: 'k', at: '2026-11-20T10:00:00+08:00', kind: 'visit', channel: 'card', source: '商品卡' };
  const inOrder = (o: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const k of FAST_ORDER_KEYS) {
      if (k === 'items') out.items = (o.items as Record<string, unknown>[]).map((it) => Object.fromEntries([...FAST_ITEM_KEYS].filter((f) => f in it).map((f) => [f, it[f]])));
      else if (k in o) out[k] = o[k];
    }
    return out;
  };
  const shuffled = <T extends object>(o: T, perm: number[]) => {
    const e = Object.entries(o);
    return Object.fromEntries(perm.map((i) => e[i % e.length]!).concat(e).filter(([k], i, a) => a.findIndex(([k2]) => k2 === k) === i)) as T;
  };

  it('itself when its keys (and its items’ keys) are in schema order, else an ordered copy; JSON text equal to the schema output’s', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 4 }), fc.array(fc.nat(10), { maxLength: 3 }), fc.boolean(), (perm, itemPerm, dropItems) => {
        const { items, ...rest } = order;
        const o = JSON.parse(JSON.stringify({ ...shuffled(rest, perm), ...(dropItems ? {} : { items: [shuffled(items[0]!, itemPerm)] }) })) as Record<string, unknown>;
        const quick = fastOrder(o);
        expect(quick).toBeDefined();
        // The schema's output with keys in schema order (zod appends derived items last; the fast reader always kept them in place).
        const canonical = JSON.stringify(inOrder(withoutUndefined(Order.parse(o)) as Record<string, unknown>));
        expect(JSON.stringify(quick)).toBe(canonical);
        expect(quick === o).toBe(JSON.stringify(o) === canonical);
        const c = JSON.parse(JSON.stringify(shuffled(contact, perm))) as Record<string, unknown>;
        const qc = fastContact(c);
        const cc = JSON.stringify(withoutUndefined(Contact.parse(c)));
        expect(JSON.stringify(qc)).toBe(cc);
        expect(qc === c).toBe(JSON.stringify(c) === cc);
      }),
      { numRuns: 500 },
    );
    expect(fastOrder(JSON.parse(JSON.stringify(order)))).toEqual(order);
  });
});

describe('isCanonicalText', () => {
  // JSON texts built token by token: numbers and strings in canonical and non-canonical spellings,
  // duplicate keys, optional whitespace between tokens.
  const num = fc.constantFrom('5', '5.0', '-0', '0', '100', '1e2', '1E2', '10', '1e1', '0.5', '1.5e3', '9007199254740993', '12');
  const str = fc.constantFrom('"a"', '"\\u0061"', '"\\""', '"é"', '"\\u00e9"', '"\\u00E9"', '"🐟"', '"\\ud800"', '"\\uD800"', '"\ud800"', '" "', '"a/b"', '"a\\/b"', '"\\u001f"', '"\\u001F"', '"\\n"', '"\\u000a"', '"3e5"', '""');
  const ws = fc.constantFrom('', '', '', ' ', '\n', '\t');
  const scalar = fc.oneof(num, str, fc.constantFrom('true', 'false', 'null'));
  const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(fc.tuple(ws, tie('v'), ws), { maxLength: 3 }).map((xs) => `[${xs.map(([a, v, b]) => a + v + b).join(',')}]`),
      fc
        .array(fc.tuple(fc.constantFrom('"k"', '"m"', '"x y"', '"\\u006b"'), ws, tie('v'), ws), { maxLength: 4 })
        .map((xs) => `{${xs.map(([k, a, v, b]) => `${k}${a}:${b}${v}`).join(',')}}`),
    ),
  })).v;

  it('is exactly JSON.stringify(JSON.parse(text)) === text', () => {
    let canonical = 0;
    fc.assert(
      fc.property(value, (text) => {
        const parsed = JSON.parse(text) as unknown;
        const want = JSON.stringify(parsed) === text;
        if (want) canonical++;
        expect(isCanonicalText(text, parsed)).toBe(want);
      }),
      { numRuns: 20000 },
    );
    expect(canonical).toBeGreaterThan(500);
  });
});
