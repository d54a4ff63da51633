/**
 * Metric-card console pages at their real URLs (served from the built fixtures): 罗盘 用户资产
 * (Arco; shop and 达人 pages; 生意参谋 客户概况 lives in sycm.spec.ts). Each is captured on load — the badge
 * counts one snapshot — and the PlatformSnapshot stored in IndexedDB equals the truth (seenOn =
 * today in UTC+8, the day the test saw the page). Nothing leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test, todayShanghai } from './extension';

interface CardTruth {
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

/** A card whose value the test changes on the page, and its metric key. */
const COMPASS = { metric: 'purchasers', card: '[data-metric="purchasers"] .arco-statistic-value' };

const cases = [
  { title: '罗盘 用户资产 (商家, Arco)', origin: 'https://compass.jinritemai.com', file: 'compass-user-asset', shot: 'cards-compass-user-asset.png', ...COMPASS },
  { title: '罗盘 用户资产 (达人, /talent/)', origin: 'https://compass.jinritemai.com', file: 'compass-user-asset-talent', shot: 'cards-compass-user-asset-talent.png', ...COMPASS },
];

for (const c of cases) {
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
    expect(await readStore(panel, 'captures')).toHaveLength(2);
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

interface AuroraTruth {
  adapter: string;
  consoleUrl: string;
  shop: { shopId: string; platform: string; name: string };
  rawRowCount: number;
  dom: CardTruth['snapshot'];
  json: CardTruth['snapshot'];
}

/**
 * 罗盘 用户资产 rebuilt from the (thin) evidence: antd `aurora` tables, hashed cards, figures over the
 * page's own fetch of /compass_api/…. With observation off the stored snapshot is the DOM's reading
 * (`dom` truth: 18.25万 → 182500, +3.2% → 0.032); with it on, the observed exact figures win
 * (`json` truth: 182468, 0.0318). Both keep 高潜用户 as a range { low, high } with no value.
 */
for (const observe of [false, true]) {
  for (const file of ['compass-user-asset-aurora', 'compass-user-asset-aurora-talent']) {
    const mode = observe ? 'observation on → the exact JSON figures' : 'DOM only → the figures as printed';
    test(`罗盘 用户资产 (aurora, ${file.endsWith('talent') ? '达人' : '商家'}) — ${mode}: one snapshot stored exactly as the truth`, async ({ context, extensionId, strayRequests }) => {
      const truth = readFixtureJson<AuroraTruth>(`${file}.truth.json`);
      const [sw] = context.serviceWorkers();
      await sw!.evaluate((o) => chrome.storage.local.set(o), { observeJson: observe });
      const calls: URL[] = [];
      await serveFixture(context, 'https://compass.jinritemai.com', `${file}.html`, (req) => calls.push(req.url));
      const page = await context.newPage();
      await page.goto(truth.consoleUrl);
      await expect(page.locator('div.card_item')).toHaveCount(4);
      const badge = page.getByTestId('capture-badge');
      await expect(badge).toHaveAttribute('data-count', '1');
      await expect(badge).toHaveAttribute('data-rejected', '0');
      mkdirSync(SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS_DIR, `cards-${file}-${observe ? 'observed' : 'dom'}.png`), fullPage: true });
      // The figures came through the page's own /compass_api/ fetch (the extension sends none).
      expect(calls.map((u) => u.pathname.startsWith('/compass_api/'))).toEqual([true]);

      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      const expected = { ...(observe ? truth.json : truth.dom), seenOn: todayShanghai() };
      await expect.poll(async () => readStore(panel, 'platformSnapshots')).toEqual([expected]);
      expect(await readStore(panel, 'shops')).toEqual([truth.shop]);
      const captures = await readStore<{ adapter: string; rejected: unknown[] }>(panel, 'captures');
      expect(captures.map((x) => [x.adapter, x.rejected.length])).toEqual([[truth.adapter, 0]]);
      expect(strayRequests).toEqual([]);
    });
  }
}
