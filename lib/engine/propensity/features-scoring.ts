/**
 * The 高潜 scorer's feature writer (issue 14, the cold open): the same values as `writeFeatures`,
 * bit for bit, with each customer's contacts of the year walked once (latest first: the 35-day
 * columns, then only the year's visits and cart adds) instead of one binary search and loop per
 * column group (base, 大促, the year's habit).
 *
 * Why a second writer: scoring the §5.3 population of a 200 000-customer shop is on the cold
 * open's critical path, twice (the window and the previous one), mostly before the JIT has
 * optimised anything. So it works on a block of candidates at a time, in a few small stages
 * (contacts, paid orders, then the columns) that are optimised early and reused for the second
 * day; columns and the day's 大促 phase are read once per block, and nothing is allocated per
 * candidate. Training rows keep `writeFeatures` (the fit path); a property test holds the two equal.
 */
import { KIND_CART, KIND_CLICK, KIND_ORDER, KIND_PAID, KIND_PLACED, KIND_VIEW, KIND_VISIT, FAN, MEMBER, type DayColumn, type Snapshot } from '../snapshot';
import { CART_GAP_CAP, FEATURE_COUNT, GAP_CAP } from './features';
import { PROMO_DAYS } from '../promo-calendar';
import { PROMO_GAP_CAP, PROMO_NUMS, promoPhaseOf } from './features-promo';

