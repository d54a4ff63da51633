/**
 * Catalogue keys of data-named things the panel labels (a 罗盘 metric, a channel, a backup array).
 * Keyed by data, so looked up as own keys only: a metric named `constructor` is just unknown.
 */
import type { ScoreReason } from '@/components/engine/extras';
import { formatMoney, formatRate } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { ownValue } from '@/lib/model/own';

const SNAPSHOT_KEYS: Record<string, MessageKey> = {
  highPotential: 'highPotential',
  purchasers: 'purchasers',
  firstOrder: 'firstOrder',
  repeat: 'repeat',
  users: 'users',
  visitors: 'snap_visitors',
  payingBuyers: 'snap_payingBuyers',
  newBuyers: 'snap_newBuyers',
  returningBuyers: 'snap_returningBuyers',
  payConversion: 'snap_payConversion',
  aovFen: 'snap_aov',
  gmvFen: 'snap_gmv',
  repurchaseRate: 'snap_repurchaseRate',
  shopCustomers: 'snap_shopCustomers',
  newVisitors: 'newVisitors',
  unpurchasedReturning: 'unpurchasedReturning',
  purchasedReturning: 'purchasedReturning',
};

/** 生意参谋 客户概况 figures are `<group stem><figure>` (lib/capture/adapters/sycm-customer.ts overviewKey). */
const GROUP_STEMS: Record<string, MessageKey> = {
  shopCustomers: 'snap_shopCustomers',
  newVisitors: 'newVisitors',
  newVisitor: 'newVisitors',
  unpurchasedReturning: 'unpurchasedReturning',
  purchasedReturning: 'purchasedReturning',
};
const FIGURE_SUFFIXES: Record<string, MessageKey> = {
  Buyers: 'snap_buyers',
  NonBuyers: 'snap_nonBuyers',
  PayConversion: 'snap_payConversion',
  AovFen: 'snap_aov',
  PeerTop: 'snap_peerTop',
};

/** Capture adapters by id (lib/capture adapter registry) → the page's name. */
const PAGE_KEYS: Record<string, MessageKey> = {
  'douyin-orders': 'page_douyinOrders',
  'sycm-visitors': 'page_sycmVisitors',
  'compass-user-asset': 'page_compassUserAsset',
  'sycm-customer': 'page_sycmCustomer',
  'qianniu-sold': 'page_qianniuSold',
  'crm-customers': 'page_crmCustomers',
  generic: 'page_generic',
};

/** The console page a capture or platform figure came from, by its adapter id; never the id itself. */
export function pageLabel(adapterId: string, t: (k: MessageKey) => string): string {
  const key = ownValue(PAGE_KEYS, adapterId);
  return t(key ?? 'page_unknown');
}

const CHANNEL_KEYS: Record<string, MessageKey> = { live: 'channelLive', video: 'channelVideo', card: 'channelCard', other: 'channelOther' };

const COUNT_KEYS: Record<string, MessageKey> = {
  customers: 'count_customers',
  orders: 'count_orders',
  contacts: 'count_contacts',
  captures: 'count_captures',
  platformSnapshots: 'count_platformSnapshots',
  audiences: 'count_audiences',
  exports: 'count_exports',
};

/** A platform snapshot metric's label ("新访客户 · 成交客户数"); an unknown metric reads as 其他指标, never as its field name. */
export function snapshotMetricLabel(metric: string, t: (k: MessageKey) => string): string {
  const key = ownValue(SNAPSHOT_KEYS, metric);
  if (key) return t(key);
  for (const [suffix, figure] of Object.entries(FIGURE_SUFFIXES)) {
    if (!metric.endsWith(suffix)) continue;
    const group = ownValue(GROUP_STEMS, metric.slice(0, -suffix.length));
    if (group) return `${t(group)} · ${t(figure)}`;
  }
  return t('snap_other');
}

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (w, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : w));
const days = (v: number) => Math.round(v);

/**
 * A 高潜 reason as what the person did ("最近加购（2 天前）"), not as the model's feature name
 * ("距上次加购天数" read with ↑ said the opposite). The chip's arrow says which way it moved the chance.
 */
export function reasonText(r: ScoreReason, lang: Lang, t: (k: MessageKey) => string): string {
  const label = lang === 'zh' ? r.zh : r.en;
  const v = r.value;
  if (v === undefined || !Number.isFinite(v)) return label;
  const n = days(v);
  const ago = n <= 0 ? t('reason_agoToday') : n === 1 ? t('reason_agoOne') : fill(t('reason_agoDays'), { n });
  const recency = (recent: MessageKey, long: MessageKey, within: number) => fill(t(v <= within ? recent : long), { n, ago });
  switch (r.feature) {
    case 'daysSinceLastCart':
      return recency('reason_recentCart', 'reason_noRecentCart', 7);
    case 'daysSinceLastContact':
      return recency('reason_recentContact', 'reason_noRecentContact', 7);
    case 'daysSinceLastPaid':
      return v >= 400 ? t('reason_neverPaid') : recency('reason_recentPaid', 'reason_noRecentPaid', 30);
    case 'daysSinceFirstContact':
      return fill(t(v <= 7 ? 'reason_newContact' : 'reason_firstContact'), { ago });
    case 'isFan':
      return t(v > 0 ? 'reason_fan' : 'reason_notFan');
    case 'isMember':
      return t(v > 0 ? 'reason_member' : 'reason_notMember');
    case 'everPaid':
      return v > 0 ? label : t('reason_neverPaid');
    case 'contactToday':
    case 'contactLast3Days':
      return v > 0 ? label : fill(t('reason_count'), { label, n: 0 });
    case 'paidYuan':
      return fill(t('reason_count'), { label, n: formatMoney(Math.round(v * 100)) });
    case 'shareLive':
    case 'shareVideo':
    case 'shareCard':
      return fill(t('reason_count'), { label, n: formatRate(v, 0) });
    case 'purchasesPerMonth':
    case 'contactsPerMonth':
      return fill(t('reason_count'), { label, n: v.toFixed(1) });
    default:
      return fill(t('reason_count'), { label, n: Math.round(v) });
  }
}

/** A channel's label; an unknown channel shows `fallback` (the engine's name for it). */
export function channelLabel(channel: string, fallback: string, t: (k: MessageKey) => string): string {
  const key = ownValue(CHANNEL_KEYS, channel);
  return key ? t(key) : fallback;
}

/** A backup array's label (顾客 / 订单 …); an unknown one shows its own name. */
export function backupCountLabel(name: string, t: (k: MessageKey) => string): string {
  const key = ownValue(COUNT_KEYS, name);
  return key ? t(key) : name;
}
