import { describe, expect, it } from 'vitest';
import { validateBatch, type CaptureBatch } from '@/lib/capture/ingest';

const shop = { shopId: 's1', platform: 'douyin', name: '小鹿优选' };
const goodOrder = {
  orderId: '1', shopId: 's1', customerKey: 'douyin:s1:id:1', placedAt: '2026-11-20 10:00:00',
  amountFen: 100, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid',
};

function batch(patch: Partial<CaptureBatch> = {}): CaptureBatch {
  return {
    adapter: 'douyin-orders', primary: 'orders', url: 'https://fxg.jinritemai.com/ffa/morder/order/list',
    capturedAt: '2026-11-21T09:00:00+08:00', shop, headers: ['订单'], rawRows: [['a'], ['b'], ['c']],
    customers: [], orders: [], contacts: [], snapshots: [], rejected: [], ...patch,
  };
}

describe('validateBatch (the zod hop in the background)', () => {
  it('keeps valid records and turns invalid ones into rejects with row and reason', () => {
    const r = validateBatch(
      batch({
        orders: [
          { row: 0, record: goodOrder },
          { row: 1, record: { ...goodOrder, orderId: '2', amountFen: 1.5 } },
          { row: 2, record: { ...goodOrder, orderId: '3', shopId: 's2' } },
        ],
        customers: [{ row: 1, record: { customerKey: 'k', shopId: 's1' } }],
        rejected: [{ row: 2, reason: '实付金额无法读取' }],
      }),
      'cap-1',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.batch.orders.map((o) => o.orderId)).toEqual(['1']);
    expect(r.batch.customers).toEqual([]);
    expect(r.batch.capture.rowCount).toBe(3);
    expect(r.batch.capture.rejected).toEqual([
      { row: 1, reason: 'customer: nickname: Invalid input: expected string, received undefined; order: amountFen: amount must be integer fen' },
      { row: 2, reason: '实付金额无法读取; order: shopId s2 ≠ s1' },
    ]);
  });

  it('refuses a batch without a readable shop, storing nothing', () => {
    const r = validateBatch(batch({ shop: { name: 'x' } }), 'cap-2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^店铺信息无法识别/);
  });

  it('keeps the cross-check of the DOM and the observed JSON in the capture (SPEC §8)', () => {
    const crossCheck = { observed: 2, dom: 3, matched: 2, disagreementCount: 1, disagreements: [{ key: 'order:1', field: 'amountFen', dom: '100', observed: '110' }] };
    const r = validateBatch(batch({ orders: [{ row: 0, record: goodOrder }], crossCheck }), 'cap-3');
    expect(r.ok && r.batch.capture.crossCheck).toEqual(crossCheck);
    const plain = validateBatch(batch(), 'cap-4');
    expect(plain.ok && 'crossCheck' in plain.batch.capture).toBe(false);
  });
});
