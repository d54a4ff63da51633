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
};

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

/** A platform snapshot metric's label; unknown metrics show their own name. */
export function snapshotMetricLabel(metric: string, t: (k: MessageKey) => string): string {
  const key = ownValue(SNAPSHOT_KEYS, metric);
  return key ? t(key) : metric;
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
