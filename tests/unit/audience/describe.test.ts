// Issue 13 items 5 and 7: an audience's name follows its conditions, in the merchant's words.
import { describe, expect, it } from 'vitest';
import { followingName, NAME_MAX } from '@/lib/audience/describe';

const LABELS: Record<string, [string, string]> = {
  'tier:purchasers': ['成交用户', 'Purchasers'],
  'rfm:generalRetain': ['一般挽留', 'General retain'],
  'tier:firstOrder': ['首单用户', 'First-order'],
  'tier:repeat': ['复购用户', 'Repeat'],
  'exported:7': ['近 7 天已导出', 'Exported in the last 7 days'],
  all: ['全部客户', 'All customers'],
};
const zh = (id: string) => LABELS[id]?.[0] ?? `?${id}`;
const en = (id: string) => LABELS[id]?.[1] ?? `?${id}`;

describe('followingName', () => {
  it('joins the conditions’ labels: 交 as ·, 并 as 或, 差 as 不含', () => {
    expect(followingName('tier:purchasers 交 rfm:generalRetain', zh, 'zh')).toBe('成交用户 · 一般挽留');
    expect(followingName('tier:purchasers 交 rfm:generalRetain', en, 'en')).toBe('Purchasers · General retain');
    expect(followingName('tier:firstOrder 并 tier:repeat', zh, 'zh')).toBe('首单用户 或 复购用户');
    expect(followingName('(tier:firstOrder 并 tier:repeat) 交 rfm:generalRetain 差 exported:7', zh, 'zh')).toBe('(首单用户 或 复购用户) · 一般挽留 不含 近 7 天已导出');
    expect(followingName('tier:purchasers 差 (tier:repeat 并 exported:7)', en, 'en')).toBe('Purchasers except (Repeat or Exported in the last 7 days)');
    expect(followingName('all 差 exported:7', zh, 'zh')).toBe('全部客户 不含 近 7 天已导出');
  });

  it('is empty for nothing, only every customer, or an unreadable expression (the field then shows its placeholder)', () => {
    expect(followingName('', zh, 'zh')).toBe('');
    expect(followingName('  ', zh, 'zh')).toBe('');
    expect(followingName('all', zh, 'zh')).toBe('');
    expect(followingName('tier:purchasers 交 (', zh, 'zh')).toBe('');
  });

  it('never shows a raw id for a known tag, and cuts long names to NAME_MAX characters', () => {
    expect(followingName('tier:purchasers 交 rfm:generalRetain', zh, 'zh')).not.toMatch(/tier:|rfm:/);
    const long = followingName(Array(12).fill('tier:purchasers').join(' 交 '), zh, 'zh');
    expect([...long].length).toBe(60);
    expect(NAME_MAX).toBe(60);
    expect(long.endsWith('…')).toBe(true);
    expect(long.startsWith('成交用户 · 成交用户')).toBe(true);
  });
});
