/**
 * Shared setup of the side-panel specs (tests/e2e/panel-<view>.spec.ts; SPEC §1 shows, §10 hooks):
 * ONE Chromium with the extension for all of them (a worker-scoped fixture: the specs run one after
 * the other in Playwright's single worker), a generated shop restored from a §9 backup through the
 * panel's own restore-backup input, the §9 report the panel downloads for it, and that side panel,
 * which every test drives from whatever view it was left on (each clicks its own view). When a test
 * deleted the shop, the next one restores it again. A failing test ends the worker: the next starts afresh.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { expect, launchWithExtension, SHOTS_DIR } from './extension';
import { generateShop } from '../fixtures/generate';
import type { Backup } from '../../lib/backup';
import type { Report } from '../../lib/engine/report';

export { expect } from './extension';

export const SHOP_ID = 'panel-views-shop';
export const SHOP_NAME = '川味小馆 旗舰店';
export const END_DAY = '2026-11-20';

/** A generated shop as a §9 backup, with a capture holding unreadable rows and 罗盘 figures over a few days. */
function makeBackup(): Backup {
  const data = generateShop({ seed: 7, platform: 'douyin', shopId: SHOP_ID, shopName: SHOP_NAME, customers: 400, endDay: END_DAY, days: 420 });
  return {
    format: 'seller-lens-backup',
    version: 1,
    exportedAt: `${END_DAY}T20:00:00+08:00`,
    shop: data.shop,
    customers: data.customers,
    orders: data.orders,
    contacts: data.contacts,
    captures: [
      {
        captureId: 'cap-1',
        shopId: SHOP_ID,
        url: 'https://fxg.jinritemai.com/ffa/morder/order/list?page=1',
        adapter: 'douyin-orders',
        capturedAt: `${END_DAY}T10:15:00+08:00`,
        headers: ['订单号', '买家', '实付金额'],
        rawRows: [
          ['6901', '小王', '¥12.50'],
          ['', '小李', '¥3.00'],
          ['6903', '<img src=x onerror=alert(1)>', 'abc'],
        ],
        rowCount: 3,
        rejected: [
          { row: 1, reason: '订单号为空' },
          { row: 2, reason: '实付金额无法读取：abc' },
        ],
      },
    ],
    platformSnapshots: ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((seenOn, i) => ({
      shopId: SHOP_ID,
      source: 'compass-user-asset',
      seenOn,
      metrics: {
        highPotential: { value: 1200 + 40 * i, change: 0.05 },
        purchasers: { value: 300 + 10 * i },
        firstOrder: { value: 180 + 5 * i },
        repeat: { value: 120 + 5 * i },
      },
    })),
    audiences: [],
    exports: [pastExport(data.orders.map((o) => o.customerKey))],
  };
}

/** An export made two weeks before the data ends: 60 members and 10 held out, for the conversion report. */
function pastExport(keys: string[]) {
  const distinct = [...new Set(keys)].sort();
  return {
    exportId: 'exp-past',
    shopId: SHOP_ID,
    name: '双11 复购召回',
    format: 'csv',
    exportedAt: '2026-11-05T10:00:00+08:00',
    members: distinct.slice(0, 60),
    control: distinct.slice(60, 70),
    controlSeed: 42,
    controlShare: 0.1,
  };
}

/** The browser every panel spec shares, with the shop's backup and the report the panel downloaded. */
export interface PanelShop {
  context: BrowserContext;
  extensionId: string;
  backup: Backup;
  backupText: string;
  /** The backup written to disk (for the report CLI). */
  backupFile: string;
  report: Report;
  /** Requests that tried to leave the machine (all aborted); must stay empty. */
  strayRequests: string[];
  /** The side panel every test drives (opened once: each test picks its own view). */
  page: Page;
}

/** Opens the side panel at the size the screenshots use. */
export async function openPanel(shop: Pick<PanelShop, 'context' | 'extensionId'>): Promise<Page> {
  const panel = await shop.context.newPage();
  await panel.setViewportSize({ width: 520, height: 1000 });
  await panel.goto(`chrome-extension://${shop.extensionId}/sidepanel.html`);
  return panel;
}

