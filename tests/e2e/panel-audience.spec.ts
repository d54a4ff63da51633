/**
 * SPEC §1, §6 and §7, issue 13 items 5 and 7: the 人群 view — sub-tabs 圈选人群 | 已存人群 | 历史与转化,
 * the steps 圈选 → 预览 → 导出 under a sticky bar (live size, a name that follows the conditions, 保存),
 * searchable tags in the merchant's words, the conditions 最近购买 N 天内 / 购买次数 ≥ N / 近 N 天已导出,
 * the member preview, the 交/并/差 expression, an RFM class as an audience, saving, one-click CSV /
 * XLSX / DMP / 抖店 CRM exports read back (10% held out), lookalike, and the conversion report of an
 * earlier export as lib/audience computes it (setup: tests/e2e/panel.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { conversionReport } from '../../lib/audience/conversion';
import { messages } from '../../lib/i18n/messages';
import { SHOTS_DIR } from './extension';
import { expect, inEnglish, test } from './panel';

/** A count as the panel prints it below 1万 (9,999). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The UTC+8 day number of a timestamp (written here, not taken from the code under test). */
const dayNo = (ts: string) => Math.floor((Date.parse(ts) + 8 * 3600_000) / 86_400_000);
const PAID = new Set(['paid', 'shipped', 'completed']);

/** What the merchant reads in the 人群 view (hidden sub-tabs, steps and the folded expression excluded). */
const shownText = (panel: Page) => panel.getByTestId('view-body-audience').evaluate((e) => (e as HTMLElement).innerText);

