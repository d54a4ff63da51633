/** Shared builders for the storage and backup tests. */
import type { z } from 'zod';
import type { Contact, CustomerInput, OrderInput, PlatformSnapshot, Capture } from '@/lib/model';
import { SellerLensDb } from '@/lib/db';

let n = 0;
/** A new, empty database with a unique name (fake-indexeddb keeps databases per process). */
export function freshDb(): SellerLensDb {
  n++;
  return new SellerLensDb(`test-${process.pid}-${n}-${Math.random().toString(36).slice(2)}`);
}

/** Every table's rows, sorted by JSON text, for "nothing changed" comparisons. */
export async function dumpAll(db: SellerLensDb): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of db.tables) out[t.name] = (await t.toArray()).map((r) => JSON.stringify(r)).sort();
  return out;
}

export const shopA = { shopId: '10001', platform: 'douyin' as const, name: '甲店' };
export const shopB = { shopId: '20002', platform: 'taobao' as const, name: '乙店' };

export function customer(shopId: string, id: string, extra: Partial<CustomerInput> = {}): CustomerInput {
  return { customerKey: `douyin:${shopId}:id:${id}`, shopId, nickname: `买家${id}`, buyerId: id, tags: [], ...extra };
}

export function order(shopId: string, orderId: string, buyer: string, extra: Partial<OrderInput> = {}): OrderInput {
  return {
    orderId,
    shopId,
    customerKey: `douyin:${shopId}:id:${buyer}`,
    placedAt: '2026-11-20 13:45:12',
    paidAt: '2026-11-20T13:46:00+08:00',
    amountFen: 12345,
    quantity: 1,
    productName: '羊毛围巾',
    channel: 'live',
    traffic: 'organic',
    status: 'paid',
    ...extra,
  };
}

export function contact(shopId: string, buyer: string, at: string, extra: Partial<z.input<typeof Contact>> = {}) {
  return { shopId, customerKey: `douyin:${shopId}:id:${buyer}`, at, kind: 'visit' as const, ...extra };
}

export function snapshot(shopId: string, seenOn: string, purchasers: number): z.input<typeof PlatformSnapshot> {
  return {
    shopId,
    source: 'compass-user-asset',
    seenOn,
    window: { start: '2026-10-22', end: '2026-11-20' },
    metrics: { purchasers: { value: purchasers, change: 0.125 }, repeat: { value: 12 } },
  };
}

export function capture(shopId: string, captureId: string, rows: string[][]): z.input<typeof Capture> {
  return {
    captureId,
    shopId,
    url: 'https://fxg.jinritemai.com/ffa/morder/order/list',
    adapter: 'douyin-order-list',
    capturedAt: '2026-11-20T14:00:00+08:00',
    headers: ['订单号', '买家', '金额'],
    rawRows: rows,
    rowCount: rows.length,
    rejected: [],
  };
}
