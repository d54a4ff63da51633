/**
 * The 高潜 model after its self-backtest (`backtest.ts`): when a baseline ranked the shop's own
 * latest weeks better than the fitted model, `score` is that baseline mapped to calibrated
 * probabilities (so the 0.3 threshold keeps its meaning) and `explain` / `reasons` give its own terms.
 */
import { FAN, KIND_CART, lowerBound, type Snapshot } from '../snapshot';
import { calibratedBaseline, type BaselineCalibration, type PropensitySelection } from './backtest';
import type { PropensityContribution, PropensityModel } from './model';
import { groupReasons } from './reasons';

/**
 * The fallback heuristic's terms for customer c at day t, each times `scale` (log-odds). Their
 * reference is a customer with none of the terms (no cart add, no contact, not a fan, no order, seen
 * today), so a term's deviation is |β| · its input: the heuristic's push before `scale`.
 */
export function fallbackTerms(snap: Snapshot, t: number, c: number, scale: number): PropensityContribution[] {
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const lo = cStart[c]!;
  const end = lowerBound(cDay, lo, cStart[c + 1]!, t + 1);
  const recentFrom = lowerBound(cDay, lo, end, t - 6);
  let cart = 0;
  for (let k = recentFrom; k < end; k++) if (snap.custContactKind[k] === KIND_CART) cart = 1;
  const silence = end > lo ? t - cDay[end - 1]! : 60;
  const paid = lowerBound(snap.custPaidDay, snap.custPaidStart[c]!, snap.custPaidStart[c + 1]!, t + 1) - snap.custPaidStart[c]!;
  const fan = snap.customerFlags[c]! & FAN ? 1 : 0;
  const contacts = end - recentFrom;
  return [
    { feature: 'cartAdds7d', labelZh: '近7天加购', labelEn: 'Cart add in the last 7 days', contribution: scale * 1.5 * cart, value: cart, deviation: 1.5 * cart },
    { feature: 'contacts7d', labelZh: '近7天互动次数', labelEn: 'Contacts, last 7 days', contribution: scale * 0.4 * Math.min(contacts, 5), value: contacts, deviation: 0.4 * Math.min(contacts, 5) },
    { feature: 'isFan', labelZh: '粉丝', labelEn: 'Fan', contribution: scale * 0.5 * fan, value: fan, deviation: 0.5 * fan },
    { feature: 'paidOrders', labelZh: '历史成交订单数', labelEn: 'Past paid orders', contribution: scale * 0.5 * Math.min(paid, 3), value: paid, deviation: 0.5 * Math.min(paid, 3) },
    { feature: 'daysSinceLastContact', labelZh: '距上次互动天数', labelEn: 'Days since last contact', contribution: scale * -0.05 * Math.min(silence, 60), value: silence, deviation: 0.05 * Math.min(silence, 60) },
  ];
}

/** One baseline's single term for customer c at day t: its input's distance from the backtest mean (the deviation), in log-odds. */
function baselineReason(which: 'recency' | 'contacts7d', snap: Snapshot, t: number, c: number, cal: BaselineCalibration): PropensityContribution {
  const lo = snap.custContactStart[c]!;
  const end = lowerBound(snap.custContactDay, lo, snap.custContactStart[c + 1]!, t + 1);
  if (which === 'recency') {
    const days = end > lo ? t - snap.custContactDay[end - 1]! : 400;
    // The calibration's input is −days, its mean `center`: the reference customer was seen −center days ago.
    return { feature: 'daysSinceLastContact', labelZh: '距上次互动天数', labelEn: 'Days since last contact', contribution: cal.slope * (-days - cal.center), value: days, deviation: days + cal.center };
  }
  const n = end - lowerBound(snap.custContactDay, lo, end, t - 6);
  const deviation = Math.log1p(n) - cal.center;
  return { feature: 'contacts7d', labelZh: '近7天互动次数', labelEn: 'Contacts, last 7 days', contribution: cal.slope * deviation, value: n, deviation };
}

/** The fitted model with its backtest's verdict: scores and explains by the chosen scorer. */
export function withSelection(model: PropensityModel, selection: PropensitySelection, calibration: BaselineCalibration | undefined): PropensityModel {
  const which = selection.chosen;
  if (which === 'model' || !calibration) return { ...model, selection };
  const terms = (snap: Snapshot, t: number, c: number) => (which === 'fallback' ? fallbackTerms(snap, t, c, calibration.slope) : [baselineReason(which, snap, t, c, calibration)]);
  const explain = (snap: Snapshot, t: number, c: number, top = 5): PropensityContribution[] =>
    terms(snap, t, c)
      .filter((p) => p.contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
      .slice(0, Math.max(0, top));
  const reasons = (snap: Snapshot, t: number, c: number, top = 3) => groupReasons(terms(snap, t, c), t, top);
  return { ...model, selection, calibration, score: calibratedBaseline(which, calibration), explain, reasons };
}
