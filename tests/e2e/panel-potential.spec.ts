/** SPEC §1 and §5.3: the 高潜 view lists every 高潜 customer of the report, best first, with reasons (setup: tests/e2e/panel.ts). */
import { expect, inEnglish, shoot, test } from './panel';

test('高潜: the ranked list holds the report’s 高潜 customers, scores ≥ 0.3, best first, each with reasons', async ({ panel, shop }) => {
  const { report } = shop;
  await panel.getByTestId('view-potential').click();
  if (report.douyin.highPotential > 0) {
    await expect(panel.getByTestId('potential-list')).toHaveAttribute('data-rows', String(Math.min(report.douyin.highPotential, 10_000)));
    const rows = panel.getByTestId('potential-row');
    const scores = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s >= 0.3)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expect(rows.first().locator('.reason').first()).toBeVisible();
    // Virtualised: far fewer rows in the DOM than in the list when it is long.
    if (report.douyin.highPotential > 40) expect(scores.length).toBeLessThan(report.douyin.highPotential);
  } else await expect(panel.getByText('没有购买可能 ≥ 30% 的人')).toBeVisible();
  await shoot(panel, 'potential', 'zh');
  await inEnglish(panel, 'potential');
});
