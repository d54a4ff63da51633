/** Key metrics (成交指标) of a customer set over a window, SPEC §5.1. */
import { dayFromNumber } from '../model';
import { FAN as FAN_, type Snapshot } from './snapshot';
import { lazyBitSets, ratio } from './sets';
import type { DayRange } from './window';

// Module-local bindings: transpiled to CommonJS (tsx) imports become getters, too slow in hot loops.
const FAN = FAN_;

/** Default price-band edges in yuan: [0,50) [50,100) [100,200) [200,500) [500,∞). */
export const DEFAULT_PRICE_BANDS_YUAN: readonly number[] = [0, 50, 100, 200, 500];

export type ChannelSplit = { live: number; video: number; card: number; other: number };
export type TrafficSplit<T> = { paid: T; organic: T; unknown: T };

export interface PriceBand {
  fromYuan: number;
  toYuan: number | null;
  orders: number;
}

export interface DailyFigures {
  day: string;
  gmvFen: number;
  orders: number;
  purchasers: number;
}

export interface WindowMetrics {
  gmvFen: number;
  orders: number;
  purchasers: number;
  /** GMV ÷ purchasers in fen, rounded half up; null without purchasers. */
  aovFen: number | null;
  gmvByChannel: ChannelSplit;
  trafficPersonsShare: TrafficSplit<number | null>;
  trafficGmvShare: TrafficSplit<number | null>;
  fanGmvShare: number | null;
  priceBands: PriceBand[];
  daily: DailyFigures[];
  /** Member sets (built on first access): purchasers in S, and per traffic source the persons who bought through it. */
  members: { purchasers: Int32Array; trafficPaid: Int32Array; trafficOrganic: Int32Array; trafficUnknown: Int32Array };
}

export interface MetricsOptions {
  /** The customer set S as flags sized snap.customerCount; every customer when omitted. */
  members?: Uint8Array;
  /** Ascending band edges in yuan; the last band is open-ended. */
  priceBandsYuan?: readonly number[];
}

/** GMV ÷ purchasers rounded half up to integer fen, or null when there are no purchasers. */
export function aovFenOf(gmvFen: number, purchasers: number): number | null {
  return purchasers === 0 ? null : Math.floor(gmvFen / purchasers + 0.5);
}

/** (cur − prev) / prev; null when prev is 0 or either side is null. */
export function changeOf(cur: number | null, prev: number | null): number | null {
  return cur === null || prev === null || prev === 0 ? null : (cur - prev) / prev;
}

/** §5.1 metrics of set S over window `range` (paid orders happening in W, status as last seen). */
export function windowMetrics(snap: Snapshot, range: DayRange, opts: MetricsOptions = {}): WindowMetrics {
  return windowsMetrics(snap, [range], opts)[0]!;
}

/**
 * windowMetrics of each of `ranges`, in one pass over the customers when the ranges are non-empty and
 * do not overlap (a window and its previous one); else one pass per range. Same figures either way.
 */
export function windowsMetrics(snap: Snapshot, ranges: readonly DayRange[], opts: MetricsOptions = {}): WindowMetrics[] {
  const order = ranges.map((_, i) => i).sort((x, y) => ranges[x]!.start - ranges[y]!.start);
  const apart = order.every((i, k) => ranges[i]!.end >= ranges[i]!.start && (k === 0 || ranges[order[k - 1]!]!.end < ranges[i]!.start));
  if (!apart && ranges.length > 1) return ranges.map((r) => windowsMetrics(snap, [r], opts)[0]!);
  const sorted = order.map((i) => ranges[i]!);
  const out = new Array<WindowMetrics>(ranges.length);
  metricsPass(snap, sorted, opts).forEach((m, k) => (out[order[k]!] = m));
  return out;
}

