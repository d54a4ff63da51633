/**
 * SPEC §1, §6 and §7: the 人群 view — chips and the 交/并/差 expression, an RFM class as an audience,
 * saving, one-click CSV / XLSX / DMP / 抖店 CRM exports read back (10% held out), lookalike, and
 * the conversion report of an earlier export as lib/audience computes it (setup: tests/e2e/panel.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { conversionReport } from '../../lib/audience/conversion';
import { SHOTS_DIR } from './extension';
import { expect, inEnglish, test } from './panel';

test('人群: build, save, export in every format, lookalike and the conversion report', async ({ panel, shop }) => {
  const { report, backup } = shop;
  const dv = (id: string) => panel.getByTestId(id);
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

  await inEnglish(panel, 'audience');
});
