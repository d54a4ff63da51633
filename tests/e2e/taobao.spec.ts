/**
 * Taobao/Tmall console pages at their real URLs (served from the built fixtures): 生意参谋 访客
 * (Fusion), 客户运营平台 客户列表 (Fusion) and 千牛 已卖出的宝贝 (antd 5). Each is captured on
 * load (badge = truth); the 访客 and 已卖出的宝贝 pages are also walked through the overlay's
 * capture-all, which must end `done` with every record of every page stored.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, readFixtureJson, serveFixture, SHOTS_DIR, test } from './extension';

async function openAt(context: BrowserContext, origin: string, file: string, url: string): Promise<Page> {
  const [sw] = context.serviceWorkers();
  await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 200 }));
  await serveFixture(context, origin, file);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

interface VisitorsTruth {
  consoleUrl: string;
  pageCount: number;
  totalContacts: number;
  totalRejected: number;
  pages: { contacts: unknown[]; rejected: unknown[] }[];
}

test.describe('生意参谋 访客 (Fusion)', () => {
  const truth = readFixtureJson<VisitorsTruth>('sycm-visitors.truth.json');

  test('captured on load: badge counts the visits of page 1 and the not-logged-in rows as rejected', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'https://sycm.taobao.com', 'sycm-visitors.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.contacts.length));
    await expect(badge).toHaveAttribute('data-rejected', String(truth.pages[0]!.rejected.length));
    expect(strayRequests).toEqual([]);
  });

  test('capture all pages through the overlay: done, every visit of every page stored', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'https://sycm.taobao.com', 'sycm-visitors.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.contacts.length));
    await page.getByTestId('capture-all').click();
    const progress = page.getByTestId('capture-progress');
    await expect(progress).toHaveAttribute('data-state', 'running');
    await expect(progress).toContainText(new RegExp(`第 \\d+/${truth.pageCount} 页`));
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-sycm-visitors-capture-all-running.png') });
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(badge).toHaveAttribute('data-count', String(truth.totalContacts));
    await expect(badge).toHaveAttribute('data-rejected', String(truth.totalRejected));
    await expect(page.locator('.next-pagination-item.next-current')).toHaveText(String(truth.pageCount));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-sycm-visitors-capture-all-done.png') });
    expect(strayRequests).toEqual([]);
  });
});

interface SoldTruth {
  consoleUrl: string;
  pageCount: number;
  totalOrders: number;
  pages: { orders: unknown[] }[];
}

test.describe('千牛 已卖出的宝贝 (antd 5)', () => {
  const truth = readFixtureJson<SoldTruth>('qianniu-sold.truth.json');

  test('captured on load at the 千牛 URL and at trade.taobao.com', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'https://myseller.taobao.com', 'qianniu-sold.html', truth.consoleUrl);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', String(truth.pages[0]!.orders.length));
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-rejected', '0');
    await serveFixture(context, 'https://trade.taobao.com', 'qianniu-sold.html');
    const old = await context.newPage();
    await old.goto('https://trade.taobao.com/trade/itemlist/list_sold_items.htm');
    await expect(old.getByTestId('capture-badge')).toHaveAttribute('data-count', String(truth.pages[0]!.orders.length));
    expect(strayRequests).toEqual([]);
  });

  test('capture all pages through the overlay: done, every order of every page stored', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'https://myseller.taobao.com', 'qianniu-sold.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.orders.length));
    await page.getByTestId('capture-all').click();
    const progress = page.getByTestId('capture-progress');
    await expect(progress).toHaveAttribute('data-state', 'running');
    await expect(progress).toContainText(new RegExp(`第 \\d+/${truth.pageCount} 页`));
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-qianniu-sold-capture-all-running.png') });
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(badge).toHaveAttribute('data-count', String(truth.totalOrders));
    await expect(badge).toHaveAttribute('data-rejected', '0');
    await expect(page.locator('.ant-pagination-item-active')).toHaveText(String(truth.pageCount));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-qianniu-sold-capture-all-done.png') });
    expect(strayRequests).toEqual([]);
  });
});

interface CrmTruth {
  consoleUrl: string;
  pageCount: number;
  totalCustomers: number;
  pages: { customers: unknown[] }[];
}

test.describe('客户运营平台 客户列表 (Fusion)', () => {
  const truth = readFixtureJson<CrmTruth>('crm-customers.truth.json');

  test('captured on load at crm.taobao.com; page 2 through Fusion\u2019s pager adds its customers', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'https://crm.taobao.com', 'crm-customers.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.customers.length));
    await expect(badge).toHaveAttribute('data-rejected', '0');
    await page.locator('.next-pagination .next-next').click();
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.customers.length + truth.pages[1]!.customers.length));
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-crm-customers.png') });
    expect(strayRequests).toEqual([]);
  });

  test('inside the 千牛 home.htm frame the list is captured too', async ({ context, strayRequests }) => {
    const [sw] = context.serviceWorkers();
    await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 200 }));
    await serveFixture(context, 'https://myseller.taobao.com', 'crm-customers.html');
    // The 千牛 shell: a page whose frame shows the customer list (routes added later win).
    await context.route('https://myseller.taobao.com/home.htm', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="zh-CN"><body style="margin:0"><div style="height:40px;background:#ff5000;color:#fff">千牛</div><iframe src="https://myseller.taobao.com/home.htm/crm/customer/list" style="width:100%;height:800px;border:0"></iframe></body></html>',
      }),
    );
    const page = await context.newPage();
    await page.goto('https://myseller.taobao.com/home.htm');
    const frame = page.frameLocator('iframe');
    await expect(frame.getByTestId('capture-badge')).toHaveAttribute('data-count', String(truth.pages[0]!.customers.length));
    expect(strayRequests).toEqual([]);
  });
});
