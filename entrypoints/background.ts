/**
 * The MV3 service worker only routes, validates and stores (Chrome may stop it at any time):
 * content scripts send capture batches, zod validates them, Dexie stores them in one
 * transaction, and the reply tells the tab which natural keys were stored.
 */
import { validateBatch } from '@/lib/capture/ingest';
import { getDb, storeCaptureBatch } from '@/lib/db';
import { onMessage, tierCacheKey, type CustomerTiers, type StoreReply, type TierCache } from '@/lib/messaging';

/** The generic capture script (entrypoints/generic.content, registered at runtime only). */
const GENERIC_SCRIPT = '/content-scripts/generic.js';

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

  // Tier chips: labels from the cache the side panel's engine worker writes (the engine never runs here).
  onMessage('customerTiers', async ({ data }): Promise<CustomerTiers> => {
    const cache = (await getDb().settings.get(tierCacheKey(data.shopId)))?.value as TierCache | undefined;
    const out: CustomerTiers = {};
    if (!cache?.tiers) return out;
    for (const k of data.keys) {
      const labels = cache.tiers[k];
      if (labels && labels.length > 0) out[k] = labels;
    }
    return out;
  });

  // The overlay's shop prompt: pick a shop already stored for this platform.
  onMessage('knownShops', async ({ data }) => {
    const shops = await getDb().shops.toArray();
    return shops.filter((s) => s.platform === data.platform).map((s) => ({ shopId: s.shopId, platform: s.platform, name: s.name }));
  });

  // 采集此页表格 on any site: activeTab (granted by the toolbar click) + scripting, no host permission.
  onMessage('injectGenericCapture', async ({ data, sender }) => {
    // Only the extension's own pages (the popup) may ask; a content script never injects into other tabs.
    if (!sender.url?.startsWith(chrome.runtime.getURL(''))) return { ok: false, reason: 'not allowed from a web page' };
    try {
      await chrome.scripting.executeScript({ target: { tabId: data.tabId }, files: [GENERIC_SCRIPT] });
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
  });
});
