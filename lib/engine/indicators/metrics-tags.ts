/**
 * The purchase-behaviour tags of window W (SPEC §6.1): channel bought through, traffic source,
 * price band and product bought — over the paid orders (status as last seen) happening in W, the
 * same orders the §5.1 metrics of W count. A product is an order's first item (what the snapshot
 * keeps); products sharing one name are one tag. A price band is the order's amountFen band.
 */
import { CHANNELS } from '../snapshot';
import { DEFAULT_PRICE_BANDS_YUAN, windowMetrics, type WindowMetrics } from '../metrics';
import { paidOrderSlice } from '../sets';
import { label } from './sheets';
import type { IndicatorTag, TagInput } from './types';

const CHANNEL_LABELS = { live: 'channelLive', video: 'channelVideo', card: 'channelCard', other: 'channelOther' } as const;
const TRAFFIC_LABELS = { paid: 'tag_trafficPaid', organic: 'tag_trafficOrganic', unknown: 'tag_trafficUnknown' } as const;

/** Distinct (value, customer) pairs → members per value code (ascending customers); bucketed, no comparator sort. */
function groupPairs(values: number[], custs: number[], valueCount: number, n: number): Int32Array[] {
  const start = new Int32Array(valueCount + 1);
  for (const v of values) start[v + 1]!++;
  for (let v = 0; v < valueCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, valueCount);
  const byValue = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) byValue[fill[values[i]!]!++] = custs[i]!;
  const stamp = new Int32Array(n).fill(-1);
  const out: Int32Array[] = [];
  for (let v = 0; v < valueCount; v++) {
    const list: number[] = [];
    for (let j = start[v]!; j < start[v + 1]!; j++) {
      const c = byValue[j]!;
      if (stamp[c] === v) continue;
      stamp[c] = v;
      list.push(c);
    }
    out.push(Int32Array.from(list).sort());
  }
  return out;
}

/** Codes 0..len-1 ordered by count (desc), then value text. */
export function sortedByCount(len: number, counts: Int32Array, values: string[]): number[] {
  return Array.from({ length: len }, (_, i) => i).sort(
    (a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0),
  );
}

/** `¥0–50`, `¥500以上` for a band of edges in yuan. */
function bandTag(from: number, to: number | undefined): { id: string; zh: string; en: string } {
  const key = to === undefined ? 'tag_priceBandUp' : 'tag_priceBand';
  const vars = { from, to: to ?? '' };
  return { id: to === undefined ? `price:${from}+` : `price:${from}-${to}`, zh: label(key, 'zh', vars), en: label(key, 'en', vars) };
}

/** Channel, traffic, price-band and product tags of W (traffic from the analysis's member sets when given). */
export function purchaseTags(input: TagInput, sets: WindowMetrics['members'] | undefined): IndicatorTag[] {
  const { snap, range } = input;
  const n = snap.customerCount;
  const edges = input.priceBandsYuan ?? DEFAULT_PRICE_BANDS_YUAN;
  const edgesFen = edges.map((y) => Math.round(y * 100));
  const nameCode = new Map<string, number>();
  const productName: string[] = [];
  const productToName = snap.productNames.map((name) => {
    let code = nameCode.get(name);
    if (code === undefined) {
      code = productName.length;
      nameCode.set(name, code);
      productName.push(name);
    }
    return code;
  });
  const chV: number[] = [], chC: number[] = [], bandV: number[] = [], bandC: number[] = [], prV: number[] = [], prC: number[] = [];
  const [lo, hi] = paidOrderSlice(snap, range.start, range.end + 1);
  for (let k = lo; k < hi; k++) {
    const o = snap.paidOrdersByDay[k]!;
    const c = snap.orderCustomer[o]!;
    chV.push(snap.orderChannel[o]!);
    chC.push(c);
    const a = snap.orderAmountFen[o]!;
    for (let b = edgesFen.length - 1; b >= 0; b--)
      if (a >= edgesFen[b]!) {
        bandV.push(b);
        bandC.push(c);
        break;
      }
    const p = snap.orderProduct[o]!;
    if (p >= 0 && productName[productToName[p]!] !== '') {
      prV.push(productToName[p]!);
      prC.push(c);
    }
  }
  const tags: IndicatorTag[] = [];
  const byChannel = groupPairs(chV, chC, CHANNELS.length, n);
  CHANNELS.forEach((ch, i) =>
    tags.push({ group: 'channel', id: `channel:${ch}`, label: CHANNEL_LABELS[ch], size: byChannel[i]!.length, members: () => byChannel[i]! }),
  );

  const tm = sets ?? windowMetrics(snap, range, { priceBandsYuan: edges }).members;
  const trafficSets = { paid: () => tm.trafficPaid, organic: () => tm.trafficOrganic, unknown: () => tm.trafficUnknown };
  for (const t of ['paid', 'organic', 'unknown'] as const)
    tags.push({ group: 'traffic', id: `traffic:${t}`, label: TRAFFIC_LABELS[t], size: trafficSets[t]().length, members: trafficSets[t] });

  const bands = groupPairs(bandV, bandC, edges.length, n);
  edges.forEach((from, b) => {
    const l = bandTag(from, edges[b + 1]);
    tags.push({ group: 'price', id: l.id, label: { zh: l.zh, en: l.en }, size: bands[b]!.length, members: () => bands[b]! });
  });

  const products = groupPairs(prV, prC, productName.length, n);
  sortedByCount(productName.length, Int32Array.from(products, (l) => l.length), productName).forEach((code) => {
    if (products[code]!.length === 0) return;
    const name = productName[code]!;
    tags.push({ group: 'product', id: `product:${name}`, label: { zh: name, en: name }, size: products[code]!.length, members: () => products[code]! });
  });
  return tags;
}
