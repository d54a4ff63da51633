import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeClass, fenToYuanText, formatChange, formatCount, formatMoney, formatRate } from '@/lib/i18n/format';
import { messages } from '@/lib/i18n/messages';

describe('numbers as the consoles print them', () => {
  it('money: ¥ with thousands separators below 1万 yuan, then 万 / 亿', () => {
    expect(formatMoney(123450)).toBe('¥1,234.50');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(999_999)).toBe('¥9,999.99');
    expect(formatMoney(1_000_000)).toBe('¥1.00万');
    expect(formatMoney(4_290_000)).toBe('¥4.29万');
    expect(formatMoney(12_000_000_000)).toBe('¥1.20亿');
    expect(formatMoney(null)).toBe('—');
  });

  it('counts: separators below 1万, then one decimal 万 / 亿', () => {
    expect(formatCount(8532)).toBe('8,532');
    expect(formatCount(123_000)).toBe('12.3万');
    expect(formatCount(120_000_000)).toBe('1.2亿');
    expect(formatCount(undefined)).toBe('—');
  });

  it('rates and changes never print NaN; null shows as —', () => {
    expect(formatRate(0.125)).toBe('12.5%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatChange(0.125)).toBe('▲ +12.5%');
    expect(formatChange(-0.032)).toBe('▼ -3.2%');
    expect(formatChange(0)).toBe('0.0%');
    // The consoles' colours: a rise is red, a fall green.
    expect([changeClass(0.1), changeClass(-0.1), changeClass(0), changeClass(null)]).toEqual(['rise', 'fall', '', '']);
  });

  it('fen to yuan text is exact for every integer (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        const text = fenToYuanText(fen).replaceAll(',', '');
        expect(text).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
      }),
    );
  });

  it('the catalogue has zh-CN and English for every message', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(m.zh, key).toBeTruthy();
      expect(m.en, key).toBeTruthy();
    }
  });
});
