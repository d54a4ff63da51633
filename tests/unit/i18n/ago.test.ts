/** Issue 13 item 9: "上次采集 x 小时前" in zh and en, from hand-picked instants. */
import { describe, expect, it } from 'vitest';
import { formatAgo } from '@/lib/i18n/ago';

const now = Date.parse('2026-11-20T23:30:00+08:00');
const before = (iso: string) => Date.parse(iso);

describe('formatAgo', () => {
  it('under a minute, or a capture stamped a little in the future, is 刚刚', () => {
    expect(formatAgo(before('2026-11-20T23:29:30+08:00'), now, 'zh')).toBe('刚刚');
    expect(formatAgo(before('2026-11-20T23:31:00+08:00'), now, 'en')).toBe('just now');
  });

  it('minutes under an hour', () => {
    expect(formatAgo(before('2026-11-20T23:01:00+08:00'), now, 'zh')).toBe('29 分钟前');
    expect(formatAgo(before('2026-11-20T22:30:01+08:00'), now, 'en')).toBe('59 min ago');
  });

  it('hours under two days (yesterday evening is hours ago, not a day)', () => {
    expect(formatAgo(before('2026-11-20T10:15:00+08:00'), now, 'zh')).toBe('13 小时前');
    expect(formatAgo(before('2026-11-19T20:00:00+08:00'), now, 'en')).toBe('27 h ago');
  });

  it('days from two days on', () => {
    expect(formatAgo(before('2026-11-18T23:30:00+08:00'), now, 'zh')).toBe('2 天前');
    expect(formatAgo(before('2026-11-10T08:00:00+08:00'), now, 'en')).toBe('10 days ago');
  });

  it('an unreadable time is shown as unknown, not as 刚刚', () => {
    expect(formatAgo(Number.NaN, now, 'zh')).toBe('—');
  });
});
