/**
 * 高潜 reasons a merchant can trust (SPEC §5.3 "explainable", issue 14 item 1).
 *
 * The 大促-aware model has many collinear columns (recency, 1 / 3 / 7 / 30-day counts, growth, the
 * 大促将至 × activity interactions …). The sign of one column's weight *given all the others* is
 * the model's book-keeping, not a reason: "↑ 30天前一年内互动次数 0" (no older contacts raising the
 * chance) or "↓ 近7天活跃天数 2" beside "↑ 最近加购". So a model's terms are summed into a few groups
 * a merchant thinks in, and a group is shown only when its push agrees with its plain reading.
 *
 * Input: the model's terms for customer c at day t (PropensityContribution), each with
 * - contribution_j: its push on the log-odds versus the model's reference customer (fitted model:
 *   the training rows' mean; a calibrated baseline: its backtest mean; the fixed heuristic: a
 *   customer with none of its terms), and
 * - deviation_j = (x_j − reference_j) / scale_j: where the customer stands against that reference
 *   (scale: the training sd; 1 for a baseline; 1 / |β_j| for a heuristic term).
 * Each column has a reading (REASON_READINGS): its group, and an orientation o_j = +1 when more of
 * it is more of the group's good thing (more contacts, a cart add, a fan, a 大促 nearer), −1 when
 * less of it is (days since the last contact / cart add / purchase, days since the first contact
 * for 新客, days to the next 大促), 0 when it has no plain direction (channel shares; products of
 * two columns — the 大促将至 interactions and warm-up counts, whose training mean mixes in the zeros
 * of other days, and activity × purchase frequency) — a 0 column counts in its group's push but
 * not in its direction.
 *
 * The rule, for each group G of the day:
 *   push_G = Σ_{j∈G} contribution_j,   lean_G = Σ_{j∈G} o_j · deviation_j.
 *   ↑ when push_G > 0 and lean_G > 0 (on balance the customer has more of the good thing than the
 *   reference); ↓ when push_G < 0 and lean_G < 0; otherwise G is not shown (a push against the plain
 *   reading is what collinear columns do to each other, not something the merchant can act on).
 *   Its fact, the value shown, is the shown column j of G (REASON_READINGS `shown`) with
 *   sign(o_j · deviation_j) = the arrow's sign and the largest |deviation_j| — the most unusual thing
 *   about this customer that points the arrow's way (ties: the model's column order). With none, G
 *   is not shown.
 * So an arrow never contradicts its words: "↑ 近7天互动 3 次" means 3 is above the reference, and
 * the customer's activity as a whole is too.
 *
 * The 大促 group holds the columns equal for every customer of day t: the calendar phase always,
 * the 大促将至 interactions (warm-up counts) on days they are 0 for everyone (no 大促 day within
 * the 7-day horizon; no warm-up), and the ordinary-phase columns (features.ts ORDINARY_FEATURES) on
 * days of a 大促 phase, when they are 0 for everyone. They move every score of the day alike, so the 大促 group comes
 * after the customer's own groups, which are ranked by |push|.
 */
import { nextPromo } from '../promo-calendar';
import { promoPhaseOf } from './features-promo';
import type { PropensityContribution } from './model';

/** The groups a merchant reads a 高潜 score by. */
export type ReasonGroup = 'activity' | 'cart' | 'purchases' | 'relation' | 'newcomer' | 'promo';

/** One reason behind a 高潜 score, in the merchant's terms: a group, its arrow and the customer's telling value. */
export interface PropensityReason {
  group: ReasonGroup;
  /** The group's push on the log-odds (> 0: ↑ raises the chance, < 0: ↓ lowers it); never 0. */
  contribution: number;
  /** The column whose value is shown (e.g. contacts7d → "近7天互动 3 次"). */
  feature: string;
  /** Its value as counted (days, times, yuan, a ratio; 0/1 for yes/no). */
  value: number;
  /** The 大促 group: the id of the next 大促 (PROMO_DAYS), named in the text. */
  promo?: string;
}

interface Reading {
  group: ReasonGroup;
  orientation: 1 | -1 | 0;
  /** May be the fact shown (default: when oriented). */
  shown?: boolean;
}

const r = (group: ReasonGroup, orientation: 1 | -1 | 0, shown = orientation !== 0): Reading => ({ group, orientation, shown });

