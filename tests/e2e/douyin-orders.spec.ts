/**
 * 抖店 订单管理 at its real URL, in both fixture sets:
 * - rebuilt from the evidence (antd 5 under `auxo`, and `ecom-g` DOM only; tree rows, rows from the page's own XHR to
 *   /api/order/searchlist behind an anti-bot XHR patch): ONE click on capture-all → `done`, the
 *   badge = the truth's order count, and every stored order, customer and the shop equal to the
 *   truth — once with chrome.storage.local `observeJson: false` (the DOM alone) and once with it on
 *   (the DOM and the observed JSON give the same records, so the truth is the same);
 * - the Arco twin (today's "other libraries" set): pages through its pager, panel figures, exports,
 *   backup / restore.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test } from './extension';
import { naiveFigures } from './truth';

interface Truth {
  shop: { shopId: string; name: string };
  consoleUrl: string;
  orders: { orderId: string; customerKey: string; placedAt: string; paidAt?: string; amountFen: number; status: string }[];
  pages: { page: number; orders: unknown[] }[];
}

const truth = readFixtureJson<Truth>('douyin-orders.truth.json');

test('抖店 订单管理: capture two pages → side panel tiers and metrics equal the truth → CSV export', async ({
  context,
  extensionId,
  strayRequests,
}) => {
  const [sw] = context.serviceWorkers();
  await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 200 }));
  await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders.html');
  const page = await context.newPage();
  await page.goto(truth.consoleUrl);

  // Page 1 is captured on load; the overlay lives in an open shadow root and does not move the page.
  const badge = page.getByTestId('capture-badge');
  const perPage = truth.pages[0]!.orders.length;
  await expect(badge).toHaveAttribute('data-count', String(perPage));
  await expect(badge).toHaveAttribute('data-rejected', '0');

  // The side panel open on page 1's data …
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const pageOne = naiveFigures(truth.pages[0]!.orders as Truth['orders']);
  await expect(panel.getByTestId('tier-users')).toHaveText(String(pageOne.users));
  await expect(panel.getByTestId('metric-orders')).toHaveAttribute('data-value', String(pageOne.orders));

  // … then page 2 through the console's own pager, clicked as a merchant would: the open panel
  // follows the new capture (the worker brings its snapshot forward through the change log).
  await page.locator('.arco-pagination-item-next').click();
  await expect(badge).toHaveAttribute('data-count', String(perPage + truth.pages[1]!.orders.length));
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'douyin-orders-console.png') });

  const expected = naiveFigures(truth.orders);
  expect(expected.orders).not.toBe(pageOne.orders); // so the panel must really change
  await expect(panel.getByTestId('shop-picker')).toHaveValue(truth.shop.shopId);
  await expect(panel.getByTestId('shop-picker').locator('option:checked')).toHaveText(truth.shop.name);
  await expect(panel.getByTestId('window-from')).toHaveValue(expected.window.start);
  await expect(panel.getByTestId('window-to')).toHaveValue(expected.window.end);
  const tiers = {
    users: expected.users,
    purchasers: expected.purchasers,
    firstOrder: expected.firstOrder.length,
    repeat: expected.repeat.length,
    newVisitors: expected.newVisitors,
    unpurchasedReturning: expected.unpurchasedReturning,
    purchasedReturning: expected.purchasedReturning,
  };
  for (const [name, value] of Object.entries(tiers)) await expect(panel.getByTestId(`tier-${name}`)).toHaveText(String(value));
  await expect(panel.getByTestId('tier-highPotential')).toHaveText(/^\d+$/);
  await expect(panel.getByTestId('metric-gmv')).toHaveAttribute('data-value', String(expected.gmvFen));
  await expect(panel.getByTestId('metric-orders')).toHaveAttribute('data-value', String(expected.orders));
  await expect(panel.getByTestId('metric-aov')).toHaveAttribute('data-value', String(expected.aovFen));
  await panel.setViewportSize({ width: 720, height: 1300 });
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'sidepanel-zh.png'), fullPage: true });
  // The daily trend lives in the 成交 view; back to 概览 for the tier exports.
  await panel.getByTestId('view-sales').click();
  await expect(panel.getByTestId('daily-chart').locator('canvas')).toBeVisible();
  await panel.getByTestId('view-overview').click();

  // One-click CSV of 首单用户: UTF-8 BOM, header row, one row per first-order customer.
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-firstOrder-csv').click()]);
  expect(download.suggestedFilename()).toBe(
    `seller-lens-audience-${truth.shop.shopId}-首单用户_${expected.window.start}_${expected.window.end}-${new Date()
      .toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
      .replaceAll('-', '')}.csv`,
  );
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  const header = lines[0]!.split(',');
  expect(header.slice(0, 3)).toEqual(['客户', '客户分层', '买家ID']);
  const keyCol = header.indexOf('客户标识');
  const gmvCol = header.indexOf('成交金额(元)');
  expect(lines.length - 1).toBe(expected.firstOrder.length);
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => r[keyCol]).sort()).toEqual([...expected.firstOrder].sort());
  for (const r of rows) {
    const key = r[keyCol]!;
    const fen = truth.orders
      .filter((o) => o.customerKey === key && ['paid', 'shipped', 'completed'].includes(o.status))
      .filter((o) => (o.paidAt ?? o.placedAt).slice(0, 10) >= expected.window.start)
      .reduce((s, o) => s + o.amountFen, 0);
    expect(r[gmvCol]).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
    expect(r[1]).toBe('首单用户');
  }

  // A buyer-side page of the same platform (the 抖音 store front) is not a console: no overlay, nothing read.
  await serveFixture(context, 'https://haohuo.jinritemai.com', 'douyin-orders.html');
  const storeFront = await context.newPage();
  await storeFront.goto('https://haohuo.jinritemai.com/views/product/item2?id=1');
  await expect(storeFront.locator('.arco-table').first()).toBeVisible();
  await storeFront.waitForTimeout(1500);
  await expect(storeFront.getByTestId('capture-badge')).toHaveCount(0);

  // Nothing left the machine: no request other than the fixture navigations.
  expect(strayRequests).toEqual([]);
});

test('capture all pages through the overlay, then back up, refuse a bad restore, restore, and read it in English', async ({
  context,
  extensionId,
  strayRequests,
}) => {
  const [sw] = context.serviceWorkers();
  await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 300 }));
  await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders.html');
  const page = await context.newPage();
  await page.goto(truth.consoleUrl);
  const table = page.locator('.arco-table').first();
  const before = await table.boundingBox();
  const badge = page.getByTestId('capture-badge');
  await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.orders.length));
  // The overlay never moves the page: its host takes no space and the table stays where it was.
  expect(await table.boundingBox()).toEqual(before);
  expect(await page.locator('seller-lens-overlay').evaluate((el) => el.getBoundingClientRect().height)).toBe(0);

  await page.getByTestId('capture-all').click();
  const progress = page.getByTestId('capture-progress');
  await expect(progress).toHaveAttribute('data-state', 'running');
  await expect(progress).toContainText(new RegExp(`第 \\d+/${truth.pages.length} 页`));
  await page.screenshot({ path: path.join(SHOTS_DIR, 'overlay-capture-all-running.png') });
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const all = truth.pages.flatMap((p) => p.orders) as Truth['orders'];
  await expect(badge).toHaveAttribute('data-count', String(all.length));
  await page.screenshot({ path: path.join(SHOTS_DIR, 'overlay-capture-all-done.png') });

  const expected = naiveFigures(all);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const tiers = async () =>
    Object.fromEntries(
      await Promise.all(
        ['users', 'purchasers', 'firstOrder', 'repeat', 'newVisitors', 'unpurchasedReturning', 'purchasedReturning', 'highPotential'].map(
          async (n) => [n, await panel.getByTestId(`tier-${n}`).textContent()] as const,
        ),
      ),
    );
  await expect(panel.getByTestId('tier-repeat')).toHaveText(String(expected.repeat.length));
  await expect(panel.getByTestId('tier-firstOrder')).toHaveText(String(expected.firstOrder.length));
  await expect(panel.getByTestId('tier-purchasedReturning')).toHaveText(String(expected.purchasedReturning));
  await expect(panel.getByTestId('metric-gmv')).toHaveAttribute('data-value', String(expected.gmvFen));
  const shown = await tiers();

  // Backup: a normal download with the SPEC §10 name, holding every captured order.
  const [backupDl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-backup').click()]);
  expect(backupDl.suggestedFilename()).toMatch(new RegExp(`^seller-lens-backup-${truth.shop.shopId}-\\d{8}\\.json$`));
  const backupText = readFileSync((await backupDl.path())!, 'utf8');
  const backup = JSON.parse(backupText) as { format: string; version: number; shop: { shopId: string }; orders: unknown[] };
  expect([backup.format, backup.version, backup.shop.shopId, backup.orders.length]).toEqual(['seller-lens-backup', 1, truth.shop.shopId, all.length]);

  // A broken file is refused with a clear message and changes nothing.
  const broken = JSON.parse(backupText) as { orders: { amountFen: number }[] };
  broken.orders[3]!.amountFen = 12.5;
  await panel.getByTestId('restore-backup').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  // One line (minified): the preview reads it whole and refuses it before asking (issue 11 item 5).
  await expect(panel.getByTestId('restore-status')).toHaveAttribute('data-state', 'error');
  await expect(panel.getByTestId('restore-confirm')).toHaveCount(0);
  await expect(panel.getByTestId('restore-status')).toContainText('orders[3].amountFen');
  expect(await tiers()).toEqual(shown);

  // The real backup restores (replacing the shop's records) and shows the same numbers.
  await panel.getByTestId('restore-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backupText) });
  await panel.getByTestId('restore-confirm-button').click(); // restore asks first (issue 11 item 5)
  await expect(panel.getByTestId('restore-status')).toHaveAttribute('data-state', 'done');
  await expect(panel.getByTestId('tier-repeat')).toHaveText(String(expected.repeat.length));
  expect(await tiers()).toEqual(shown);

  // The report download is the SPEC §9 report of the window shown.
  const [reportDl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-report').click()]);
  expect(reportDl.suggestedFilename()).toBe(`seller-lens-report-${truth.shop.shopId}-${expected.window.start}-${expected.window.end}.json`);
  const report = JSON.parse(readFileSync((await reportDl.path())!, 'utf8')) as { format: string; douyin: { repeat: number }; metrics: { gmvFen: number } };
  expect([report.format, report.douyin.repeat, report.metrics.gmvFen]).toEqual(['seller-lens-report', expected.repeat.length, expected.gmvFen]);

  // …and as a workbook a merchant opens in Excel (read back with exceljs), from 设置与数据 (issue 13 item 9).
  await panel.getByTestId('view-settings').click();
  const [xlsxDl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-report-xlsx').click()]);
  expect(xlsxDl.suggestedFilename()).toBe(`seller-lens-report-${truth.shop.shopId}-${expected.window.start}-${expected.window.end}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsxDl.path())!);
  const cells = new Map<string, unknown>();
  workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.set(`${sheet.name}|${String(row.getCell(1).value)}`, row.getCell(2).value)));
  expect(cells.get(`${workbook.worksheets[0]!.name}|成交订单数`)).toBe(expected.orders);
  expect([...cells.keys()].some((k) => k.endsWith('|复购用户') && cells.get(k) === expected.repeat.length)).toBe(true);
  await panel.getByTestId('view-overview').click();

  await panel.setViewportSize({ width: 720, height: 1300 });
  await panel.getByTestId('lang-toggle').click();
  await expect(panel.getByRole('heading', { name: 'Sales' })).toBeVisible();
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'sidepanel-en.png'), fullPage: true });

  // The popup shows the same headline numbers (still in English: the language choice is remembered).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('tier-repeat')).toHaveText(String(expected.repeat.length));
  await expect(popup.getByTestId('open-sidepanel')).toBeVisible();
  await popup.setViewportSize({ width: 440, height: 900 });
  await popup.screenshot({ path: path.join(SHOTS_DIR, 'popup-en.png'), fullPage: true });

  expect(strayRequests).toEqual([]);
});

interface AuxoTruth {
  consoleUrl: string;
  shop: { shopId: string; platform: string; name: string };
  pageCount: number;
  totalOrders: number;
  orders: { orderId: string; [k: string]: unknown }[];
  customers: { customerKey: string; [k: string]: unknown }[];
  pages: { orders: unknown[] }[];
}

const byOrderId = (a: { orderId: string }, b: { orderId: string }) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
const byCustomerKey = (a: { customerKey: string }, b: { customerKey: string }) => (a.customerKey < b.customerKey ? -1 : a.customerKey > b.customerKey ? 1 : 0);

const AUXO_RUNS = [
  { file: 'douyin-orders-auxo', prefix: 'auxo', observe: false },
  { file: 'douyin-orders-auxo', prefix: 'auxo', observe: true },
  // The newer `ecom-g` prefix, other hashes, a frozen 操作 column (sticky cells): the DOM alone.
  { file: 'douyin-orders-ecom-g', prefix: 'ecom-g', observe: false },
];

for (const { file, prefix, observe } of AUXO_RUNS) {
  const mode = observe ? 'observation on' : 'DOM only';
  const tag = `${prefix}-${observe ? 'observed' : 'dom'}`;
  test(`抖店 订单管理 (antd ${prefix}, rows over XHR) — ${mode}: one click on capture-all stores every order, customer and the shop exactly as the truth`, async ({
    context,
    extensionId,
    strayRequests,
  }) => {
    const truth = readFixtureJson<AuxoTruth>(`${file}.truth.json`);
    const [sw] = context.serviceWorkers();
    await sw!.evaluate((o) => chrome.storage.local.set(o), { captureDelayMs: 200, observeJson: observe });
    const calls: URL[] = [];
    await serveFixture(context, 'https://fxg.jinritemai.com', `${file}.html`, (req) => calls.push(req.url));
    const page = await context.newPage();
    await page.goto(truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    // The rows arrive over the page's own XHR; page 1 is captured as soon as they show.
    await expect(page.locator(`tr.${prefix}-table-row-level-0`)).toHaveCount(truth.pages[0]!.orders.length);
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.orders.length));
    // The console's zh-CN pager (CONSOLES.md §1.3): 上一页 / 下一页 titles, 共 N 条, a 10 条/页 size changer.
    await expect(page.locator('li[title="上一页"]')).toHaveCount(1);
    await expect(page.locator(`.${prefix}-pagination-total-text`)).toHaveText(`共 ${truth.totalOrders} 条`);
    await expect(page.locator(`.${prefix}-pagination-options`)).toContainText('10 条/页');
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, `douyin-orders-${tag}-loaded.png`), fullPage: true });

    await page.getByTestId('capture-all').click();
    const progress = page.getByTestId('capture-progress');
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(badge).toHaveAttribute('data-count', String(truth.totalOrders));
    await expect(badge).toHaveAttribute('data-rejected', '0');
    await expect(page.locator(`.${prefix}-pagination-item-active`)).toHaveText(String(truth.pageCount));
    await page.screenshot({ path: path.join(SHOTS_DIR, `douyin-orders-${tag}-done.png`) });
    // Every page came through the page's own searchlist XHR (0-based page, signed by the page's SDK); the extension sent none.
    expect(calls.map((u) => [u.pathname, u.searchParams.get('page'), u.searchParams.has('a_bogus')])).toEqual(
      Array.from({ length: truth.pageCount }, (_, i) => ['/api/order/searchlist', String(i), true]),
    );

    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    // A stored order carries the store's own index field `day`; the rest is the record.
    const orders = (await readStore<AuxoTruth['orders'][number] & { day: string }>(panel, 'orders')).map(({ day: _day, ...o }) => o);
    expect(orders.sort(byOrderId)).toEqual([...truth.orders].sort(byOrderId));
    const customers = await readStore<AuxoTruth['customers'][number]>(panel, 'customers');
    // Stored as the schema's output: `tags` defaults to [] (the page shows none).
    expect(customers.sort(byCustomerKey)).toEqual(truth.customers.map((c) => ({ tags: [], ...c })).sort(byCustomerKey));
    expect(await readStore(panel, 'shops')).toEqual([truth.shop]);
    if (observe) {
      // The observed searchlist bodies were mapped in the page and agreed with the DOM, record for record.
      const checks = (await readStore<{ crossCheck?: { matched: number; disagreementCount: number } }>(panel, 'captures')).flatMap((c) => (c.crossCheck ? [c.crossCheck] : []));
      expect(checks.some((c) => c.matched > 0)).toBe(true);
      expect(checks.map((c) => c.disagreementCount)).toEqual(checks.map(() => 0));
    }
    expect(strayRequests).toEqual([]);
  });
}
