/**
 * Purchase-propensity features (SPEC §5.3), read from the shop's own data up to day t only.
 *
 * Every feature of customer c at day t looks at contacts (explicit ones and the implicit order
 * contacts of the snapshot) with day ≤ t and at paid orders *happening* (paidAt, else placedAt)
 * on day ≤ t; nothing after t is read, so a model fitted "as of" a day never sees its future.
 * Two inputs are attributes as last seen, as the SPEC defines them: fan / member status, and an
 * order's status (a paid order later refunded is not a paid order in any window).
 *
 * Counts and day gaps enter as log1p (diminishing returns; long tails); gaps are capped so that
 * "never" is a finite, large value. Standardisation (z-scores with the training rows' mean and
 * standard deviation) is done by the model, see `standardize`.
 */
import {
  FAN,
  KIND_CART,
  KIND_CLICK,
  KIND_ORDER,
  KIND_PAID,
  KIND_PLACED,
  KIND_VIEW,
  KIND_VISIT,
  MEMBER,
  lowerBound,
  type Snapshot,
} from '../snapshot';
import { PROMO_FEATURES, PROMO_LOG1P_FEATURES, nearPromoDay, promoPhaseOf, writePromoFeatures } from './features-promo';

export interface FeatureInfo {
  /** Stable id. */
  feature: string;
  labelZh: string;
  labelEn: string;
}

/** The pre-大促 features (the plain model's columns; the first columns of FEATURES). */
export const BASE_FEATURES: readonly FeatureInfo[] = [
  { feature: 'daysSinceLastContact', labelZh: '距上次互动天数', labelEn: 'Days since last contact' },
  { feature: 'contactToday', labelZh: '当天有互动', labelEn: 'Contact on the day' },
  { feature: 'contactLast3Days', labelZh: '近3天有互动', labelEn: 'Contact in the last 3 days' },
  { feature: 'visits7d', labelZh: '近7天访问次数', labelEn: 'Visits, last 7 days' },
  { feature: 'views7d', labelZh: '近7天浏览次数', labelEn: 'Views, last 7 days' },
  { feature: 'clicks7d', labelZh: '近7天点击次数', labelEn: 'Clicks, last 7 days' },
  { feature: 'cartAdds7d', labelZh: '近7天加购次数', labelEn: 'Cart adds, last 7 days' },
  { feature: 'cartAdds30d', labelZh: '近30天加购次数', labelEn: 'Cart adds, last 30 days' },
  { feature: 'daysSinceLastCart', labelZh: '距上次加购天数', labelEn: 'Days since last cart add' },
  { feature: 'contacts30d', labelZh: '近30天互动次数', labelEn: 'Contacts, last 30 days' },
  { feature: 'activeDays7d', labelZh: '近7天活跃天数', labelEn: 'Active days, last 7 days' },
  { feature: 'activeDays30d', labelZh: '近30天活跃天数', labelEn: 'Active days, last 30 days' },
  { feature: 'ordersPlaced7d', labelZh: '近7天下单未付款', labelEn: 'Orders placed (unpaid), last 7 days' },
  { feature: 'contactsBefore30d', labelZh: '30天前一年内互动次数', labelEn: 'Contacts in the year before the last 30 days' },
  { feature: 'isFan', labelZh: '粉丝', labelEn: 'Fan' },
  { feature: 'isMember', labelZh: '会员', labelEn: 'Member' },
  { feature: 'paidOrders', labelZh: '历史成交订单数', labelEn: 'Past paid orders' },
  { feature: 'everPaid', labelZh: '曾经成交', labelEn: 'Has bought before' },
  { feature: 'daysSinceLastPaid', labelZh: '距上次成交天数', labelEn: 'Days since last purchase' },
  { feature: 'paidYuan', labelZh: '历史成交金额', labelEn: 'Past spend' },
  { feature: 'shareLive', labelZh: '直播成交占比', labelEn: 'Share of purchases via live' },
  { feature: 'shareVideo', labelZh: '短视频成交占比', labelEn: 'Share of purchases via video' },
  { feature: 'shareCard', labelZh: '商品卡成交占比', labelEn: 'Share of purchases via product card' },
  { feature: 'daysSinceFirstContact', labelZh: '首次互动至今天数', labelEn: 'Days since first contact' },
  { feature: 'purchasesPerMonth', labelZh: '月均成交次数', labelEn: 'Purchases per month' },
  { feature: 'contactsPerMonth', labelZh: '月均互动次数', labelEn: 'Contacts per month' },
];

