/** How long ago something happened, as a merchant says it: 刚刚 / 5 分钟前 / 3 小时前 / 2 天前. */
import { t, type Lang } from './messages';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * `thenMs` relative to `nowMs`: under a minute (or a clock a little behind) 刚刚; minutes under an
 * hour; hours under two days (a capture of yesterday evening reads "15 小时前", not "1 天前"); else days;
 * an unreadable time "—".
 */
export function formatAgo(thenMs: number, nowMs: number, lang: Lang): string {
  const diff = nowMs - thenMs;
  if (!Number.isFinite(diff)) return '—';
  if (diff < MINUTE) return t('glance.justNow', lang);
  const fill = (key: 'glance.minutesAgo' | 'glance.hoursAgo' | 'glance.daysAgo', n: number) => t(key, lang).replace('{n}', String(n));
  if (diff < HOUR) return fill('glance.minutesAgo', Math.floor(diff / MINUTE));
  if (diff < 48 * HOUR) return fill('glance.hoursAgo', Math.floor(diff / HOUR));
  return fill('glance.daysAgo', Math.floor(diff / (24 * HOUR)));
}
