import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  collapseWhitespace,
  formatConsoleTime,
  formatFenAsConsole,
  isEmptyMark,
  parseChannel,
  parseConsoleTime,
  parseCount,
  parseFen,
  parseOrderStatus,
  parsePercent,
  parseQuantity,
  parseRegion,
  parseTraffic,
  phoneAsShown,
} from '@/lib/capture/normalize';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `ERR ${r.reason}`);
const NOW = '2026-11-20T13:00:00+08:00';

describe('money → fen', () => {
  test.each([
    ['¥1,234.50', 123450],
    ['￥12', 1200],
    ['1234.5元', 123450],
    ['¥ 0.01', 1],
    ['¥1.2万', 1200000],
    ['3亿', 30000000000],
    ['-¥5.00', -500],
    ['¥-5.00', -500],
    ['1,234,567.89', 123456789],
    ['¥0.10', 10],
    ['¥19.9', 1990],
  ])('%s → %i', (text, fen) => expect(value(parseFen(text))).toBe(fen));
  test.each(['-', '--', '暂无', '', '  '])('"%s" is empty', (t) => expect(value(parseFen(t))).toBeNull());
  test.each([
    ['¥12.3.4', 'unreadable amount'],
    ['¥1,23.00', 'unreadable amount'],
    ['abc', 'unreadable amount'],
    ['¥1.234', 'finer than a fen'],
  ])('%s → reason', (text, reason) => {
    const r = parseFen(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  test('property: fen → console text → fen is exact, for any amount up to 1e12 fen', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => value(parseFen(formatFenAsConsole(fen))) === fen));
  });
  test('property: plain yuan with up to 2 decimals, with or without separators and ￥', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), fc.boolean(), (yuan, cents, sep, wide) => {
        const int = sep ? yuan.toLocaleString('en-US') : String(yuan);
        const text = `${wide ? '￥' : '¥'}${int}.${String(cents).padStart(2, '0')}`;
        return value(parseFen(text)) === yuan * 100 + cents;
      }),
    );
  });
  test('property: never throws, and every failure has a reason', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseFen(s);
        return r.ok ? r.value === null || Number.isSafeInteger(r.value) : r.reason.length > 0;
      }),
    );
  });
});

describe('counts, quantities and percentages', () => {
  test.each([
    ['1,234', 1234],
    ['1.2万', 12000],
    ['1.1万', 11000],
    ['12.3万', 123000],
    ['3亿', 300000000],
    ['0.5万', 5000],
    ['56人', 56],
  ])('%s → %d', (t, n) => expect(value(parseCount(t))).toBe(n));
  test.each([
    ['12.3%', 0.123],
    ['+12.5%', 0.125],
    ['-3%', -0.03],
    ['0.1%', 0.001],
    ['100%', 1],
    ['↓2.5%', -0.025],
  ])('%s → %d', (t, n) => expect(value(parsePercent(t))).toBe(n));
  test('a percentage without % or with 万 is refused', () => {
    expect(parsePercent('12.3').ok).toBe(false);
    expect(parsePercent('1万%').ok).toBe(false);
  });
  test.each([
    ['x2', 2],
    ['×3', 3],
    ['1', 1],
    ['2件', 2],
  ])('quantity %s → %d', (t, n) => expect(value(parseQuantity(t))).toBe(n));
  test('quantity: fractions refused', () => expect(parseQuantity('1.5').ok).toBe(false));
  test('property: n万 scales exactly like the decimal text says', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99999 }), fc.integer({ min: 0, max: 9 }), (int, tenth) => value(parseCount(`${int}.${tenth}万`)) === int * 10000 + tenth * 1000),
    );
  });
  test('property: parseCount / parsePercent never throw', () => {
    fc.assert(fc.property(fc.string(), (s) => [parseCount(s), parsePercent(s), parseQuantity(s)].every((r) => r.ok || r.reason.length > 0)));
  });
});

