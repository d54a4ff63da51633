/** Window passes shared between the indicators of one report and between reports of one snapshot. */
import { taobaoPathways, type TaobaoPathways } from '../taobao-pathways';
import { windowMetrics, windowsMetrics, type WindowMetrics } from '../metrics';
import type { Snapshot } from '../snapshot';
import type { DayRange } from '../window';
import type { ReportOptions, WindowScans } from './types';

/** An empty WindowScans (for reports of one snapshot). */
export function newWindowScans(): WindowScans {
  return { taobao: new Map(), metrics: new Map() };
}

const rangeKey = (r: DayRange) => `${r.start}:${r.end}`;

/** The Taobao classes of `range`, kept in `scans` when given. */
export function taobaoOf(snap: Snapshot, range: DayRange, scans: WindowScans | undefined): TaobaoPathways {
  if (!scans) return taobaoPathways(snap, range);
  let t = scans.taobao.get(rangeKey(range));
  if (!t) scans.taobao.set(rangeKey(range), (t = taobaoPathways(snap, range)));
  return t;
}

/** The §5.1 metrics of `range`, kept in `opts.scans` when given (and the bands are the default ones). */
export function metricsOf(snap: Snapshot, range: DayRange, opts: ReportOptions): WindowMetrics {
  const scans = opts.priceBandsYuan === undefined ? opts.scans : undefined; // kept ones use the default bands
  if (!scans) return windowMetrics(snap, range, { priceBandsYuan: opts.priceBandsYuan });
  // Not kept: its previous window's with it, in the same pass (the report of that window asks next).
  return scans.metrics.get(rangeKey(range)) ?? metricsWithPrevious(snap, range, previousRangeOf(range), opts)[0];
}

/** The range of the same length ending the day before `range` starts (previousWindow's). */
function previousRangeOf(range: DayRange): DayRange {
  const len = range.end - range.start + 1;
  return { start: range.start - len, end: range.start - 1 };
}

/**
 * The §5.1 metrics of `range` and of `previous` (its previous window), in one pass when neither is kept in
 * `opts.scans` (a cold worker pays per customer visited), both kept then.
 */
export function metricsWithPrevious(snap: Snapshot, range: DayRange, previous: DayRange, opts: ReportOptions): [WindowMetrics, WindowMetrics] {
  const scans = opts.priceBandsYuan === undefined ? opts.scans : undefined; // kept ones use the default bands
  if (!scans) {
    const [cur, prev] = windowsMetrics(snap, [range, previous], { priceBandsYuan: opts.priceBandsYuan });
    return [cur!, prev!];
  }
  let cur = scans.metrics.get(rangeKey(range)), prev = scans.metrics.get(rangeKey(previous));
  if (!cur && !prev) [cur, prev] = windowsMetrics(snap, [range, previous]);
  cur ??= windowMetrics(snap, range);
  prev ??= windowMetrics(snap, previous);
  scans.metrics.set(rangeKey(range), cur);
  scans.metrics.set(rangeKey(previous), prev);
  return [cur, prev];
}
