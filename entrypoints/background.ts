/**
 * The MV3 service worker only routes, validates and stores (Chrome may stop it at any time):
 * content scripts send capture batches, zod validates them, Dexie stores them in one
 * transaction, and the reply tells the tab which natural keys were stored.
 */
import { validateBatch } from '@/lib/capture/ingest';
import { getDb, storeCaptureBatch } from '@/lib/db';
import { onMessage, type StoreReply } from '@/lib/messaging';

export default defineBackground(() => {
  onMessage('captureBatch', async ({ data }): Promise<StoreReply> => {
    const validated = validateBatch(data, crypto.randomUUID());
    if (!validated.ok) return { ok: false, reason: validated.reason, keys: [], rejected: [] };
    const b = validated.batch;
    try {
      const stored = await storeCaptureBatch(getDb(), {
        shop: b.shop,
        customers: b.customers,
        orders: b.orders,
        contacts: b.contacts,
        platformSnapshots: b.snapshots,
        capture: b.capture,
      });
      const keys =
        data.primary === 'rows'
          ? data.rawRows.map((r) => `${data.adapter}|${JSON.stringify(r)}`)
          : stored.keys[data.primary === 'snapshots' ? 'snapshots' : data.primary].map((k) => `${b.shop.shopId}|${k}`);
      return { ok: true, shopId: b.shop.shopId, keys, rejected: b.capture.rejected };
    } catch (err) {
      return { ok: false, reason: `保存失败：${err instanceof Error ? err.message : String(err)}`, keys: [], rejected: [] };
    }
  });
});
