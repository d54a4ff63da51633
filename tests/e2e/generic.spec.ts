/**
 * The generic adapter in the browser: a page no adapter knows (antd order table with a pager, an
 * antd `virtual` member table), the column-mapping dialog, pick mode, capture-all over several
 * tables, the popup's 采集此页表格 on a non-console site, and tier chips on the 抖店 page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { EXTENSION_DIR, expect, readFixtureJson, serveFixture, SHOTS_DIR, test } from './extension';
import { naiveFigures } from './truth';
import { CONSOLE_OTHER_URL, SITE_URL } from '../fixtures/pages/generic-tables/view';
import { CONSOLE_MATCHES } from '../../lib/capture/consoles';

interface GenericTruth {
  orders: { orderId: string }[];
  pageSize: number;
  members: { id: string }[];
}
const generic = readFixtureJson<GenericTruth>('generic-tables.truth.json');

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });

/** Counts a store of the extension's IndexedDB (read from an extension page). */
async function countRecords(context: BrowserContext, extensionId: string, store: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const n = await page.evaluate(
    (s) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('seller-lens');
        open.onsuccess = () => {
          const req = open.result.transaction(s).objectStore(s).count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
    store,
  );
  await page.close();
  return n;
}

test('a console page no adapter claims: generic capture, virtual table, mapping dialog, pick mode, capture all tables', async ({ context, extensionId, strayRequests }) => {
  const [sw] = context.serviceWorkers();
  await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 200 }));
  await serveFixture(context, 'https://fxg.jinritemai.com', 'generic-tables.html');
  const page = await context.newPage();
  await page.goto(CONSOLE_OTHER_URL);
  const orders = page.locator('#orders-card .ant-table').first();
  await expect(orders.locator('tbody tr.ant-table-row')).toHaveCount(generic.pageSize);
  const ordersBox = await orders.boundingBox();
  const badge = page.getByTestId('capture-badge');

  // On load: the order table's first page and the member rows the virtual body renders.
  const rendered = await page.locator('.ant-table-tbody-virtual .ant-table-row').count();
  expect(rendered).toBeLessThan(generic.members.length / 4);
  await expect(badge).toHaveAttribute('data-count', String(generic.pageSize + rendered));

  // 采集本页 scrolls the virtual body through: every member, once.
  await page.getByTestId('capture-now').click();
  await expect(badge).toHaveAttribute('data-count', String(generic.pageSize + generic.members.length), { timeout: 30_000 });
  await expect(page.locator('.ant-table-tbody-virtual-holder')).toHaveJSProperty('scrollTop', 0);

  // 合计 is known only by its ¥ values: the orders stay raw rows until the merchant confirms the mapping.
  const open = page.getByTestId('mapping-open');
  await expect(open).toHaveAttribute('data-review', '1');
  expect(await countRecords(context, extensionId, 'orders')).toBe(0);
  await open.click();
  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('mapping-kind')).toHaveAttribute('data-kind', 'orders');
  await expect(dialog.getByTestId('mapping-row-3')).toHaveAttribute('data-field', 'amountFen');
  await expect(dialog.getByTestId('mapping-select-3')).toHaveValue('amountFen');
  await expect(dialog.getByTestId('mapping-select-7')).toHaveValue('ignore'); // 备注
  await shot(page, 'generic-mapping-dialog');
  await dialog.getByTestId('mapping-save').click();
  await expect(dialog).toBeHidden();
  await expect(open).toHaveAttribute('data-review', '0');
  await expect.poll(() => countRecords(context, extensionId, 'orders')).toBe(generic.pageSize);
  expect(await orders.boundingBox()).toEqual(ordersBox); // the overlay and the dialog never move the page
  // Remembered per URL pattern (the id in the path wildcarded).
  const stored = await sw!.evaluate(() => chrome.storage.local.get(null));
  expect(stored['genericPrefs:https://fxg.jinritemai.com/ffa/grid/tools/*']).toMatchObject({ mapping: { 合计: 'amountFen', 订单编号: 'orderId' } });

  // Capture all: the order table through its own pager, then the member table (no pager, virtual).
  await page.getByTestId('capture-all').click();
  const progress = page.getByTestId('capture-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(progress).toContainText('2 个表格');
  await expect(badge).toHaveAttribute('data-count', String(generic.orders.length + generic.members.length));
  await expect.poll(() => countRecords(context, extensionId, 'orders')).toBe(generic.orders.length);

  // Pick mode: hovering a table outlines it (a box in the shadow root, the page untouched), clicking picks it.
  const members = page.locator('#members-card .ant-table');
  const membersBefore = await members.boundingBox();
  await page.getByTestId('pick-table').click();
  await members.hover();
  const box = page.getByTestId('pick-box');
  await expect(box).toBeVisible();
  const mb = (await members.boundingBox())!;
  const bb = (await box.boundingBox())!;
  expect(Math.abs(bb.y - mb.y) + Math.abs(bb.height - mb.height)).toBeLessThan(2);
  expect(await members.boundingBox()).toEqual(membersBefore);
  await shot(page, 'generic-pick-mode');
  await members.click();
  await expect(box).toBeHidden();
  await expect(page.getByTestId('pick-clear')).toBeVisible();
  const afterPick = await sw!.evaluate(() => chrome.storage.local.get(null));
  expect((afterPick['genericPrefs:https://fxg.jinritemai.com/ffa/grid/tools/*'] as { pickedTable?: string }).pickedTable).toBe('会员号|昵称|会员等级|省份|标签');
  expect(strayRequests).toEqual([]);
});

