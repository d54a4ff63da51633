/**
 * Issue 13 items 3 and 10: a change says its direction with an arrow (▲ up, ▼ down), small bases as
 * differences, rates in 个百分点 (zh) / pts (en), never "pp"; one number format per table column.
 */
import { describe, expect, it } from 'vitest';
import { asOfLabel, countColumn, describeChange, moneyColumn, periodLabel, SMALL_BASE, unitKey } from '@/lib/i18n/format';

describe('changes vs the previous period', () => {
  it('counts on a large base change in %, with ▲ and the direction up', () => {
    expect(describeChange(113, 103, 'count', 'zh', 'persons')).toEqual({ text: '▲ +9.7%', direction: 'up' });
    expect(describeChange(18, 20, 'count', 'zh', 'persons')).toEqual({ text: '▼ -10.0%', direction: 'down' });
  });

  it('counts on a small base change as a difference with the unit: 2 → 5 is "+3 人", not +150%', () => {
    expect(describeChange(5, 2, 'count', 'zh', 'persons')).toEqual({ text: '▲ +3 人', direction: 'up' });
    expect(describeChange(1, 4, 'count', 'en', 'persons')).toEqual({ text: '▼ -3 people', direction: 'down' });
    expect(describeChange(3, 0, 'count', 'zh', 'persons').text).toBe('▲ +3 人');
    // The boundary: 19 is small, 20 is not.
    expect(SMALL_BASE).toBe(20);
    expect(describeChange(21, 19, 'count', 'zh', 'persons').text).toBe('▲ +2 人');
    expect(describeChange(22, 20, 'count', 'zh', 'persons').text).toBe('▲ +10.0%');
  });

  it('one of a count is singular in English ("1 person", "1 order"), Chinese keeps its one form', () => {
    expect(describeChange(3, 2, 'count', 'en', 'persons').text).toBe('▲ +1 person');
    expect(describeChange(2, 4, 'count', 'en', 'persons').text).toBe('▼ -2 people');
    expect(describeChange(3, 2, 'count', 'en', 'orders').text).toBe('▲ +1 order');
    expect(describeChange(3, 2, 'count', 'zh', 'persons').text).toBe('▲ +1 人');
    expect(describeChange(3, 2, 'count', 'zh', 'orders').text).toBe('▲ +1 单');
    expect([unitKey('persons', 1), unitKey('persons', 0), unitKey('persons', 1.5), unitKey('orders', 1), unitKey('orders', 7)]).toEqual([
      'person', 'persons', 'persons', 'orderUnitOne', 'ordersUnit',
    ]);
  });

  it('rates change in 个百分点 in zh and pts in en, never pp', () => {
    expect(describeChange(0.15, 0.12, 'rate', 'zh')).toEqual({ text: '▲ +3.0 个百分点', direction: 'up' });
    expect(describeChange(0.125, 0.25, 'rate', 'zh')).toEqual({ text: '▼ -12.5 个百分点', direction: 'down' });
    expect(describeChange(0.15, 0.12, 'rate', 'en').text).toBe('▲ +3.0 pts');
    expect(describeChange(0.199, 0.195, 'rate', 'zh').text).not.toMatch(/pp/);
  });

  it('money in % when there was money before, else as an amount', () => {
    expect(describeChange(210_000, 200_000, 'money', 'zh')).toEqual({ text: '▲ +5.0%', direction: 'up' });
    expect(describeChange(1200, 0, 'money', 'zh')).toEqual({ text: '▲ +¥12.00', direction: 'up' });
  });

  it('unknown on either side is "—"; equal is 持平 / no change', () => {
    expect(describeChange(5, null, 'count', 'zh')).toEqual({ text: '—', direction: 'none' });
    expect(describeChange(null, 5, 'rate', 'zh')).toEqual({ text: '—', direction: 'none' });
    expect(describeChange(Number.NaN, 5, 'money', 'zh').text).toBe('—');
    expect(describeChange(7, 7, 'count', 'zh')).toEqual({ text: '持平', direction: 'flat' });
    expect(describeChange(7, 7, 'count', 'en').text).toBe('no change');
  });
});

describe('periods', () => {
  it('a window reads as 近N天 / Last N days, one day as its date; a stock figure as 截至', () => {
    expect(periodLabel({ start: '2026-10-22', end: '2026-11-20' }, 'zh')).toBe('近30天');
    expect(periodLabel({ start: '2026-11-14', end: '2026-11-20' }, 'en')).toBe('Last 7 days');
    expect(periodLabel({ start: '2026-11-20', end: '2026-11-20' }, 'zh')).toBe('11-20');
    expect(asOfLabel('2026-11-20', 'zh')).toBe('截至 11-20');
    expect(asOfLabel('2026-11-20', 'en')).toBe('as of 11-20');
  });
});

describe('one number format per column', () => {
  it('money: exact yuan for every row (no ¥1.54万 under ¥5,000.80), 万 for every row only from 1亿 yuan', () => {
    const col = moneyColumn([500_080, 62_440, 1_540_000]);
    expect([500_080, 62_440, 1_540_000].map(col)).toEqual(['¥5,000.80', '¥624.40', '¥15,400.00']);
    const huge = moneyColumn([10_000_000_000, 500_080]);
    expect([10_000_000_000, 500_080].map(huge)).toEqual(['¥10,000.00万', '¥0.50万']);
    expect(col(null)).toBe('—');
  });

  it('counts: grouped integers, 万 for every row only from 100万', () => {
    expect([12_345, 7].map(countColumn([12_345, 7]))).toEqual(['12,345', '7']);
    expect([1_234_567, 800].map(countColumn([1_234_567, 800]))).toEqual(['123.5万', '0.1万']);
  });
});
