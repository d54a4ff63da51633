/**
 * The 高潜 scorer's feature writer (issue 14, the cold open): the same values as `writeFeatures`,
 * bit for bit, with each customer's contacts of the year walked once (latest first: the 35-day
 * columns, then only the year's visits and cart adds) instead of one binary search and loop per
 * column group (base, 大促, the year's habit).
 *
 * Why a second writer: scoring the §5.3 population of a 200 000-customer shop is on the cold
 * open's critical path, twice (the window and the previous one), mostly before the JIT has
 * optimised anything. So it writes a block of candidates' rows in one call (one function with
 * every count in locals: in Chromium this beat smaller stages with the counts in typed arrays by
 * ~2× on a new browser's open); the columns and the day's 大促 phase are read once per block, and
 * nothing is allocated per candidate. Training rows keep `writeFeatures` (the fit path); a
 * property test holds the two equal.
 */
import { KIND_CART, KIND_CLICK, KIND_ORDER, KIND_PAID, KIND_PLACED, KIND_VIEW, KIND_VISIT, FAN, MEMBER, type DayColumn, type Snapshot } from '../snapshot';
import { CART_GAP_CAP, CLICK_GAP_CAP, FEATURE_COUNT, GAP_CAP } from './features';
import { PROMO_DAYS } from '../promo-calendar';
import { PROMO_GAP_CAP, PROMO_NUMS, nearPromoDay, promoPhaseOf } from './features-promo';

/** First index in [lo, hi) of `arr` whose value is ≥ x (the days are ascending per customer). */
function firstAtLeast(arr: DayColumn, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Writes the raw features (FEATURES order) of `candidates[from…to)` at day `t` into `X`, the row of
 * candidates[r] at (r − from) · FEATURE_COUNT: `writeFeatures`'s values, faster (see the file's comment).
 */
