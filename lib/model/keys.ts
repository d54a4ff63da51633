import type { Platform } from './schemas';

/** `platform:shopId:id:<buyerId>` when a buyer id is visible, else `platform:shopId:nick:<nickname>` as shown. */
export function customerKeyOf(platform: Platform, shopId: string, who: { buyerId?: string; nickname: string }): string {
  return who.buyerId ? `${platform}:${shopId}:id:${who.buyerId}` : `${platform}:${shopId}:nick:${who.nickname}`;
}

/** The buyer id (`id`) or nickname (`nick`) a customer key was made from by `customerKeyOf`, else undefined. */
export function fromCustomerKey(customerKey: string, kind: 'nick' | 'id'): string | undefined {
  const m = /^[^:]+:.*?:(nick|id):([\s\S]*)$/.exec(customerKey);
  return m && m[1] === kind ? m[2] : undefined;
}

/** A stable shop id from the platform and the shop name shown in the header, for pages that show no id. */
export function derivedShopId(platform: Platform, shopName: string): string {
  // FNV-1a over the UTF-16 units: stable across browsers and Node, no crypto needed.
  let h = 0x811c9dc5;
  const text = `${platform}:${shopName.trim()}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `name-${h.toString(16).padStart(8, '0')}`;
}

/** True when a paid order (status as last seen). */
export function isPaidStatus(status: string): boolean {
  return status === 'paid' || status === 'shipped' || status === 'completed';
}
