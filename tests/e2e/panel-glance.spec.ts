/**
 * Issue 13 item 9, the daily glance, as the merchant sees it: 今日 / 昨日 are UTC+8 calendar days
 * shown in window-from / window-to (16:30 UTC is already the next day in China), "上次采集 x 小时前",
 * the trend line on 概览, the popup's glance with 打开侧边栏 and the 设置与数据 row, 设置与数据
 * holding retention and 删除, and a 已恢复 line that can be closed. Shared setup: tests/e2e/panel.ts
 * (the shop's data ends 2026-11-20, captured that day at 10:15 UTC+8).
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SHOTS_DIR } from './extension';
import { END_DAY, expect, restoreShop, test } from './panel';

/** 2026-11-20 16:30 UTC = 2026-11-21 00:30 in China: 今日 is the 21st there (no data yet), 昨日 the 20th. */
const NOW = '2026-11-20T16:30:00Z';

/** This page's clock reads NOW (Date only, page-scoped: the other specs' pages keep the real clock). */
async function pinClock(page: Page, iso: string) {
  await page.addInitScript((fixed: number) => {
    const Real = Date;
    class Pinned extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(fixed);
        else super(...(args as [string]));
      }
      static override now() {
        return fixed;
      }
    }
    (globalThis as { Date: DateConstructor }).Date = Pinned as DateConstructor;
  }, Date.parse(iso));
}

test('今日 / 昨日 pick one UTC+8 day, shown in window-from / window-to; 上次采集 says how long ago', async ({ panel, shop }) => {
  void panel; // the fixture restored the shop
  const page = await shop.context.newPage();
  await pinClock(page, NOW);
  await page.setViewportSize({ width: 520, height: 1000 });
  await page.goto(`chrome-extension://${shop.extensionId}/sidepanel.html`);
  await expect(page.getByTestId('export-report')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('last-capture')).toHaveText('上次采集 14 小时前');

  await page.getByTestId('window-preset-yesterday').click();
  await expect(page.getByTestId('window-from')).toHaveValue(END_DAY);
  await expect(page.getByTestId('window-to')).toHaveValue(END_DAY);
  await expect(page.getByTestId('window-preset-yesterday')).toHaveText('昨日');
  await expect(page.getByTestId('window-no-data')).toHaveCount(0);

  await page.getByTestId('window-preset-today').click();
  await expect(page.getByTestId('window-from')).toHaveValue('2026-11-21');
  await expect(page.getByTestId('window-to')).toHaveValue('2026-11-21');
  await expect(page.getByTestId('window-no-data')).toHaveText(`所选日期还没有采集到数据（最新数据日 ${END_DAY}）`);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'glance-today-zh.png'), fullPage: true });

  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('last-capture')).toHaveText('Last capture 14 h ago');
  await expect(page.getByTestId('window-preset-today')).toHaveText('Today');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('window-preset-today')).toHaveText('今日');
  await page.close();
});

test('概览 shows the window’s daily GMV as a small trend line', async ({ panel }) => {
  await panel.getByTestId('view-overview').click();
  await panel.getByTestId('window-preset-30').click();
  const trend = panel.getByTestId('glance-trend');
  await expect(trend).toContainText('每日成交金额');
  await expect(panel.getByTestId('trend-sparkline').locator('canvas')).toBeVisible();
});

test('the popup is the daily glance: presets, tiers, 上次采集, trend, 打开侧边栏 and the 设置与数据 row', async ({ panel, shop }) => {
  void panel;
  const popup = await shop.context.newPage();
  await popup.setViewportSize({ width: 420, height: 760 });
  await popup.goto(`chrome-extension://${shop.extensionId}/popup.html`);
  await expect(popup.getByTestId('tier-purchasers')).toHaveText(String(shop.report.douyin.purchasers), { timeout: 30_000 });
  // Every tile explains itself as the 概览's cards do: the ⓘ opens the definition (SPEC §3–§4 in the merchant's words).
  for (const name of ['users', 'purchasers', 'firstOrder', 'repeat', 'highPotential', 'newVisitors', 'unpurchasedReturning', 'purchasedReturning'])
    await expect(popup.getByTestId(`def-${name}`)).toBeVisible();
  await popup.getByTestId('def-repeat').click();
  await expect(popup.getByRole('note')).toHaveText('复购用户：所选时间内成交、而且在这之前也在本店成交过的人（老客）。');
  await popup.screenshot({ path: path.join(SHOTS_DIR, 'popup-glance-definition-zh.png'), fullPage: true });
  for (const [id, text] of [['today', '今日'], ['yesterday', '昨日'], ['7', '近7天']] as const) await expect(popup.getByTestId(`window-preset-${id}`)).toHaveText(text);
  await expect(popup.getByTestId('window-preset-90')).toHaveCount(0);
  await expect(popup.getByTestId('last-capture')).toContainText('上次采集');
  await expect(popup.getByTestId('trend-sparkline').locator('canvas')).toBeVisible();
  await expect(popup.getByRole('button', { name: '打开侧边栏' })).toBeVisible();
  const bar = popup.getByTestId('settings-bar');
  await expect(bar).toContainText('设置与数据');
  for (const id of ['export-report', 'export-backup']) await expect(bar.getByTestId(id)).toBeEnabled();
  await expect(bar.getByTestId('restore-backup')).toBeAttached();
  // The popup has no tabs: nothing to navigate to.
  await expect(popup.getByRole('tab')).toHaveCount(0);
  await popup.close();
});

test('设置与数据 holds the report workbook, retention, erase and 删除; the bar opens it', async ({ panel }) => {
  await panel.getByTestId('view-overview').click();
  await panel.getByTestId('open-settings').click();
  const body = panel.getByTestId('view-body-settings');
  await expect(body.getByRole('heading', { name: '设置与数据' })).toBeVisible();
  await expect(body).toContainText('数据保留');
  await expect(body.getByTestId('capture-retention-days')).toBeVisible();
  await expect(body.getByTestId('erase-customer-query')).toBeVisible();
  await expect(body.getByTestId('delete-shop')).toHaveText('删除本店全部数据');
  await expect(body.getByTestId('export-report-xlsx')).toBeEnabled();
  // The 数据 view keeps the captured data only.
  await panel.getByTestId('view-data').click();
  await expect(panel.getByTestId('captures-table')).toBeVisible();
  await expect(panel.getByTestId('delete-shop')).toHaveCount(0);
});

test('已恢复 shows once (not per tab), keeps its state while shown, and can be closed', async ({ panel, shop }) => {
  await restoreShop(panel, shop.backupText);
  const status = panel.getByTestId('restore-status');
  await expect(status).toContainText('已恢复');
  for (const v of ['sales', 'rfm', 'overview']) {
    await panel.getByTestId(`view-${v}`).click();
    await expect(status).toHaveCount(1);
    await expect(status).toHaveAttribute('data-state', 'done');
  }
  await panel.getByTestId('restore-status-dismiss').click();
  await expect(status).toHaveCount(0);
  await expect(panel.getByText('已恢复')).toHaveCount(0);
});
