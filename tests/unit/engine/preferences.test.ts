import { describe, expect, it } from 'vitest';
import type { Order, ShopData } from '../../../lib/model';
import { dayNumber } from '../../../lib/model';
import { buildSnapshot, customerIndexOf } from '../../../lib/engine/snapshot';
import { audiencePreferences } from '../../../lib/engine/preferences';

const SHOP = 'S1';
const key = (id: string) => `douyin:${SHOP}:id:${id}`;
let seq = 0;
function order(id: string, day: string, product: string, amountFen: number, channel: Order['channel'], status: Order['status'] = 'completed'): Order {
  return {
    orderId: `p${++seq}`, shopId: SHOP, customerKey: key(id), placedAt: `${day}T10:00:00+08:00`,
    ...(status === 'unpaid' ? {} : { paidAt: `${day}T10:02:00+08:00` }),
    amountFen, quantity: 1, productId: product, productName: `商品${product}`, items: [{ productId: product, productName: `商品${product}`, quantity: 1 }],
    channel, traffic: 'organic', status,
  };
}
const data: ShopData = {
  shop: { shopId: SHOP, platform: 'douyin', name: '店' },
  customers: [], contacts: [],
  orders: [
    order('A', '2026-03-01', '1', 5000, 'live'),
    order('A', '2026-03-02', '1', 5000, 'live'),
    order('A', '2026-03-03', '2', 20000, 'video'),
    order('B', '2026-03-05', '2', 20000, 'live'),
    order('B', '2026-03-06', '3', 900, 'card', 'refunded'), // not a paid order
    order('C', '2026-03-04', '3', 900, 'card'), // C is not in the audience
    order('A', '2026-02-01', '3', 900, 'card'), // before the range
  ],
};
const snap = buildSnapshot(data);
const members = Int32Array.from(['A', 'B'].map((id) => customerIndexOf(snap, key(id))));
const range = { start: dayNumber('2026-03-01'), end: dayNumber('2026-03-31') };

describe('audiencePreferences', () => {
  it('ranks products and channels by the audience’s paid orders in the range', () => {
    const p = audiencePreferences(snap, members, range);
    expect(p.products).toEqual([
      { key: 'id:2', name: '商品2', buyers: 2, orders: 2, gmvFen: 40000 },
      { key: 'id:1', name: '商品1', buyers: 1, orders: 2, gmvFen: 10000 },
    ]);
    expect(p.channels).toEqual([
      { key: 'live', name: '直播', buyers: 2, orders: 3, gmvFen: 30000 },
      { key: 'video', name: '短视频', buyers: 1, orders: 1, gmvFen: 20000 },
    ]);
  });

  it('honours the range, top N and an empty audience', () => {
    const feb = audiencePreferences(snap, members, { start: dayNumber('2026-02-01'), end: dayNumber('2026-02-28') });
    expect(feb.products.map((r) => r.key)).toEqual(['id:3']);
    expect(feb.channels.map((r) => [r.key, r.name])).toEqual([['card', '商品卡']]);
    expect(audiencePreferences(snap, members, range, { top: 1 }).products).toHaveLength(1);
    expect(audiencePreferences(snap, new Int32Array(0), range)).toEqual({ products: [], channels: [] });
  });
});