test('popup 采集此页表格 on a non-console site: activeTab + scripting, no broad host permission', async ({ context, extensionId, strayRequests }) => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { permissions: string[]; host_permissions: string[] };
  expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
  expect(manifest.host_permissions.filter((h) => !h.startsWith('https://example.test'))).toEqual(CONSOLE_MATCHES);
  expect(manifest.host_permissions.some((h) => /<all_urls>|^\*:|^https?:\/\/\*\//.test(h))).toBe(false);

  await serveFixture(context, 'https://example.test', 'generic-tables.html');
  await serveFixture(context, 'https://other.test', 'generic-tables.html');
  const page = await context.newPage();
  await page.goto(SITE_URL);
  await expect(page.locator('#orders-card .ant-table-row').first()).toBeVisible();
  // No content script on other sites until the merchant asks.
  await expect(page.locator('seller-lens-overlay')).toHaveCount(0);
  const tabId = await (await context.serviceWorkers()[0]!).evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, SITE_URL);
  expect(tabId).toBeGreaterThan(0);

  // The popup, opened for that tab (Playwright cannot click the toolbar button, which is what grants
  // activeTab; e2e builds grant example.test up front via SELLER_LENS_E2E_GRANT_HOSTS instead).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.getByTestId('capture-this-page').click();
  await expect(popup.getByTestId('capture-this-page-status')).toHaveAttribute('data-state', 'done');
  const badge = page.getByTestId('capture-badge');
  const rendered = await page.locator('.ant-table-tbody-virtual .ant-table-row').count();
  await expect(badge).toHaveAttribute('data-count', String(generic.pageSize + rendered));
  await popup.close();
  await page.bringToFront();
  await shot(page, 'generic-non-console-site');

  // A second site, never granted: the injection is refused with the browser's reason (no host access).
  const other = await context.newPage();
  await other.goto('https://other.test/sheet');
  const otherId = await context.serviceWorkers()[0]!.evaluate(async () => (await chrome.tabs.query({ url: 'https://other.test/*' }))[0]?.id);
  const popup2 = await context.newPage();
  await popup2.goto(`chrome-extension://${extensionId}/popup.html?tab=${otherId}`);
  await popup2.getByTestId('capture-this-page').click();
  await expect(popup2.getByTestId('capture-this-page-status')).toHaveAttribute('data-state', 'error');
  await expect(popup2.getByTestId('capture-this-page-status')).toContainText('无法在此页采集');
  await expect(other.locator('seller-lens-overlay')).toHaveCount(0);
  expect(strayRequests).toEqual([]);
});

interface DouyinTruth {
  consoleUrl: string;
  pages: { page: number; orders: { orderId: string; customerKey: string; placedAt: string; paidAt?: string; amountFen: number; status: string }[] }[];
}

test('tier chips beside buyer names on the 抖店 page, after the side panel computed the report', async ({ context, extensionId, strayRequests }) => {
  const truth = readFixtureJson<DouyinTruth>('douyin-orders.truth.json');
  await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders.html');
  const page = await context.newPage();
  await page.goto(truth.consoleUrl);
  const table = page.locator('.arco-table').first();
  const badge = page.getByTestId('capture-badge');
  const first = truth.pages[0]!.orders;
  await expect(badge).toHaveAttribute('data-count', String(first.length));
  const before = await table.boundingBox();
  await expect(page.getByTestId('tier-chip')).toHaveCount(0);

  // Opening the side panel computes the report; its worker writes the tier cache the chips read.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const expected = naiveFigures(first as Parameters<typeof naiveFigures>[0]);
  await expect(panel.getByTestId('tier-firstOrder')).toHaveText(String(expected.firstOrder.length));
  // The 概览 shows before the 高潜 fit ends; the chips follow the whole analysis (its tier cache, then the
  // panel's tierStamp): a panel closed before that leaves them for its next opening.
  await expect(panel.locator('.app')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect
    .poll(() => panel.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).some((k) => k.startsWith('tierStamp'))), { timeout: 15_000 })
    .toBe(true);
  await panel.close();

  await page.bringToFront();
  const chips = page.getByTestId('tier-chip');
  await expect.poll(() => chips.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  const shown = await chips.evaluateAll((els) => els.map((e) => ({ key: e.getAttribute('data-customer')!, labels: e.getAttribute('data-labels')!.split(',') })));
  const firstOrder = new Set(expected.firstOrder);
  const repeat = new Set(expected.repeat);
  let checked = 0;
  for (const c of shown) {
    expect(c.labels.includes('首单')).toBe(firstOrder.has(c.key));
    expect(c.labels.includes('复购')).toBe(repeat.has(c.key));
    if (firstOrder.has(c.key) || repeat.has(c.key)) checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(3);
  // The chip sits right of the buyer's name, and the page's table has not moved.
  const nick = page.locator('.buyer-nick').first();
  const nb = (await nick.boundingBox())!;
  const cb = (await chips.first().boundingBox())!;
  expect(cb.x).toBeGreaterThanOrEqual(nb.x + nb.width - 1);
  expect(Math.abs(cb.y + cb.height / 2 - (nb.y + nb.height / 2))).toBeLessThan(6);
  expect(await table.boundingBox()).toEqual(before);
  await shot(page, 'douyin-tier-chips');

  // Chips follow the page when it scrolls.
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await nick.boundingBox())!.y).toBeLessThan(nb.y - 100);
  await expect.poll(async () => Math.abs((await chips.first().boundingBox())!.y + cb.height / 2 - ((await nick.boundingBox())!.y + nb.height / 2))).toBeLessThan(6);
  expect(strayRequests).toEqual([]);
});