/** The metrics of `ranges` (ascending, apart, or one range) in one pass over the customers' paid orders. */
function metricsPass(snap: Snapshot, ranges: readonly DayRange[], opts: MetricsOptions): WindowMetrics[] {
  const n = snap.customerCount, k = ranges.length;
  const inS = opts.members;
  const edges = opts.priceBandsYuan ?? DEFAULT_PRICE_BANDS_YUAN;
  const edgesFen = edges.map((y) => Math.round(y * 100));
  const bands = edgesFen.length;
  // Per range r: its figures at r (its channels at 4r…, traffic at 3r…, bands at bands·r…, days from dayAt[r]).
  const starts = new Int32Array(k), ends = new Int32Array(k), dayAt = new Int32Array(k + 1);
  ranges.forEach((r, i) => {
    starts[i] = r.start;
    ends[i] = r.end;
    dayAt[i + 1] = dayAt[i]! + Math.max(r.end - r.start + 1, 0);
  });
  const gmv = new Float64Array(k), orders = new Float64Array(k), fanGmv = new Float64Array(k), purchasers = new Float64Array(k);
  const channelGmv = new Float64Array(4 * k), trafficGmv = new Float64Array(3 * k), tPersons = new Float64Array(3 * k), bandOrders = new Float64Array(bands * k);
  const dGmv = new Float64Array(dayAt[k]!), dOrders = new Int32Array(dayAt[k]!), dBuyers = new Int32Array(dayAt[k]!);
  const buyers = ranges.map(() => new Uint8Array(n)); // bit 0: bought; bits 1..3: traffic paid/organic/unknown

  // Per customer over the paid-order index (custPaid*, each customer's orders by happen day, with their
  // channel and traffic): the columns a cold open reads anyway, so the order-indexed ones and the
  // by-day index (paidOrdersByDay / paidOrderDays) stay out of its hot range; a window and its previous
  // one share the pass (a cold worker pays per customer visited). Sums of whole fen are exact in any
  // order, so the figures are those of a pass over the orders by day.
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, pAmt = snap.custPaidAmountFen;
  const pChannel = snap.custPaidChannel, pTraffic = snap.custPaidTraffic, flags = snap.customerFlags;
  const first = starts[0]!;
  for (let c = 0, end = pStart[0]!; c < n; c++) {
    const from = end;
    end = pStart[c + 1]!;
    // No paid order on or after the first range's first day (the customer's days ascend): nothing in any.
    if (from === end || pDay[end - 1]! < first) continue;
    if (inS !== undefined && inS[c] === 0) continue;
    let j = end - 1;
    while (j > from && pDay[j - 1]! >= first) j--;
    const fan = (flags[c]! & FAN) !== 0;
    let r = 0, rStart = starts[0]!, rEnd = ends[0]!, bits = 0, lastD = -1;
    for (; j < end; j++) {
      const day = pDay[j]!;
      if (day > rEnd) {
        if (bits !== 0) {
          buyers[r]![c] = bits;
          countBuyer(bits, r, purchasers, tPersons);
          bits = 0;
        }
        while (++r < k && day > ends[r]!);
        if (r === k) break;
        rStart = starts[r]!;
        rEnd = ends[r]!;
      }
      if (day < rStart) continue;
      const a = pAmt[j]!;
      const d = dayAt[r]! + day - rStart;
      gmv[r]! += a;
      orders[r]!++;
      channelGmv[4 * r + pChannel[j]!]! += a;
      const t = pTraffic[j]!;
      trafficGmv[3 * r + t]! += a;
      bits |= 1 | (2 << t);
      if (fan) fanGmv[r]! += a;
      for (let b = bands - 1; b >= 0; b--) {
        if (a >= edgesFen[b]!) {
          bandOrders[bands * r + b]!++;
          break;
        }
      }
      dGmv[d]! += a;
      dOrders[d]!++;
      if (lastD !== d) {
        lastD = d;
        dBuyers[d]!++;
      }
    }
    if (bits !== 0) {
      buyers[r]![c] = bits;
      countBuyer(bits, r, purchasers, tPersons);
    }
  }

  const split = <T>(f: (t: number) => T): TrafficSplit<T> => ({ paid: f(0), organic: f(1), unknown: f(2) });
  return ranges.map((range, r): WindowMetrics => {
    const daily: DailyFigures[] = [];
    for (let d = 0; d < dayAt[r + 1]! - dayAt[r]!; d++) {
      const at = dayAt[r]! + d;
      daily.push({ day: dayFromNumber(range.start + d), gmvFen: dGmv[at]!, orders: dOrders[at]!, purchasers: dBuyers[at]! });
    }
    const g = gmv[r]!, buyersOf = purchasers[r]!;
    return {
      gmvFen: g,
      orders: orders[r]!,
      purchasers: buyersOf,
      aovFen: aovFenOf(g, buyersOf),
      gmvByChannel: { live: channelGmv[4 * r]!, video: channelGmv[4 * r + 1]!, card: channelGmv[4 * r + 2]!, other: channelGmv[4 * r + 3]! },
      trafficPersonsShare: split((t) => ratio(tPersons[3 * r + t]!, buyersOf)),
      trafficGmvShare: split((t) => ratio(trafficGmv[3 * r + t]!, g)),
      fanGmvShare: ratio(fanGmv[r]!, g),
      priceBands: edges.map((from, b) => ({ fromYuan: from, toYuan: edges[b + 1] ?? null, orders: bandOrders[bands * r + b]! })),
      daily,
      members: lazyBitSets(buyers[r]!, { purchasers: 1, trafficPaid: 2, trafficOrganic: 4, trafficUnknown: 8 }),
    };
  });
}

/** Counts a customer who bought in range r (bits: bought, then the traffic sources bought through). */
function countBuyer(bits: number, r: number, purchasers: Float64Array, tPersons: Float64Array): void {
  purchasers[r]!++;
  if (bits & 2) tPersons[3 * r]!++;
  if (bits & 4) tPersons[3 * r + 1]!++;
  if (bits & 8) tPersons[3 * r + 2]!++;
}

export interface KeyMetrics extends Omit<WindowMetrics, 'members'> {
  previous: { gmvFen: number; orders: number; purchasers: number; aovFen: number | null };
  change: { gmvFen: number | null; orders: number | null; purchasers: number | null; aovFen: number | null };
}

/** §5.1 metrics of W with the previous window's totals and the change vs them (客单价 from rounded aovFen). */
export function keyMetrics(
  snap: Snapshot,
  range: DayRange,
  previousRange: DayRange,
  opts: MetricsOptions = {},
): { metrics: KeyMetrics; members: WindowMetrics['members'] } {
  const [cur, prev] = windowsMetrics(snap, [range, previousRange], opts);
  return keyMetricsOf(cur!, prev!);
}

/** keyMetrics from the metrics of W and of the previous window, already computed. */
export function keyMetricsOf(cur: WindowMetrics, prev: WindowMetrics): { metrics: KeyMetrics; members: WindowMetrics['members'] } {
  const { members, ...rest } = cur;
  return {
    metrics: {
      ...rest,
      previous: { gmvFen: prev.gmvFen, orders: prev.orders, purchasers: prev.purchasers, aovFen: prev.aovFen },
      change: {
        gmvFen: changeOf(cur.gmvFen, prev.gmvFen),
        orders: changeOf(cur.orders, prev.orders),
        purchasers: changeOf(cur.purchasers, prev.purchasers),
        aovFen: changeOf(cur.aovFen, prev.aovFen),
      },
    },
    members,
  };
}

