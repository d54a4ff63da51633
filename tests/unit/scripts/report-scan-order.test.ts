/**
 * The report loader's byte scanner of order lines (scripts/report/scan-order.ts) against the
 * restore's fast reader: whatever the scanner accepts, JSON.parse + fastOrder accepts with the same
 * values (ids, days, paid, amount, channel, traffic, the product the snapshot codes); on canonical
 * lines of plain texts it accepts whenever fastOrder does. Random orders (unicode, absent texts,
 * whitespace, escapes, numbers at the limits, other types) and mutated lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastOrder } from '@/lib/db/fast-records';
import { CHANNELS, NO_DAY, TRAFFICS, dayNumberOfInstant } from '@/lib/engine/snapshot';
import { isPaidStatus } from '@/lib/model';
import { scanOrder, type ScannedOrder } from '@/scripts/report/scan-order';

/** What the loader takes from an order, by fastOrder (the oracle) — null when it steps aside. */
function expected(line: string): Omit<ScannedOrder, 'keyStart' | 'keyEnd'> & { customerKey: string } | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  const o = fastOrder(v);
  if (!o) return null;
  const item = o.items?.[0];
  return {
    orderId: o.orderId,
    shopId: o.shopId,
    customerKey: o.customerKey,
    placedDay: dayNumberOfInstant(o.placedAt),
    paidDay: o.paidAt !== undefined ? dayNumberOfInstant(o.paidAt) : NO_DAY,
    paid: isPaidStatus(o.status) ? 1 : 0,
    amountFen: o.amountFen,
    channel: Math.max(0, CHANNELS.indexOf(o.channel)),
    traffic: Math.max(0, TRAFFICS.indexOf(o.traffic)),
    productId: item?.productId ?? o.productId,
    productName: item?.productName ?? o.productName,
  };
}

/** The scanner on `line` set in a slice as the file has it (indented, a trailing comma, the next line after). */
function scanned(line: string, hint: string): (Omit<ScannedOrder, 'keyStart' | 'keyEnd'> & { customerKey: string }) | null {
  const buf = Buffer.from(`    ${line},\n    {"orderId":"9","shopId":"s"}\n`, 'utf8');
  const start = 4, end = 4 + Buffer.byteLength(line, 'utf8');
  const out = {} as ScannedOrder;
  if (!scanOrder(buf, start, end, hint, out)) return null;
  const { keyStart, keyEnd, ...rest } = out;
  return { ...rest, customerKey: buf.toString('utf8', keyStart, keyEnd) };
}

/** The line as the loader sees it: the bytes of the text (a lone surrogate becomes U+FFFD, as a file would hold it). */
const asRead = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

