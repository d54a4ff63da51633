/** SPEC §1 and §5.2: the RFM view shows the report's eight classes (setup: tests/e2e/panel.ts). */
import { expect, inEnglish, shoot, test } from './panel';

test('RFM: the eight classes are the report’s', async ({ panel, shop }) => {
  await panel.getByTestId('view-rfm').click();
  for (const [k, v] of Object.entries(shop.report.rfm)) await expect(panel.getByTestId(`rfm-${k}`)).toHaveAttribute('data-value', String(v));
  await shoot(panel, 'rfm', 'zh');
  await inEnglish(panel, 'rfm');
});
