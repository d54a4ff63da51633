/**
 * Honest exports (issue 13 item 6), as the merchant reads them in 人群: a 千川 phone-hash export of
 * 抖店 customers whose phones are all masked shows the identifier counts and says that nobody can
 * go into the audience package (the button says no file will be made); the control group is
 * unticked with its one-line explanation; a conversion report whose control group has 10 people
 * says it is too small instead of printing a lift. zh and en screenshots.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchWithExtension, SHOTS_DIR, test } from './extension';
import { openPanel, restoreShop } from './panel';

const SHOP_ID = 'exports-shop';
const AT = '2026-11-20T10:00:00+08:00';
const N = 40;
/** 抖店 shows buyers' phones masked: every customer has only 138****xxxx. */
const keys = Array.from({ length: N }, (_, i) => `douyin:${SHOP_ID}:id:00${7000 + i}`);

function backup(): string {
  return JSON.stringify({
    format: 'seller-lens-backup',
    version: 1,
    exportedAt: AT,
    shop: { shopId: SHOP_ID, platform: 'douyin', name: '导出测试店' },
    customers: keys.map((customerKey, i) => ({
      customerKey,
      shopId: SHOP_ID,
      nickname: `买家${i}`,
      buyerId: `00${7000 + i}`,
      phone: `138****${String(1000 + i)}`,
      tags: [],
    })),
    // One paid order each after the past export; a quarter still waiting to ship.
    orders: keys.map((customerKey, i) => ({
      orderId: `69194877950674${String(12000 + i)}`,
      shopId: SHOP_ID,
      customerKey,
      placedAt: `2026-11-${String(6 + (i % 14)).padStart(2, '0')}T12:00:00+08:00`,
      paidAt: `2026-11-${String(6 + (i % 14)).padStart(2, '0')}T12:05:00+08:00`,
      amountFen: 5000 + i,
      quantity: 1,
      productName: '猫砂',
      channel: 'live',
      traffic: 'paid',
      status: i % 4 === 0 ? 'paid' : 'completed',
    })),
    contacts: [],
    captures: [],
    platformSnapshots: [],
    audiences: [],
    // An export with a 10-person control: too small to say anything about a lift.
    exports: [
      {
        exportId: 'exp-small',
        shopId: SHOP_ID,
        name: '双11 召回',
        format: 'csv',
        exportedAt: '2026-11-05T10:00:00+08:00',
        members: keys.slice(0, 30),
        control: keys.slice(30, 40),
        controlSeed: 1,
        controlShare: 0.25,
      },
    ],
  });
}

test.describe.serial('honest exports', () => {
  let context: BrowserContext;
  let panel: Page;
  const dv = (id: string) => panel.getByTestId(id);

  /** 人群 → 圈选 (expression under 高级) → 导出, for every purchaser of the window. */
  async function openExport() {
    await dv('view-audience').click();
    await dv('audience-tab-build').click();
    await dv('audience-step-select').click();
    if (!(await dv('audience-expression').isVisible())) await dv('audience-advanced').locator('summary').click();
    await dv('audience-expression').fill('tier:purchasers');
    await expect(dv('audience-size')).toHaveAttribute('data-value', String(N), { timeout: 30_000 });
    await dv('audience-step-export').click();
  }

  test.beforeAll(async () => {
    const launched = await launchWithExtension();
    context = launched.context;
    panel = await openPanel(launched);
    await restoreShop(panel, backup(), SHOP_ID);
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test('千川 phone hash of 抖店 customers: counts, the masked-phone warning, a button that says no file; control off and explained', async () => {
    await openExport();
    const counts = dv('export-identifiers');
    await expect(counts).toContainText('共 40 人');
    await expect(counts).toContainText('完整手机号 0');
    await expect(counts).toContainText('仅脱敏手机号 40');
    await expect(counts).toContainText('买家ID 40');
    await expect(counts).toContainText('待发货订单号 10（10 人）');
    await expect(dv('audience-dmp-preset')).toHaveValue('qianchuan');
    await expect(dv('export-format-dmp')).toContainText('0 位有可用手机号；抖店手机号均为脱敏（40 人只有 138****1234 这样的号码），无法用于巨量千川 / 云图人群包');
    await expect(dv('export-audience-dmp')).toHaveText('没有可用手机号 SHA-256，不会生成文件');
    await expect(dv('export-audience-dmp')).toBeDisabled();
    await expect(dv('export-format-dmp')).toContainText('上传到：千川：资产 → 人群管理 → 上传人群包');
    await expect(dv('export-audience-crm')).toHaveText('导出 10 个待发货订单号');
    await expect(dv('export-format-crm')).toContainText('抖店 CRM 运营计划');
    await expect(panel.getByText('0 位有完整手机号（40 人只有脱敏号码）：这份名单不能直接用于短信群发')).toBeVisible();
    // The control group: unticked, explained in one line.
    await expect(dv('audience-control')).not.toBeChecked();
    await expect(dv('audience-control-explain')).toHaveText(/^对照组：随机留出一部分人不导出、不触达/);
    await dv('audience-export-step').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-exports-masked-zh.png'), fullPage: true });
  });

  test('a conversion report with a 10-person control says it is too small instead of a lift', async () => {
    await dv('view-audience').click();
    await dv('audience-tab-history').click();
    const record = panel.locator('[data-testid="export-record"][data-id="exp-small"]');
    await expect(record.locator('[data-format]')).toHaveText('CSV'); // the format in words, not its id
    await record.getByTestId('export-record-conversion').click();
    await expect(dv('conversion-lift')).toHaveText('对照组太小（10 人），无法判断提升（至少需要 30 人）');
    await expect(dv('conversion-report')).not.toContainText('提升度');
    await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-exports-conversion-zh.png'), fullPage: true });
  });

  test('in English: the same warnings and the verdict', async () => {
    await dv('lang-toggle').click();
    try {
      await expect(dv('view-overview')).toHaveText('Overview');
      await expect(dv('conversion-lift')).toHaveText('The control group is too small (10 people) to tell an effect (at least 30 needed)');
      await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-exports-conversion-en.png'), fullPage: true });
      await openExport();
      await expect(dv('export-identifiers')).toContainText('full phone 0');
      await expect(dv('export-format-dmp')).toContainText("0 members have a usable phone: Douyin shows buyers' phones masked");
      await expect(dv('export-audience-dmp')).toHaveText('No usable Phone, SHA-256: nothing to export');
      await expect(dv('audience-control-explain')).toHaveText(/^Control group: a random share is left out/);
      await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-exports-masked-en.png'), fullPage: true });
    } finally {
      await dv('lang-toggle').click();
    }
  });
});
