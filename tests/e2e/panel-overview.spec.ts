/**
 * SPEC §1 and §10: the side panel's 概览 shows what the downloaded §9 report says (and the report
 * CLI agrees on the same backup), in zh-CN and English; reopening shows the last result at once;
 * the popup shows the shop's headline numbers. Shared setup: tests/e2e/panel.ts.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Report } from '../../lib/engine/report';
import { ROOT, SHOTS_DIR } from './extension';
import { END_DAY, expect, inEnglish, openPanel, shoot, test } from './panel';

test('概览: tiers, classes, pathways, asset layers and GMV are the report’s, which is the CLI’s', async ({ panel, shop }) => {
  const { report } = shop;
  expect(report.window.end).toBe(END_DAY);
  expect(report.douyin.purchasers).toBeGreaterThan(10);
  // The panel's numbers are the batch engine's: the report CLI on the same backup gives the same report.
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'scripts/report.ts', shop.backupFile], { cwd: ROOT, encoding: 'utf8' })) as Report;
  expect(report).toEqual(cli);

  await panel.getByTestId('view-overview').click();
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

  await inEnglish(panel, 'overview', async () => {
    await expect(panel.getByTestId('tier-repeat')).toHaveText(String(report.douyin.repeat));
    await expect(panel.getByRole('heading', { name: 'The three pathways' })).toBeVisible();
  });
});

test('reopening the panel shows the last result at once (from Dexie) while the worker recomputes', async ({ panel, shop }) => {
  void panel; // the fixture's panel computed and saved the result
  const again = await openPanel(shop);
  await expect(again.getByTestId('tier-repeat')).toHaveText(String(shop.report.douyin.repeat), { timeout: 1_000 });
  await again.close();
});

test('the popup shows the shop’s headline numbers with the same hooks', async ({ panel, shop }) => {
  void panel;
  const popup = await shop.context.newPage();
  await popup.goto(`chrome-extension://${shop.extensionId}/popup.html`);
  await expect(popup.getByTestId('tier-users')).toHaveText(String(shop.report.douyin.users));
  await expect(popup.getByTestId('metric-gmv')).toHaveAttribute('data-value', String(shop.report.metrics.gmvFen));
  await expect(popup.getByTestId('export-report')).toBeEnabled();
  await popup.setViewportSize({ width: 440, height: 900 });
  await popup.screenshot({ path: path.join(SHOTS_DIR, 'panel-popup-zh.png'), fullPage: true });
  await popup.close();
});