/** Number of base feature columns. */
export const BASE_FEATURE_COUNT = BASE_FEATURES.length;

/**
 * The customer's habit over the year: how often a visit ends in a cart add (加购率). It tells a
 * likely buyer from a window shopper better than any 30-day count (a visit without a cart add is
 * the window shopper's usual visit), and it carries from an ordinary week into a 大促. Shrunk toward
 * a typical rate — (cart adds + 0.3) ÷ (visits + 2) — so one visit with one cart add is not 100%.
 */
const HISTORY_FEATURES: readonly FeatureInfo[] = [
  { feature: 'cartAddsPerVisit', labelZh: '近一年加购率（每次访问加购次数）', labelEn: 'Cart adds per visit, last year' },
];

/**
 * Outside a 大促 phase (no 大促 day in the label window, no warm-up): how the customer buys when
 * there is no festival. A deal hunter buys at 大促 and seldom between them, so the share of their
 * purchases made at a 大促 (its day ± 1; shrunk: (at 大促 + 0.1) ÷ (paid orders + 1)) and the paid
 * orders outside 大促 tell a regular buyer from one who waits for the next festival — most of all
 * when the customer is active this week (the share × a contact in the last 7 days). And a click
 * (opening a product's detail) is a step a window shopper's visit seldom takes, so the days since the
 * last click (capped at 60) tell a shopping trip from browsing better than any visit. In a 大促 phase
 * these columns are 0 for everyone (the 大促 columns speak then), so a 大促-week fit is not pulled
 * by them: on dev seeds they lifted the ordinary weeks and left the 大促 week no worse.
 */
const ORDINARY_FEATURES: readonly FeatureInfo[] = [
  { feature: 'ordinaryPaidOrders', labelZh: '非大促期·大促外成交订单数', labelEn: 'Outside festivals: paid orders not at a festival' },
  { feature: 'festivalPurchaseShare', labelZh: '非大促期·大促成交占比', labelEn: 'Outside festivals: share of purchases made at festivals' },
  { feature: 'festivalShareActive7d', labelZh: '非大促期·近7天有互动×大促成交占比', labelEn: 'Outside festivals: festival share of purchases × contact in the last 7 days' },
  { feature: 'daysSinceLastClick', labelZh: '非大促期·距上次点击天数', labelEn: 'Outside festivals: days since last click' },
];

/** The model's features, in column order: the base ones, the 大促 ones (features-promo.ts), the year's habit, then the ordinary-phase ones. */
export const FEATURES: readonly FeatureInfo[] = [...BASE_FEATURES, ...PROMO_FEATURES, ...HISTORY_FEATURES, ...ORDINARY_FEATURES];

/** Number of feature columns. */
export const FEATURE_COUNT = FEATURES.length;

/** Columns written as log1p below (counts, day gaps, money, per-month rates). */
const LOG1P_FEATURES = new Set([
  'daysSinceLastContact', 'visits7d', 'views7d', 'clicks7d', 'cartAdds7d', 'cartAdds30d', 'daysSinceLastCart', 'contacts30d',
  'ordersPlaced7d', 'contactsBefore30d', 'paidOrders', 'daysSinceLastPaid', 'paidYuan', 'daysSinceFirstContact', 'purchasesPerMonth', 'contactsPerMonth',
  'ordinaryPaidOrders', 'daysSinceLastClick', ...PROMO_LOG1P_FEATURES,
]);
/** Log-ratio columns, shown as the ratio ("times the weekly average"). */
const LOG_RATIO_FEATURES = new Set(['contactGrowth', 'promoSoonGrowth']);

/** A feature column's value as the merchant counts it (days, times, yuan): log1p undone where the column has it. */
export function featureValue(feature: string, column: number): number {
  if (LOG_RATIO_FEATURES.has(feature)) return Math.exp(column);
  return LOG1P_FEATURES.has(feature) ? Math.expm1(column) : column;
}

/** A day gap's cap: "never" ≈ longer ago than the lookback. */
export const GAP_CAP = 400;
/** The cap of the days since the last cart add. */
export const CART_GAP_CAP = 60;
/** The cap of the days since the last click. */
export const CLICK_GAP_CAP = 60;