const instant = fc
  .record({ y: fc.integer({ min: 1898, max: 2101 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 24 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }) })
  .map(({ y, mo, d, h, mi, s }) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}+08:00`);
const goodInstant = fc.constantFrom('2026-11-11T00:00:00+08:00', '2024-02-29T23:59:59+08:00', '2026-09-28T15:06:52+08:00', '1900-01-01T08:00:00+08:00');
const anyInstant = fc.oneof(goodInstant, instant, fc.constantFrom('2026-11-11T00:00:00Z', '2026-11-11 00:00:00+08:00', '2023-02-29T10:00:00+08:00', ''));
/** Texts with what matters to the readers: absent marks, whitespace of every kind, CJK, escapes, controls. */
const piece = fc.constantFrom('a', 'Z', '9', ' ', '-', '--', '中', '市', '\u3000', '\u00a0', '\ufeff', '\u200b', '\u2028', '\t', '\n', '"', '\\', '/', 'é', '😀', '\ud800', '\u0001', '*', '@', ':', ',');
const text = fc.oneof(
  fc.array(piece, { maxLength: 5 }).map((a) => a.join('')),
  fc.constantFrom('', ' ', '-', '--', ' - ', '上海市', '冰丝防晒衣', '3600000007919378', '林**', '138****3308', ' x', 'x ', '中 ', '\u3000中'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const ascii = fc.oneof(fc.stringMatching(/^[A-Za-z0-9:_-]{1,12}$/), fc.constantFrom('', ' a', 'a ', '-', 'douyin:s1:id:1', 'bench-shop'));
const key = fc.oneof(ascii, text, fc.constantFrom('douyin:bench-shop:nick:追风先生'));
const nonString = fc.constantFrom(null, 0, true, [], {});
const count = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }),
  fc.constantFrom(0, 1, 999_999_999_999_999, 1_000_000_000_000_000, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -1, -0, 1.5, 1e21, 1e-7),
  fc.constantFrom('100', null),
);
const opt = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const itemArb = fc.record(
  {
    productId: opt(fc.oneof(text, ascii, nonString)),
    productName: fc.oneof(text, nonString),
    spec: opt(fc.oneof(text, nonString)),
    unitPriceFen: opt(count),
    quantity: count,
  },
  { requiredKeys: [] },
);

const orderArb = fc.record(
  {
    orderId: fc.oneof(ascii, text, nonString),
    shopId: fc.oneof(ascii, fc.constant('bench-shop'), text),
    customerKey: key,
    placedAt: anyInstant,
    paidAt: opt(fc.oneof(anyInstant, text)),
    amountFen: count,
    quantity: count,
    productId: opt(fc.oneof(ascii, text, nonString)),
    productName: opt(fc.oneof(text, nonString)),
    items: opt(fc.oneof(fc.array(itemArb, { maxLength: 3 }), nonString)),
    channel: fc.constantFrom('live', 'video', 'card', 'other', 'Live', '', 'tv'),
    traffic: fc.constantFrom('paid', 'organic', 'unknown', 'free'),
    status: fc.constantFrom('unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed', 'lost'),
    recipientName: opt(fc.oneof(text, nonString)),
    recipientPhone: opt(text),
    province: opt(text),
    city: opt(text),
    promisedShipAt: opt(fc.oneof(anyInstant, text)),
    shippedAt: opt(anyInstant),
  },
  { requiredKeys: ['orderId', 'shopId', 'customerKey', 'placedAt', 'channel', 'traffic', 'status'] },
);

/** Texts that need no escape. */
const plain = fc.stringMatching(/^[A-Za-z0-9 \u4e2d\u5e02*:-]{0,8}$/);
/** Orders as the writer writes them, of plain texts (most accepted). */
const canonical = fc.record(
  {
    orderId: ascii,
    shopId: fc.constantFrom('bench-shop', 's1'),
    customerKey: fc.oneof(ascii, plain),
    placedAt: goodInstant,
    paidAt: opt(fc.oneof(goodInstant, fc.constantFrom('', '-'))),
    amountFen: fc.integer({ min: 0, max: 999_999_999_999_999 }),
    quantity: fc.integer({ min: 0, max: 1000 }),
    productId: opt(plain),
    productName: opt(plain),
    items: opt(fc.array(fc.record({ productId: opt(plain), productName: plain, spec: opt(plain), unitPriceFen: opt(fc.nat()), quantity: fc.integer({ min: 1, max: 9 }) }, { requiredKeys: ['productName', 'quantity'] }), { maxLength: 3 })),
    channel: fc.constantFrom(...CHANNELS),
    traffic: fc.constantFrom(...TRAFFICS),
    status: fc.constantFrom('unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed'),
    recipientName: opt(plain),
    recipientPhone: opt(plain),
    province: opt(plain),
    city: opt(plain),
    promisedShipAt: opt(goodInstant),
    shippedAt: opt(goodInstant),
  },
  { requiredKeys: ['orderId', 'shopId', 'customerKey', 'placedAt', 'amountFen', 'quantity', 'channel', 'traffic', 'status'] },
);

/** A canonical order with one field (or one field of its first item) set to a random value, or dropped. */
const oneOff = fc.tuple(canonical, orderArb, itemArb, fc.nat(40), fc.nat(3)).map(([o, wide, item, pick, drop]) => {
  const rec: Record<string, unknown> = { ...o };
  const keys = Object.keys(wide);
  const items = Array.isArray(rec.items) ? [...(rec.items as Record<string, unknown>[])] : undefined;
  if (items) rec.items = items;
  if (pick >= 30 && items && items.length > 0) {
    const ik = ['productId', 'productName', 'spec', 'unitPriceFen', 'quantity'];
    const k = ik[pick % ik.length]!;
    items[0] = { ...items[0], [k]: (item as Record<string, unknown>)[k] };
    if (drop === 0 || items[0][k] === undefined) delete items[0]![k];
  } else {
    const k = keys[pick % keys.length]!;
    rec[k] = (wide as Record<string, unknown>)[k];
    if (drop === 0 || rec[k] === undefined) delete rec[k];
  }
  return rec;
});

/** A record's own keys in another order, or an extra key, now and then. */
const reshaped = fc.tuple(orderArb, fc.nat(9), fc.nat()).map(([o, how, seed]) => {
  const rec = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  if (how === 0) {
    const ks = Object.keys(rec);
    const [a, b] = [seed % ks.length, (seed >> 8) % ks.length];
    [ks[a], ks[b]] = [ks[b]!, ks[a]!];
    return Object.fromEntries(ks.map((k) => [k, rec[k]]));
  }
  if (how === 1) return { ...rec, extra: 1 };
  return rec;
});

/** A line edited at one place: a character deleted, replaced or inserted. */
const mutated = fc.tuple(fc.oneof(canonical, oneOff, reshaped), fc.nat(), fc.nat(2), fc.constantFrom('"', '\\', ',', '}', '{', ']', '[', ' ', ':', 'é', '中', '0', '1', '-', 'e', '.', 'n', '\u0000'))
  .map(([o, pos, op, ch]) => {
    const line = JSON.stringify(o);
    const at = pos % (line.length + 1);
    if (op === 0) return line.slice(0, at) + line.slice(at + 1);
    if (op === 1) return line.slice(0, at) + ch + line.slice(at + 1);
    return line.slice(0, at) + ch + line.slice(at);
  });

describe('scanOrder (report loader)', () => {
  const agrees = (raw: string, hint: string) => {
    const line = asRead(raw);
    const got = scanned(line, hint);
    if (got !== null) expect(got).toEqual(expected(line));
  };

  it('accepts only what fastOrder accepts, with the same values (random orders)', () => {
    fc.assert(fc.property(reshaped, fc.constantFrom('', 'bench-shop', 's1'), (o, hint) => agrees(JSON.stringify(o), hint)), { numRuns: 4000 });
  });

  it('accepts only what fastOrder accepts, with the same values (canonical orders with one field off)', () => {
    fc.assert(fc.property(oneOff, (o) => agrees(JSON.stringify(o), 'bench-shop')), { numRuns: 4000 });
  });

  it('accepts only what fastOrder accepts, with the same values (mutated lines)', () => {
    fc.assert(fc.property(mutated, fc.constantFrom('', 'bench-shop'), (line, hint) => agrees(line, hint)), { numRuns: 6000 });
  });

  it('reads every canonical order of plain texts that fastOrder accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(canonical, (o) => {
        const line = JSON.stringify(o);
        const want = expected(line);
        expect(scanned(line, 'bench-shop')).toEqual(want);
        if (want) accepted++;
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300); // the property is not met by refusing everything
  });

  it('reads the bench backup\'s order line, and steps aside from an escape or a 16-digit amount', () => {
    const line =
      '{"orderId":"6907620048271700070","shopId":"bench-shop","customerKey":"douyin:bench-shop:nick:追风先生","placedAt":"2026-11-05T12:18:04+08:00","paidAt":"2026-11-05T12:21:44+08:00","amountFen":59690,"quantity":3,"productId":"3600000039596500","productName":"轻薄羽绒服","items":[{"productId":"3600000039596500","productName":"轻薄羽绒服","spec":"藏青 L","unitPriceFen":49900,"quantity":1},{"productId":"3600000277169770","productName":"跳绳 计数款","spec":"黑色","unitPriceFen":2990,"quantity":1}],"channel":"live","traffic":"organic","status":"completed","recipientName":"王*","recipientPhone":"199****6443","province":"广西壮族自治区","city":"桂林市","promisedShipAt":"2026-11-07T12:21:44+08:00","shippedAt":"2026-11-07T08:54:56+08:00"}';
    expect(scanned(line, 'bench-shop')).toEqual({
      orderId: '6907620048271700070', shopId: 'bench-shop', customerKey: 'douyin:bench-shop:nick:追风先生',
      placedDay: dayNumberOfInstant('2026-11-05T00:00:00+08:00'), paidDay: dayNumberOfInstant('2026-11-05T00:00:00+08:00'),
      paid: 1, amountFen: 59690, channel: CHANNELS.indexOf('live'), traffic: TRAFFICS.indexOf('organic'),
      productId: '3600000039596500', productName: '轻薄羽绒服',
    });
    expect(scanned(line.replace('王*', '王\\u002a'), 'bench-shop')).toBeNull();
    expect(scanned(line.replace('59690', '1000000000000000'), 'bench-shop')).toBeNull();
  });
});
