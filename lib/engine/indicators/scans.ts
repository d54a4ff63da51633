/** Window passes shared between the indicators of one report and between reports of one snapshot. */
import { taobaoPathways, type TaobaoPathways } from '../taobao-pathways';
import { windowMetrics, type WindowMetrics } from '../metrics';
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
  let m = scans.metrics.get(rangeKey(range));
  if (!m) scans.metrics.set(rangeKey(range), (m = windowMetrics(snap, range)));
  return m;
}
