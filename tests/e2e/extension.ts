/** Playwright fixtures: Debian's Chromium with the built extension loaded, and fixture pages at real URLs. */
import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';

// Lets context.route() see the MV3 service worker's own requests too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serveInlinePages } from './serve';

export const ROOT = path.resolve(import.meta.dirname, '../..');
// The e2e build (`npm run test:e2e`) has its own folder: it carries a test host permission that a
// production build or zip (.output) must never ship. Overridable so parallel runs don't share folders.
export const EXTENSION_DIR = path.resolve(ROOT, process.env.SELLER_LENS_EXT_DIR ?? '.output-e2e/chrome-mv3');
export const FIXTURES_DIR = path.resolve(ROOT, process.env.SELLER_LENS_FIXTURES_DIR ?? 'tests/fixtures/dist');
export const SHOTS_DIR = path.join(ROOT, 'test-results');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with the extension (the e2e build unless `extensionDir` says otherwise); returns the context and the extension id. */
export async function launchWithExtension(userDataDir = '', headless = true, extensionDir = EXTENSION_DIR) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    acceptDownloads: true,
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
  });
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  const extensionId = new URL(sw.url()).host;
  return { context, extensionId };
}

export { serveFixture } from './serve';

/**
 * The extension on small inline pages (`origin + pathname` → HTML, see serveInlinePages; nothing else is
 * answered), with the extension's popup page open for reading its stores.
 */
export async function launchOnInlinePages(pages: Readonly<Record<string, string>>) {
  const { context, extensionId } = await launchWithExtension();
  await serveInlinePages(context, pages);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  return { context, extensionId, ext };
}

export function readFixtureJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) as T;
}

/** Every record of one Dexie table, read with the raw IndexedDB API from an extension page. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('seller-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            resolve(req.result as T[]);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** Today's day in UTC+8 (YYYY-MM-DD), as the capture stamps its snapshots. */
export const todayShanghai = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

type Fixtures = { context: BrowserContext; extensionId: string; strayRequests: string[] };

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const { context } = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    await use(new URL(sw.url()).host);
  },
  // Nothing may leave the machine: fixture pages are self-contained, so every request other
  // than the fixture navigations we serve (page, content script, extension page, worker or
  // service worker alike) is recorded here and aborted.
  strayRequests: async ({ context }, use) => {
    const seen: string[] = [];
    await context.route((url) => url.protocol !== 'chrome-extension:', async (route) => {
      seen.push(route.request().url());
      await route.abort('blockedbyclient');
    });
    await use(seen);
  },
});

export { expect } from '@playwright/test';
