/**
 * 大促-aware purchase-propensity features (SPEC §5.3, issue 14): the calendar phase of day t,
 * short-window activity (1 / 3 / 7 days), acceleration, the customer's past 大促 behaviour, and
 * interactions of activity with the phase. (contactGrowth is log((1 + this week's contacts) / (1 +
 * the weekly average of the four weeks before)); the panel shows it as that ratio.) A logistic regression is linear in its columns, so
 * "in a warm-up people cart and wait for the day, then buy on it" can only be said through
 * interaction columns (activity × "the 大促 day is inside the label window").
 *
 * As in `features.ts`, only data with day ≤ t is read; counts and gaps enter as log1p.
 * Day-level columns (the same for every customer of day t) are listed in DAY_LEVEL_FEATURES:
 * they move every score of a day alike, so explanations rank them after the customer's own.
 */
import { KIND_CART, KIND_PAID, lowerBound, type Snapshot } from '../snapshot';
import { PROMO_DAYS, daysSinceLastPromo, nextPromo } from '../promo-calendar';
import { dayNumber } from '../../model';
import type { FeatureInfo } from './features';

/** The 大促 columns, in column order (after the base features). */
export const PROMO_FEATURES: readonly FeatureInfo[] = [
  { feature: 'daysToNextPromo', labelZh: '距下个大促天数', labelEn: 'Days to the next shopping festival' },
  { feature: 'daysSinceLastPromo', labelZh: '距上个大促天数', labelEn: 'Days since the last shopping festival' },
  { feature: 'promoInNext7Days', labelZh: '7天内有大促', labelEn: 'A shopping festival in the next 7 days' },
  { feature: 'promoWarmup', labelZh: '大促预热期（大促在7天后）', labelEn: 'Festival warm-up (the day is over a week away)' },
  { feature: 'contacts1d', labelZh: '当天互动次数', labelEn: 'Contacts on the day' },
  { feature: 'contacts3d', labelZh: '近3天互动次数', labelEn: 'Contacts, last 3 days' },
  { feature: 'contacts7d', labelZh: '近7天互动次数', labelEn: 'Contacts, last 7 days' },
  { feature: 'cartAdds3d', labelZh: '近3天加购次数', labelEn: 'Cart adds, last 3 days' },
  { feature: 'contactGrowth', labelZh: '本周互动为前四周周均的倍数', labelEn: 'Contacts this week, times the weekly average of the 4 before' },
  { feature: 'promoPurchases', labelZh: '过去大促成交次数', labelEn: 'Past shopping festivals bought in' },
  { feature: 'promoCartThenBuy', labelZh: '过去大促前加购、当天成交次数', labelEn: 'Past shopping festivals carted before and bought on' },
  { feature: 'promoSoonCartAdds7d', labelZh: '大促将至·近7天加购次数', labelEn: 'Festival soon: cart adds, last 7 days' },
  { feature: 'promoSoonContacts7d', labelZh: '大促将至·近7天互动次数', labelEn: 'Festival soon: contacts, last 7 days' },
  { feature: 'promoSoonGrowth', labelZh: '大促将至·本周互动为前四周周均的倍数', labelEn: 'Festival soon: contacts this week, times the weekly average' },
  { feature: 'promoSoonPastPromoBuyer', labelZh: '大促将至·过去大促成交次数', labelEn: 'Festival soon: past festivals bought in' },
  { feature: 'promoSoonDaysSinceLastContact', labelZh: '大促将至·距上次互动天数', labelEn: 'Festival soon: days since last contact' },
  { feature: 'promoSoonDaysSinceLastCart', labelZh: '大促将至·距上次加购天数', labelEn: 'Festival soon: days since last cart add' },
  { feature: 'warmupCartAdds', labelZh: '本次大促预热以来加购次数', labelEn: 'Cart adds since the festival warm-up began' },
  { feature: 'promoSoonWarmupCartAdds', labelZh: '大促将至·预热以来加购次数', labelEn: 'Festival soon: cart adds since the warm-up began' },
  { feature: 'promoSoonWarmupContacts', labelZh: '大促将至·预热以来互动次数', labelEn: 'Festival soon: contacts since the warm-up began' },
];

/** Day-level columns: equal for every customer of a day. */
export const DAY_LEVEL_FEATURES: ReadonlySet<string> = new Set(['daysToNextPromo', 'daysSinceLastPromo', 'promoInNext7Days', 'promoWarmup']);

/** Columns written as log1p (featureValue undoes it for the panel). */
export const PROMO_LOG1P_FEATURES: readonly string[] = [
  'daysToNextPromo', 'daysSinceLastPromo', 'contacts1d', 'contacts3d', 'contacts7d', 'cartAdds3d', 'promoPurchases', 'promoCartThenBuy',
  'promoSoonCartAdds7d', 'promoSoonContacts7d', 'promoSoonPastPromoBuyer', 'promoSoonDaysSinceLastContact', 'promoSoonDaysSinceLastCart', 'warmupCartAdds',
  'promoSoonWarmupCartAdds', 'promoSoonWarmupContacts',
];

const PHASE_CAP = 60; // a 大促 further than two months away (or none in the table) is "far"
/** The cap of the 大促 columns' day gaps. */
export const PROMO_GAP_CAP = 60;
const HORIZON = 7;
/** The 大促 main days as day numbers (PROMO_DAYS order). */
export const PROMO_NUMS = PROMO_DAYS.map((p) => dayNumber(p.day));

