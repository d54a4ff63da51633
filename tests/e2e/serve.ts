/**
 * Serving built fixture pages at their real console URLs (e2e tests, the demo, the capture bench):
 * the page's HTML for every URL under its origin, and its own API requests answered from its dataset.
 * No @playwright/test import here, so scripts can use it too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { fixturePages, type FixtureRequest, type FixtureResponse } from '../fixtures/pages/registry';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES_DIR = path.resolve(ROOT, process.env.SELLER_LENS_FIXTURES_DIR ?? 'tests/fixtures/dist');

interface ManifestEntry {
  name: string;
  dir: string;
  api: boolean;
  html: string;
}

/** The page's own endpoints (registry `api`) over its dataset, for a built fixture that answers its own fetch/XHR; else null. */
export function fixtureApi(file: string): ((req: FixtureRequest) => FixtureResponse | null) | null {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'index.json'), 'utf8')) as ManifestEntry[];
  const entry = manifest.find((m) => path.basename(m.html) === file);
  if (!entry?.api) return null;
  const api = fixturePages.find((p) => p.dir === entry.dir)?.api;
  if (!api) return null;
  const data: unknown = JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${entry.name}.data.json`), 'utf8'));
  return (req) => api(data, req);
}

/**
 * Serves a built fixture HTML file for every URL under `origin` (so the manifest's real matches apply);
 * the page's own API requests (fetch/XHR) are answered from its dataset, as the console's server would.
 */
export async function serveFixture(context: BrowserContext, origin: string, file: string, onApi?: (req: FixtureRequest) => void) {
  const body = readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
  const api = fixtureApi(file);
  await context.route(`${origin}/**`, async (route) => {
    const req = route.request();
    const origin = await req.headerValue('origin');
    const answer = api?.({ url: new URL(req.url()), method: req.method(), body: req.postData(), origin });
    if (answer) {
      onApi?.({ url: new URL(req.url()), method: req.method(), body: req.postData(), origin });
      const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
      return route.fulfill({ status: answer.status ?? 200, headers: { ...answer.headers, 'content-type': answer.contentType }, body: bytes });
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}


/**
 * Serves small inline pages by URL (`origin + pathname` → HTML, read at request time so a test can add
 * pages later) and refuses every other request but the extension's own: nothing leaves the machine.
 */
export async function serveInlinePages(context: BrowserContext, pages: Readonly<Record<string, string>>) {
  await context.route((url) => url.protocol !== 'chrome-extension:', async (route) => {
    const u = new URL(route.request().url());
    const body = pages[`${u.origin}${u.pathname}`];
    if (body && route.request().resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    return route.abort('blockedbyclient');
  });
}
