/**
 * 偏好榜单 (SPEC §5.4): what an audience buys — top products and top channels (直播 / 短视频 /
 * 商品卡 / 其他; the data model keeps the channel, not the individual live session or video) —
 * by the audience's paid orders (status as last seen) happening in a day range.
 *
 * A product is an order's first item's product (what the snapshot keeps). Rows are ranked by
 * buyers (distinct members), then GMV, then orders; ties by key so the order is stable.
 */
import { CHANNELS, lowerBound, type Snapshot } from './snapshot';
import type { DayRange } from './window';

export interface PreferenceRow {
  key: string;
  name: string;
  /** Distinct members with a paid order of it in the range. */
  buyers: number;
  orders: number;
  gmvFen: number;
}

export interface Preferences {
  products: PreferenceRow[];
  channels: PreferenceRow[];
}

const CHANNEL_ZH: Record<(typeof CHANNELS)[number], string> = { live: '直播', video: '短视频', card: '商品卡', other: '其他' };

function rank(rows: PreferenceRow[]): PreferenceRow[] {
  return rows.sort((a, b) => b.buyers - a.buyers || b.gmvFen - a.gmvFen || b.orders - a.orders || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Top products and channels of `members`' paid orders in `range` (top `top` products, default 10; every channel with sales). */
export function audiencePreferences(snap: Snapshot, members: Int32Array, range: DayRange, opts: { top?: number } = {}): Preferences {
  const P = snap.productKeys.length;
  const pOrders = new Int32Array(P), pBuyers = new Int32Array(P), pGmv = new Float64Array(P), pSeen = new Int32Array(P).fill(-1);
  const C = CHANNELS.length;
  const cOrders = new Int32Array(C), cBuyers = new Int32Array(C), cGmv = new Float64Array(C), cSeen = new Int32Array(C).fill(-1);
  for (let m = 0; m < members.length; m++) {
    const c = members[m]!;
    const lo = snap.custPaidStart[c]!, hi = snap.custPaidStart[c + 1]!;
    const a = lowerBound(snap.custPaidDay, lo, hi, range.start);
    const b = lowerBound(snap.custPaidDay, a, hi, range.end + 1);
    for (let j = a; j < b; j++) {
      const o = snap.custPaidOrder[j]!;
      const amount = snap.orderAmountFen[o]!;
      const p = snap.orderProduct[o]!;
      if (p >= 0) {
        pOrders[p]!++;
        pGmv[p]! += amount;
        if (pSeen[p] !== m) {
          pSeen[p] = m;
          pBuyers[p]!++;
        }
      }
      const ch = snap.orderChannel[o]!;
      cOrders[ch]!++;
      cGmv[ch]! += amount;
      if (cSeen[ch] !== m) {
        cSeen[ch] = m;
        cBuyers[ch]!++;
      }
    }
  }
  const products: PreferenceRow[] = [];
  for (let p = 0; p < P; p++)
    if (pOrders[p]! > 0)
      products.push({ key: snap.productKeys[p]!, name: snap.productNames[p]!, buyers: pBuyers[p]!, orders: pOrders[p]!, gmvFen: pGmv[p]! });
  const channels: PreferenceRow[] = [];
  for (let ch = 0; ch < C; ch++)
    if (cOrders[ch]! > 0) {
      const key = CHANNELS[ch]!;
      channels.push({ key, name: CHANNEL_ZH[key], buyers: cBuyers[ch]!, orders: cOrders[ch]!, gmvFen: cGmv[ch]! });
    }
  return { products: rank(products).slice(0, opts.top ?? 10), channels: rank(channels) };
}
