/**
 * 数据完整度 and the consoles' figures (issue 13 items 1–2), as the merchant sees them: after one
 * 抖店 订单管理 page only, the strip says which days the data covers, that the 订单 page was captured,
 * that 访客 and 罗盘 data are missing and where to capture them; the pathway, 新访 and 高潜 figures
 * carry 数据不足 with the reason. After the 罗盘 用户资产 page of the same shop, its figures stand
 * beside ours ("罗盘口径 7,702 · 本地已采集 N（x%）"). One browser for the file; text, not data-value.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test } from '@playwright/test';
import { expect, launchWithExtension, readFixtureJson, serveFixture, SHOTS_DIR } from './extension';
import { naiveFigures } from './truth';

interface Truth {
  shop: { shopId: string; name: string };
  consoleUrl: string;
  pages: { page: number; orders: { orderId: string; customerKey: string; placedAt: string; paidAt?: string; amountFen: number; status: string }[] }[];
}
interface CompassTruth {
  consoleUrl: string;
  shop: { shopId: string };
  snapshot: { window: { start: string; end: string }; metrics: Record<string, { value: number }> };
}

const orders = readFixtureJson<Truth>('douyin-orders.truth.json');
const compass = readFixtureJson<CompassTruth>('compass-user-asset.truth.json');
const pageOne = orders.pages[0]!.orders;
// The days page 1 covers, read from the truth's instants (+08:00): placedAt and paidAt alike.
const days = pageOne.flatMap((o) => [o.placedAt.slice(0, 10), ...(o.paidAt ? [o.paidAt.slice(0, 10)] : [])]).sort();
const figures = naiveFigures(pageOne);

test.describe.serial('数据完整度 strip and 罗盘口径 beside ours', () => {
  let context: BrowserContext;
  let panel: Page;

  test.beforeAll(async () => {
    // Same shop on both consoles, or no 罗盘 figure could stand beside ours.
    expect(compass.shop.shopId).toBe(orders.shop.shopId);
    const launched = await launchWithExtension();
    context = launched.context;
    const extensionId = launched.extensionId;
    await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders.html');
    await serveFixture(context, 'https://compass.jinritemai.com', 'compass-user-asset.html');
    const consolePage = await context.newPage();
    await consolePage.goto(orders.consoleUrl);
    await expect(consolePage.getByTestId('capture-badge')).toHaveAttribute('data-count', String(pageOne.length));
    panel = await context.newPage();
    await panel.setViewportSize({ width: 520, height: 1000 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await expect(panel.getByTestId('tier-users')).toHaveText(String(figures.users), { timeout: 30_000 });
  });

  test.afterAll(async () => {
    await context?.close();
  });

  test('one 抖店 page: the range, the page captured, what is missing and where, 数据不足 with reasons', async () => {
    const strip = panel.getByTestId('completeness-strip');
    await expect(strip).toContainText(`数据 ${days[0]} 至 ${days.at(-1)}`);
    await expect(strip).toContainText('已采集 1 类页面（上次');
    await expect(strip).toContainText('缺少：访客数据（后台没有可采集的页面）');
    await expect(strip).toContainText('罗盘口径数据（去 罗盘 用户资产 采集）');
    await expect(strip.getByRole('link', { name: '罗盘 用户资产' })).toHaveAttribute('href', 'https://compass.jinritemai.com/shop/chance/user-asset');
    await expect(strip.getByRole('link', { name: '罗盘 用户资产' })).toHaveAttribute('target', '_blank');

    await strip.screenshot({ path: path.join(SHOTS_DIR, 'completeness-strip-zh.png') });
    // Details: the 订单 page with its rows, every 抖音 console page, each marked figure with its reason.
    await strip.getByRole('button', { name: '详情' }).click();
    // Its row: the page, one capture, the raw rows read (order headers, items and remarks), when.
    await expect(panel.getByTestId('completeness-page-douyin-orders').getByRole('cell')).toHaveText(['抖店 订单管理', '1', /^\d+$/, '刚刚']);
    const marks = panel.getByTestId('completeness-marks');
    await expect(marks).toContainText('新访当日成交转化：没有访客数据：每位新访客都是下单的人，转化率必然接近 100%');
    await expect(marks).toContainText('预测高潜（本店模型）：近 30 天没有浏览/加购数据');
    await strip.screenshot({ path: path.join(SHOTS_DIR, 'completeness-strip-details-zh.png') });

    // On the cards: the pathway's mark with its reason as text, and a tier's mark whose reason opens on click.
    await expect(panel.getByTestId('short-newVisitorSameDay')).toHaveText(/数据不足\s*新访当日成交转化：没有访客数据/);
    await expect(panel.getByTestId('short-unpurchasedReturn')).toContainText('时段前没有访客数据');
    const newVisitors = panel.getByTestId('short-newVisitors');
    await expect(newVisitors).toHaveText('数据不足');
    await newVisitors.getByRole('button', { name: '数据不足' }).click();
    await expect(newVisitors).toContainText('只有订单、没有访客数据：只算到下过单的人');
    await expect(panel.locator('.card-label').filter({ hasText: '预测高潜（本店模型）' })).toBeVisible();
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'completeness-orders-only-zh.png'), fullPage: true });

    await panel.getByTestId('lang-toggle').click();
    await expect(strip).toContainText(`Data ${days[0]} to ${days.at(-1)}`);
    await expect(strip).toContainText('Missing: visitor data (no console page shows it)');
    await expect(panel.getByTestId('short-newVisitorSameDay')).toContainText('No visitor data: every new visitor is someone who ordered');
    await strip.screenshot({ path: path.join(SHOTS_DIR, 'completeness-strip-details-en.png') });
    await expect(panel.locator('.card-label').filter({ hasText: "Predicted high-potential (this shop's model)" })).toBeVisible();
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'completeness-orders-only-en.png'), fullPage: true });
    await panel.getByTestId('lang-toggle').click();
  });

  test('after the 罗盘 用户资产 page: 罗盘口径 beside the local figure, with the share captured', async () => {
    const page = await context.newPage();
    await page.goto(compass.consoleUrl);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '1');

    // The window shown is the 罗盘 card's own (the 30 days ending the last order day).
    expect(figures.window).toEqual(compass.snapshot.window);
    const consoleBuyers = compass.snapshot.metrics.purchasers!.value;
    const share = ((100 * figures.purchasers) / consoleBuyers).toFixed(1);
    await expect(panel.getByTestId('console-purchasers')).toHaveText(`罗盘口径 7,702 · 本地已采集 ${figures.purchasers}（${share}%）`);
    expect(consoleBuyers).toBe(7702);
    await expect(panel.getByTestId('console-highPotential')).toHaveText(/^罗盘口径 23\.8万 · 本店模型预测 \d+$/);
    const strip = panel.getByTestId('completeness-strip');
    await expect(strip).toContainText('已采集 2 类页面');
    await expect(strip).not.toContainText('罗盘口径数据');
    await panel.locator('.grid.tiers').first().screenshot({ path: path.join(SHOTS_DIR, 'completeness-console-figures-zh.png') });
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'completeness-with-compass-zh.png'), fullPage: true });

    await panel.getByTestId('lang-toggle').click();
    await expect(panel.getByTestId('console-purchasers')).toHaveText(`Compass 7,702 · captured here ${figures.purchasers} (${share}%)`);
    await panel.locator('.grid.tiers').first().screenshot({ path: path.join(SHOTS_DIR, 'completeness-console-figures-en.png') });
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'completeness-with-compass-en.png'), fullPage: true });
    await panel.getByTestId('lang-toggle').click();
  });
});
