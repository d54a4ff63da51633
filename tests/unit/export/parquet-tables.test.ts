/** The Parquet export's row mapping: timestamps as epoch ms, their UTC+8 day numbers, item rows, batches. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumber, dayOf, type Order } from '@/lib/model';
import { ColumnBatch, CONTACTS_TABLE, ORDERS_TABLE, orderItemRows } from '@/lib/export/parquet-tables';
import { contact, order } from '../engine/world';

const cell = (name: string, o: Order) => ORDERS_TABLE.columns.find((c) => c.name === name)!.value(o);

describe('parquet-tables', () => {
  it('a timestamp is its epoch ms and its day the UTC+8 calendar day (any instant 1900–2200, any offset)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800, max: 7_258_118_400 }), fc.constantFrom('+08:00', 'Z', '-05:30'), (sec, zone) => {
        const utc = new Date(sec * 1000);
        // The instant written in `zone`, as a capture may carry it; the validated form is +08:00.
        const off = zone === 'Z' ? 0 : zone === '+08:00' ? 480 : -330;
        const local = new Date(utc.getTime() + off * 60_000).toISOString().slice(0, 19);
        const at = `${local}${zone}`;
        const o = order('a', { placedAt: at, paidAt: at, status: 'paid', amountFen: 1 });
        expect(cell('placed_at', o)).toBe(sec * 1000);
        expect(cell('paid_day', o)).toBe(dayNumber(dayOf(at)));
        // UTC+8 day by arithmetic, independent of the code under test.
        expect(cell('placed_day', o)).toBe(Math.floor((sec * 1000 + 8 * 3_600_000) / 86_400_000));
      }),
    );
  });

  it('absent optional fields are null; an order without items has no item rows', () => {
    const o = order('a', { placedAt: '2026-11-01', status: 'unpaid', amountFen: 5 });
    expect([cell('paid_at', o), cell('paid_day', o), cell('shipped_at', o), cell('product_id', o)]).toEqual([null, null, null, null]);
    expect(orderItemRows(o)).toEqual([]);
    const withItems = { ...o, items: [{ productName: 'x', quantity: 1 }, { productName: 'y', quantity: 2 }] };
    expect(orderItemRows(withItems).map((r) => [r.index, r.item.productName])).toEqual([[0, 'x'], [1, 'y']]);
  });

  it('a batch gathers rows as columns and empties when taken', () => {
    const b = new ColumnBatch(CONTACTS_TABLE);
    b.add(contact('a', '2026-11-01', 'cart'));
    b.add(contact('b', '2026-11-02'));
    expect(b.size).toBe(2);
    const cols = b.take();
    const kind = CONTACTS_TABLE.columns.findIndex((c) => c.name === 'kind');
    const dayCol = CONTACTS_TABLE.columns.findIndex((c) => c.name === 'contact_day');
    expect(cols[kind]).toEqual(['cart', 'visit']);
    expect(cols[dayCol]).toEqual([dayNumber('2026-11-01'), dayNumber('2026-11-02')]);
    expect(b.size).toBe(0);
    expect(b.take().every((c) => c.length === 0)).toBe(true);
  });
});
