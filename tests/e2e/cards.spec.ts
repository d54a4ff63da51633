/**
 * Metric-card console pages at their real URLs (served from the built fixtures): 罗盘 用户资产
 * (Arco; shop and 达人 pages; 生意参谋 客户概况 lives in sycm.spec.ts). Each is captured on load — the badge
 * counts one snapshot — and the PlatformSnapshot stored in IndexedDB equals the truth (seenOn =
 * today in UTC+8, the day the test saw the page). Nothing leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { testCardPage, type CardTruth } from './card-pages';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test, todayShanghai } from './extension';

/** A card whose value the test changes on the page, and its metric key. */
const COMPASS = { metric: 'purchasers', card: '[data-metric="purchasers"] .arco-statistic-value' };

const cases = [
  { title: '罗盘 用户资产 (商家, Arco)', origin: 'https://compass.jinritemai.com', file: 'compass-user-asset', shot: 'cards-compass-user-asset.png', ...COMPASS },
  { title: '罗盘 用户资产 (达人, /talent/)', origin: 'https://compass.jinritemai.com', file: 'compass-user-asset-talent', shot: 'cards-compass-user-asset-talent.png', ...COMPASS },
];

for (const c of cases) testCardPage(c);

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
