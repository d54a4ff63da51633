/**
 * A 高潜 reason in the merchant's words: what the customer did ("近7天互动 3 次", "3 天前加购",
 * "历史成交 2 单", "距双11还有 5 天"), never a model column's name. The arrow comes from the engine
 * (lib/engine/propensity/reasons.ts), which shows a reason only when the value reads the arrow's
 * way; where the words themselves depend on it (recency), ↑ and ↓ have their own wording.
 */
import type { ScoreReason } from '@/components/engine/extras';
import { formatCount, formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

type T = (k: MessageKey) => string;

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (w, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : w));
/** One decimal, as format.ts prints 万 figures (2.5, 19.1). */
const oneDecimal = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

const ago = (n: number, t: T) => (n <= 0 ? t('reasons.agoToday') : n === 1 ? t('reasons.agoOne') : fill(t('reasons.agoDays'), { n: formatCount(n) }));
const count = (key: MessageKey, n: number, t: T, none?: MessageKey) => (n === 0 && none ? t(none) : fill(t(key), { n: formatCount(n) }));
const yesNo = (v: number, yes: MessageKey, no: MessageKey, t: T) => t(v > 0 ? yes : no);

/** Gaps the features cap ("never" is the cap): a cart add not within 60 days, a first contact over a year ago, no purchase. */
const CART_GAP_CAP = 60;
const LONG_GAP = 400;
/** The 大促 column's cap: no 大促 day within 60 days. */
const PROMO_CAP = 60;

const CART_WINDOW = { cartAdds3d: 3, cartAdds7d: 7, cartAdds30d: 30 } as const;

const PROMO_KEYS: Record<string, MessageKey> = {
  double11: 'reasons.promo.double11',
  '618': 'reasons.promo.618',
  double12: 'reasons.promo.double12',
  nianhuo: 'reasons.promo.nianhuo',
  '38': 'reasons.promo.38',
};

const GROUP_KEYS: Record<string, MessageKey> = {
  activity: 'reasons.group.activity',
  cart: 'reasons.group.cart',
  purchases: 'reasons.group.purchases',
  relation: 'reasons.group.relation',
  newcomer: 'reasons.group.newcomer',
  promo: 'reasons.group.promo',
};

/**
 * Whether a saved reason has the grouped shape: an analysis saved by an earlier version (shown at
 * once while the worker recomputes) holds per-column reasons, which are left out rather than misread.
 */
export function isGroupedReason(r: ScoreReason): boolean {
  return typeof r.group === 'string' && Object.hasOwn(GROUP_KEYS, r.group) && typeof r.contribution === 'number' && r.contribution !== 0;
}

/** The group's name ("互动", "加购" …), for the chip's title. */
export function reasonGroupName(r: ScoreReason, t: T): string {
  return t(GROUP_KEYS[r.group] ?? 'reasons.group.activity');
}

/** The text of one reason (without its arrow) in the catalogue's language `t` speaks. */
export function reasonText(r: ScoreReason, t: T): string {
  const up = r.contribution > 0;
  const n = Math.round(r.value);
  switch (r.feature) {
    case 'daysSinceLastContact':
      return up ? fill(t('reasons.lastContactUp'), { ago: ago(n, t) }) : fill(t('reasons.lastContactDown'), { n: formatCount(n) });
    case 'contactToday':
      return yesNo(n, 'reasons.contactTodayYes', 'reasons.contactTodayNo', t);
    case 'contactLast3Days':
      return yesNo(n, 'reasons.last3DaysYes', 'reasons.last3DaysNo', t);
    case 'contacts1d':
      return count('reasons.contacts1d', n, t, 'reasons.contactTodayNo');
    case 'contacts3d':
      return count('reasons.contacts3d', n, t, 'reasons.last3DaysNo');
    case 'contacts7d':
      return count('reasons.contacts7d', n, t, 'reasons.contacts7dNone');
    case 'contacts30d':
      return count('reasons.contacts30d', n, t);
    case 'visits7d':
    case 'views7d':
    case 'clicks7d':
    case 'activeDays7d':
      return count(`reasons.${r.feature}`, n, t, 'reasons.contacts7dNone');
    case 'activeDays30d':
      return count('reasons.activeDays30d', n, t);
    case 'contactGrowth':
      return fill(t('reasons.contactGrowth'), { x: oneDecimal(r.value) });
    case 'contactsPerMonth':
      return fill(t('reasons.contactsPerMonth'), { x: oneDecimal(r.value) });
    case 'contactsBefore30d':
      return count('reasons.contactsBefore30d', n, t, 'reasons.contactsBefore30dNone');

    case 'daysSinceLastCart':
      if (up) return fill(t('reasons.lastCartUp'), { ago: ago(n, t) });
      return fill(t(n >= CART_GAP_CAP ? 'reasons.lastCartNever' : 'reasons.lastCartDown'), { n: formatCount(n) });
    case 'cartAdds3d':
    case 'cartAdds7d':
    case 'cartAdds30d':
      return n === 0 ? fill(t('reasons.cartNone'), { d: CART_WINDOW[r.feature] }) : count(`reasons.${r.feature}`, n, t);
    case 'ordersPlaced7d':
      return count('reasons.ordersPlaced7d', n, t, 'reasons.ordersPlaced7dNone');

    case 'paidOrders':
      return count('reasons.paidOrders', n, t, 'reasons.neverPaid');
    case 'everPaid':
      return yesNo(n, 'reasons.everPaid', 'reasons.neverPaid', t);
    case 'daysSinceLastPaid':
      if (n >= LONG_GAP) return t('reasons.neverPaid');
      return fill(t(up ? 'reasons.lastPaidUp' : 'reasons.lastPaidDown'), { n: formatCount(n) });
    case 'paidYuan':
      return r.value > 0 ? fill(t('reasons.paidYuan'), { money: formatMoney(Math.round(r.value * 100)) }) : t('reasons.neverPaid');
    case 'purchasesPerMonth':
      return r.value > 0 ? fill(t('reasons.purchasesPerMonth'), { x: oneDecimal(r.value) }) : t('reasons.neverPaid');
    case 'promoPurchases':
      return count('reasons.promoPurchases', n, t, 'reasons.promoPurchasesNone');
    case 'promoCartThenBuy':
      return count('reasons.promoCartThenBuy', n, t, 'reasons.promoCartThenBuyNone');

    case 'isFan':
      return yesNo(n, 'reasons.fan', 'reasons.notFan', t);
    case 'isMember':
      return yesNo(n, 'reasons.member', 'reasons.notMember', t);

    case 'daysSinceFirstContact':
      if (up) return fill(t('reasons.newcomer'), { ago: ago(n, t) });
      return n >= LONG_GAP ? t('reasons.firstContactLong') : fill(t('reasons.firstContact'), { n: formatCount(n) });

    case 'daysToNextPromo': {
      if (n >= PROMO_CAP) return fill(t('reasons.promoNone'), { n: PROMO_CAP });
      const key = r.promo !== undefined && Object.hasOwn(PROMO_KEYS, r.promo) ? PROMO_KEYS[r.promo]! : 'reasons.promo.other';
      return fill(t('reasons.promoIn'), { promo: t(key), n: formatCount(n) });
    }
    default:
      // A column the panel has no words for yet: its group's name, never the column's.
      return reasonGroupName(r, t);
  }
}
