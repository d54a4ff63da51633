/**
 * The side panel's views, driven as a merchant would: restore a generated shop from a backup, then
 * visit every view and check what it shows against the downloaded §9 report (and the report CLI),
 * in zh-CN and English, with a screenshot of each view in each language.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, SHOTS_DIR, test } from './extension';
import { generateShop } from '../fixtures/generate';
import type { Backup } from '../../lib/backup';
import type { Report } from '../../lib/engine/report';
import { conversionReport } from '../../lib/audience/conversion';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

const SHOP_ID = 'panel-views-shop';
const END_DAY = '2026-11-20';

/** A generated shop as a §9 backup, with a capture holding unreadable rows and 罗盘 figures over a few days. */
function makeBackup(): Backup {
  const data = generateShop({ seed: 7, platform: 'douyin', shopId: SHOP_ID, shopName: '川味小馆 旗舰店', customers: 400, endDay: END_DAY, days: 420 });
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

const VIEWS = ['overview', 'sales', 'potential', 'rfm', 'data', 'audience'] as const;

async function shoot(panel: Page, view: string, lang: 'zh' | 'en') {
  await panel.getByTestId(`view-${view}`).click();
  await expect(panel.getByTestId(`view-body-${view}`)).toBeVisible();
  await panel.screenshot({ path: path.join(SHOTS_DIR, `panel-${view}-${lang}.png`), fullPage: true });
}

test('side panel views show what the report says, in zh-CN and English', async ({ context, extensionId, strayRequests }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS_DIR, { recursive: true });
  const backup = makeBackup();
  const backupText = JSON.stringify(backup);
  const backupFile = path.join(SHOTS_DIR, 'panel-views-backup.json');
  writeFileSync(backupFile, backupText);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 520, height: 1000 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // Empty profile: a clear empty state, the eight tiers present but blank.
  await expect(panel.getByText('还没有数据')).toBeVisible();
  await expect(panel.getByTestId('tier-users')).toHaveText('');
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-empty-zh.png'), fullPage: true });

  await panel.getByTestId('restore-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backupText) });
  await panel.getByTestId('restore-confirm-button').click(); // restore asks first (issue 11 item 5)
  await expect(panel.getByTestId('restore-status')).toHaveAttribute('data-state', 'done');
  await expect(panel.getByTestId('shop-picker')).toHaveValue(SHOP_ID);
  await expect(panel.getByTestId('export-report')).toBeEnabled({ timeout: 60_000 });

  const [reportDl] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-report').click()]);
  const report = JSON.parse(readFileSync((await reportDl.path())!, 'utf8')) as Report;
  expect(report.window.end).toBe(END_DAY);
  expect(report.douyin.purchasers).toBeGreaterThan(10);

  // The panel's numbers are the batch engine's: the report CLI on the same backup gives the same report.
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'scripts/report.ts', backupFile], { cwd: ROOT, encoding: 'utf8' })) as Report;
  expect(report).toEqual(cli);

  // 概览: tiers, classes, funnels and asset layers.
  for (const [name, value] of Object.entries({ ...report.douyin, newVisitors: report.taobao.newVisitors, unpurchasedReturning: report.taobao.unpurchasedReturning, purchasedReturning: report.taobao.purchasedReturning }))
    await expect(panel.getByTestId(`tier-${name}`)).toHaveText(String(value));
  const pw = report.taobao.pathways;
  const dv = (id: string) => panel.getByTestId(id);
  await expect(dv('funnel-newVisitorSameDay-base')).toHaveAttribute('data-value', String(pw.newVisitorSameDay.base));
  await expect(dv('funnel-newVisitorSameDay-converted')).toHaveAttribute('data-value', String(pw.newVisitorSameDay.converted));
  await expect(dv('funnel-newVisitorSameDay-rate')).toHaveAttribute('data-value', String(pw.newVisitorSameDay.rate ?? ''));
  for (const p of ['unpurchasedReturn', 'repurchase'] as const) {
    await expect(dv(`funnel-${p}-assets`)).toHaveAttribute('data-value', String(pw[p].assets));
    await expect(dv(`funnel-${p}-recalled`)).toHaveAttribute('data-value', String(pw[p].recalled));
    await expect(dv(`funnel-${p}-converted`)).toHaveAttribute('data-value', String(pw[p].converted));
    await expect(dv(`funnel-${p}-recalled-rate`)).toHaveAttribute('data-value', String(pw[p].recallRate ?? ''));
    await expect(dv(`funnel-${p}-converted-rate`)).toHaveAttribute('data-value', String(pw[p].payConversion ?? ''));
    await expect(dv(`funnel-${p}-rate`)).toHaveAttribute('data-value', String(pw[p].rate ?? ''));
  }
  for (const k of ['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const) {
    await expect(dv(`class-${k}-purchasers`)).toHaveAttribute('data-value', String(report.taobao.byClass[k].purchasers));
    await expect(dv(`class-${k}-gmv`)).toHaveAttribute('data-value', String(report.taobao.byClass[k].gmvFen));
  }
  for (const k of ['relationship', 'active', 'dormant'] as const) await expect(dv(`asset-${k}`)).toHaveAttribute('data-value', String(report.assets[k]));
  await expect(dv('metric-gmv')).toHaveAttribute('data-value', String(report.metrics.gmvFen));
  await shoot(panel, 'overview', 'zh');

  // 成交
  await panel.getByTestId('view-sales').click();
  await expect(dv('sales-gmv')).toHaveAttribute('data-value', String(report.metrics.gmvFen));
  await expect(dv('sales-aov')).toHaveAttribute('data-value', String(report.metrics.aovFen));
  for (const k of ['paid', 'organic', 'unknown'] as const) {
    await expect(dv(`traffic-persons-${k}`)).toHaveAttribute('data-value', String(report.metrics.trafficPersonsShare[k] ?? ''));
    await expect(dv(`traffic-gmv-${k}`)).toHaveAttribute('data-value', String(report.metrics.trafficGmvShare[k] ?? ''));
  }
  await expect(dv('fan-gmv-share')).toHaveAttribute('data-value', String(report.metrics.fanGmvShare ?? ''));
  await expect(dv('channel-doughnut').locator('tr[data-slice="直播"] td.num').first()).toHaveText(formatMoneyLike(report.metrics.gmvByChannel.live));
  await expect(dv('daily-chart').locator('canvas')).toBeVisible();
  await expect(dv('price-bands').locator('canvas')).toBeVisible();
  await expect(dv('sales-top-products').locator('tbody tr').first()).toBeVisible();
  await shoot(panel, 'sales', 'zh');

  // 高潜: the ranked list holds every 高潜 customer of the report, best first, each with reasons.
  await panel.getByTestId('view-potential').click();
  if (report.douyin.highPotential > 0) {
    await expect(dv('potential-list')).toHaveAttribute('data-rows', String(Math.min(report.douyin.highPotential, 10_000)));
    const rows = panel.getByTestId('potential-row');
    const scores = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s >= 0.3)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expect(rows.first().locator('.reason').first()).toBeVisible();
    // Virtualised: far fewer rows in the DOM than in the list when it is long.
    if (report.douyin.highPotential > 40) expect(scores.length).toBeLessThan(report.douyin.highPotential);
  } else await expect(panel.getByText('没有达到阈值')).toBeVisible();
  await shoot(panel, 'potential', 'zh');

  // RFM
  await panel.getByTestId('view-rfm').click();
  for (const [k, v] of Object.entries(report.rfm)) await expect(dv(`rfm-${k}`)).toHaveAttribute('data-value', String(v));
  await shoot(panel, 'rfm', 'zh');

  // 数据: coverage vs the 70% target, captures and their unreadable rows (as text), 罗盘 history.
  await panel.getByTestId('view-data').click();
  for (const k of ['all', 'gender', 'city', 'phone'] as const) await expect(dv(`coverage-${k}`)).toHaveAttribute('data-value', String(report.coverage[k] ?? ''));
  await expect(dv('coverage-phone')).toHaveText(`${((report.coverage.phone ?? 0) * 100).toFixed(1)}%`);
  await expect(dv('rejected-total')).toHaveAttribute('data-value', '2');
  await dv('capture-row').first().click();
  await expect(dv('rejected-list')).toContainText('实付金额无法读取：abc');
  await expect(dv('history-compass-user-asset').locator('canvas')).toBeVisible();
  await shoot(panel, 'data', 'zh');

  // 人群: chips build (首单 并 复购) = every purchaser; text edits and errors; RFM class → audience.
  await panel.getByTestId('view-audience').click();
  await panel.locator('[data-tag="tier:firstOrder"]').click();
  await panel.locator('[data-tag="tier:repeat"]').click();
  await expect(dv('audience-expression')).toHaveValue('tier:firstOrder 并 tier:repeat');
  await expect(dv('audience-size')).toHaveAttribute('data-value', String(report.douyin.purchasers));
  await dv('audience-expression').fill('(tier:firstOrder 并 tier:repeat) 差 tier:repeat');
  await expect(dv('audience-size')).toHaveAttribute('data-value', String(report.douyin.firstOrder));
  await dv('audience-expression').fill('tier:firstOrder 交 (');
  await expect(dv('audience-error')).toBeVisible();
  await panel.getByTestId('view-rfm').click();
  const cls = Object.entries(report.rfm).sort((a, b) => b[1] - a[1])[0]!;
  await panel.getByTestId(`rfm-${cls[0]}`).click();
  await expect(dv('audience-expression')).toHaveValue(`rfm:${cls[0]}`);
  await expect(dv('audience-size')).toHaveAttribute('data-value', String(cls[1]));
  await dv('audience-save').click();
  await expect(dv('saved-audience')).toHaveCount(1);
  await expect(dv('saved-audience-size')).toHaveAttribute('data-value', String(cls[1]));

  // One-click exports, each downloaded and read back; 10% held out as control.
  const download = async (testId: string) => {
    const [dl] = await Promise.all([panel.waitForEvent('download'), dv(testId).click()]);
    return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
  };
  const control = Math.round(cls[1] * 0.1);
  const csv = await download('export-audience-csv');
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvLines = csv.bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(csvLines[0]!.split(',')).toContain('客户标识');
  expect(csvLines.length - 1).toBe(cls[1] - control);
  await expect(dv('audience-export-result')).toHaveAttribute('data-control', String(control));

  const xlsx = await download('export-audience-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
  const sheet = wb.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['客户', '客户分层', '买家ID']);
  expect(sheet.actualRowCount - 1).toBe(cls[1] - control);

  const dmp = await download('export-audience-dmp');
  expect(dmp.name).toMatch(/\.zip$/);
  const unzipped = unzipSync(new Uint8Array(dmp.bytes));
  const txt = Object.entries(unzipped);
  expect(txt.length).toBe(1);
  const ids = Buffer.from(txt[0]![1]).toString('utf8').split('\n').filter(Boolean);
  expect(ids.every((l) => /^[0-9a-f]{64}$/.test(l))).toBe(true);
  await expect(dv('dmp-summary')).toHaveAttribute('data-exported', String(ids.length));
  const skipped = Number(await dv('dmp-summary').getAttribute('data-skipped'));
  expect(ids.length + skipped).toBeLessThanOrEqual(cls[1] - control);
  await expect(dv('dmp-warning-small-audience')).toBeVisible();

  // 抖店 CRM plan of the window's purchasers (recent buyers have orders waiting to ship).
  await dv('audience-expression').fill('tier:purchasers');
  await expect(dv('audience-size')).toHaveAttribute('data-value', String(report.douyin.purchasers));
  await dv('audience-crm-day').fill('2026-11-25');
  await dv('audience-crm-reason').fill('仓库备货中');
  const [crmDl] = await Promise.all([panel.waitForEvent('download'), dv('export-audience-crm').click()]);
  await expect(dv('crm-summary')).toBeVisible();
  const crmRows = Number(await dv('crm-summary').getAttribute('data-rows'));
  const crmWb = new ExcelJS.Workbook();
  await crmWb.xlsx.load(new Uint8Array(readFileSync((await crmDl.path())!)).buffer);
  const crmSheet = crmWb.worksheets[0]!;
  expect((crmSheet.getRow(1).values as unknown[]).slice(1)).toEqual(['订单号', '商品名称', '延迟发货时间', '原因']);
  expect(crmSheet.actualRowCount - 1).toBe(crmRows);
  expect(crmRows).toBeGreaterThan(0);
  expect((crmSheet.getRow(2).values as unknown[]).slice(3)).toEqual(['11月25日', '仓库备货中']);

  // Every export is recorded; the saved audience shows its last export.
  await expect(dv('export-record')).toHaveCount(5);
  await expect(dv('saved-audience').locator('td').nth(2)).not.toHaveText('—');
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-exports-zh.png'), fullPage: true });

  // Lookalike of the saved audience: the top N other customers.
  await dv('saved-audience-lookalike').click();
  await expect(dv('lookalike-banner')).toBeVisible();
  await dv('lookalike-n').fill('25');
  await expect(dv('audience-size')).toHaveAttribute('data-value', '25');

  // Conversion report of the export made on 11-05: members vs control, as lib/audience computes it.
  const past = backup.exports[0]!;
  const expected = conversionReport({ ...past, control: past.control ?? [] }, backup.orders);
  await panel.locator('[data-testid="export-record"][data-id="exp-past"] [data-testid="export-record-conversion"]').click();
  await expect(dv('conversion-report')).toHaveAttribute('data-export', 'exp-past');
  await expect(dv('conversion-members-purchasers')).toHaveAttribute('data-value', String(expected.members.purchasers));
  await expect(dv('conversion-members-gmv')).toHaveAttribute('data-value', String(expected.members.gmvFen));
  await expect(dv('conversion-control-purchasers')).toHaveAttribute('data-value', String(expected.control!.purchasers));
  await expect(dv('conversion-lift')).toHaveAttribute('data-value', String(expected.lift ?? ''));
  expect(expected.members.purchasers).toBeGreaterThan(0);
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-zh.png'), fullPage: true });

  // English: every view again, with the same numbers.
  await panel.getByTestId('lang-toggle').click();
  await expect(panel.getByTestId('view-overview')).toHaveText('Overview');
  for (const v of VIEWS) await shoot(panel, v, 'en');
  await panel.getByTestId('view-overview').click();
  await expect(panel.getByTestId('tier-repeat')).toHaveText(String(report.douyin.repeat));
  await expect(panel.getByRole('heading', { name: 'The three pathways' })).toBeVisible();
  await panel.getByTestId('lang-toggle').click();

  // Reopening shows the last result at once (from Dexie) while the worker recomputes.
  const again = await context.newPage();
  await again.setViewportSize({ width: 520, height: 1000 });
  await again.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(again.getByTestId('tier-repeat')).toHaveText(String(report.douyin.repeat), { timeout: 1_000 });
  await again.close();

  // The popup: headline numbers of the shop, same hooks.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('tier-users')).toHaveText(String(report.douyin.users));
  await expect(popup.getByTestId('metric-gmv')).toHaveAttribute('data-value', String(report.metrics.gmvFen));
  await expect(popup.getByTestId('export-report')).toBeEnabled();
  await popup.setViewportSize({ width: 440, height: 900 });
  await popup.screenshot({ path: path.join(SHOTS_DIR, 'panel-popup-zh.png'), fullPage: true });
  await popup.close();

  // Deleting the shop's data asks first, then leaves an empty profile.
  await panel.getByTestId('view-data').click();
  await panel.getByTestId('delete-shop').click();
  await expect(panel.getByTestId('delete-confirm-box')).toContainText('川味小馆 旗舰店');
  await panel.getByTestId('delete-shop-confirm').click();
  await expect(panel.getByText('还没有数据')).toBeVisible();
  await expect(panel.getByTestId('shop-picker').locator('option')).toHaveCount(0);

  expect(strayRequests).toEqual([]);
});

/** The panel's money text for fen (¥1,234.50 below 1万, ¥12.35万 above), as lib/i18n/format prints it. */
function formatMoneyLike(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 1e8) return `¥${(yuan / 1e8).toFixed(2)}亿`;
  if (yuan >= 1e4) return `¥${(yuan / 1e4).toFixed(2)}万`;
  const [i, d] = yuan.toFixed(2).split('.');
  return `¥${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
}