/** Writes the raw (unstandardised) features of customer `c` at day `t` into `out[offset…]` (FEATURES order). */
export function writeFeatures(snap: Snapshot, c: number, t: number, out: Float64Array, offset: number): void {
  const phase = promoPhaseOf(t);
  writeBaseFeatures(snap, c, t, out, offset);
  writePromoFeatures(snap, c, t, phase, out, offset + BASE_FEATURE_COUNT);
  writeHistoryFeatures(snap, c, t, !(phase.soon || phase.warmup), out, offset + BASE_FEATURE_COUNT + PROMO_FEATURES.length);
}

/** Writes the year's habit columns, then the ordinary-phase ones (0 unless `ordinary`), of customer `c` at day `t`. */
function writeHistoryFeatures(snap: Snapshot, c: number, t: number, ordinary: boolean, out: Float64Array, offset: number): void {
  const cDay = snap.custContactDay, kind = snap.custContactKind, lo = snap.custContactStart[c]!;
  const end = lowerBound(cDay, lo, snap.custContactStart[c + 1]!, t + 1);
  let visits = 0, carts = 0, lastClick = -1;
  for (let k = lowerBound(cDay, lo, end, t - 364); k < end; k++) {
    const kd = kind[k]!;
    if (kd === KIND_VISIT) visits++;
    else if (kd === KIND_CART) carts++;
    else if (kd === KIND_CLICK) lastClick = cDay[k]!;
  }
  out[offset] = (carts + 0.3) / (visits + 2);
  if (!ordinary) {
    out.fill(0, offset + 1, offset + 1 + ORDINARY_FEATURES.length);
    return;
  }
  const pDay = snap.custPaidDay, plo = snap.custPaidStart[c]!;
  const pend = lowerBound(pDay, plo, snap.custPaidStart[c + 1]!, t + 1);
  let atPromo = 0;
  for (let j = plo; j < pend; j++) if (nearPromoDay(pDay[j]!)) atPromo++;
  const share = (atPromo + 0.1) / (pend - plo + 1);
  out[offset + 1] = Math.log1p(pend - plo - atPromo);
  out[offset + 2] = share;
  out[offset + 3] = end > lo && t - cDay[end - 1]! < 7 ? share : 0;
  out[offset + 4] = Math.log1p(lastClick >= 0 ? Math.min(CLICK_GAP_CAP, t - lastClick) : CLICK_GAP_CAP);
}

/** Writes the base features (BASE_FEATURES order) of customer `c` at day `t` into `out[offset…]`. */
export function writeBaseFeatures(snap: Snapshot, c: number, t: number, out: Float64Array, offset: number): void {
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  const lo = cStart[c]!;
  const end = lowerBound(cDay, lo, cStart[c + 1]!, t + 1); // contacts with day ≤ t
  const from30 = lowerBound(cDay, lo, end, t - 29);
  const from365 = lowerBound(cDay, lo, from30, t - 364);
  let visits7 = 0, views7 = 0, clicks7 = 0, carts7 = 0, carts30 = 0, placed7 = 0, explicit30 = 0;
  let days7 = 0, days30 = 0, prevDay = -1, lastCart = -1;
  for (let k = from30; k < end; k++) {
    const d = cDay[k]!;
    const kd = kind[k]!;
    const in7 = d > t - 7;
    if (d !== prevDay) {
      days30++;
      if (in7) days7++;
      prevDay = d;
    }
    if (kd === KIND_CART) {
      carts30++;
      lastCart = d;
    }
    if (kd !== KIND_PAID) explicit30++;
    if (!in7) continue;
    if (kd === KIND_VISIT) visits7++;
    else if (kd === KIND_VIEW) views7++;
    else if (kd === KIND_CLICK) clicks7++;
    else if (kd === KIND_CART) carts7++;
    else if (kd === KIND_PLACED || kd === KIND_ORDER) placed7++;
  }
  const rec = end > lo ? Math.min(GAP_CAP, t - cDay[end - 1]!) : GAP_CAP;
  const tenure = end > lo ? Math.min(GAP_CAP, t - cDay[lo]!) : 0;

  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  const plo = pStart[c]!;
  const pend = lowerBound(pDay, plo, pStart[c + 1]!, t + 1);
  const paid = pend - plo;
  let yuan = 0, live = 0, video = 0, card = 0;
  for (let j = plo; j < pend; j++) {
    yuan += snap.custPaidAmountFen[j]! / 100;
    const ch = snap.custPaidChannel[j]!;
    if (ch === 0) live++;
    else if (ch === 1) video++;
    else if (ch === 2) card++;
  }
  const flags = snap.customerFlags[c]!;

  let i = offset;
  out[i++] = Math.log1p(rec);
  out[i++] = rec === 0 ? 1 : 0;
  out[i++] = rec <= 2 ? 1 : 0;
  out[i++] = Math.log1p(visits7);
  out[i++] = Math.log1p(views7);
  out[i++] = Math.log1p(clicks7);
  out[i++] = Math.log1p(carts7);
  out[i++] = Math.log1p(carts30);
  out[i++] = Math.log1p(lastCart >= 0 ? Math.min(CART_GAP_CAP, t - lastCart) : CART_GAP_CAP);
  out[i++] = Math.log1p(explicit30);
  out[i++] = days7;
  out[i++] = days30;
  out[i++] = Math.log1p(placed7);
  out[i++] = Math.log1p(from30 - from365);
  out[i++] = flags & FAN ? 1 : 0;
  out[i++] = flags & MEMBER ? 1 : 0;
  out[i++] = Math.log1p(paid);
  out[i++] = paid > 0 ? 1 : 0;
  out[i++] = Math.log1p(paid > 0 ? Math.min(GAP_CAP, t - pDay[pend - 1]!) : GAP_CAP);
  out[i++] = Math.log1p(yuan);
  out[i++] = paid > 0 ? live / paid : 0;
  out[i++] = paid > 0 ? video / paid : 0;
  out[i++] = paid > 0 ? card / paid : 0;
  out[i++] = Math.log1p(tenure);
  // Rates over the customer's known life (at least a month, at most the lookback year).
  const life = Math.max(30, Math.min(365, tenure + 1));
  out[i++] = Math.log1p((paid * 30) / life);
  out[i] = Math.log1p(((end - from365) * 30) / life);
}

