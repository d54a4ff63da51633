/** Builders for hand-written ShopData worlds in engine tests. */
import type { Contact, ContactKind, Customer, Order, OrderStatus, ShopData } from '@/lib/model';

export const SHOP = 'S1';
/** Customer key of letter `id` in shop S1. */
export const key = (id: string, shop: string = SHOP) => `douyin:${shop}:id:${id}`;

/** A customer record. */
export function cust(id: string, extra: Partial<Customer> = {}, shop: string = SHOP): Customer {
  return { customerKey: key(id, shop), shopId: shop, nickname: id, tags: [], ...extra };
}

/** A contact; bare `YYYY-MM-DD` days become noon +08:00. */
export function contact(id: string, at: string, kind: ContactKind = 'visit', shop: string = SHOP): Contact {
  return { shopId: shop, customerKey: key(id, shop), at: at.length === 10 ? `${at}T12:00:00+08:00` : at, kind };
}

let seq = 0;
/** An order; bare days become noon +08:00. */
export function order(
  id: string,
  o: {
    placedAt: string;
    paidAt?: string;
    status: OrderStatus;
    amountFen: number;
    channel?: Order['channel'];
    traffic?: Order['traffic'];
    orderId?: string;
    shop?: string;
  },
): Order {
  const shop = o.shop ?? SHOP;
  const t = (s: string) => (s.length === 10 ? `${s}T12:00:00+08:00` : s);
  return {
    orderId: o.orderId ?? `o${++seq}`,
    shopId: shop,
    customerKey: key(id, shop),
    placedAt: t(o.placedAt),
    ...(o.paidAt !== undefined ? { paidAt: t(o.paidAt) } : {}),
    amountFen: o.amountFen,
    quantity: 1,
    items: [],
    channel: o.channel ?? 'other',
    traffic: o.traffic ?? 'unknown',
    status: o.status,
  };
}

/** A ShopData of shop S1 (douyin unless told). */
export function world(parts: Partial<Omit<ShopData, 'shop'>>, platform: 'douyin' | 'taobao' = 'douyin'): ShopData {
  return {
    shop: { shopId: SHOP, platform, name: 'Test shop' },
    customers: parts.customers ?? [],
    orders: parts.orders ?? [],
    contacts: parts.contacts ?? [],
  };
}

/** A generated order (fast-check worlds): day offsets `placed` / `paidDelta` turned into days by `day`, id `p<i>`. */
export function orderOfArb(
  o: { id: string; placed: number; paidDelta?: number; status: OrderStatus; amountFen: number; channel: Order['channel']; traffic: Order['traffic'] },
  i: number,
  day: (offset: number) => string,
  shop?: string,
): Order {
  return order(o.id, {
    orderId: `p${i}`,
    placedAt: day(o.placed),
    ...(o.paidDelta !== undefined ? { paidAt: day(o.placed + o.paidDelta) } : {}),
    status: o.status,
    amountFen: o.amountFen,
    channel: o.channel,
    traffic: o.traffic,
    ...(shop !== undefined ? { shop } : {}),
  });
}
