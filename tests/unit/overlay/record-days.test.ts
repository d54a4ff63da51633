/** The days of a stored batch's badge records (lib/capture/ingest.ts recordDays), for the overlay's summary. */
import { expect, test } from 'vitest';
import { recordDays, validateBatch, type CaptureBatch } from '@/lib/capture/ingest';

const shop = { shopId: 's1', platform: 'douyin', name: '店' };
const order = (orderId: string, placedAt: string, paidAt?: string) => ({
  orderId, shopId: 's1', customerKey: 'k1', placedAt, ...(paidAt ? { paidAt } : {}), amountFen: 100, quantity: 1, channel: 'other', traffic: 'unknown', status: 'paid',
});
const batch = (over: Partial<CaptureBatch>): CaptureBatch => ({
  adapter: 'x', primary: 'orders', url: 'https://fxg.jinritemai.com/ffa/morder/order/list', capturedAt: '2026-11-21T10:00:00+08:00', shop, headers: [], rawRows: [],
  customers: [], orders: [], contacts: [], snapshots: [], rejected: [], ...over,
});
const validated = (b: CaptureBatch) => {
  const r = validateBatch(b, 'c1');
  if (!r.ok) throw new Error(r.reason);
  return r.batch;
};

test('orders by payment day (else placement), UTC+8', () => {
  const b = validated(batch({ rawRows: [[], [], []], orders: [
    { row: 0, record: order('o1', '2026-11-05T23:30:00+08:00', '2026-11-06T00:10:00+08:00') },
    { row: 1, record: order('o2', '2026-11-03T10:00:00+08:00') },
    // 2026-11-09 20:00 UTC is 2026-11-10 in UTC+8.
    { row: 2, record: order('o3', '2026-11-09T20:00:00Z') },
  ] }));
  expect(recordDays(b, 'orders')).toEqual({ from: '2026-11-03', to: '2026-11-10' });
});

test('contacts by visit day, snapshots by their window, nothing for customers or rows', () => {
  const b = validated(batch({
    primary: 'contacts',
    rawRows: [[], []],
    contacts: [{ row: 0, record: { shopId: 's1', customerKey: 'k1', at: '2026-11-20T09:00:00+08:00', kind: 'visit' } }],
    snapshots: [{ row: 1, record: { shopId: 's1', source: 'compass', seenOn: '2026-11-21', window: { start: '2026-10-22', end: '2026-11-20' }, metrics: {} } }],
  }));
  expect(recordDays(b, 'contacts')).toEqual({ from: '2026-11-20', to: '2026-11-20' });
  expect(recordDays(b, 'snapshots')).toEqual({ from: '2026-10-22', to: '2026-11-20' });
  expect(recordDays(b, 'customers')).toBeNull();
  expect(recordDays(b, 'rows')).toBeNull();
});
