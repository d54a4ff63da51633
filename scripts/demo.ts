/**
 * `npm run demo`: opens Chromium with the built extension on the bundled demo 抖店 console
 * (fixture pages served at the real URL, nothing reaches the network), captures every page
 * through the overlay, and opens the side panel. Headless under CI=true or without a display:
 * then it prints the side-panel summary and exits 0.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { launchWithExtension, SHOTS_DIR } from '../tests/e2e/extension';
import { serveFixture } from '../tests/e2e/serve';

const headless = process.env.CI === 'true' || !process.env.DISPLAY || process.argv.includes('--headless');
const TIERS = ['users', 'purchasers', 'firstOrder', 'repeat', 'highPotential', 'newVisitors', 'unpurchasedReturning', 'purchasedReturning'];

async function main() {
  const profile = mkdtempSync(path.join(tmpdir(), 'seller-lens-demo-'));
  // The production build (`npm run demo` builds .output), not the e2e one.
  const { context, extensionId } = await launchWithExtension(profile, headless, path.resolve(process.env.SELLER_LENS_EXT_DIR ?? '.output/chrome-mv3'));
  // Nothing leaves the machine: everything but the extension's own files and the fixture is refused;
  // the fixture's HTML and, for a page that loads its rows itself, its own API are answered locally.
  await context.route((url) => url.protocol !== 'chrome-extension:', (r) => r.abort('blockedbyclient'));
  await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders-demo.html');
  // A quicker (still polite) pace between pages for the demo than the 1.5 s default.
  const [sw] = context.serviceWorkers();
  await sw!.evaluate(() => chrome.storage.local.set({ captureDelayMs: 300 }));

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://fxg.jinritemai.com/ffa/morder/order/list');
  const badge = page.getByTestId('capture-badge');
  await badge.waitFor();
  console.log('[demo] 抖店 订单管理 (demo shop) opened; capturing all pages …');
  await page.getByTestId('capture-all').click();
  const progress = page.getByTestId('capture-progress');
  const started = Date.now();
  let last = '';
  for (;;) {
    const state = await progress.getAttribute('data-state');
    const text = (await progress.textContent()) ?? '';
    if (text !== last) {
      console.log(`[demo] ${text}`);
      last = text;
    }
    if (state === 'done' || state === 'error' || state === 'stopped') break;
    if (Date.now() - started > 240_000) throw new Error('capture-all did not finish in 4 minutes');
    await page.waitForTimeout(500);
  }
  console.log(`[demo] captured ${await badge.getAttribute('data-count')} orders, ${await badge.getAttribute('data-rejected')} rows unreadable`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'demo-console.png') });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByTestId('tier-users').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
  const from = await panel.getByTestId('window-from').inputValue();
  const to = await panel.getByTestId('window-to').inputValue();
  const shop = await panel.getByTestId('shop-picker').locator('option:checked').textContent();
  console.log(`\n[demo] side panel — ${shop}, window ${from} ~ ${to}`);
  for (const t of TIERS) console.log(`  ${t.padEnd(22)} ${await panel.getByTestId(`tier-${t}`).textContent()}`);
  for (const m of ['gmv', 'orders', 'purchasers', 'aov'])
    console.log(`  ${('metric ' + m).padEnd(22)} ${await panel.getByTestId(`metric-${m}`).textContent()}`);
  await panel.setViewportSize({ width: 720, height: 1400 });
  await panel.screenshot({ path: path.join(SHOTS_DIR, 'demo-sidepanel.png'), fullPage: true });
  console.log(`\n[demo] screenshots: test-results/demo-console.png, test-results/demo-sidepanel.png`);

  if (headless) {
    await context.close();
    return;
  }
  console.log('[demo] Chromium stays open — close the window to end the demo.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('[demo] failed:', err);
    process.exit(1);
  },
);
