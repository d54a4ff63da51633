/** SPEC §1 and §5.1: the 成交 view shows the report's key metrics, mix and charts, in zh-CN and English (setup: tests/e2e/panel.ts). */
import { expect, columnMoneyLike, inEnglish, shoot, test } from './panel';

test('成交: GMV, AOV, traffic and fans’ shares, channel GMV, daily and price-band charts, top products', async ({ panel, shop }) => {
  const m = shop.report.metrics;
  const dv = (id: string) => panel.getByTestId(id);
  await panel.getByTestId('view-sales').click();
  await expect(dv('sales-gmv')).toHaveAttribute('data-value', String(m.gmvFen));
  await expect(dv('sales-aov')).toHaveAttribute('data-value', String(m.aovFen));
  for (const k of ['paid', 'organic', 'unknown'] as const) {
    await expect(dv(`traffic-persons-${k}`)).toHaveAttribute('data-value', String(m.trafficPersonsShare[k] ?? ''));
    await expect(dv(`traffic-gmv-${k}`)).toHaveAttribute('data-value', String(m.trafficGmvShare[k] ?? ''));
  }
  await expect(dv('fan-gmv-share')).toHaveAttribute('data-value', String(m.fanGmvShare ?? ''));
  await expect(dv('channel-doughnut').locator('tr[data-slice="直播"] td.num').first()).toHaveText(columnMoneyLike(m.gmvByChannel.live));
  await expect(dv('daily-chart').locator('canvas')).toBeVisible();
  await expect(dv('price-bands').locator('canvas')).toBeVisible();
  await expect(dv('sales-top-products').locator('tbody tr').first()).toBeVisible();
  await shoot(panel, 'sales', 'zh');
  await inEnglish(panel, 'sales', async () => expect(dv('sales-gmv')).toHaveAttribute('data-value', String(m.gmvFen)));
});
