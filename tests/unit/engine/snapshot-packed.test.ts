import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, NO_DAY, snapshotFromBuffers, snapshotToBuffers, type Snapshot } from '@/lib/engine';
import { lacksColdColumns, packSnapshotColumns, supplyColdColumns, unpackSnapshotColumns, type SnapshotScalars, type StoredEncoding } from '@/lib/engine/snapshot/packed';
import { generateShop } from '@/tests/fixtures/generate';
import { contact, cust, order, world } from './world';

/** Every field, typed arrays as plain arrays (their element type kept apart). */
/** The hot day and fen columns (DayColumn, FenColumn): read back narrower when every value fits, so compared by their values. */
const HOT_DAYS = new Set(['custContactDay', 'custPaidDay', 'paidOrderDays', 'orderAmountFen', 'custPaidAmountFen']);

function plain(s: Snapshot): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, ArrayBuffer.isView(v) ? [HOT_DAYS.has(k) ? 'DayColumn' : v.constructor.name, Array.from(v as Int32Array)] : v]),
  );
}

const scalars = (s: Snapshot): SnapshotScalars => ({
  shopId: s.shopId, platform: s.platform, latestDay: s.latestDay, customerCount: s.customerCount, customerKeys: s.customerKeys,
  provinces: s.provinces, cities: s.cities, memberLevels: s.memberLevels, orderCount: s.orderCount, orderIds: s.orderIds,
  productKeys: s.productKeys, productNames: s.productNames, contactCount: s.contactCount,
});

/** Packs `s`, joins the parts as the record's Blob does, and reads it back. */
function roundTrip(s: Snapshot) {
  const { layout, parts } = packSnapshotColumns(s);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  expect(at).toBe(layout.bytes);
  const encOf = (name: keyof Snapshot): StoredEncoding | undefined => layout.columns.find((c) => c.name === name)?.enc;
  return { layout, bytes, encOf, back: unpackSnapshotColumns(layout, bytes.buffer, scalars(s)) };
}

/** A small shop: 3 customers, 4 orders (2 paid with a paid day, 1 paid without), 3 explicit contacts. */
function small(): Snapshot {
  return buildSnapshot(
    world({
      customers: [cust('A', { province: '四川省', city: '成都市', memberLevel: 'V1' }), cust('B')],
      orders: [
        order('A', { placedAt: '2026-11-01', paidAt: '2026-11-02', status: 'paid', amountFen: 1999 }),
        order('A', { placedAt: '2026-11-03', status: 'completed', amountFen: 500 }),
        order('C', { placedAt: '2026-11-04', paidAt: '2026-11-04', status: 'refunded', amountFen: 700 }),
        order('B', { placedAt: '2026-11-05', paidAt: '2026-11-06', status: 'shipped', amountFen: 0 }),
      ],
      contacts: [contact('B', '2026-10-20', 'cart'), contact('A', '2026-10-01'), contact('C', '2026-11-07', 'view')],
    }),
  );
}