/** Days within a day of a 大促 main day (the day before, the day, the day after), as a lookup from NEAR_FROM. */
const NEAR_FROM = (PROMO_NUMS[0] ?? 0) - 1;
const NEAR = new Uint8Array(Math.max(0, (PROMO_NUMS.at(-1) ?? -2) + 2 - NEAR_FROM));
for (const P of PROMO_NUMS) for (let d = P - 1; d <= P + 1; d++) NEAR[d - NEAR_FROM] = 1;

/** Whether day number d is a 大促 main day or the day before or after it (a purchase "at a 大促"). */
export function nearPromoDay(d: number): boolean {
  const i = d - NEAR_FROM;
  return i >= 0 && i < NEAR.length && NEAR[i] === 1;
}

/** The calendar phase of day t (the same for every customer). */
interface PromoPhase {
  toNext: number;
  sinceLast: number;
  /** The next 大促 main day falls in the label window t+1 … t+7. */
  soon: 0 | 1;
  /** In the warm-up of the next 大促 but its day is beyond the label window. */
  warmup: 0 | 1;
  /** First day of the next 大促's warm-up when t is in it or the day is in the label window (else +∞). */
  warmupStart: number;
}

/** The 大促 phase of day number t. */
export function promoPhaseOf(t: number): PromoPhase {
  const next = nextPromo(t + 1); // t itself is past for the label window
  const toNext = next ? next.days + 1 : PHASE_CAP;
  const since = daysSinceLastPromo(t);
  const soon = next !== null && toNext <= HORIZON ? 1 : 0;
  const warmup = next !== null && !soon && toNext <= next.promo.warmupDays + HORIZON ? 1 : 0;
  const warmupStart = next !== null && (soon || warmup) ? Math.max(t - 29, next.dayNum - next.promo.warmupDays) : Infinity;
  return { toNext: Math.min(PHASE_CAP, toNext), sinceLast: since === null ? PHASE_CAP : Math.min(PHASE_CAP, since), soon, warmup, warmupStart };
}

/** Writes the 大促 columns of customer `c` at day `t` into `out[offset…]` (PROMO_FEATURES order). */
export function writePromoFeatures(snap: Snapshot, c: number, t: number, phase: PromoPhase, out: Float64Array, offset: number): void {
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  const lo = cStart[c]!;
  const end = lowerBound(cDay, lo, cStart[c + 1]!, t + 1);
  const from35 = lowerBound(cDay, lo, end, t - 34);
  let c1 = 0, c3 = 0, c7 = 0, prev4 = 0, cart3 = 0, cart7 = 0, lastCart = -1, wContacts = 0, wCarts = 0;
  for (let k = from35; k < end; k++) {
    const kd = kind[k]!;
    if (kd === KIND_PAID) continue;
    const age = t - cDay[k]!;
    if (kd === KIND_CART) lastCart = cDay[k]!;
    if (cDay[k]! >= phase.warmupStart) {
      wContacts++;
      if (kd === KIND_CART) wCarts++;
    }
    if (age >= HORIZON) {
      prev4++;
      continue;
    }
    c7++;
    if (kd === KIND_CART) cart7++;
    if (age < 3) {
      c3++;
      if (kd === KIND_CART) cart3++;
      if (age === 0) c1++;
    }
  }
  const growth = Math.log1p(c7) - Math.log1p(prev4 / 4);
  const rec = end > lo ? Math.min(PROMO_GAP_CAP, t - cDay[end - 1]!) : PROMO_GAP_CAP;
  const cartGap = lastCart >= 0 ? Math.min(PROMO_GAP_CAP, t - lastCart) : PROMO_GAP_CAP;

  // Past 大促 of the year ending t: bought around the day (day −1 … +1), and carted in its warm-up then bought.
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  const plo = pStart[c]!, phi = lowerBound(pDay, plo, pStart[c + 1]!, t + 1);
  let promoBuys = 0, cartThenBuy = 0;
  if (phi > plo) {
    for (let i = 0; i < PROMO_NUMS.length; i++) {
      const P = PROMO_NUMS[i]!;
      if (P > t) break;
      if (P < t - 364) continue;
      const j = lowerBound(pDay, plo, phi, P - 1);
      if (j >= phi || pDay[j]! > P + 1) continue;
      promoBuys++;
      const w = PROMO_DAYS[i]!.warmupDays;
      const a = lowerBound(cDay, lo, end, P - w), b = lowerBound(cDay, lo, end, P);
      for (let k = a; k < b; k++)
        if (kind[k] === KIND_CART) {
          cartThenBuy++;
          break;
        }
    }
  }

  const L = Math.log1p, s = phase.soon;
  let i = offset;
  out[i++] = L(phase.toNext);
  out[i++] = L(phase.sinceLast);
  out[i++] = s;
  out[i++] = phase.warmup;
  out[i++] = L(c1);
  out[i++] = L(c3);
  out[i++] = L(c7);
  out[i++] = L(cart3);
  out[i++] = growth;
  out[i++] = L(promoBuys);
  out[i++] = L(cartThenBuy);
  out[i++] = s * L(cart7);
  out[i++] = s * L(c7);
  out[i++] = s * growth;
  out[i++] = s * L(promoBuys);
  out[i++] = s * L(rec);
  out[i++] = s * L(cartGap);
  out[i++] = L(wCarts);
  out[i++] = s * L(wCarts);
  out[i] = s * L(wContacts);
}
