/**
 * SPEC §1, §5.4 and §8: the 数据 view — coverage vs the 70% target, captures and their unreadable rows
 * (as text), 罗盘 history — and deleting the shop's data from 设置与数据 (setup: tests/e2e/panel.ts; the next spec
 * restores the shop again).
 */
import { expect, inEnglish, SHOP_NAME, shoot, test } from './panel';

test('数据: coverage, captures with their unreadable rows as text, 罗盘 history', async ({ panel, shop }) => {
  const { report } = shop;
  const dv = (id: string) => panel.getByTestId(id);
  await panel.getByTestId('view-data').click();
  for (const k of ['all', 'gender', 'city', 'phone'] as const) await expect(dv(`coverage-${k}`)).toHaveAttribute('data-value', String(report.coverage[k] ?? ''));
  await expect(dv('coverage-phone')).toHaveText(`${((report.coverage.phone ?? 0) * 100).toFixed(1)}%`);
  await expect(dv('rejected-total')).toHaveAttribute('data-value', '2');
  await dv('capture-row').first().click();
  await expect(dv('rejected-list')).toContainText('实付金额无法读取：abc');
  await expect(dv('history-compass-user-asset').locator('canvas')).toBeVisible();
  await shoot(panel, 'data', 'zh');
  await inEnglish(panel, 'data');
});

test('deleting the shop’s data asks first, then leaves an empty profile', async ({ panel }) => {
  await panel.getByTestId('view-settings').click(); // 设置与数据 holds 删除 (issue 13 item 9)
  await panel.getByTestId('delete-shop').click();
  await expect(panel.getByTestId('delete-confirm-box')).toContainText(SHOP_NAME);
  await panel.getByTestId('delete-shop-confirm').click();
  await expect(panel.getByText('还没有数据')).toBeVisible();
  await expect(panel.getByTestId('shop-picker').locator('option')).toHaveCount(0);
});
