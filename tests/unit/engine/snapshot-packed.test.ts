import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, NO_DAY, type Snapshot } from '@/lib/engine';
import { packSnapshotColumns, unpackSnapshotColumns, type SnapshotScalars, type StoredEncoding } from '@/lib/engine/snapshot/packed';
import { generateShop } from '@/tests/fixtures/generate';
import { contact, cust, order, world } from './world';

/** Every field, typed arrays as plain arrays (their element type kept apart). */
function plain(s: Snapshot): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, ArrayBuffer.isView(v) ? [v.constructor.name, Array.from(v as Int32Array)] : v]),
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
    expect(layout.bytes).toBeLessThan(columnBytes * 0.55);
    expect(layout.storedContacts).toBe(data.contacts.length);
  });

  it('stores days as Uint16 after the earliest day, small codes as bytes, money as Int32 fen, and not what it derives', () => {
    const s = small();
    const { layout, encOf, back } = roundTrip(s);
    expect(plain(back)).toEqual(plain(s));
    expect(layout.dayBase).toBe(s.contactDay[1]); // 2026-10-01, the earliest day of any column
    expect(encOf('orderPlacedDay')).toBe('day16');
    expect(encOf('custContactDay')).toBe('day16');
    expect(encOf('customerProvince')).toBe('code8');
    expect(encOf('orderProduct')).toBe('code8');
    expect(encOf('orderAmountFen')).toBe('fen32');
    expect(encOf('orderCustomer')).toBe('i32');
    for (const derived of ['orderHappenDay', 'contactOrder', 'custPaidDay', 'custPaidAmountFen', 'paidOrderDays'] as const)
      expect(encOf(derived)).toBeUndefined();
    // Only the 3 explicit contacts are stored; the 4 placed and 2 paid (paid status with a paid day) order contacts are written again.
    expect(s.contactCount).toBe(9);
    expect(layout.storedContacts).toBe(3);
    expect(Array.from(back.contactOrder)).toEqual([-1, -1, -1, 0, 1, 2, 3, 0, 3]);
  });

  it('keeps the edge values of each narrowed encoding and widens just past them', () => {
    const cases: [keyof Snapshot, number, StoredEncoding][] = [
      ['customerCity', 254, 'code8'], ['customerCity', 255, 'code16'], ['customerCity', 65534, 'code16'], ['customerCity', 65535, 'i32'],
      ['customerCity', -2, 'i32'], ['orderAmountFen', 2147483647, 'fen32'], ['orderAmountFen', -2147483648, 'fen32'],
      ['orderAmountFen', 2147483648, 'f64'], ['orderAmountFen', 0.5, 'f64'], ['orderAmountFen', -0, 'f64'],
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
      const base = s.contactDay[1]!;
      s.custContactDay[0] = base + span;
      s.orderPaidDay[1] = NO_DAY;
      const { encOf, back } = roundTrip(s);
      expect(encOf('custContactDay')).toBe(enc);
      expect(back.custContactDay[0]).toBe(base + span);
      expect(plain(back)).toEqual(plain(s));
    }
  });

  it('stores a column after all when the snapshot does not hold it as derived, and still reads back equal', () => {
    const mutate: ((s: Snapshot) => void)[] = [
      (s) => void (s.orderHappenDay[1] = s.orderHappenDay[1]! + 1),
      (s) => void (s.contactKind[5] = 0),
      (s) => void (s.contactOrder[0] = 3),
      (s) => void (s.custPaidAmountFen[0] = 1),
      (s) => void (s.paidOrderDays[0] = 7),
    ];
    for (const f of mutate) {
      const s = small();
      f(s);
      const { back } = roundTrip(s);
      expect(plain(back)).toEqual(plain(s));
    }
  });

  it('round-trips any day, code and amount values (property)', () => {
    const day = fc.oneof(fc.constant(NO_DAY), fc.integer({ min: -1000, max: 70_000 }));
    fc.assert(
      fc.property(fc.array(day, { minLength: 4, maxLength: 4 }), fc.array(fc.oneof(fc.integer({ min: -1, max: 70_000 }), fc.double({ noNaN: true })), { minLength: 4, maxLength: 4 }), fc.integer({ min: -1, max: 70_000 }), (days, amounts, code) => {
        const s = small();
        days.forEach((d, i) => (s.orderPlacedDay[i] = d));
        amounts.forEach((a, i) => (s.orderAmountFen[i] = a));
        s.customerMemberLevel[2] = code;
        expect(plain(roundTrip(s).back)).toEqual(plain(s));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses stored bytes that are cut short or columns of the wrong length', () => {
    const s = small();
    const { layout, bytes } = roundTrip(s);
    expect(() => unpackSnapshotColumns(layout, bytes.buffer.slice(0, layout.bytes - 8), scalars(s))).toThrow(/run past/);
    expect(() => unpackSnapshotColumns(layout, bytes.buffer, { ...scalars(s), orderCount: 5 })).toThrow(/orderCustomer|expected 5/);
    const renamed = { ...layout, columns: layout.columns.map((c) => (c.name === 'orderPaid' ? { ...c, name: 'orderIds' as const } : c)) };
    expect(() => unpackSnapshotColumns(renamed, bytes.buffer, scalars(s))).toThrow(/orderIds/);
  });
});
