/**
 * The MV3 service worker only routes, validates and stores (Chrome may stop it at any time):
 * content scripts send capture batches, zod validates them, Dexie stores them in one
 * transaction, and the reply tells the tab which natural keys were stored.
 */
import { recordDays, senderRefusal, validateBatch } from '@/lib/capture/ingest';
import { t } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';
import { getDb, storeCapture } from '@/lib/db';
import { onMessage, type CustomerTiers, type StoreReply } from '@/lib/messaging';
import { readSetting, tierLookupSetting } from '@/lib/db/settings/registry';

/** The generic capture script (entrypoints/generic.content, registered at runtime only). */
const GENERIC_SCRIPT = '/content-scripts/generic.js';

/** chrome.storage.session: tab id → origin where the merchant started the generic capture (popup), surviving a worker restart. */
const GENERIC_TABS_KEY = 'genericCaptureTabs';

async function genericTabs(): Promise<Record<string, string>> {
  const got = await chrome.storage.session.get(GENERIC_TABS_KEY).catch(() => ({}) as Record<string, unknown>);
  const v = got[GENERIC_TABS_KEY];
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

/** True when the sender is the top frame of a tab where the merchant started the generic capture, still on that origin. */
async function genericStartedFor(sender: chrome.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0 || !sender.url) return false;
  const origin = (await genericTabs())[String(tabId)];
  return origin !== undefined && (origin === '' || new URL(sender.url).origin === origin);
}

export default defineBackground(() => {
  chrome.tabs.onRemoved.addListener((tabId) => {
    void genericTabs().then((tabs) => {
      if (!(String(tabId) in tabs)) return;
      delete tabs[String(tabId)];
      return chrome.storage.session.set({ [GENERIC_TABS_KEY]: tabs });
    });
  });

  onMessage('captureBatch', async ({ data, sender }): Promise<StoreReply> => {
    const validated = validateBatch(data, crypto.randomUUID());
    if (!validated.ok) return { ok: false, retryable: false, reason: validated.reason, keys: [], rejected: [] };
    const b = validated.batch;
    // The shop is bound to the site that sent it: a console only for its own platform, any other
    // page only through the generic capture the merchant started there (issue 11 item 4).
    const refusal = senderRefusal(b.shop, { url: sender.url, origin: sender.origin }, { extensionOrigin: chrome.runtime.getURL(''), genericStarted: await genericStartedFor(sender) });
    if (refusal) return { ok: false, retryable: false, reason: t(refusal), keys: [], rejected: [] };
    try {
      const stored = await storeCapture(getDb(), {
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
      // New vs changed of the badge's records, and their days: the overlay's summary when capture ends.
      const counts = data.primary === 'rows' ? null : stored[data.primary];
      return { ok: true, shopId: b.shop.shopId, keys, rejected: b.capture.rejected, ...(counts ? { added: counts.added, updated: counts.updated } : {}), days: recordDays(b, data.primary) };
    } catch (err) {
      return { ok: false, retryable: true, reason: textOf('capture.saveFailedBecause', { detail: err instanceof Error ? err.message : String(err) }).zh, keys: [], rejected: [] };
    }
  });

  // Tier chips: tier ids from the cache the side panel's engine worker writes (the engine never runs here).
  onMessage('customerTiers', async ({ data }): Promise<CustomerTiers> => {
    // The lookup holds tier ids (registry: tierLookupSetting); the overlay words them in the merchant's language.
    const lookup = await readSetting(getDb(), tierLookupSetting, data.shopId);
    const out: CustomerTiers = {};
    if (!lookup) return out;
    for (const k of data.keys) {
      const ids = Object.hasOwn(lookup.tiers, k) ? lookup.tiers[k] : undefined;
      if (ids && ids.length > 0) out[k] = [...ids];
    }
    return out;
  });

  // The overlay's 打开侧边栏: sidePanel.open is called before any await, so the click's user gesture
  // (carried by the runtime message since Chrome 116) is still current. Firefox has no sidePanel: the overlay hides the button there.
  onMessage('openSidePanel', ({ sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !chrome.sidePanel?.open) return { ok: false, reason: 'no tab' };
    return chrome.sidePanel.open({ tabId }).then(
      () => ({ ok: true }),
      (err: unknown) => ({ ok: false, reason: err instanceof Error ? err.message : String(err) }),
    );
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
      // Remembered first: the script's first batch may arrive before executeScript resolves.
      const tab = await chrome.tabs.get(data.tabId).catch(() => null);
      const origin = tab?.url ? new URL(tab.url).origin : '';
      await chrome.storage.session.set({ [GENERIC_TABS_KEY]: { ...(await genericTabs()), [String(data.tabId)]: origin } });
      await chrome.scripting.executeScript({ target: { tabId: data.tabId }, files: [GENERIC_SCRIPT] });
      return { ok: true };
    } catch (err) {
      const tabs = await genericTabs();
      delete tabs[String(data.tabId)];
      await chrome.storage.session.set({ [GENERIC_TABS_KEY]: tabs }).catch(() => undefined);
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
  });
});
