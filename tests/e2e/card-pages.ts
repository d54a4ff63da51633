/**
 * Metric-card console pages captured on load (罗盘 用户资产, 生意参谋 客户概况 — their twin fixtures): one
 * snapshot stored exactly as the truth, a reload the same day changing nothing, a figure changed on the
 * page replacing that day's snapshot, and the side panel's 数据 view listing the history.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test, todayShanghai } from './extension';

export interface CardTruth {
  adapter: string;
  consoleUrl: string;
  shop: { shopId: string; platform: string; name: string };
  rawRowCount: number;
  snapshot: { shopId: string; source: string; seenOn: string; window?: { start: string; end: string }; metrics: Record<string, { value: number; change?: number }> };
}


async function captureOnLoad(context: BrowserContext, origin: string, file: string, truth: CardTruth, shot: string): Promise<Page> {
  await serveFixture(context, origin, file);
  const page = await context.newPage();
  await page.goto(truth.consoleUrl);
  const badge = page.getByTestId('capture-badge');
  await expect(badge).toHaveAttribute('data-count', '1');
  await expect(badge).toHaveAttribute('data-rejected', '0');
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, shot), fullPage: true });
  return page;
}

/** A card page fixture: where it is served, its screenshot, and a card whose value the test changes (its metric key, its selector). */
export interface CardCase {
  title: string;
  origin: string;
  file: string;
  shot: string;
  metric: string;
  card: string;
}

/** Registers the card page's test (see the module comment). */
export function testCardPage(c: CardCase): void {
  test(`${c.title}: captured on load, one snapshot stored exactly as the truth`, async ({ context, extensionId, strayRequests }) => {
    const truth = readFixtureJson<CardTruth>(`${c.file}.truth.json`);
    const page = await captureOnLoad(context, c.origin, `${c.file}.html`, truth, c.shot);

    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const snapshots = await readStore<CardTruth['snapshot'] & { shopId: string }>(panel, 'platformSnapshots');
    expect(snapshots).toEqual([{ ...truth.snapshot, seenOn: todayShanghai() }]);
    const shops = await readStore<CardTruth['shop']>(panel, 'shops');
    expect(shops).toEqual([truth.shop]);
    const captures = await readStore<{ adapter: string; rowCount: number; rejected: unknown[]; headers: string[] }>(panel, 'captures');
    expect(captures.map((x) => [x.adapter, x.rowCount, x.rejected.length, x.headers])).toEqual([[truth.adapter, truth.rawRowCount, 0, ['区块', '名称', '数值', '变化', '明细']]]);

    // Reloading the page the same day changes nothing: one snapshot, the capture kept once.
    await page.reload();
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '1');
    expect(await readStore(panel, 'platformSnapshots')).toEqual([{ ...truth.snapshot, seenOn: todayShanghai() }]);
    expect(await readStore(panel, 'captures')).toHaveLength(1);

    // A figure that changes on the page the same day replaces that day's snapshot (still one record).
    await page.locator(c.card).evaluate((el) => (el.textContent = '9,999'));
    await expect.poll(async () => (await readStore<CardTruth['snapshot']>(panel, 'platformSnapshots')).map((x) => x.metrics[c.metric]?.value)).toEqual([9999]);
    const [replaced] = await readStore<CardTruth['snapshot']>(panel, 'platformSnapshots');
    expect(replaced).toEqual({ ...truth.snapshot, seenOn: todayShanghai(), metrics: { ...truth.snapshot.metrics, [c.metric]: { ...truth.snapshot.metrics[c.metric], value: 9999 } } });
    // A live figure is not a new page (issue 11 item 6): the page's latest capture is refreshed with the rows
    // now shown, kept once, and its summary counts the refresh.
    const refreshed = await readStore<{ rawRows: string[][] }>(panel, 'captures');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.rawRows.some((r) => r.includes('9,999'))).toBe(true);
    expect((await readStore<{ refreshCount?: number }>(panel, 'captureSummaries')).map((x) => x.refreshCount)).toEqual([1]);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '1');

    // The side panel's 数据 view lists the snapshot history of this source.
    await expect(panel.getByTestId('shop-picker')).toHaveValue(truth.shop.shopId);
    await panel.getByTestId('view-data').click();
    await expect(panel.getByTestId(`history-${truth.adapter}`)).toBeVisible();
    await panel.setViewportSize({ width: 720, height: 1100 });
    await panel.getByTestId(`history-${truth.adapter}`).scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS_DIR, `cards-sidepanel-history-${c.file}.png`) });
    expect(strayRequests).toEqual([]);
  });
}
