// @vitest-environment happy-dom
/**
 * Issue 14 item 1: the 高潜 view's reason chips — an arrow and a fact a chip, the group and which
 * way it pushes in its title, the day's 大促 marked as the same for everyone; a saved analysis of
 * an earlier version (per-column reasons, shown while the worker recomputes) shows no chips rather
 * than misread ones. Texts written by hand.
 */
import { afterEach, expect, test } from 'vitest';
import type { ScoreReason, ViewExtras } from '@/components/engine/extras';
import { PotentialView } from '@/components/panel/PotentialView';
import type { Report } from '@/lib/engine';
import { t, type Lang } from '@/lib/i18n/messages';
import { renderApp, unmountApp } from '../../capture/render-taobao';

afterEach(() => unmountApp());

const report = { window: { start: '2026-10-22', end: '2026-11-06' } } as unknown as Report;
const extras = (reasons: ScoreReason[][]): ViewExtras =>
  ({
    model: { kind: 'logistic', rows: 1446, positives: 40 },
    highPotential: reasons.map((rs, i) => ({ key: `k${i}`, name: `顾客${i}`, score: 0.6 - i / 10, reasons: rs })),
    highPotentialTotal: reasons.length,
    potentialPreferences: { products: [], channels: [] },
  }) as unknown as ViewExtras;
const render = (rs: ScoreReason[][], lang: Lang = 'zh') =>
  renderApp(<PotentialView report={report} prev={null} extras={extras(rs)} t={(k) => t(k, lang)} lang={lang} />);
const chips = () => [...document.querySelectorAll('[data-testid="potential-row"]')].map((row) => [...row.querySelectorAll('.reason')].map((c) => [c.textContent, c.getAttribute('title'), c.getAttribute('data-group')]));

const rows: ScoreReason[][] = [
  [
    { group: 'cart', contribution: 1.2, feature: 'daysSinceLastCart', value: 3 },
    { group: 'activity', contribution: 0.6, feature: 'contacts7d', value: 3 },
    { group: 'promo', contribution: 0.4, feature: 'daysToNextPromo', value: 5, promo: 'double11' },
  ],
  [{ group: 'purchases', contribution: -0.5, feature: 'paidOrders', value: 0 }],
];

test('each chip: arrow and fact; its title names the group and the push; the 大促 one is the same for everyone', async () => {
  await render(rows);
  expect(chips()).toEqual([
    [
      ['↑ 3 天前加购', '加购 · 让购买可能变高', 'cart'],
      ['↑ 近7天互动 3 次', '互动 · 让购买可能变高', 'activity'],
      ['↑ 距双11还有 5 天', '大促 · 当天所有人都一样 · 让购买可能变高', 'promo'],
    ],
    [['↓ 从没买过', '购买历史 · 让购买可能变低', 'purchases']],
  ]);
  unmountApp();
  await render(rows, 'en');
  expect(chips()[0]!.map((c) => c[0])).toEqual(['↑ Added to cart 3 days ago', '↑ Contacts in the last 7 days: 3', '↑ Double 11 in 5 days']);
});

test('reasons saved by an earlier version (per column, no group) are left out, never misread', async () => {
  const old = [{ zh: '30天前一年内互动次数', en: 'x', contribution: 0.5, feature: 'contactsBefore30d', value: 0 }] as unknown as ScoreReason[];
  await render([old, [rows[1]![0]!]]);
  expect(chips()).toEqual([[], [['↓ 从没买过', '购买历史 · 让购买可能变低', 'purchases']]]);
});
