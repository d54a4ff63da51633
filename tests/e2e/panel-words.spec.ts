/**
 * Issue 13 items 3, 7 and 10: every side-panel view and the popup, in zh-CN and English, shows
 * merchant words only — no raw tag ids (tier: rfm: crm:), no field names (…Fen), no adapter ids,
 * no "pp" — and every card says its period and its change (▲ red / ▼ green, small bases as a
 * difference, rates in 个百分点 / pts). Canvas legends are checked through the charts' labels
 * (aria-label). Shared setup: tests/e2e/panel.ts; screenshots test-results/words-<view>-<lang>.png.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { adapters } from '../../lib/capture/adapters';
import { SHOTS_DIR } from './extension';
import { expect, test } from './panel';

const ADAPTER_IDS = adapters.map((a) => a.id);

/** What a merchant must never read, with why. */
function offences(text: string, lang: 'zh' | 'en'): string[] {
  const found: string[] = [];
  for (const raw of ['tier:', 'rfm:', 'crm:', 'Fen']) if (text.includes(raw)) found.push(raw);
  for (const id of ADAPTER_IDS) if (text.includes(id)) found.push(id);
  if (/\d\s?pp\b/.test(text)) found.push('pp as a unit');
  if (lang === 'zh' && /逻辑回归|阈值/.test(text)) found.push('model term');
  return found;
}

/** The page's text and the labels of its canvas charts. */
async function visibleWords(page: Page): Promise<string> {
  return page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('.chart[aria-label]')].map((c) => c.getAttribute('aria-label') ?? '')].join('\n'));
}

async function setLang(page: Page, lang: 'zh' | 'en') {
  const overview = page.getByTestId('view-overview');
  if ((await overview.textContent()) !== (lang === 'zh' ? '概览' : 'Overview')) await page.getByTestId('lang-toggle').click();
  await expect(overview).toHaveText(lang === 'zh' ? '概览' : 'Overview');
}

test('every view and the popup in zh and en: merchant words only', async ({ panel, shop }) => {
  test.setTimeout(90_000);
  const tabs = await panel.locator('nav.tabs [data-testid^="view-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('view-'.length)));
  expect(tabs).toEqual(expect.arrayContaining(['overview', 'sales', 'potential', 'rfm', 'data', 'audience']));
  const problems: string[] = [];
  try {
    for (const lang of ['zh', 'en'] as const) {
      await setLang(panel, lang);
      for (const view of tabs) {
        await panel.getByTestId(`view-${view}`).click();
        await expect(panel.getByTestId(`view-body-${view}`)).toBeVisible();
        if (view === 'data') await expect(panel.getByTestId('history-compass-user-asset').locator('canvas')).toBeVisible();
        await panel.screenshot({ path: path.join(SHOTS_DIR, `words-${view}-${lang}.png`), fullPage: true });
        for (const o of offences(await visibleWords(panel), lang)) problems.push(`${view} (${lang}): ${o}`);
      }
      const popup = await shop.context.newPage();
      await popup.setViewportSize({ width: 440, height: 900 });
      await popup.goto(`chrome-extension://${shop.extensionId}/popup.html`);
      await expect(popup.getByTestId('tier-users')).toHaveText(String(shop.report.douyin.users));
      await popup.screenshot({ path: path.join(SHOTS_DIR, `words-popup-${lang}.png`), fullPage: true });
      for (const o of offences(await visibleWords(popup), lang)) problems.push(`popup (${lang}): ${o}`);
      await popup.close();
    }
  } finally {
    await setLang(panel, 'zh');
  }
  expect(problems).toEqual([]);
});

test('cards say their period and change: 近30天 · 较上周期 a → b, ▲ red / ▼ green, small bases as a difference, 个百分点', async ({ panel, shop }) => {
  const { report } = shop;
  await panel.getByTestId('view-overview').click();
  const card = (name: string) => panel.locator('.card.tier', { has: panel.getByTestId(`tier-${name}`) });
  for (const name of ['users', 'purchasers', 'firstOrder', 'repeat', 'highPotential'] as const) {
    const period = card(name).locator('.period');
    await expect(period).toHaveText(new RegExp(`^近30天 · 较上周期 [\\d,]+ → ${report.douyin[name].toLocaleString('en-US')}$`));
    const previous = Number(/较上周期 ([\d,]+)/.exec((await period.textContent())!)![1]!.replaceAll(',', ''));
    const change = card(name).locator('.change');
    const current = report.douyin[name];
    // Hand-written rule: below 20 before, the change is "+N 人"; from 20, a percentage.
    if (current === previous) await expect(change).toHaveText('持平');
    else if (previous < 20) await expect(change).toHaveText(`${current > previous ? '▲ +' : '▼ -'}${Math.abs(current - previous)} 人`);
    else await expect(change).toHaveText(new RegExp(`^${current > previous ? '▲ \\+' : '▼ -'}\\d+\\.\\d%$`));
    if (current !== previous) await expect(change).toHaveCSS('color', current > previous ? 'rgb(203, 38, 52)' : 'rgb(0, 128, 43)');
  }
  // Pathway rates change in 个百分点.
  await expect(panel.getByTestId('funnel-repurchase').locator('.change')).toHaveText(/^(持平|—|[▲▼] [+-]\d+\.\d 个百分点)$/);
  // Stock figures say when: 截至 the window's last day.
  await expect(panel.getByTestId('asset-dormant-period')).toHaveText(`截至 ${report.window.end.slice(5)}`);
  // Every card of 概览 carries its ⓘ.
  const cards = panel.getByTestId('view-body-overview').locator('.card.tier, .card.metric, .card.funnel');
  expect(await cards.count()).toBeGreaterThan(10);
  expect(await panel.getByTestId('view-body-overview').locator('.card.tier:not(:has(.def-button)), .card.metric:not(:has(.def-button)), .card.funnel:not(:has(.def-button))').count()).toBe(0);
  // The ⓘ explains in words.
  await panel.getByTestId('def-users').first().click();
  await expect(panel.getByRole('note')).toContainText('所选时间内与店铺有过任何互动');
  await panel.getByTestId('def-users').first().click();
  await panel.getByTestId('view-rfm').click();
  await expect(panel.getByTestId('rfm-period')).toHaveText(`近365天成交 · 截至 ${report.window.end.slice(5)}`);
  await panel.getByTestId('view-data').click();
  await expect(panel.getByTestId('capture-row').first()).toContainText('抖店 订单管理');
});
