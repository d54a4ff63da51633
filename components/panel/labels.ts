/**
 * Catalogue keys of data-named things the panel labels (a 罗盘 metric, a channel, a backup array).
 * Keyed by data, so looked up as own keys only: a metric named `constructor` is just unknown.
 */
import type { MessageKey } from '@/lib/i18n/messages';
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