export function writeFeatureRows(snap: Snapshot, t: number, candidates: Int32Array, from: number, to: number, X: Float64Array): void {
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, amountFen = snap.custPaidAmountFen, paidChannel = snap.custPaidChannel;
  const flagsOf = snap.customerFlags;
  const phase = promoPhaseOf(t);
  const s = phase.soon, warmupStart = phase.warmupStart, toNextL = Math.log1p(phase.toNext), sinceLastL = Math.log1p(phase.sinceLast);
  // The 大促 main days of the year ending t (ascending), with their warm-up lengths.
  const promoDays: number[] = [], promoWarmups: number[] = [];
  for (let i = 0; i < PROMO_NUMS.length; i++) {
    const P = PROMO_NUMS[i]!;
    if (P > t) break;
    if (P < t - 364) continue;
    promoDays.push(P);
    promoWarmups.push(PROMO_DAYS[i]!.warmupDays);
  }
  const L = Math.log1p;
  const g = s || phase.warmup ? 0 : 1; // the ordinary-phase columns are 0 in a 大促 phase

  for (let row = from; row < to; row++) {
    const c = candidates[row]!;
    const lo = cStart[c]!;
    const end = firstAtLeast(cDay, lo, cStart[c + 1]!, t + 1); // contacts with day ≤ t
    // The last 35 days, latest first: every column but the year's.
    let visits7 = 0, views7 = 0, clicks7 = 0, carts7 = 0, carts30 = 0, placed7 = 0, explicit30 = 0, in30 = 0;
    let days7 = 0, days30 = 0, prevDay = -1, lastCart = -1;
    let c1 = 0, c3 = 0, c7 = 0, prev4 = 0, cart3 = 0, wContacts = 0, wCarts = 0;
    let visits = 0, carts = 0, lastClick = -1;
    let k = end - 1;
    for (; k >= lo; k--) {
      const d = cDay[k]!;
      const age = t - d;
      if (age > 34) break;
      const kd = kind[k]!;
      if (kd === KIND_VISIT) visits++;
      else if (kd === KIND_CART) {
        carts++;
        if (lastCart < 0) lastCart = d;
      } else if (kd === KIND_CLICK && lastClick < 0) lastClick = d;
      if (age <= 29) {
        in30++;
        if (d !== prevDay) {
          days30++;
          if (age < 7) days7++;
          prevDay = d;
        }
        if (kd === KIND_CART) carts30++;
        if (kd !== KIND_PAID) explicit30++;
        if (age < 7) {
          if (kd === KIND_VISIT) visits7++;
          else if (kd === KIND_VIEW) views7++;
          else if (kd === KIND_CLICK) clicks7++;
          else if (kd === KIND_CART) carts7++;
          else if (kd === KIND_PLACED || kd === KIND_ORDER) placed7++;
        }
      }
      if (kd === KIND_PAID) continue;
      if (d >= warmupStart) {
        wContacts++;
        if (kd === KIND_CART) wCarts++;
      }
      if (age >= 7) {
        prev4++;
        continue;
      }
      c7++;
      if (age < 3) {
        c3++;
        if (kd === KIND_CART) cart3++;
        if (age === 0) c1++;
      }
    }
    // The rest of the year: visits, cart adds and the latest click only.
    for (; k >= lo; k--) {
      const d = cDay[k]!;
      if (t - d > 364) break;
      const kd = kind[k]!;
      if (kd === KIND_VISIT) visits++;
      else if (kd === KIND_CART) carts++;
      else if (kd === KIND_CLICK && lastClick < 0) lastClick = d;
    }
    const inYear = end - 1 - k;
    const lastAge = end > lo ? t - cDay[end - 1]! : -1;
    const rec = lastAge >= 0 ? Math.min(GAP_CAP, lastAge) : GAP_CAP;
    const tenure = end > lo ? Math.min(GAP_CAP, t - cDay[lo]!) : 0;
    const lastCart30 = lastCart >= 0 && t - lastCart <= 29 ? lastCart : -1;

    const plo = pStart[c]!;
    const pend = firstAtLeast(pDay, plo, pStart[c + 1]!, t + 1);
    const paid = pend - plo;
    let yuan = 0, live = 0, video = 0, card = 0, atPromo = 0;
    for (let j = plo; j < pend; j++) {
      yuan += amountFen[j]! / 100;
      if (nearPromoDay(pDay[j]!)) atPromo++;
      const ch = paidChannel[j]!;
      if (ch === 0) live++;
      else if (ch === 1) video++;
      else if (ch === 2) card++;
    }
    // Past 大促 of the year: bought around the day (day −1 … +1), and carted in its warm-up then bought.
    let promoBuys = 0, cartThenBuy = 0;
    if (pend > plo) {
      for (let i = 0; i < promoDays.length; i++) {
        const P = promoDays[i]!;
        const j = firstAtLeast(pDay, plo, pend, P - 1);
        if (j >= pend || pDay[j]! > P + 1) continue;
        promoBuys++;
        const b = firstAtLeast(cDay, lo, end, P);
        for (let q = firstAtLeast(cDay, lo, b, P - promoWarmups[i]!); q < b; q++)
          if (kind[q] === KIND_CART) {
            cartThenBuy++;
            break;
          }
      }
    }
    const flags = flagsOf[c]!;

    let i = (row - from) * FEATURE_COUNT;
    // Base columns (features.ts writeBaseFeatures).
    X[i++] = L(rec);
    X[i++] = rec === 0 ? 1 : 0;
    X[i++] = rec <= 2 ? 1 : 0;
    X[i++] = L(visits7);
    X[i++] = L(views7);
    X[i++] = L(clicks7);
    X[i++] = L(carts7);
    X[i++] = L(carts30);
    X[i++] = L(lastCart30 >= 0 ? Math.min(CART_GAP_CAP, t - lastCart30) : CART_GAP_CAP);
    X[i++] = L(explicit30);
    X[i++] = days7;
    X[i++] = days30;
    X[i++] = L(placed7);
    X[i++] = L(inYear - in30);
    X[i++] = flags & FAN ? 1 : 0;
    X[i++] = flags & MEMBER ? 1 : 0;
    X[i++] = L(paid);
    X[i++] = paid > 0 ? 1 : 0;
    X[i++] = L(paid > 0 ? Math.min(GAP_CAP, t - pDay[pend - 1]!) : GAP_CAP);
    X[i++] = L(yuan);
    X[i++] = paid > 0 ? live / paid : 0;
    X[i++] = paid > 0 ? video / paid : 0;
    X[i++] = paid > 0 ? card / paid : 0;
    X[i++] = L(tenure);
    const life = Math.max(30, Math.min(365, tenure + 1));
    X[i++] = L((paid * 30) / life);
    X[i++] = L((inYear * 30) / life);
    // 大促 columns (features-promo.ts writePromoFeatures).
    const growth = L(c7) - L(prev4 / 4);
    const promoRec = lastAge >= 0 ? Math.min(PROMO_GAP_CAP, lastAge) : PROMO_GAP_CAP;
    const cartGap = lastCart >= 0 ? Math.min(PROMO_GAP_CAP, t - lastCart) : PROMO_GAP_CAP;
    X[i++] = toNextL;
    X[i++] = sinceLastL;
    X[i++] = s;
    X[i++] = phase.warmup;
    X[i++] = L(c1);
    X[i++] = L(c3);
    X[i++] = L(c7);
    X[i++] = L(cart3);
    X[i++] = growth;
    X[i++] = L(promoBuys);
    X[i++] = L(cartThenBuy);
    X[i++] = s * L(carts7);
    X[i++] = s * L(c7);
    X[i++] = s * growth;
    X[i++] = s * L(promoBuys);
    X[i++] = s * L(promoRec);
    X[i++] = s * L(cartGap);
    X[i++] = L(wCarts);
    X[i++] = s * L(wCarts);
    X[i++] = s * L(wContacts);
    // The year's habit, then the ordinary-phase columns (features.ts writeHistoryFeatures).
    X[i++] = (carts + 0.3) / (visits + 2);
    // Every value is ≥ 0, so × 0 is +0 as writeFeatures writes (no branch on the day's phase per row).
    const share = (atPromo + 0.1) / (paid + 1);
    X[i++] = g * L(paid - atPromo);
    X[i++] = g * share;
    X[i++] = lastAge >= 0 && lastAge < 7 ? g * share : 0;
    X[i] = g * L(lastClick >= 0 ? Math.min(CLICK_GAP_CAP, t - lastClick) : CLICK_GAP_CAP);
  }
}
