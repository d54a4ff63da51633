/** Refusal codes: each one worded in both languages, the Chinese text free of English sentences. */
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, problemText, refusalText, type Problem } from '@/lib/backup/refusals';
import { messages } from '@/lib/i18n/messages';

/** English left in a Chinese text: two Latin words in a row, outside {placeholders} and names. */
const englishIn = (zh: string) => /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/.test(zh.replace(/\{\w+\}/g, '').replace(/seller-lens|seller-lens-backup|JSON|MB/g, ''));

describe('backup refusals', () => {
  it('every code has a zh and an en text, and the zh one has no English sentence', () => {
    for (const code of REFUSAL_CODES) {
      const m = (messages as Record<string, { zh: string; en: string }>)[code];
      expect(m, code).toBeDefined();
      expect(m!.zh.length, code).toBeGreaterThan(0);
      expect(m!.en.length, code).toBeGreaterThan(0);
      expect(englishIn(m!.zh), `${code}: ${m!.zh}`).toBe(false);
    }
  });

  it('record problems are worded in Chinese for the zh panel', () => {
    const problems: Problem[] = [
      { field: 'orders[2].channel', kind: 'value', message: 'Invalid option', got: '"tv"', expected: 'live, video, card, other' },
      { field: 'contacts[0].at', kind: 'other', message: 'unreadable timestamp "2026-13-45"' },
      { field: 'customers[1].shopId', kind: 'shopDiffers', got: '99999', expected: '77001' },
      { field: 'orders[2].orderId', kind: 'duplicate', name: 'orderId', key: '"3001"', first: 'orders[0]' },
      { field: 'orders[1].quantity', kind: 'type', message: 'Invalid input: expected number, received string', got: '"x"' },
    ];
    expect(problems.map((p) => problemText(p, 'zh'))).toEqual([
      'orders[2].channel：未知取值 "tv"（应为 live, video, card, other 之一）',
      'contacts[0].at：无法读取的时间 "2026-13-45"',
      'customers[1].shopId："99999" 与备份的店铺 "77001" 不同',
      'orders[2].orderId：重复的 orderId "3001"（另见 orders[0]）',
      'orders[1].quantity：类型不符（"x"）',
    ]);
    expect(refusalText({ code: 'backup.invalidRecords', params: {}, problems, hidden: 2 }, 'zh')).toBe(
      '备份被拒绝，未做任何更改：orders[2].channel：未知取值 "tv"（应为 live, video, card, other 之一）；contacts[0].at：无法读取的时间 "2026-13-45"；customers[1].shopId："99999" 与备份的店铺 "77001" 不同（另有 4 个问题）',
    );
    expect(refusalText({ code: 'backup.invalidRecords', params: {}, problems, hidden: 2 }, 'en')).toBe(
      'backup refused, nothing was changed: orders[2].channel: unknown value "tv" (expected one of live, video, card, other); contacts[0].at: unreadable timestamp "2026-13-45"; customers[1].shopId: "99999" differs from the backup\'s shop "77001" (and 4 more problems)',
    );
  });
});
