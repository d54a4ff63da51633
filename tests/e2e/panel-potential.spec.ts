/**
 * SPEC §1 and §5.3: the 高潜 view lists every 高潜 customer of the report, best first, with reasons
 * (setup: tests/e2e/panel.ts). Issue 14 item 1: it says which scorer ranks the list and its
 * backtest accuracy in the merchant's words — the same choice and figure `fitPropensity` makes
 * in Node on the same data as of the window's last day.
 */
import path from 'node:path';
import { buildSnapshot } from '../../lib/engine/snapshot';
import { fitPropensity } from '../../lib/engine/propensity';
import { dayNumber } from '../../lib/model';
import { SHOTS_DIR } from './extension';
import { expect, inEnglish, shoot, test } from './panel';

const CHOSEN_ZH = { model: '本店模型', fallback: '固定规则（最近加购、互动、粉丝、买过几次）', recency: '最近互动优先', contacts7d: '近7天互动多的优先' };
const CHOSEN_EN = { model: 'the shop’s own model', fallback: 'a fixed rule (recent cart adds, visits, fan, past purchases)', recency: 'most recent contact first', contacts7d: 'most contacts in the last 7 days first' };

test('高潜: the ranked list holds the report’s 高潜 customers, scores ≥ 0.3, best first, each with reasons', async ({ panel, shop }) => {
  const { report } = shop;
  await panel.getByTestId('view-potential').click();
  if (report.douyin.highPotential > 0) {
    await expect(panel.getByTestId('potential-list')).toHaveAttribute('data-rows', String(Math.min(report.douyin.highPotential, 10_000)));
    const rows = panel.getByTestId('potential-row');
    const scores = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s >= 0.3)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expect(rows.first().locator('.reason').first()).toBeVisible();
    // Virtualised: far fewer rows in the DOM than in the list when it is long.
    if (report.douyin.highPotential > 40) expect(scores.length).toBeLessThan(report.douyin.highPotential);
  } else await expect(panel.getByText('没有购买可能 ≥ 30% 的人')).toBeVisible();
  await shoot(panel, 'potential', 'zh');
  await inEnglish(panel, 'potential');
});

test('高潜: 排序方式 names the scorer the shop’s own backtest chose and its accuracy, explained in plain words', async ({ panel, shop }) => {
  const { backup, report } = shop;
  const snap = buildSnapshot({ shop: backup.shop, customers: backup.customers, orders: backup.orders, contacts: backup.contacts });
  const selection = fitPropensity(snap, dayNumber(report.window.end)).selection;
  expect(selection).toBeDefined();
  const { chosen } = selection!;
  const auc = selection!.auc[chosen];

  await panel.getByTestId('view-potential').click();
  const line = panel.getByTestId('potential-selection');
  await expect(line).toHaveAttribute('data-chosen', chosen);
  await expect(panel.getByTestId('potential-selection-chosen')).toHaveText(CHOSEN_ZH[chosen]);
  await expect(line).toContainText('排序方式：');
  const detail = panel.getByTestId('potential-selection-detail');
  if (auc === null) await expect(detail).toHaveText('（本店数据还不够回测）');
  else {
    await expect(detail).toContainText(`（回测准确度 ${auc.toFixed(2)}，`);
    if (chosen !== 'model') await expect(detail).toContainText(selection!.auc.model === null ? '本店数据还不够训练模型' : `本店模型回测不如它：${selection!.auc.model!.toFixed(2)}`);
    await panel.getByTestId('potential-selection-why').click();
    const why = panel.getByTestId('potential-selection-explain');
    await expect(why).toContainText(`用本店过去 ${selection!.days.length} 周的数据回测：随机挑一位后来下单的和一位没下单的，排在前面的是下单者的概率为 ${Math.round(auc * 100)}%`);
    // "AUC" is named once on the page, as the figure's name; no model jargon.
    const text = await panel.locator('body').innerText();
    expect(text.split('AUC').length - 1).toBe(1);
    expect(text).not.toMatch(/置信度|逻辑回归|阈值/);
  }
  // The reasons behind each score are still shown.
  if (report.douyin.highPotential > 0) await expect(panel.getByTestId('potential-row').first().locator('.reason').first()).toBeVisible();
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-potential-selection-zh.png'), fullPage: true });
  await inEnglish(panel, 'potential', async () => {
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-potential-selection-en.png'), fullPage: true });
    await expect(panel.getByTestId('potential-selection-chosen')).toHaveText(CHOSEN_EN[chosen]);
    await expect(line).toContainText('Ranked by: ');
    if (auc !== null) await expect(panel.getByTestId('potential-selection-detail')).toContainText(`backtest accuracy ${auc.toFixed(2)}`);
  });
});