/** Every column's group and orientation (see the rule above), in the order ties are broken. */
export const REASON_READINGS: Readonly<Record<string, Reading>> = {
  contactToday: r('activity', 1),
  contacts1d: r('activity', 1),
  daysSinceLastContact: r('activity', -1),
  contactLast3Days: r('activity', 1),
  contacts3d: r('activity', 1),
  contacts7d: r('activity', 1),
  activeDays7d: r('activity', 1),
  visits7d: r('activity', 1),
  views7d: r('activity', 1),
  clicks7d: r('activity', 1),
  contactGrowth: r('activity', 1),
  contacts30d: r('activity', 1),
  activeDays30d: r('activity', 1),
  contactsPerMonth: r('activity', 1),
  contactsBefore30d: r('activity', 1),
  promoSoonContacts7d: r('activity', 0),
  promoSoonGrowth: r('activity', 0),
  promoSoonDaysSinceLastContact: r('activity', 0),
  promoSoonWarmupContacts: r('activity', 0),

  daysSinceLastCart: r('cart', -1),
  cartAdds3d: r('cart', 1),
  cartAdds7d: r('cart', 1),
  cartAdds30d: r('cart', 1),
  ordersPlaced7d: r('cart', 1),
  promoSoonCartAdds7d: r('cart', 0),
  promoSoonDaysSinceLastCart: r('cart', 0),
  warmupCartAdds: r('cart', 0),
  promoSoonWarmupCartAdds: r('cart', 0),
  cartAddsPerVisit: r('cart', 1, false),
  daysSinceLastClick: r('activity', -1, false),

  paidOrders: r('purchases', 1),
  everPaid: r('purchases', 1),
  daysSinceLastPaid: r('purchases', -1),
  paidYuan: r('purchases', 1),
  purchasesPerMonth: r('purchases', 1),
  promoPurchases: r('purchases', 1),
  promoCartThenBuy: r('purchases', 1),
  shareLive: r('purchases', 0),
  shareVideo: r('purchases', 0),
  shareCard: r('purchases', 0),
  promoSoonPastPromoBuyer: r('purchases', 0),
  ordinaryPaidOrders: r('purchases', 1, false),
  festivalPurchaseShare: r('purchases', 0),
  festivalShareActive7d: r('purchases', 0),

  isFan: r('relation', 1),
  isMember: r('relation', 1),

  daysSinceFirstContact: r('newcomer', -1),

  daysToNextPromo: r('promo', -1),
  promoInNext7Days: r('promo', 1, false),
  promoWarmup: r('promo', 1, false),
  daysSinceLastPromo: r('promo', 0),
};

/** Columns that are 0 for every customer unless a 大促 day is within the horizon (× "大促将至"). */
const SOON_ONLY = new Set([
  'promoSoonContacts7d', 'promoSoonGrowth', 'promoSoonDaysSinceLastContact', 'promoSoonWarmupContacts', 'promoSoonCartAdds7d',
  'promoSoonDaysSinceLastCart', 'promoSoonWarmupCartAdds', 'promoSoonPastPromoBuyer',
]);

/** Columns that are 0 for every customer in a 大促 phase (a 大促 day within the horizon, or its warm-up). */
const ORDINARY_ONLY = new Set(['ordinaryPaidOrders', 'festivalPurchaseShare', 'festivalShareActive7d', 'daysSinceLastClick']);

interface Tally {
  push: number;
  lean: number;
  terms: PropensityContribution[];
}

/** A model's terms of one customer at day t as at most `top` reasons: the customer's own groups by |push|, then the day's 大促 group (rule above). */
export function groupReasons(terms: readonly PropensityContribution[], t: number, top: number): PropensityReason[] {
  const phase = promoPhaseOf(t);
  const sameForAll = (feature: string) =>
    (SOON_ONLY.has(feature) && !phase.soon) ||
    (feature === 'warmupCartAdds' && !phase.soon && !phase.warmup) ||
    (ORDINARY_ONLY.has(feature) && (phase.soon === 1 || phase.warmup === 1));
  const tallies = new Map<ReasonGroup, Tally>();
  for (const term of terms) {
    const reading = Object.hasOwn(REASON_READINGS, term.feature) ? REASON_READINGS[term.feature] : undefined;
    if (!reading) continue;
    const group = sameForAll(term.feature) ? 'promo' : reading.group;
    let tally = tallies.get(group);
    if (!tally) tallies.set(group, (tally = { push: 0, lean: 0, terms: [] }));
    tally.push += term.contribution;
    tally.lean += reading.orientation * (term.deviation ?? 0);
    tally.terms.push(term);
  }
  const out: PropensityReason[] = [];
  for (const [group, { push, lean, terms: parts }] of tallies) {
    const sign = Math.sign(push);
    if (sign === 0 || Math.sign(lean) !== sign) continue;
    let fact: PropensityContribution | null = null;
    for (const p of parts) {
      const reading = REASON_READINGS[p.feature]!;
      const d = p.deviation ?? 0;
      if (!reading.shown || Math.sign(reading.orientation * d) !== sign || p.value === undefined) continue;
      if (!fact || Math.abs(d) > Math.abs(fact.deviation ?? 0)) fact = p;
    }
    if (!fact) continue;
    const reason: PropensityReason = { group, contribution: push, feature: fact.feature, value: fact.value! };
    if (group === 'promo') {
      const next = nextPromo(t + 1);
      if (next) reason.promo = next.promo.id;
    }
    out.push(reason);
  }
  const last = (x: PropensityReason) => (x.group === 'promo' ? 1 : 0);
  return out.sort((a, b) => last(a) - last(b) || Math.abs(b.contribution) - Math.abs(a.contribution) || a.group.localeCompare(b.group)).slice(0, Math.max(0, top));
}