/** Restores the backup through the panel's restore-backup input and waits until the report of `shopId` can be exported. */
export async function restoreShop(panel: Page, backupText: string, shopId = SHOP_ID): Promise<void> {
  await panel.getByTestId('restore-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backupText) });
  await panel.getByTestId('restore-confirm-button').click(); // restore asks first (issue 11 item 5)
  await expect(panel.getByTestId('restore-status')).toHaveAttribute('data-state', 'done');
  await expect(panel.getByTestId('shop-picker')).toHaveValue(shopId);
  await expect(panel.getByTestId('export-report')).toBeEnabled({ timeout: 60_000 });
}

export const test = base.extend<{ panel: Page }, { shop: PanelShop }>({
  shop: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: no fixtures used
    async ({}, use) => {
      mkdirSync(SHOTS_DIR, { recursive: true });
      const { context, extensionId } = await launchWithExtension();
      // Nothing may leave the machine: every request other than the extension's own is recorded and aborted.
      const strayRequests: string[] = [];
      await context.route((url) => url.protocol !== 'chrome-extension:', async (route) => {
        strayRequests.push(route.request().url());
        await route.abort('blockedbyclient');
      });
      const backup = makeBackup();
      const backupText = JSON.stringify(backup);
      const backupFile = path.join(SHOTS_DIR, 'panel-views-backup.json');
      writeFileSync(backupFile, backupText);

      const panel = await openPanel({ context, extensionId });
      // Empty profile: a clear empty state, the eight tiers present but blank.
      await expect(panel.getByText('还没有数据')).toBeVisible();
      await expect(panel.getByTestId('tier-users')).toHaveText('');
      await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-empty-zh.png'), fullPage: true });
      await restoreShop(panel, backupText);
      const [reportDl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-report').click()]);
      const report = JSON.parse(readFileSync((await reportDl.path())!, 'utf8')) as Report;
      await use({ context, extensionId, backup, backupText, backupFile, report, strayRequests, page: panel });
      await context.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  panel: async ({ shop }, use) => {
    const panel = shop.page;
    // A spec before this one may have deleted the shop (数据 → 删除): restore it again.
    const option = panel.getByTestId('shop-picker').locator(`option[value="${SHOP_ID}"]`);
    await expect(option.or(panel.getByText('还没有数据')).first()).toBeAttached();
    if ((await panel.getByTestId('shop-picker').locator(`option[value="${SHOP_ID}"]`).count()) === 0) await restoreShop(panel, shop.backupText);
    await expect(panel.getByTestId('shop-picker')).toHaveValue(SHOP_ID);
    await expect(panel.getByTestId('export-report')).toBeEnabled({ timeout: 60_000 });
    await use(panel);
    expect(shop.strayRequests).toEqual([]);
  },
});

/** Opens a view, waits for its body and saves `panel-<view>-<lang>.png`. */
export async function shoot(panel: Page, view: string, lang: 'zh' | 'en'): Promise<void> {
  await panel.getByTestId(`view-${view}`).click();
  await expect(panel.getByTestId(`view-body-${view}`)).toBeVisible();
  await panel.screenshot({ path: path.join(SHOTS_DIR, `panel-${view}-${lang}.png`), fullPage: true });
}

/** The same view in English (screenshot), then back to zh-CN; `check` runs while English is shown. */
export async function inEnglish(panel: Page, view: string, check?: () => Promise<void>): Promise<void> {
  await panel.getByTestId('lang-toggle').click();
  try {
    await expect(panel.getByTestId('view-overview')).toHaveText('Overview');
    await shoot(panel, view, 'en');
    await check?.();
  } finally {
    await panel.getByTestId('lang-toggle').click();
    await expect(panel.getByTestId('view-overview')).toHaveText('概览');
  }
}

/** The panel's money text for fen in a table column (exact yuan, ¥15,400.00, one format per column: issue 13 item 10). */
export function columnMoneyLike(fen: number): string {
  const [i, d] = (fen / 100).toFixed(2).split('.');
  return `¥${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
}
