/**
 * Issue 13 item 8, the overlay as the merchant sees it (one browser for the file):
 * - 抖店 订单管理: the badge names its unit (已采集 N 笔订单); 采集全部分页 ends with a summary
 *   (shop, dates, new / updated, no errors) and 打开侧边栏;
 * - tier chips sit inline after the buyer's name, once per buyer per row, never over the console's text;
 * - the side panel's language switch (English) reaches the overlay and the chips;
 * - 生意参谋 访客: visitors who were not logged in are 跳过 (normal), not red 无法读取 — still counted in data-rejected.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { expect, launchWithExtension, readFixtureJson, serveFixture, SHOTS_DIR } from './extension';

const test = base;

interface DouyinTruth {
  shop: { name: string };
  consoleUrl: string;
  totalOrders: number;
  pages: { orders: { placedAt: string; paidAt?: string }[] }[];
}
interface VisitorsTruth {
  consoleUrl: string;
  shop: { name: string };
  pageCount: number;
  totalContacts: number;
  totalRejected: number;
  pages: { contacts: { at: string }[]; rejected: unknown[] }[];
}

const douyin = readFixtureJson<DouyinTruth>('douyin-orders.truth.json');
const visitors = readFixtureJson<VisitorsTruth>('sycm-visitors.truth.json');

/** First and last day of canonical +08:00 timestamps (the fixtures write them so). */
function dayRange(instants: string[]): { from: string; to: string } {
  const days = instants.map((s) => s.slice(0, 10)).sort();
  return { from: days[0]!, to: days[days.length - 1]! };
}

let context: BrowserContext;
let extensionId: string;
let orders: Page;
const stray: string[] = [];

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `overlay-${name}.png`) });
}

