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
  const n = snap.customerCount;
  const inS = opts.members;
  const edges = opts.priceBandsYuan ?? DEFAULT_PRICE_BANDS_YUAN;
  const edgesFen = edges.map((y) => Math.round(y * 100));
  const bandOrders = new Array<number>(edges.length).fill(0);
  const days = range.end - range.start + 1;
  const dGmv = new Float64Array(Math.max(days, 0)), dOrders = new Int32Array(Math.max(days, 0)), dBuyers = new Int32Array(Math.max(days, 0));
  const buyer = new Uint8Array(n); // bit 0: bought; bits 1..3: traffic paid/organic/unknown
  const channelGmv = [0, 0, 0, 0], trafficGmv = [0, 0, 0];
  let gmv = 0, orders = 0, fanGmv = 0;

  // Per customer over the paid-order index (custPaid*, each customer's orders by happen day): the
  // columns a cold open reads anyway, so the order-indexed ones (orderCustomer, orderAmountFen) and the
  // by-day index (paidOrdersByDay / paidOrderDays) stay out of its hot range. Sums of whole fen are
  // exact in any order, so the figures are those of a pass over the orders by day.
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, pAmt = snap.custPaidAmountFen, pOrder = snap.custPaidOrder;
  const channelOf = snap.orderChannel, trafficOf = snap.orderTraffic, flags = snap.customerFlags;
  const first = range.start, last = range.end;
  for (let c = 0, end = pStart[0]!; c < n; c++) {
    const from = end;
    end = pStart[c + 1]!;
    // No paid order on or after W's first day (the customer's days ascend): nothing in W.
    if (from === end || pDay[end - 1]! < first) continue;
    if (inS !== undefined && inS[c] === 0) continue;
    let j = end - 1;
    while (j > from && pDay[j - 1]! >= first) j--;
    const fan = (flags[c]! & FAN) !== 0;
    let bits = 0, lastD = -1;
    for (; j < end; j++) {
      const day = pDay[j]!;
      if (day > last) break;
      const a = pAmt[j]!;
      const o = pOrder[j]!;
      const d = day - first;
      gmv += a;
      orders++;
      channelGmv[channelOf[o]!]! += a;
      const t = trafficOf[o]!;
      trafficGmv[t]! += a;
      bits |= 1 | (2 << t);
      if (fan) fanGmv += a;
      for (let b = edgesFen.length - 1; b >= 0; b--) {
        if (a >= edgesFen[b]!) {
          bandOrders[b]!++;
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
    buyer[c] = bits;
  }

  let purchasers = 0;
  const tPersons = [0, 0, 0];
  for (let c = 0; c < n; c++) {
    const x = buyer[c]!;
    if (!x) continue;
    purchasers++;
    if (x & 2) tPersons[0]!++;
    if (x & 4) tPersons[1]!++;
    if (x & 8) tPersons[2]!++;
  }

  const daily: DailyFigures[] = [];
  for (let d = 0; d < days; d++)
    daily.push({ day: dayFromNumber(range.start + d), gmvFen: dGmv[d]!, orders: dOrders[d]!, purchasers: dBuyers[d]! });

  const split = <T>(f: (t: number) => T): TrafficSplit<T> => ({ paid: f(0), organic: f(1), unknown: f(2) });
  return {
    gmvFen: gmv,
    orders,
    purchasers,
    aovFen: aovFenOf(gmv, purchasers),
    gmvByChannel: { live: channelGmv[0]!, video: channelGmv[1]!, card: channelGmv[2]!, other: channelGmv[3]! },
    trafficPersonsShare: split((t) => ratio(tPersons[t]!, purchasers)),
    trafficGmvShare: split((t) => ratio(trafficGmv[t]!, gmv)),
    fanGmvShare: ratio(fanGmv, gmv),
    priceBands: edges.map((from, b) => ({ fromYuan: from, toYuan: edges[b + 1] ?? null, orders: bandOrders[b]! })),
    daily,
    members: lazyBitSets(buyer, { purchasers: 1, trafficPaid: 2, trafficOrganic: 4, trafficUnknown: 8 }),
  };
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
  return keyMetricsOf(windowMetrics(snap, range, opts), windowMetrics(snap, previousRange, opts));
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

