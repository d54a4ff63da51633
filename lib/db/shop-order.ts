/**
 * The order shops are listed in (the picker's, so the first is the shop the side panel opens on):
 * by name in zh-CN order, then by id. No imports: the engine worker's small first script
 * (components/engine/early-read.ts) uses it before Dexie has loaded.
 */

/** Compares two shops for the shop list's order. */
export function byShopOrder(a: { name: string; shopId: string }, b: { name: string; shopId: string }): number {
  return a.name.localeCompare(b.name, 'zh-CN') || (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0);
}
