/** `npm run bench:browser`'s capture batches and how they are sent (the real background path). */
import type { Page } from '@playwright/test';
import type { CaptureBatch } from '../../lib/capture/ingest';
import type { Customer, Order } from '../../lib/model';
import { generateShop } from '../../tests/fixtures/generate';
import type { Opts } from './options';

/** One capture batch of `orders` (with their customers) as the 抖店 orders adapter sends it. */
function ordersBatch(shop: CaptureBatch['shop'], orders: Order[], byKey: Map<string, Customer>, url: string, capturedAt: string): CaptureBatch {
  return {
    adapter: 'douyin-orders',
    primary: 'orders',
    url,
    capturedAt,
    shop,
    headers: ['订单号', '金额'],
    rawRows: orders.map((o) => [o.orderId, String(o.amountFen)]),
    customers: orders.map((o, row) => ({ row, record: byKey.get(o.customerKey) })).filter((c) => c.record !== undefined),
    orders: orders.map((o, row) => ({ row, record: o })),
    contacts: [],
    snapshots: [],
    rejected: [],
  };
}

/** Capture batches of `size` orders each (with their customers), as the 抖店 orders adapter sends them. */
export function ingestBatches(opts: Opts): CaptureBatch[] {
  const d = generateShop({ seed: opts.seed + 1, platform: 'douyin', shopId: 'ingest-shop', shopName: '吞吐测速店', customers: Math.ceil(opts.ingestOrders / 4), endDay: '2026-11-20', days: opts.days });
  const byKey = new Map(d.customers.map((c) => [c.customerKey, c]));
  const orders = d.orders.slice(0, opts.ingestOrders);
  const out: CaptureBatch[] = [];
  for (let i = 0; i < orders.length; i += opts.batch) {
    const url = `https://fxg.jinritemai.com/ffa/morder/order/list?page=${i / opts.batch + 1}`;
    out.push(ordersBatch(d.shop, orders.slice(i, i + opts.batch), byKey, url, '2026-11-21T09:00:00+08:00'));
  }
  return out;
}

/**
 * A capture batch into the restored shop as the 抖店 orders page would send it: new paid orders on
 * the latest day (ids `live-<run>-<i>`) and the shop's latest orders seen again as refunded.
 */
export function liveBatch(data: ReturnType<typeof generateShop>, size: number, run: number): CaptureBatch {
  const byKey = new Map(data.customers.map((c) => [c.customerKey, c]));
  const latest = data.orders.slice().sort((a, b) => (a.placedAt < b.placedAt ? 1 : -1)).slice(0, size);
  const fresh = Math.ceil(size * 0.75);
  const orders = latest.map((o, i) =>
    i < fresh
      ? { ...o, orderId: `live-${run}-${i}`, status: 'paid' as const }
      : { ...o, status: 'refunded' as const },
  );
  return ordersBatch(data.shop, orders, byKey, `https://fxg.jinritemai.com/ffa/morder/order/list?live=${run}`, '2026-11-21T10:00:00+08:00');
}

/** Sends `batches` one after another as `captureBatch` messages from an extension page; total and per-batch times. */
export async function ingest(page: Page, batches: CaptureBatch[]): Promise<{ ms: number; orders: number; firstMs: number; lastMs: number }> {
  const orders = batches.reduce((n, b) => n + b.orders.length, 0);
  // Sent from the extension page exactly as @webext-core/messaging's sendMessage frames it.
  // Plain JS text (not a transpiled function: tsx would add helpers the page does not have).
  const r = (await page.evaluate(`(async (all) => {
    const send = (data) => new Promise((resolve, reject) =>
      chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type: 'captureBatch', data, timestamp: Date.now() }, (reply) =>
        chrome.runtime.lastError ? reject(new Error(chrome.runtime.lastError.message)) : resolve(reply)));
    const times = [];
    const t0 = performance.now();
    for (const b of all) {
      const t = performance.now();
      const reply = await send(b);
      if (!reply || !reply.res || !reply.res.ok) throw new Error('captureBatch refused: ' + JSON.stringify(reply));
      times.push(performance.now() - t);
    }
    const k = Math.max(1, Math.floor(times.length / 10));
    const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
    return { ms: performance.now() - t0, firstMs: mean(times.slice(0, k)), lastMs: mean(times.slice(-k)) };
  })(${JSON.stringify(batches)})`)) as { ms: number; firstMs: number; lastMs: number };
  return { ...r, orders };
}