describe('packed snapshot columns (the persisted record layout)', () => {
  it('read back a generated shop exactly, in about half the bytes of its columns', () => {
    const data = generateShop({ seed: 5, platform: 'douyin', shopId: 'pk', shopName: '打包店', customers: 800, endDay: '2026-11-20', days: 200 });
    const s = buildSnapshot(data);
    const { layout, back } = roundTrip(s);
    expect(plain(back)).toEqual(plain(s));
    expect(Object.keys(back)).toEqual(Object.keys(s)); // the same object shape as buildSnapshot's
    let columnBytes = 0;
    for (const v of Object.values(s)) if (ArrayBuffer.isView(v)) columnBytes += v.byteLength;
    expect(layout.bytes).toBeLessThan(columnBytes * 0.6);
    expect(layout.explicitContacts).toBe(data.contacts.length);
  });

  it('keeps what the 概览 reads in place, narrows order days and customer codes, and derives the raw contact columns', () => {
    const s = small();
    const { layout, encOf, back } = roundTrip(s);
    // Before any read: the narrowed and derived columns are getters, the others views into the stored bytes.
    for (const lazy of ['customerProvince', 'orderPlacedDay', 'orderPaidDay', 'contactCustomer', 'contactDay', 'contactKind', 'contactOrder'] as const)
      expect([lazy, typeof Object.getOwnPropertyDescriptor(back, lazy)?.get]).toEqual([lazy, 'function']);
    expect(back.custContactDay.buffer).toBe(back.orderAmountFen.buffer);
    expect(plain(back)).toEqual(plain(s));
    expect(Object.getOwnPropertyDescriptor(back, 'contactOrder')?.value).toBeInstanceOf(Int32Array); // settled after the read
    expect(layout.dayBase).toBe(s.orderPlacedDay[0]); // 2026-11-01, the earliest order day
    expect(encOf('orderPlacedDay')).toBe('day16');
    expect(encOf('customerProvince')).toBe('code8');
    // The hot day columns: the same day numbers at 16 bits, in place (not widened).
    for (const name of ['custContactDay', 'custPaidDay', 'paidOrderDays'] as const) {
      expect([name, encOf(name)]).toEqual([name, 'u16']);
      expect(Object.getOwnPropertyDescriptor(back, name)?.value).toBeInstanceOf(Uint16Array);
      expect(Array.from(back[name])).toEqual(Array.from(s[name]));
    }
    expect(back.custContactDay.buffer).toBe(back.custPaidDay.buffer);
    // Whole fen in Int32's range: the amounts at 32 bits, in place.
    for (const name of ['orderAmountFen', 'custPaidAmountFen'] as const) {
      expect([name, encOf(name)]).toEqual([name, 'i32']);
      expect(Object.getOwnPropertyDescriptor(back, name)?.value).toBeInstanceOf(Int32Array);
    }
    for (const derived of ['contactCustomer', 'contactDay', 'contactKind', 'contactOrder'] as const) expect(encOf(derived)).toBeUndefined();
    expect(encOf('custContactKind')).toBe('u8');
    // Only the 3 explicit contacts are stored; the 4 placed and 2 paid (paid status with a paid day) order contacts are written again.
    expect(s.contactCount).toBe(9);
    expect(layout.explicitContacts).toBe(3);
    expect(Array.from(back.contactOrder)).toEqual([-1, -1, -1, 0, 1, 2, 3, 0, 3]);
  });

  it('keeps the edge values of each narrowed encoding and widens just past them', () => {
    const cases: [keyof Snapshot, number, StoredEncoding][] = [
      ['customerCity', 254, 'code8'], ['customerCity', 255, 'code16'], ['customerCity', 65534, 'code16'], ['customerCity', 65535, 'i32'],
      ['customerCity', -2, 'i32'], ['customerMemberLevel', -1, 'code8'], ['orderAmountFen', 2147483648, 'f64'], ['orderAmountFen', -0, 'f64'],
    ];
    for (const [name, value, enc] of cases) {
      const s = small();
      (s[name] as Int32Array | Float64Array)[0] = value;
      const { encOf, back } = roundTrip(s);
      expect([name, value, encOf(name)]).toEqual([name, value, enc]);
      expect(Object.is((back[name] as Int32Array | Float64Array)[0], value)).toBe(true);
      expect(plain(back)).toEqual(plain(s));
    }
  });

  it('stores days up to 65534 days after the earliest as Uint16 (65535 is NO_DAY), Int32 beyond', () => {
    for (const [span, enc] of [[65534, 'day16'], [65535, 'i32']] as const) {
      const s = small();
      const base = s.orderPlacedDay[0]!;
      s.orderPaidDay[0] = base + span;
      s.orderPaidDay[1] = NO_DAY;
      const { encOf, back } = roundTrip(s);
      expect(encOf('orderPaidDay')).toBe(enc);
      expect(back.orderPaidDay[0]).toBe(base + span);
      expect(back.orderPaidDay[1]).toBe(NO_DAY);
      expect(plain(back)).toEqual(plain(s));
    }
  });

  it('stores a hot day column as Uint16 while every day is in 0…65535, Int32 (read back exactly) otherwise, and packs a 16-bit one again', () => {
    for (const [day, enc] of [[65535, 'u16'], [65536, 'i32'], [0, 'u16'], [-1, 'i32']] as const)
      for (const name of ['custContactDay', 'custPaidDay', 'paidOrderDays'] as const) {
        const s = small();
        s[name][0] = day;
        const { encOf, back } = roundTrip(s);
        expect([name, day, encOf(name)]).toEqual([name, day, enc]);
        expect(back[name][0]).toBe(day);
        expect(back[name]).toBeInstanceOf(enc === 'u16' ? Uint16Array : Int32Array);
        // A snapshot read at 16 bits packs (and reads back) the same again.
        expect(plain(roundTrip(back).back)).toEqual(plain(s));
      }
    // …and goes through the in-memory codec (Int32 columns) as the built one does.
    const s = small();
    const { header, buffers } = snapshotToBuffers(roundTrip(s).back);
    const again = snapshotFromBuffers(header, buffers);
    expect(again.custContactDay).toBeInstanceOf(Int32Array);
    expect(plain(again)).toEqual(plain(s));
  });

  it('stores a hot amount column as Int32 while every amount is whole fen in its range, Float64 (exactly, -0 too) otherwise', () => {
    const cases = [[2147483647, 'i32'], [-2147483648, 'i32'], [2147483648, 'f64'], [0.5, 'f64'], [-0, 'f64'], [1999, 'i32']] as const;
    for (const [amount, enc] of cases)
      for (const name of ['orderAmountFen', 'custPaidAmountFen'] as const) {
        const s = small();
        s[name][0] = amount;
        const { encOf, back } = roundTrip(s);
        expect([name, amount, encOf(name)]).toEqual([name, amount, enc]);
        expect(Object.is(back[name][0], amount)).toBe(true);
        expect(back[name]).toBeInstanceOf(enc === 'i32' ? Int32Array : Float64Array);
        expect(plain(roundTrip(back).back)).toEqual(plain(s));
      }
  });

  it('stores a column after all when the snapshot does not hold it as derived, and still reads back equal', () => {
    const mutate: [(s: Snapshot) => void, keyof Snapshot][] = [
      [(s) => void (s.contactDay[5] = s.contactDay[5]! + 1), 'contactDay'],
      [(s) => void (s.contactCustomer[0] = 2), 'contactCustomer'],
      [(s) => void (s.contactKind[1] = 2), 'contactKind'],
      [(s) => void (s.contactOrder[0] = 3), 'contactOrder'],
      [(s) => void (s.contactOrder[8] = 1), 'contactOrder'],
    ];
    for (const [f, name] of mutate) {
      const s = small();
      f(s);
      const { back, encOf } = roundTrip(s);
      expect([name, encOf(name)]).toEqual([name, name === 'contactKind' ? 'u8' : 'i32']);
      expect(plain(back)).toEqual(plain(s));
    }
  });

  it('round-trips any day, code and amount values (property)', () => {
    const day = fc.oneof(fc.constant(NO_DAY), fc.integer({ min: -1000, max: 70_000 }));
    fc.assert(
      fc.property(fc.array(day, { minLength: 4, maxLength: 4 }), fc.array(fc.double({ noNaN: true }), { minLength: 4, maxLength: 4 }), fc.integer({ min: -1, max: 70_000 }), (days, amounts, code) => {
        const s = small();
        days.forEach((d, i) => (s.orderPaidDay[i] = d));
        amounts.forEach((a, i) => (s.orderAmountFen[i] = a));
        s.customerMemberLevel[2] = code;
        expect(plain(roundTrip(s).back)).toEqual(plain(s));
      }),
      { numRuns: 150 },
    );
  });

  it('reads the 概览 columns from the hot range alone; the cold ones throw until supplied, then read back equal', () => {
    const data = generateShop({ seed: 9, platform: 'douyin', shopId: 'hc', shopName: '冷热店', customers: 400, endDay: '2026-11-20', days: 120 });
    const s = buildSnapshot(data);
    const { layout, bytes } = roundTrip(s);
    expect(layout.hotBytes).toBeGreaterThan(0);
    expect(layout.hotBytes).toBeLessThan(layout.bytes);
    const back = unpackSnapshotColumns(layout, bytes.buffer.slice(0, layout.hotBytes), scalars(s));
    expect(lacksColdColumns(back)).toBe(true);
    // The per-customer contact kinds are what contactKind gives through custContactIdx.
    expect(Array.from(back.custContactKind)).toEqual(Array.from(s.custContactIdx, (k) => s.contactKind[k]!));
    // The per-paid-order channel and traffic are what orderChannel / orderTraffic give through custPaidOrder.
    expect(Array.from(back.custPaidChannel)).toEqual(Array.from(s.custPaidOrder, (o) => s.orderChannel[o]!));
    expect(Array.from(back.custPaidTraffic)).toEqual(Array.from(s.custPaidOrder, (o) => s.orderTraffic[o]!));
    for (const hot of ['customerFlags', 'custContactDay', 'custPaidDay', 'custPaidAmountFen', 'custPaidChannel', 'custPaidTraffic'] as const)
      expect(Array.from(back[hot] as Int32Array), hot).toEqual(Array.from(s[hot] as Int32Array));
    // Every order-indexed column and the paid orders by day too: the §5.1 metrics and 高潜 read the per-customer index.
    for (const cold of [
      'custContactIdx', 'contactKind', 'contactCustomer', 'orderPaid', 'orderPlacedDay', 'customerCity', 'custOrderIdx', 'orderCustomer',
      'orderAmountFen', 'paidOrdersByDay', 'paidOrderDays', 'custPaidOrder', 'orderChannel', 'orderTraffic',
    ] as const)
      expect(() => back[cold], cold).toThrow(new RegExp(`${cold}|custContactIdx`));
    supplyColdColumns(back, bytes.buffer.slice(layout.hotBytes, layout.bytes));
    expect(lacksColdColumns(back)).toBe(false);
    expect(plain(back)).toEqual(plain(s));
    expect(Object.keys(back)).toEqual(Object.keys(s));
  });

  it('refuses stored bytes that are cut short or columns of the wrong length', () => {
    const s = small();
    const { layout, bytes } = roundTrip(s);
    expect(() => unpackSnapshotColumns(layout, bytes.buffer.slice(0, layout.hotBytes - 8), scalars(s))).toThrow(/run past/);
    const hot = unpackSnapshotColumns(layout, bytes.buffer.slice(0, layout.hotBytes), scalars(s));
    expect(() => supplyColdColumns(hot, bytes.buffer.slice(layout.hotBytes, layout.bytes - 8))).toThrow(/cut short/);
    expect(() => unpackSnapshotColumns(layout, bytes.buffer, { ...scalars(s), orderCount: 5 })).toThrow(/orderPlacedDay is missing or has 4 values, expected 5/);
    const renamed = { ...layout, columns: layout.columns.map((c) => (c.name === 'orderPaid' ? { ...c, name: 'orderIds' as const } : c)) };
    expect(() => unpackSnapshotColumns(renamed, bytes.buffer, scalars(s))).toThrow(/orderIds/);
  });
});