test('人群: build, save, export in every format, lookalike and the conversion report', async ({ panel, shop }) => {
  const { report, backup } = shop;
  const dv = (id: string) => panel.getByTestId(id);
  const size = dv('audience-size');
  /** The live size as the bar shows it (text) and as its value. */
  const expectSize = async (n: number) => {
    await expect(size).toHaveAttribute('data-value', String(n));
    await expect(size).toHaveText(count(n));
  };
  const openAdvanced = async () => {
    await dv('audience-step-select').click();
    if (!(await dv('audience-expression').isVisible())) await dv('audience-advanced').locator('summary').click();
  };
  const rfmTop = Object.entries(report.rfm).sort((a, b) => b[1] - a[1])[0]!;
  const rfmZh = messages[`rfm_${rfmTop[0]}` as keyof typeof messages].zh;

  // 人群 opens on 圈选人群 · 圈选: chips build (首单 并 复购) = every purchaser.
  await dv('view-audience').click();
  await expect(dv('audience-tab-build')).toHaveAttribute('aria-selected', 'true');
  await expect(dv('audience-step-select')).toHaveAttribute('aria-selected', 'true');
  await panel.locator('[data-tag="tier:firstOrder"]').click();
  await panel.locator('[data-tag="tier:repeat"]').click();
  await expect(dv('audience-expression')).toHaveValue('tier:firstOrder 并 tier:repeat');
  await expectSize(report.douyin.purchasers);
  // The name follows the conditions, in words (never ids).
  await expect(dv('audience-name')).toHaveValue(`${messages.firstOrder.zh} 或 ${messages.repeat.zh}`);
  // The expression is folded under 高级; edits and errors still work there.
  await openAdvanced();
  await dv('audience-expression').fill('(tier:firstOrder 并 tier:repeat) 差 tier:repeat');
  await expectSize(report.douyin.firstOrder);
  await dv('audience-expression').fill('tier:firstOrder 交 (');
  await expect(dv('audience-error')).toBeVisible();
  await dv('audience-clear').click();

  // Searchable tags: the search narrows the chips to labels holding the text; nothing matching says so.
  const allChips = await dv('tag-chip').count();
  await dv('tag-search').fill(rfmZh);
  await expect(dv('tag-chip')).toHaveCount(1);
  await expect(dv('tag-chip')).toContainText(rfmZh);
  await dv('tag-search').fill('没有这个标签');
  await expect(dv('tag-no-match')).toHaveText('没有匹配的标签');
  await dv('tag-search').fill('');
  await expect(dv('tag-chip')).toHaveCount(allChips);

  // A name that follows the conditions (成交用户 交 <class> → "成交用户 · <class>") until one is typed.
  await panel.locator('[data-tag="tier:purchasers"]').click();
  await dv('audience-add-group').click();
  await panel.locator(`[data-tag="rfm:${rfmTop[0]}"]`).click();
  await expect(dv('audience-name')).toHaveValue(`${messages.purchasers.zh} · ${rfmZh}`);
  await dv('audience-name').fill('双12 老客召回');
  await dv('audience-group-0').click();
  await panel.locator('[data-tag="tier:repeat"]').click();
  await expect(dv('audience-condition')).toHaveCount(3);
  await expect(dv('audience-name')).toHaveValue('双12 老客召回');
  await dv('audience-name').fill('');
  await expect(dv('audience-name')).toHaveValue(`(${messages.purchasers.zh} 或 ${messages.repeat.zh}) · ${rfmZh}`);

  // The sticky bar stays on screen (size, name, 保存) after scrolling to the bottom of the tags.
  await dv('tag-chip').last().scrollIntoViewIfNeeded();
  await panel.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  expect(await panel.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  await expect(dv('audience-bar')).toBeInViewport();
  await expect(dv('audience-save')).toBeInViewport();
  expect((await dv('audience-bar').boundingBox())!.y).toBeLessThanOrEqual(1);
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-sticky-zh.png') });
  await dv('audience-clear').click();

  // The three conditions, each against the fixture counted here by hand from the backup.
  const end = dayNo(`${report.window.end}T12:00:00+08:00`);
  const paidDays = new Map<string, number[]>();
  for (const o of backup.orders) if (PAID.has(o.status)) paidDays.set(o.customerKey, [...(paidDays.get(o.customerKey) ?? []), dayNo(o.paidAt ?? o.placedAt)]);
  const having = (pred: (days: number[]) => boolean) => [...paidDays.values()].filter(pred).length;
  const recent7 = having((ds) => ds.some((d) => d >= end - 6 && d <= end));
  const twoOrMore = having((ds) => ds.filter((d) => d >= end - 364 && d <= end).length >= 2);
  const everyone = new Set([...backup.customers, ...backup.orders, ...backup.contacts].map((x) => x.customerKey)).size;
  const past = backup.exports[0]!;
  expect(dayNo(past.exportedAt)).toBeGreaterThanOrEqual(end - 29); // exp-past is within 近30天 of the window's end …
  expect(dayNo(past.exportedAt)).toBeLessThan(end - 6); // … and not within 近7天
  expect(recent7).toBeGreaterThan(0);
  expect(twoOrMore).toBeGreaterThan(0);

  await dv('cond-recentPaid-n').fill('7');
  await dv('cond-recentPaid-add').click();
  await expect(dv('audience-condition')).toHaveText(['最近购买 7 天内×']);
  await expectSize(recent7);
  await dv('audience-clear').click();
  await dv('cond-paidCount-n').fill('2');
  await dv('cond-paidCount-add').click();
  await expectSize(twoOrMore);
  await dv('audience-clear').click();
  await dv('cond-exported-n').fill('30');
  await dv('cond-exported-add').click(); // an exclusion: every customer 不含 近30天已导出
  await expect(dv('audience-exclude').getByTestId('audience-condition')).toHaveText(['近 30 天已导出×']);
  await expect(dv('audience-name')).toHaveValue('全部客户 不含 近 30 天已导出');
  await expectSize(everyone - past.members.length);
  await dv('audience-clear').click();
  await dv('cond-exported-n').fill('7');
  await dv('cond-exported-add').click();
  await expectSize(everyone);
  expect(await shownText(panel)).not.toMatch(/tier:|rfm:|exported:|recentPaid:|paidCount:/);
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-select-zh.png'), fullPage: true });
  await dv('audience-clear').click();

  // An RFM class clicked in RFM → 人群 with that class, its name following it; 预览 lists its members.
  await dv('view-rfm').click();
  await panel.getByTestId(`rfm-${rfmTop[0]}`).click();
  await expect(dv('audience-expression')).toHaveValue(`rfm:${rfmTop[0]}`);
  await expectSize(rfmTop[1]);
  await expect(dv('audience-name')).toHaveValue(rfmZh);
  await dv('audience-step-preview').click();
  await expect(dv('audience-preview')).toHaveAttribute('data-size', String(rfmTop[1]));
  await expect(dv('audience-preview-row')).toHaveCount(Math.min(50, rfmTop[1]));
  await expect(dv('audience-preview').locator('th')).toHaveText(['昵称', '最近购买', '购买次数', '金额']);
  // Every RFM member bought in the last 365 days: a day in 最近购买 and at least one order.
  await expect(dv('audience-preview-row').first().locator('td').nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(dv('audience-preview-row').first().locator('td').nth(2)).not.toHaveText('0');
  // One money format in the 金额 column (exact yuan on every row, never ¥5,000.80 above ¥1.20万).
  const amounts = await dv('audience-preview-row').locator('td:nth-child(4)').allTextContents();
  expect(amounts.filter((a) => !/^¥[\d,]+\.\d{2}$/.test(a))).toEqual([]);
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-preview-zh.png'), fullPage: true });
  await dv('audience-save').click();
  await expect(dv('audience-message')).toHaveText('人群已保存');
  await dv('audience-tab-saved').click();
  await expect(dv('saved-audience')).toHaveCount(1);
  await expect(dv('saved-audience').locator('b')).toHaveText(rfmZh);
  await expect(dv('saved-audience-conditions')).toHaveText(rfmZh);
  await expect(dv('saved-audience-size')).toHaveText(count(rfmTop[1]));
  await dv('saved-audience-load').click();
  await expect(dv('audience-tab-build')).toHaveAttribute('aria-selected', 'true');

  // 导出: one-click exports, each downloaded and read back; 10% held out as control.
  await dv('audience-step-export').click();
  await expect(dv('audience-export-of')).toContainText(rfmZh);
  const download = async (testId: string) => {
    const [dl] = await Promise.all([panel.waitForEvent('download'), dv(testId).click()]);
    return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
  };
  const cls = rfmTop;
  // A 10% control group held out (ticked here whatever the panel's default is).
  if (!(await dv('audience-control').isChecked())) await dv('audience-control').check();
  const control = Math.round(cls[1] * 0.1);
  const csv = await download('export-audience-csv');
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvLines = csv.bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(csvLines[0]!.split(',')).toContain('客户标识');
  expect(csvLines.length - 1).toBe(cls[1] - control);
  await expect(dv('audience-export-result')).toHaveAttribute('data-control', String(control));

  // 近 N 天已导出 now holds what was just exported (made now, on or after the window's end): the class
  // 不含 近7天已导出 is the held-out control. The loaded audience was named by its conditions: its name follows them.
  await dv('audience-step-select').click();
  await dv('cond-exported-n').fill('7');
  await dv('cond-exported-add').click();
  await expectSize(control);
  await expect(dv('audience-name')).toHaveValue(`${rfmZh} 不含 近 7 天已导出`);
  await dv('audience-exclude').getByTestId('audience-condition').getByRole('button').click();
  await expectSize(cls[1]);
  await dv('audience-step-export').click();

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
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-export-zh.png'), fullPage: true });

  // 抖店 CRM plan of the window's purchasers (recent buyers have orders waiting to ship).
  await openAdvanced();
  await dv('audience-expression').fill('tier:purchasers');
  await expectSize(report.douyin.purchasers);
  await dv('audience-step-export').click();
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

  // 历史与转化: every export is recorded; 已存人群 shows the saved audience's last export.
  await dv('audience-tab-history').click();
  await expect(dv('export-record')).toHaveCount(5);
  await dv('audience-tab-saved').click();
  await expect(dv('saved-audience').locator('td').nth(2)).not.toHaveText('—');
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-saved-zh.png'), fullPage: true });

  // Lookalike of the saved audience: the top N other customers, built in 圈选人群.
  await dv('saved-audience-lookalike').click();
  await expect(dv('lookalike-banner')).toBeVisible();
  await dv('lookalike-n').fill('25');
  await expectSize(25);

  // Conversion report of the export made on 11-05: members vs control, as lib/audience computes it.
  const expected = conversionReport({ ...past, control: past.control ?? [] }, backup.orders);
  await dv('audience-tab-history').click();
  await panel.locator('[data-testid="export-record"][data-id="exp-past"] [data-testid="export-record-conversion"]').click();
  await expect(dv('conversion-report')).toHaveAttribute('data-export', 'exp-past');
  await expect(dv('conversion-members-purchasers')).toHaveAttribute('data-value', String(expected.members.purchasers));
  await expect(dv('conversion-members-gmv')).toHaveAttribute('data-value', String(expected.members.gmvFen));
  await expect(dv('conversion-control-purchasers')).toHaveAttribute('data-value', String(expected.control!.purchasers));
  await expect(dv('conversion-lift')).toHaveAttribute('data-value', String(expected.lift ?? ''));
  expect(expected.members.purchasers).toBeGreaterThan(0);
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'panel-audience-history-zh.png'), fullPage: true });

  // English: the same steps and sub-tabs in English, with no raw ids.
  await dv('audience-tab-build').click();
  await dv('audience-clear').click();
  await panel.locator('[data-tag="tier:purchasers"]').click();
  await dv('cond-recentPaid-add').click();
  await inEnglish(panel, 'audience', async () => {
    await expect(dv('audience-name')).toHaveValue(`${messages.purchasers.en} or Bought in the last 7 days`);
    await expect(dv('audience-step-preview')).toHaveText('2 Preview');
    for (const step of ['select', 'preview', 'export'] as const) {
      await dv(`audience-step-${step}`).click();
      if (step === 'preview') await expect(dv('audience-preview-row').first()).toBeVisible();
      expect(await shownText(panel)).not.toMatch(/tier:|rfm:|exported:|recentPaid:|paidCount:/);
      await panel.screenshot({ path: path.join(SHOTS_DIR, `panel-audience-${step}-en.png`), fullPage: true });
    }
    for (const tab of ['saved', 'history'] as const) {
      await dv(`audience-tab-${tab}`).click();
      expect(await shownText(panel)).not.toMatch(/tier:|rfm:/);
      await panel.screenshot({ path: path.join(SHOTS_DIR, `panel-audience-${tab}-en.png`), fullPage: true });
    }
    await dv('audience-tab-build').click();
    await dv('audience-step-select').click();
  });
});
