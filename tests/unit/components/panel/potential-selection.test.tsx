// @vitest-environment happy-dom
/**
 * Issue 14 item 1: the 高潜 view says which scorer ranks the list and how sure it is, in the
 * merchant's words — the shop's model with its backtest accuracy, or the simple rule that beat
 * it (and the model's figure), a plain-words grade, and an ⓘ that explains the figure (AUC named
 * once). Expected texts are written by hand.
 */
import { afterEach, expect, test } from 'vitest';
import { RankingLine } from '@/components/panel/PotentialSelection';
import type { PropensitySelection } from '@/lib/engine/propensity/backtest';
import { t, type Lang } from '@/lib/i18n/messages';
import { clickIn, renderApp, unmountApp } from '../../capture/render-taobao';

afterEach(() => unmountApp());

const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const sel = (over: Partial<PropensitySelection>): PropensitySelection => ({
  chosen: 'model',
  auc: { model: 0.862, fallback: 0.8, recency: 0.71, contacts7d: 0.69 },
  days: [20400, 20393],
  population: 5230,
  positives: 412,
  ...over,
});
const render = (s: PropensitySelection, lang: Lang = 'zh') => renderApp(<RankingLine selection={s} t={(k) => t(k, lang)} />);

test('the shop model: 排序方式：本店模型（回测准确度 0.86，很可靠）, the ⓘ explains in plain words', async () => {
  await render(sel({}));
  expect(q('potential-selection')!.textContent).toBe('排序方式：本店模型（回测准确度 0.86，很可靠） ⓘ');
  expect(q('potential-selection')!.getAttribute('data-chosen')).toBe('model');
  expect(q('potential-selection-explain')).toBeNull();
  await clickIn(q('potential-selection-why'));
  const why = q('potential-selection-explain')!.textContent!;
  expect(why).toBe(
    '用本店过去 2 周的数据回测：随机挑一位后来下单的和一位没下单的，排在前面的是下单者的概率为 86%（即 AUC；0.5 等于随手乱排，1 为全对）。共抽查 5,230 人次，其中 412 人次在之后7天内下单。',
  );
  expect(q('potential-selection-why')!.getAttribute('title')).toBe(why);
  const all = document.body.textContent!;
  expect(all.split('AUC').length - 1).toBe(1);
  expect(all).not.toMatch(/置信度|逻辑回归|阈值/);
});

test('a baseline won: 最近互动优先, with the model’s lower figure; graded in words', async () => {
  await render(sel({ chosen: 'recency', auc: { model: 0.69, fallback: 0.7, recency: 0.734, contacts7d: 0.71 } }));
  expect(q('potential-selection')!.textContent).toBe('排序方式：最近互动优先（回测准确度 0.73，一般；本店模型回测不如它：0.69） ⓘ');
  unmountApp();
  await render(sel({ chosen: 'contacts7d', auc: { model: 0.6, fallback: 0.6, recency: 0.61, contacts7d: 0.64 } }));
  expect(q('potential-selection-detail')!.textContent).toBe('（回测准确度 0.64，仅供参考；本店模型回测不如它：0.60）');
  expect(q('potential-selection-chosen')!.textContent).toBe('近7天互动多的优先');
});

test('the fixed rule with no model to compare, and no backtest at all', async () => {
  await render(sel({ chosen: 'fallback', auc: { model: null, fallback: 0.78, recency: 0.7, contacts7d: 0.7 } }));
  expect(q('potential-selection')!.textContent).toBe('排序方式：按最近加购、互动、粉丝、买过几次的固定规则（回测准确度 0.78，较可靠；本店数据还不够训练模型） ⓘ');
  unmountApp();
  await render(sel({ chosen: 'fallback', auc: { model: null, fallback: null, recency: null, contacts7d: null }, days: [], population: 0, positives: 0 }));
  expect(q('potential-selection')!.textContent).toBe('排序方式：按最近加购、互动、粉丝、买过几次的固定规则（本店数据还不够回测）');
  expect(q('potential-selection-why')).toBeNull();
});

test('few buyers in the backtest: the figure is shown but only as a rough guide', async () => {
  await render(sel({ auc: { model: 0.9, fallback: 0.8, recency: 0.7, contacts7d: 0.7 }, population: 88, positives: 6 }));
  expect(q('potential-selection-detail')!.textContent).toBe('（回测准确度 0.90，回测中下单的人少，仅供参考）');
  unmountApp();
  await render(sel({ auc: { model: 0.9, fallback: 0.8, recency: 0.7, contacts7d: 0.7 }, positives: 30 }));
  expect(q('potential-selection-detail')!.textContent).toBe('（回测准确度 0.90，很可靠）');
});

test('in English', async () => {
  await render(sel({}), 'en');
  expect(q('potential-selection')!.textContent).toBe('Ranked by: the shop’s own model (backtest accuracy 0.86, very reliable) ⓘ');
  await clickIn(q('potential-selection-why'));
  expect(q('potential-selection-explain')!.textContent).toContain('the buyer is ranked first 86% of the time (the AUC; 0.5 is a random order');
});
