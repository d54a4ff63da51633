// @vitest-environment happy-dom
/** The metric-card reader on hand-written DOMs of the shapes consoles use (beyond the two fixtures). */
import { describe, expect, test } from 'vitest';
import { cardChange, cardValue, findCards, readCardMetrics, readWindow, type CardField } from '@/lib/capture/cards';

const FIELDS = {
  buyers: { titles: ['支付买家数'], kind: 'count' },
  aov: { titles: ['客单价'], kind: 'money' },
  rate: { titles: ['支付转化率'], kind: 'percent' },
} satisfies Record<string, CardField>;

const ok = (value: number | null) => ({ ok: true, value });

describe('cardChange', () => {
  test.each([
    ['+12.5%', 0.125],
    ['-3.2%', -0.032],
    ['−1.5%', -0.015],
    ['12.34%↓', -0.1234],
    ['↓12.34%', -0.1234],
    ['↑5%', 0.05],
    ['-1.5%↑', -0.015], // an explicit sign wins over an arrow
    ['0.00%↓', 0],
    ['持平', 0],
    ['--', null],
    ['-', null],
    ['', null],
  ])('%s → %s', (text, value) => expect(cardChange(text)).toEqual(ok(value)));

  test('unreadable text is a reason, never a guess', () => expect(cardChange('约12%')).toEqual({ ok: false, reason: 'unreadable percentage "约12%"' }));
});

describe('cardValue', () => {
  test.each([
    ['12.3万', 'count', 123000],
    ['1.2亿', 'count', 120000000],
    ['8,532', 'count', 8532],
    ['¥1.2万', 'money', 1200000],
    ['128,456.70', 'money', 12845670],
    ['3.25%', 'percent', 0.0325],
    ['-', 'count', null],
  ] as const)('%s (%s) → %s', (text, kind, value) => expect(cardValue(text, kind)).toEqual(ok(value)));
});

describe('findCards', () => {
  test('cards side by side, title and value on one line, change label and token on separate lines', () => {
    document.body.innerHTML = `
      <div class="row">
        <div class="card"><span>支付买家数</span> <b>1,234</b><p>较上周期</p><p>12.00%<i class="icon icon-down"></i></p></div>
        <div class="card"><div><span>客单价</span><svg class="help"></svg></div><div>¥86.42</div><div>较前一日 <em class="trend up">3.10%</em></div><div>较上周同期 <em>1.00%</em></div></div>
        <div class="card"><h4>支付转化率</h4><div class="value is-rise">3.25%</div><div>环比 --</div></div>
      </div>`;
    const found = findCards(document, FIELDS);
    expect(found.map((f) => [f.field, f.card.title, f.card.valueText, f.card.changeLabel, f.card.changeText])).toEqual([
      ['buyers', '支付买家数', '1,234', '较上周期', '12.00%↓'],
      ['aov', '客单价', '¥86.42', '较前一日', '3.10%↑'],
      ['rate', '支付转化率', '3.25%', '环比', '--'],
    ]);
    expect(found.every((f) => f.card.el.classList.contains('card'))).toBe(true);
    const read = readCardMetrics(found, FIELDS);
    expect(read.metrics).toEqual({ buyers: { value: 1234, change: -0.12 }, aov: { value: 8642, change: 0.031 }, rate: { value: 0.0325 } });
    expect(read.rejected).toEqual([]);
    expect(read.rawRows[0]).toEqual(['指标卡', '支付买家数', '1,234', '较上周期 12.00%↓', '']);
  });

  test('a title in a table header, a tab or a menu is not a card', () => {
    document.body.innerHTML = `
      <ul role="tablist"><li>支付买家数</li></ul>
      <table><thead><tr><th>支付买家数</th><th>客单价</th></tr></thead><tbody><tr><td>12</td><td>¥3.00</td></tr></tbody></table>`;
    expect(findCards(document, FIELDS)).toEqual([]);
  });

  test('the same title twice: the first card is the field\u2019s', () => {
    document.body.innerHTML = `<div><div class="a"><div>客单价</div><div>¥1.00</div></div><div class="b"><div>客单价</div><div>¥2.00</div></div></div>`;
    const found = findCards(document, FIELDS);
    expect(found).toHaveLength(1);
    expect(found[0]!.card.valueText).toBe('¥1.00');
  });
});

describe('readWindow', () => {
  const win = (html: string) => {
    document.body.innerHTML = html;
    return readWindow(document);
  };
  test.each([
    ['<span>统计时间 2026-10-22 ~ 2026-11-20</span>', { start: '2026-10-22', end: '2026-11-20' }],
    ['<span>统计日期：2026年11月1日 至 2026年11月30日</span>', { start: '2026-11-01', end: '2026-11-30' }],
    ['<span>统计时间</span><span>2026-11-20</span>', { start: '2026-11-20', end: '2026-11-20' }],
    ['<span>统计时间 2026-02-30</span>', null],
    ['<span>统计时间 2026-11-20 ~ 2026-11-01</span>', null],
    ['<div class="next-range-picker"><input value="2026-11-14"><input value="2026-11-20"></div>', { start: '2026-11-14', end: '2026-11-20' }],
    ['<p>更新时间 2026-11-21 08:00</p>', null],
  ])('%s', (html, expected) => expect(win(html)).toEqual(expected));
});

// Its speed (~0.5 s in happy-dom; the quadratic walk this guards against took minutes) is a figure of `npm run bench` (scripts/bench-units.ts).
test('a big table page holds no card (nothing found)', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `<tr><td>访客${i}</td><td>${i}</td><td>手淘搜索</td><td>商品详情页 ${i}</td><td>2026-11-20 10:00</td></tr>`).join('');
  document.body.innerHTML = `<div><table><thead><tr><th>访客</th><th>支付买家数</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  expect(findCards(document, FIELDS)).toEqual([]);
});