test.describe.serial('the capture overlay', () => {
  test.beforeAll(async () => {
    ({ context, extensionId } = await launchWithExtension());
    // Nothing leaves the machine: registered first, so the fixture routes below answer their origins.
    await context.route((url) => url.protocol !== 'chrome-extension:', async (route) => {
      stray.push(route.request().url());
      await route.abort('blockedbyclient');
    });
    const [sw] = context.serviceWorkers();
    await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 200 }));
    await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders.html');
    await serveFixture(context, 'https://sycm.taobao.com', 'sycm-visitors.html');
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test('抖店 orders: the badge names its unit; 采集全部分页 ends with a summary and 打开侧边栏', async () => {
    orders = await context.newPage();
    await orders.goto(douyin.consoleUrl);
    const badge = orders.getByTestId('capture-badge');
    const first = douyin.pages[0]!.orders.length;
    await expect(badge).toHaveAttribute('data-count', String(first));
    await expect(orders.getByTestId('capture-badge-text')).toHaveText(`已采集 ${first} 笔订单`);
    await shot(orders, 'badge-zh');

    await orders.getByTestId('capture-all').click();
    await expect(orders.getByTestId('capture-progress')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(badge).toHaveAttribute('data-count', String(douyin.totalOrders));
    await expect(badge).toHaveAttribute('data-rejected', '0');
    await expect(orders.getByTestId('capture-badge-text')).toHaveText(`已采集 ${douyin.totalOrders} 笔订单`);

    const summary = orders.getByTestId('capture-summary');
    await expect(summary).toBeVisible();
    const range = dayRange(douyin.pages.flatMap((p) => p.orders.map((o) => o.paidAt ?? o.placedAt)));
    await expect(summary.getByTestId('summary-shop')).toHaveText(`店铺：${douyin.shop.name}`);
    await expect(summary.getByTestId('summary-range')).toHaveText(`日期：${range.from} 至 ${range.to}`);
    // A fresh profile: every order is new.
    await expect(summary.getByTestId('summary-records')).toHaveText(`已采集 ${douyin.totalOrders} 笔订单 · 新增 ${douyin.totalOrders} · 更新 0 · 未变 0`);
    await expect(summary.getByTestId('summary-errors')).toHaveText('没有无法读取的行');
    await expect(summary.getByTestId('open-side-panel')).toHaveText('打开侧边栏');
    await shot(orders, 'summary-zh');

    // The click's gesture goes with the message: the background opens the side panel for this tab.
    const [sw] = context.serviceWorkers();
    await summary.getByTestId('open-side-panel').click();
    await expect
      .poll(() => sw!.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] })).length), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect(orders.getByTestId('open-side-panel-status')).toHaveCount(0);
  });

  test('tier chips: inline after the buyer name, once per buyer per row, never over the console text', async () => {
    // The side panel computes the report; its worker writes the tier lookup the chips read.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await expect(panel.getByTestId('tier-firstOrder')).toHaveText(/^\d+$/, { timeout: 30_000 });
    await orders.bringToFront();
    const chips = orders.getByTestId('tier-chip');
    await expect.poll(() => chips.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await expect(chips.first()).toHaveAttribute('data-labels', /首单|复购|重要|一般/);

    const geometry = await orders.evaluate(() => {
      const hosts = [...document.querySelectorAll('seller-lens-chip')];
      const overlaps: string[] = [];
      const perRow = new Map<Element, string[]>();
      for (const host of hosts) {
        const chip = host.getBoundingClientRect();
        const cell = host.closest('td, th, [role="cell"], [role="gridcell"]') ?? host.parentElement!;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!(n.nodeValue ?? '').trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) {
            const overlapX = Math.min(chip.right, r.right) - Math.max(chip.left, r.left);
            const overlapY = Math.min(chip.bottom, r.bottom) - Math.max(chip.top, r.top);
            if (overlapX > 0.5 && overlapY > 0.5) overlaps.push(`${n.nodeValue!.trim()} under a chip`);
          }
        }
        const row = host.closest('tr, [role="row"]')!;
        const key = host.shadowRoot!.querySelector('[data-testid="tier-chip"]')!.getAttribute('data-customer')!;
        perRow.set(row, [...(perRow.get(row) ?? []), key]);
      }
      const repeated = [...perRow.values()].filter((keys) => new Set(keys).size !== keys.length).length;
      // Right after the name: the chip starts at the name's right edge, on its line.
      const nick = document.querySelector('.buyer-nick')!.getBoundingClientRect();
      const next = document.querySelector('.buyer-nick')!.nextElementSibling;
      const firstChip = next?.tagName === 'SELLER-LENS-CHIP' ? next.getBoundingClientRect() : null;
      return { hosts: hosts.length, overlaps, repeated, besideName: firstChip ? firstChip.left >= nick.right - 1 && Math.abs(firstChip.top + firstChip.height / 2 - (nick.top + nick.height / 2)) < 6 : null };
    });
    expect(geometry.hosts).toBeGreaterThanOrEqual(3);
    expect(geometry.overlaps).toEqual([]);
    expect(geometry.repeated).toBe(0);
    expect(geometry.besideName).toBe(true);
    await orders.getByTestId('summary-close').click();
    await orders.locator('seller-lens-chip').first().scrollIntoViewIfNeeded();
    await shot(orders, 'chips-zh');

    // The side panel switched to English: the overlay and the chips follow (shared preference).
    await panel.getByTestId('lang-toggle').click();
    await expect(panel.getByTestId('view-overview')).toHaveText('Overview');
    await orders.bringToFront();
    await expect(orders.getByTestId('capture-badge-text')).toHaveText(`Captured ${douyin.totalOrders} orders`);
    await expect(orders.getByTestId('capture-stop')).toHaveText('Stop');
    await expect(orders.getByTestId('capture-progress')).toHaveText(`Done, ${douyin.pages.length} pages`);
    await expect(chips.first()).toHaveAttribute('data-labels', /First order|Repeat|Important|General|High potential/);
    await shot(orders, 'chips-en');
    await orders.getByTestId('capture-finish').click();
    const summary = orders.getByTestId('capture-summary');
    await expect(summary.getByTestId('summary-shop')).toHaveText(`Shop: ${douyin.shop.name}`);
    await expect(summary.getByTestId('summary-records')).toContainText(`Captured ${douyin.totalOrders} orders · ${douyin.totalOrders} new · 0 updated · 0 unchanged`);
    await expect(summary.getByTestId('open-side-panel')).toHaveText('Open side panel');
    await shot(orders, 'summary-en');
    await panel.getByTestId('lang-toggle').click();
    await expect(panel.getByTestId('view-overview')).toHaveText('概览');
    await expect(orders.getByTestId('capture-badge-text')).toHaveText(`已采集 ${douyin.totalOrders} 笔订单`);
    await panel.close();
  });

  test('生意参谋 visitors: anonymous visitors are 跳过 (normal), not red errors; still counted as rejected', async () => {
    const page = await context.newPage();
    await page.goto(visitors.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    const p1 = visitors.pages[0]!;
    await expect(badge).toHaveAttribute('data-count', String(p1.contacts.length));
    await expect(badge).toHaveAttribute('data-rejected', String(p1.rejected.length));
    await expect(page.getByTestId('capture-badge-text')).toHaveText(`已采集 ${p1.contacts.length} 位访客`);
    await expect(badge).toContainText(`跳过 ${p1.rejected.length} 行`);
    await expect(badge).not.toContainText('无法读取');
    await page.locator('seller-lens-overlay').locator('.sl-reasons summary').click();
    await expect(page.getByTestId('capture-skip')).toHaveCount(p1.rejected.length);
    await expect(page.getByTestId('capture-skip').first()).toContainText('跳过（未登录访客，正常）');
    await expect(page.getByTestId('capture-error')).toHaveCount(0);
    await shot(page, 'visitors-skipped-zh');

    await page.getByTestId('capture-all').click();
    await expect(page.getByTestId('capture-progress')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(badge).toHaveAttribute('data-count', String(visitors.totalContacts));
    await expect(badge).toHaveAttribute('data-rejected', String(visitors.totalRejected));
    const summary = page.getByTestId('capture-summary');
    const range = dayRange(visitors.pages.flatMap((p) => p.contacts.map((c) => c.at)));
    await expect(summary.getByTestId('summary-shop')).toHaveText(`店铺：${visitors.shop.name}`);
    await expect(summary.getByTestId('summary-range')).toHaveText(`日期：${range.from} 至 ${range.to}`);
    await expect(summary.getByTestId('summary-skipped')).toHaveText(`跳过 ${visitors.totalRejected} 位未登录访客（正常，平台不显示）`);
    await expect(summary.getByTestId('summary-errors')).toHaveText('没有无法读取的行');
    await shot(page, 'visitors-summary-zh');
    expect(stray).toEqual([]);
  });
});