/**
 * The scored population at day t (SPEC §5.3): users − purchasers of the 30 days ending t, i.e.
 * customers with a contact on t−29 … t and no paid order happening on those days (ascending).
 */
export function scoringPopulation(snap: Snapshot, t: number): Int32Array {
  const n = snap.customerCount;
  const cStart = snap.custContactStart, cDay = snap.custContactDay;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  const picked: number[] = [];
  for (let c = 0; c < n; c++) {
    const hi = cStart[c + 1]!;
    const j = lowerBound(cDay, cStart[c]!, hi, t - 29);
    if (j >= hi || cDay[j]! > t) continue;
    const phi = pStart[c + 1]!;
    const p = lowerBound(pDay, pStart[c]!, phi, t - 29);
    if (p < phi && pDay[p]! <= t) continue;
    picked.push(c);
  }
  return Int32Array.from(picked);
}

/** Labels at day t: 1 when the customer has a paid order (as last seen) happening on t+1 … t+horizon. */
export function purchaseLabels(snap: Snapshot, t: number, candidates: Int32Array, horizon = 7): Uint8Array {
  const y = new Uint8Array(candidates.length);
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay;
  for (let r = 0; r < candidates.length; r++) {
    const c = candidates[r]!;
    const hi = pStart[c + 1]!;
    const j = lowerBound(pDay, pStart[c]!, hi, t + 1);
    y[r] = j < hi && pDay[j]! <= t + horizon ? 1 : 0;
  }
  return y;
}

/**
 * Column means and standard deviations (sd of a constant column is 1, so it standardises to 0).
 * "Constant" is relative to the column's size: the mean of ~40 000 equal values such as log1p(60)
 * is off by ~1e-12 in floating point, which used to leave an sd of ~1e-12 — the fit then saw the
 * column scaled by 1e12 (fitRows scales without centring) and its scores fell apart. This happens
 * for real when a calendar column is the same on every training day (past the calendar's last 大促).
 */
export function columnStats(X: Float64Array, rows: number, d: number): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(d), sd = new Float64Array(d);
  if (rows === 0) return { mean, sd: sd.fill(1) };
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) mean[j]! += X[r * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= rows;
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < d; j++) {
      const v = X[r * d + j]! - mean[j]!;
      sd[j]! += v * v;
    }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(sd[j]! / rows);
    sd[j] = s > 1e-9 * Math.max(1, Math.abs(mean[j]!)) ? s : 1;
  }
  return { mean, sd };
}

/** Standardises X in place with the given column means and standard deviations. */
export function standardize(X: Float64Array, d: number, mean: Float64Array, sd: Float64Array): void {
  for (let i = 0; i < X.length; i++) {
    const j = i % d;
    X[i] = (X[i]! - mean[j]!) / sd[j]!;
  }
}
