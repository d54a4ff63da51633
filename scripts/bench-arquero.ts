/**
 * The report's main group-bys and joins written with arquero 7 (a columnar dataframe library),
 * as the benchmark's independent baseline: the same numbers from a general-purpose engine.
 *
 * Input tables are made once from the snapshot's columns (integer customer ids and day numbers —
 * arquero's fastest inputs; not timed). Each query then runs as a dataframe program would.
 */
import * as aq from 'arquero';
import { LOOKBACK_DAYS, RFM_CLASSES, aovFenOf, type DayRange, type Snapshot } from '../lib/engine';
import { dayFromNumber } from '../lib/model';

const { op } = aq;
type Table = ReturnType<typeof aq.table>;

/** The arquero input tables. */
export interface AqTables {
  orders: Table;
  contacts: Table;
}

/** Orders (c, happen, paid, amt) and every contact incl. the implicit order ones (c, day). */
export function arqueroTables(snap: Snapshot): AqTables {
  return {
    orders: aq.table({
      c: snap.orderCustomer,
      happen: snap.orderHappenDay,
      paid: snap.orderPaid,
      amt: snap.orderAmountFen,
    }),
    contacts: aq.table({ c: snap.contactCustomer, day: snap.contactDay }),
  };
}

/** The figures both sides compute, for the agreement check. */
export interface CoreFigures {
  douyin: { users: number; purchasers: number; firstOrder: number; repeat: number };
  taobao: { newVisitors: number; unpurchasedReturning: number; purchasedReturning: number };
  metrics: { gmvFen: number; orders: number; purchasers: number; aovFen: number | null };
  previous: { gmvFen: number; orders: number; purchasers: number; aovFen: number | null };
  daily: { day: string; gmvFen: number; orders: number; purchasers: number }[];
  rfm: Record<string, number>;
}

function totals(paid: Table, a: number, b: number) {
  const t = paid
    .params({ a, b })
    .filter((d: { happen: number }, $: { a: number; b: number }) => d.happen >= $.a && d.happen <= $.b)
    .rollup({ gmv: op.sum('amt'), orders: op.count(), purchasers: op.distinct('c') })
    .object() as { gmv: number | undefined; orders: number; purchasers: number };
  const gmvFen = t.gmv ?? 0;
  return { gmvFen, orders: t.orders, purchasers: t.purchasers, aovFen: aovFenOf(gmvFen, t.purchasers) };
}

/** The report's core figures of window `w` (previous window `prev`) computed with arquero. */
export function arqueroFigures(t: AqTables, w: DayRange, prev: DayRange): CoreFigures {
  const L = LOOKBACK_DAYS;
  const paid = t.orders.filter((d: { paid: number }) => d.paid === 1);

  // Douyin tiers: users = contact in W; purchasers = paid order in W; first order = no paid order before W.
  const firstInW = t.contacts
    .params({ a: w.start, b: w.end })
    .filter((d: { day: number }, $: { a: number; b: number }) => d.day >= $.a && d.day <= $.b)
    .groupby('c')
    .rollup({ v: op.min('day') });
  const buyersW = paid
    .params({ a: w.start, b: w.end })
    .filter((d: { happen: number }, $: { a: number; b: number }) => d.happen >= $.a && d.happen <= $.b)
    .groupby('c')
    .count();
  const firstPaid = paid.groupby('c').rollup({ f: op.min('happen') });
  const firstOrder = buyersW
    .join(firstPaid, 'c')
    .params({ a: w.start })
    .filter((d: { f: number }, $: { a: number }) => d.f >= $.a)
    .numRows();
  const users = firstInW.numRows(), purchasers = buyersW.numRows();

  // Taobao classes by the first contact v in W: bought in [v − L, v) / looked in [v − L, v) / new.
  const looked = firstInW
    .join(t.contacts, 'c')
    .params({ L })
    .filter((d: { day: number; v: number }, $: { L: number }) => d.day >= d.v - $.L && d.day < d.v)
    .select('c')
    .dedupe();
  const bought = firstInW
    .join(paid, 'c')
    .params({ L })
    .filter((d: { happen: number; v: number }, $: { L: number }) => d.happen >= d.v - $.L && d.happen < d.v)
    .select('c')
    .dedupe();
  const purchasedReturning = bought.numRows();
  const unpurchasedReturning = looked.antijoin(bought, 'c').numRows();
  const newVisitors = firstInW.antijoin(looked, 'c').antijoin(bought, 'c').numRows();

  // Key metrics and the daily series (every day of W, zeros included).
  const metrics = totals(paid, w.start, w.end);
  const previous = totals(paid, prev.start, prev.end);
  const days = aq.table({ happen: Array.from({ length: w.end - w.start + 1 }, (_, i) => w.start + i) });
  const daily = days
    .join_left(
      paid
        .params({ a: w.start, b: w.end })
        .filter((d: { happen: number }, $: { a: number; b: number }) => d.happen >= $.a && d.happen <= $.b)
        .groupby('happen')
        .rollup({ gmv: op.sum('amt'), orders: op.count(), purchasers: op.distinct('c') }),
      'happen',
    )
    .orderby('happen')
    .objects() as { happen: number; gmv?: number; orders?: number; purchasers?: number }[];

  // RFM over paid orders in the L days ending W.end; "high" = at least as good as the mean (ties high).
  const perBuyer = paid
    .params({ from: w.end - L + 1, to: w.end })
    .filter((d: { happen: number }, $: { from: number; to: number }) => d.happen >= $.from && d.happen <= $.to)
    .groupby('c')
    .rollup({ last: op.max('happen'), f: op.count(), m: op.sum('amt') })
    .params({ end: w.end })
    .derive({ r: (d: { last: number }, $: { end: number }) => $.end - d.last });
  const sums = perBuyer.rollup({ n: op.count(), sr: op.sum('r'), sf: op.sum('f'), sm: op.sum('m') }).object() as {
    n: number;
    sr: number;
    sf: number;
    sm: number;
  };
  const classes = perBuyer
    .params(sums)
    .derive({
      code: (d: { r: number; f: number; m: number }, $: { n: number; sr: number; sf: number; sm: number }) =>
        (d.m * $.n >= $.sm ? 0 : 4) + (d.r * $.n <= $.sr ? 0 : 2) + (d.f * $.n >= $.sf ? 0 : 1),
    })
    .groupby('code')
    .count()
    .objects() as { code: number; count: number }[];
  const rfm: Record<string, number> = Object.fromEntries(RFM_CLASSES.map((k) => [k, 0]));
  for (const { code, count } of classes) rfm[RFM_CLASSES[code]!] = count;

  return {
    douyin: { users, purchasers, firstOrder, repeat: purchasers - firstOrder },
    taobao: { newVisitors, unpurchasedReturning, purchasedReturning },
    metrics,
    previous,
    daily: daily.map((d) => ({ day: dayFromNumber(d.happen), gmvFen: d.gmv ?? 0, orders: d.orders ?? 0, purchasers: d.purchasers ?? 0 })),
    rfm,
  };
}
