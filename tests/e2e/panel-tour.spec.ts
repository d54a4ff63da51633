/**
 * Issue 13 item 10: a screenshot tour — every side panel view and the popup, in zh-CN and in
 * English, full page, to test-results/tour/<view>-<lang>.png, each with its title shown (the tab
 * selected, its heading visible). Shared setup (the demo-like shop): tests/e2e/panel.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SHOTS_DIR } from './extension';
import { expect, test } from './panel';

const TOUR_DIR = path.join(SHOTS_DIR, 'tour');

/** Each tab's title as the merchant reads it, and a heading its body shows. */
const VIEWS = [
  { id: 'overview', zh: '概览', en: 'Overview' },
  { id: 'sales', zh: '成交', en: 'Sales' },
  { id: 'potential', zh: '高潜', en: 'High-potential' },
  { id: 'rfm', zh: 'RFM', en: 'RFM' },
  { id: 'data', zh: '数据', en: 'Data' },
  { id: 'audience', zh: '人群', en: 'Audiences' },
  { id: 'settings', zh: '设置与数据', en: 'Settings' },
] as const;
/** 设置与数据's own heading (its tab is shorter in English). */
const SETTINGS_HEADING = { zh: '设置与数据', en: 'Settings & data' } as const;

/**
 * A full-page picture with the sticky 设置与数据 bar where the merchant sees it, at the foot: the
 * viewport grows to the page's height for the shot (a full-page capture would leave the bar mid-page).
 */
async function shootWhole(page: Page, file: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(height, size.height) });
  try {
    await page.screenshot({ path: path.join(TOUR_DIR, file), fullPage: true });
  } finally {
    await page.setViewportSize(size);
  }
}

async function setLang(page: Page, lang: 'zh' | 'en') {
  const want = lang === 'zh' ? '概览' : 'Overview';
  if ((await page.getByTestId('view-overview').textContent()) !== want) await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('view-overview')).toHaveText(want);
}

test('tour: every side panel view and the popup, zh and en', async ({ panel, shop }) => {
  test.setTimeout(60_000);
  mkdirSync(TOUR_DIR, { recursive: true });
  try {
    for (const lang of ['zh', 'en'] as const) {
      await setLang(panel, lang);
      for (const v of VIEWS) {
        await panel.getByTestId(`view-${v.id}`).click();
        await expect(panel.getByRole('tab', { name: v[lang], exact: true, selected: true })).toBeVisible();
        const body = panel.getByTestId(`view-body-${v.id}`);
        await expect(body.getByRole('heading').first()).toBeVisible();
        if (v.id === 'settings') await expect(body.getByRole('heading', { name: SETTINGS_HEADING[lang], exact: true })).toBeVisible();
        await expect(panel.locator('.app')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
        await expect(panel.locator('.app')).toHaveAttribute('data-report', 'fresh');
        await shootWhole(panel, `${v.id}-${lang}.png`);
      }
      // The popup reads the language the panel remembered.
      const popup = await shop.context.newPage();
      await popup.setViewportSize({ width: 420, height: 760 });
      await popup.goto(`chrome-extension://${shop.extensionId}/popup.html`);
      await expect(popup.getByTestId('open-sidepanel')).toHaveText(lang === 'zh' ? '打开侧边栏' : 'Open side panel');
      await expect(popup.getByTestId('tier-users')).toHaveText(String(shop.report.douyin.users), { timeout: 30_000 });
      // The fresh result, not the saved one shown while the worker recomputes.
      await expect(popup.locator('.app')).toHaveAttribute('data-report', 'fresh', { timeout: 30_000 });
      await expect(popup.locator('.app')).toHaveAttribute('data-state', 'ready');
      await shootWhole(popup, `popup-${lang}.png`);
      await popup.close();
    }
  } finally {
    await setLang(panel, 'zh');
    await panel.getByTestId('view-overview').click();
  }
});