describe('console times → canonical +08:00', () => {
  test.each([
    ['2026-11-20 13:45:12', '2026-11-20T13:45:12+08:00'],
    ['2026/11/20 13:45', '2026-11-20T13:45:00+08:00'],
    ['2026-11-20', '2026-11-20T00:00:00+08:00'],
    ['2026年11月2日 08:05', '2026-11-02T08:05:00+08:00'],
    ['2026.1.5', '2026-01-05T00:00:00+08:00'],
    ['11月20日', '2026-11-20T00:00:00+08:00'],
    ['11-19 22:10', '2026-11-19T22:10:00+08:00'],
    ['12月31日', '2025-12-31T00:00:00+08:00'],
    ['昨天 13:45', '2026-11-19T13:45:00+08:00'],
    ['今天', '2026-11-20T00:00:00+08:00'],
    ['前天 09:00:30', '2026-11-18T09:00:30+08:00'],
    ['3天前', '2026-11-17T13:00:00+08:00'],
    ['5分钟前', '2026-11-20T12:55:00+08:00'],
    ['2小时前', '2026-11-20T11:00:00+08:00'],
    ['刚刚', '2026-11-20T13:00:00+08:00'],
    ['2026-11-20T05:45:12Z', '2026-11-20T13:45:12+08:00'],
  ])('%s → %s', (t, iso) => expect(value(parseConsoleTime(t, NOW))).toBe(iso));
  test('yesterday across a year boundary resolves in UTC+8 (capture at 2027-01-01 00:30 +08:00)', () => {
    expect(value(parseConsoleTime('昨天 23:59', '2026-12-31T16:30:00Z'))).toBe('2026-12-31T23:59:00+08:00');
  });
  test.each(['-', '--', '暂无', ''])('"%s" is empty', (t) => expect(value(parseConsoleTime(t, NOW))).toBeNull());
  test.each(['2026-02-30', '25:00', '2026-11-20 24:10', '昨天下午', '13月1日'])('%s → reason', (t) => {
    const r = parseConsoleTime(t, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(t);
  });
  test('property: formatConsoleTime ∘ parseConsoleTime is the identity on canonical instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        const iso = value(parseConsoleTime(new Date(Math.floor(ms / 1000) * 1000).toISOString(), NOW)) as string;
        return value(parseConsoleTime(formatConsoleTime(iso), NOW)) === iso && iso.endsWith('+08:00');
      }),
    );
  });
  test('property: never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseConsoleTime(s, NOW);
      return r.ok || r.reason.length > 0;
    }));
  });
});

describe('enums, text, phones, regions', () => {
  test.each([
    ['待支付', 'unpaid'],
    ['待发货', 'paid'],
    ['已发货', 'shipped'],
    ['已完成', 'completed'],
    ['退款成功', 'refunded'],
    ['已关闭', 'closed'],
    ['交易关闭', 'closed'],
    [' 已 发货 ', 'shipped'],
  ])('status %s → %s', (t, s) => expect(value(parseOrderStatus(t))).toBe(s));
  test('unknown status → reason naming the text', () => expect(parseOrderStatus('神秘')).toEqual({ ok: false, reason: 'unknown 订单状态 "神秘"' }));
  test.each([
    ['直播', 'live'],
    ['短视频', 'video'],
    ['商品卡', 'card'],
    ['其他', 'other'],
    ['', 'other'],
  ])('channel %s → %s', (t, c) => expect(parseChannel(t)).toBe(c));
  test.each([
    ['付费', 'paid'],
    ['自然流量', 'organic'],
    ['-', 'unknown'],
  ])('traffic %s → %s', (t, c) => expect(parseTraffic(t)).toBe(c));
  test('whitespace collapse and empty marks', () => {
    expect(collapseWhitespace(' a \u00a0\u3000b\n\tc\u200b ')).toBe('a b c');
    expect(['-', '--', '暂无', '', ' — '].every(isEmptyMark)).toBe(true);
    expect(isEmptyMark('0')).toBe(false);
  });
  test('masked phones stay masked, full ones as shown', () => {
    expect(phoneAsShown(' 138****1234 ')).toBe('138****1234');
    expect(phoneAsShown('+86 138 0013 8000')).toBe('+86 138 0013 8000');
    expect(phoneAsShown('-')).toBeUndefined();
  });
  test.each([
    ['四川省 成都市 武侯区 人民南路', { province: '四川省', city: '成都市' }],
    ['四川省成都市武侯区', { province: '四川省', city: '成都市' }],
    ['北京市 朝阳区', { province: '北京市', city: '北京市' }],
    ['北京市 北京市 朝阳区', { province: '北京市', city: '北京市' }],
    ['广西壮族自治区 桂林市', { province: '广西壮族自治区', city: '桂林市' }],
    ['新疆维吾尔自治区乌鲁木齐市', { province: '新疆维吾尔自治区', city: '乌鲁木齐市' }],
    ['-', {}],
  ])('region %s', (t, r) => expect(parseRegion(t)).toEqual(r));
});
