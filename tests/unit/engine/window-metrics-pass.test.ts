import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, type Snapshot } from '@/lib/engine';
import { windowMetrics, windowsMetrics } from '@/lib/engine/metrics';
import { metricsOf, metricsWithPrevious, newWindowScans } from '@/lib/engine/indicators/scans';
import type { DayRange } from '@/lib/engine/window';
import { generateShop } from '@/tests/fixtures/generate';

const snap = buildSnapshot(generateShop({ seed: 3, platform: 'douyin', shopId: 'wm', shopName: '指标店', customers: 300, endDay: '2026-11-20', days: 150 }));
const last = snap.latestDay;

/** §5.1 figures of `range` straight from the order columns (paid as last seen, happening in the range), for S when given. */
function reference(s: Snapshot, range: DayRange, members?: Uint8Array) {
  let gmv = 0, orders = 0;
  const channels = [0, 0, 0, 0], traffic = [0, 0, 0];
  const buyers = new Map<number, number>(), daily = new Map<number, { gmv: number; orders: number; who: Set<number> }>();
  for (let o = 0; o < s.orderCount; o++) {
    const day = s.orderHappenDay[o]!, c = s.orderCustomer[o]!, a = s.orderAmountFen[o]!;
    if (s.orderPaid[o] !== 1 || day < range.start || day > range.end || (members && !members[c])) continue;
    gmv += a;
    orders++;
    channels[s.orderChannel[o]!]! += a;
    traffic[s.orderTraffic[o]!]! += a;
    buyers.set(c, (buyers.get(c) ?? 0) | (1 << s.orderTraffic[o]!));
    const d = daily.get(day) ?? { gmv: 0, orders: 0, who: new Set<number>() };
    d.gmv += a;
    d.orders++;
    d.who.add(c);
    daily.set(day, d);
  }
  const days = Array.from({ length: Math.max(range.end - range.start + 1, 0) }, (_, i) => {
    const d = daily.get(range.start + i);
    return [d?.gmv ?? 0, d?.orders ?? 0, d?.who.size ?? 0];
  });
  const persons = [1, 2, 4].map((bit) => [...buyers.values()].filter((x) => x & bit).length);
  return { gmv, orders, purchasers: buyers.size, channels, traffic, persons, days, members: [...buyers.keys()].sort((x, y) => x - y) };
}

function figures(m: ReturnType<typeof windowMetrics>) {
  const g = m.gmvByChannel;
  return {
    gmv: m.gmvFen,
    orders: m.orders,
    purchasers: m.purchasers,
    channels: [g.live, g.video, g.card, g.other],
    traffic: (['paid', 'organic', 'unknown'] as const).map((t) => Math.round((m.trafficGmvShare[t] ?? 0) * m.gmvFen)),
    persons: [m.members.trafficPaid.length, m.members.trafficOrganic.length, m.members.trafficUnknown.length],
    days: m.daily.map((d) => [d.gmvFen, d.orders, d.purchasers]),
    members: Array.from(m.members.purchasers),
  };
}

const rangeArb = fc.tuple(fc.integer({ min: last - 170, max: last + 5 }), fc.integer({ min: -3, max: 45 })).map(([start, len]): DayRange => ({ start, end: start + len - 1 }));

describe('the §5.1 metrics of several windows in one pass over the customers', () => {
  it('equal each window computed from the order columns, whether the windows are apart, adjacent, overlapping or empty (property)', () => {
    fc.assert(
      fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (ranges, inS) => {
        const members = inS ? Uint8Array.from({ length: snap.customerCount }, (_, c) => c % 3) : undefined;
        const got = windowsMetrics(snap, ranges, { members });
        ranges.forEach((r, i) => {
          const want = reference(snap, r, members);
          expect(figures(got[i]!)).toEqual({ ...want, traffic: want.traffic.map((t) => (want.gmv === 0 ? 0 : t)) });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('computes a window and its previous one together once, kept for the previous window\'s own report', () => {
    const scans = newWindowScans();
    const W = { start: last - 29, end: last }, P = { start: last - 59, end: last - 30 };
    const [cur, prev] = metricsWithPrevious(snap, W, P, { scans });
    expect(scans.metrics.size).toBe(2);
    expect(metricsOf(snap, P, { scans })).toBe(prev); // the previous window's report reads it kept
    expect(metricsOf(snap, W, { scans })).toBe(cur);
    expect(figures(cur)).toEqual(figures(windowMetrics(snap, W)));
    expect(figures(prev)).toEqual(figures(windowMetrics(snap, P)));
    // A window asked alone first: its previous one comes with it.
    const alone = newWindowScans();
    metricsOf(snap, W, { scans: alone });
    expect([...alone.metrics.keys()].sort()).toEqual([`${P.start}:${P.end}`, `${W.start}:${W.end}`].sort());
  });
});