/** First index in [lo, hi) of `arr` whose value is ≥ x (the days are ascending per customer). */
function firstAtLeast(arr: DayColumn, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per-row counts of one block of candidates (index = row − from), filled by the stages below. */
interface BlockCounts {
  /** Contacts of the 30 / 7 days by kind (visits, views, clicks, cart adds, placed orders), explicit ones of the 30 days, all of the 30 days. */
  visits7: Int32Array; views7: Int32Array; clicks7: Int32Array; carts7: Int32Array; carts30: Int32Array; placed7: Int32Array; explicit30: Int32Array; in30: Int32Array;
  /** Active days of the 7 / 30 days. */
  days7: Int32Array; days30: Int32Array;
  /** Explicit contacts on the day, of the 3 / 7 days, the 4 weeks before, since the warm-up; cart adds of the 3 days, since the warm-up. */
  c1: Int32Array; c3: Int32Array; c7: Int32Array; prev4: Int32Array; cart3: Int32Array; wContacts: Int32Array; wCarts: Int32Array;
  /** The year's visits, cart adds and contacts. */
  visits: Int32Array; carts: Int32Array; inYear: Int32Array;
  /** Days since the last contact, the first one, the last cart add of the 35 days, the last paid order (−1: none). */
  lastAge: Int32Array; firstAge: Int32Array; cartAge: Int32Array; paidAge: Int32Array;
  /** Paid orders, by channel, and 大促 bought in / carted before and bought on. */
  paid: Int32Array; live: Int32Array; video: Int32Array; card: Int32Array; promoBuys: Int32Array; cartThenBuy: Int32Array;
  /** Paid yuan, summed order by order as writeBaseFeatures sums it. */
  yuan: Float64Array;
}

/** Zeroed counts for a block of n rows. */
function blockCounts(n: number): BlockCounts {
  const i = () => new Int32Array(n);
  return {
    visits7: i(), views7: i(), clicks7: i(), carts7: i(), carts30: i(), placed7: i(), explicit30: i(), in30: i(), days7: i(), days30: i(),
    c1: i(), c3: i(), c7: i(), prev4: i(), cart3: i(), wContacts: i(), wCarts: i(), visits: i(), carts: i(), inYear: i(),
    lastAge: i(), firstAge: i(), cartAge: i(), paidAge: i(), paid: i(), live: i(), video: i(), card: i(), promoBuys: i(), cartThenBuy: i(),
    yuan: new Float64Array(n),
  };
}

/** Stage 1: each row's contacts up to t, walked once latest first (the 35 days, then the rest of the year). */
function countContacts(snap: Snapshot, t: number, warmupStart: number, candidates: Int32Array, from: number, to: number, b: BlockCounts): void {
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  for (let row = from; row < to; row++) {
    const c = candidates[row]!;
    const lo = cStart[c]!;
    const end = firstAtLeast(cDay, lo, cStart[c + 1]!, t + 1); // contacts with day ≤ t
    let visits7 = 0, views7 = 0, clicks7 = 0, carts7 = 0, carts30 = 0, placed7 = 0, explicit30 = 0, in30 = 0;
    let days7 = 0, days30 = 0, prevDay = -1, cartAge = -1;
    let c1 = 0, c3 = 0, c7 = 0, prev4 = 0, cart3 = 0, wContacts = 0, wCarts = 0;
    let visits = 0, carts = 0;
    let k = end - 1;
    for (; k >= lo; k--) {
      const d = cDay[k]!;
      const age = t - d;
      if (age > 34) break;
      const kd = kind[k]!;
      if (kd === KIND_VISIT) visits++;
      else if (kd === KIND_CART) {
        carts++;
        if (cartAge < 0) cartAge = age;
      }
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
    // The rest of the year: visits and cart adds only.
    for (; k >= lo; k--) {
      if (t - cDay[k]! > 364) break;
      const kd = kind[k]!;
      if (kd === KIND_VISIT) visits++;
      else if (kd === KIND_CART) carts++;
    }
    const r = row - from;
    b.visits7[r] = visits7; b.views7[r] = views7; b.clicks7[r] = clicks7; b.carts7[r] = carts7; b.carts30[r] = carts30; b.placed7[r] = placed7;
    b.explicit30[r] = explicit30; b.in30[r] = in30; b.days7[r] = days7; b.days30[r] = days30;
    b.c1[r] = c1; b.c3[r] = c3; b.c7[r] = c7; b.prev4[r] = prev4; b.cart3[r] = cart3; b.wContacts[r] = wContacts; b.wCarts[r] = wCarts;
    b.visits[r] = visits; b.carts[r] = carts; b.inYear[r] = end - 1 - k;
    b.lastAge[r] = end > lo ? t - cDay[end - 1]! : -1;
    b.firstAge[r] = end > lo ? t - cDay[lo]! : -1;
    b.cartAge[r] = cartAge;
  }
}

/** Stage 2: each row's paid orders up to t, and the past 大促 of the year (`promoDays`, with their warm-ups) bought around and carted before. */
function countPaid(snap: Snapshot, t: number, promoDays: number[], promoWarmups: number[], candidates: Int32Array, from: number, to: number, b: BlockCounts): void {
  const cStart = snap.custContactStart, cDay = snap.custContactDay, kind = snap.custContactKind;
  const pStart = snap.custPaidStart, pDay = snap.custPaidDay, amountFen = snap.custPaidAmountFen, paidOrder = snap.custPaidOrder, orderChannel = snap.orderChannel;
  for (let row = from; row < to; row++) {
    const c = candidates[row]!, r = row - from;
    const plo = pStart[c]!;
    const pend = firstAtLeast(pDay, plo, pStart[c + 1]!, t + 1);
    let yuan = 0, live = 0, video = 0, card = 0;
    for (let j = plo; j < pend; j++) {
      yuan += amountFen[j]! / 100;
      const ch = orderChannel[paidOrder[j]!]!;
      if (ch === 0) live++;
      else if (ch === 1) video++;
      else if (ch === 2) card++;
    }
    b.paid[r] = pend - plo; b.yuan[r] = yuan; b.live[r] = live; b.video[r] = video; b.card[r] = card;
    b.paidAge[r] = pend > plo ? t - pDay[pend - 1]! : -1;
    let promoBuys = 0, cartThenBuy = 0;
    if (pend > plo) {
      const lo = cStart[c]!;
      const end = firstAtLeast(cDay, lo, cStart[c + 1]!, t + 1);
      for (let i = 0; i < promoDays.length; i++) {
        const P = promoDays[i]!;
        const j = firstAtLeast(pDay, plo, pend, P - 1);
        if (j >= pend || pDay[j]! > P + 1) continue;
        promoBuys++;
        const e = firstAtLeast(cDay, lo, end, P);
        for (let q = firstAtLeast(cDay, lo, e, P - promoWarmups[i]!); q < e; q++)
          if (kind[q] === KIND_CART) {
            cartThenBuy++;
            break;
          }
      }
    }
    b.promoBuys[r] = promoBuys; b.cartThenBuy[r] = cartThenBuy;
  }
}

/**
 * Writes the raw features (FEATURES order) of `candidates[from…to)` at day `t` into `X`, the row of
 * candidates[r] at (r − from) · FEATURE_COUNT: `writeFeatures`'s values, faster (see the file's comment).
 */
export function writeFeatureRows(snap: Snapshot, t: number, candidates: Int32Array, from: number, to: number, X: Float64Array): void {
  const phase = promoPhaseOf(t);
  const s = phase.soon, warmup = phase.warmup, toNextL = Math.log1p(phase.toNext), sinceLastL = Math.log1p(phase.sinceLast);
  // The 大促 main days of the year ending t (ascending), with their warm-up lengths.
  const promoDays: number[] = [], promoWarmups: number[] = [];
  for (let i = 0; i < PROMO_NUMS.length; i++) {
    const P = PROMO_NUMS[i]!;
    if (P > t) break;
    if (P < t - 364) continue;
    promoDays.push(P);
    promoWarmups.push(PROMO_DAYS[i]!.warmupDays);
  }
  const b = blockCounts(to - from);
  countContacts(snap, t, phase.warmupStart, candidates, from, to, b);
  countPaid(snap, t, promoDays, promoWarmups, candidates, from, to, b);
  const flagsOf = snap.customerFlags;
  const L = Math.log1p;
  for (let r = 0; r < to - from; r++) {
    const lastAge = b.lastAge[r]!, firstAge = b.firstAge[r]!, cartAge = b.cartAge[r]!, paid = b.paid[r]!;
    const rec = lastAge >= 0 ? Math.min(GAP_CAP, lastAge) : GAP_CAP;
    const tenure = firstAge >= 0 ? Math.min(GAP_CAP, firstAge) : 0;
    const flags = flagsOf[candidates[from + r]!]!;
    const carts7 = b.carts7[r]!, c7 = b.c7[r]!, inYear = b.inYear[r]!, promoBuys = b.promoBuys[r]!, wCarts = b.wCarts[r]!;
    let i = r * FEATURE_COUNT;
    // Base columns (features.ts writeBaseFeatures).
    X[i++] = L(rec);
    X[i++] = rec === 0 ? 1 : 0;
    X[i++] = rec <= 2 ? 1 : 0;
    X[i++] = L(b.visits7[r]!);
    X[i++] = L(b.views7[r]!);
    X[i++] = L(b.clicks7[r]!);
    X[i++] = L(carts7);
    X[i++] = L(b.carts30[r]!);
    X[i++] = L(cartAge >= 0 && cartAge <= 29 ? Math.min(CART_GAP_CAP, cartAge) : CART_GAP_CAP);
    X[i++] = L(b.explicit30[r]!);
    X[i++] = b.days7[r]!;
    X[i++] = b.days30[r]!;
    X[i++] = L(b.placed7[r]!);
    X[i++] = L(inYear - b.in30[r]!);
    X[i++] = flags & FAN ? 1 : 0;
    X[i++] = flags & MEMBER ? 1 : 0;
    X[i++] = L(paid);
    X[i++] = paid > 0 ? 1 : 0;
    X[i++] = L(paid > 0 ? Math.min(GAP_CAP, b.paidAge[r]!) : GAP_CAP);
    X[i++] = L(b.yuan[r]!);
    X[i++] = paid > 0 ? b.live[r]! / paid : 0;
    X[i++] = paid > 0 ? b.video[r]! / paid : 0;
    X[i++] = paid > 0 ? b.card[r]! / paid : 0;
    X[i++] = L(tenure);
    const life = Math.max(30, Math.min(365, tenure + 1));
    X[i++] = L((paid * 30) / life);
    X[i++] = L((inYear * 30) / life);
    // 大促 columns (features-promo.ts writePromoFeatures).
    const growth = L(c7) - L(b.prev4[r]! / 4);
    X[i++] = toNextL;
    X[i++] = sinceLastL;
    X[i++] = s;
    X[i++] = warmup;
    X[i++] = L(b.c1[r]!);
    X[i++] = L(b.c3[r]!);
    X[i++] = L(c7);
    X[i++] = L(b.cart3[r]!);
    X[i++] = growth;
    X[i++] = L(promoBuys);
    X[i++] = L(b.cartThenBuy[r]!);
    X[i++] = s * L(carts7);
    X[i++] = s * L(c7);
    X[i++] = s * growth;
    X[i++] = s * L(promoBuys);
    X[i++] = s * L(lastAge >= 0 ? Math.min(PROMO_GAP_CAP, lastAge) : PROMO_GAP_CAP);
    X[i++] = s * L(cartAge >= 0 ? Math.min(PROMO_GAP_CAP, cartAge) : PROMO_GAP_CAP);
    X[i++] = L(wCarts);
    X[i++] = s * L(wCarts);
    X[i++] = s * L(b.wContacts[r]!);
    // The year's habit (features.ts writeHistoryFeatures).
    X[i] = (b.carts[r]! + 0.3) / (b.visits[r]! + 2);
  }
}
