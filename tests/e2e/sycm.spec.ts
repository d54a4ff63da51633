/**
 * 生意参谋 pages at their real URLs (served from the built fixtures), in both fixture sets:
 * - rebuilt from the evidence (CONSOLES.md §3, §9.2): 访客 — antd in oui / alife-dt wrappers, rows
 *   fetched by the page from getRtVisitor.json — and 客户概况 at /cc/customer/overview — four card
 *   groups, figures from the page's own oneQuery.json XHR. Each is captured once with the page's
 *   JSON observation off (chrome.storage.local `observeJson: false`: the DOM alone) and once with
 *   it on; the stored records must equal the truth both times.
 * - the Fusion twins (today's "other libraries" set): 访客 and 客户概况 (日 / 7天).
 * 访客 is captured with ONE click on capture-all (progress ends `done`, badge = distinct contacts
 * of every page); 客户概况 on load (badge = 1 snapshot). Nothing leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { testCardPage, type CardTruth } from './card-pages';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test, todayShanghai } from './extension';

const ORIGIN = 'https://sycm.taobao.com';

/**
 * Sets the extension's options (polite delay, observation on/off), serves the fixture and opens
 * the console URL; `apiCalls` collects the requests the page itself made to its own endpoints.
 */
async function openAt(context: BrowserContext, file: string, url: string, options: Record<string, unknown> = {}, apiCalls: URL[] = []): Promise<Page> {
  const [sw] = context.serviceWorkers();
  await sw!.evaluate((o) => chrome.storage.local.set(o), { captureDelayMs: 200, ...options });
  await serveFixture(context, ORIGIN, file, (req) => apiCalls.push(req.url));
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: true });
}

interface Contact {
  customerKey: string;
  at: string;
  kind: string;
  source?: string;
  page?: string;
  [k: string]: unknown;
}
interface Customer {
  customerKey: string;
  [k: string]: unknown;
}

interface VisitorsTruth {
  consoleUrl: string;
  shop: { shopId: string; platform: string; name: string };
  pageCount: number;
  totalContacts: number;
  totalCustomers: number;
  totalRejected: number;
  pages: { contacts: Contact[]; customers: Customer[]; rejected: unknown[] }[];
}

const contactKey = (c: Contact) => JSON.stringify([c.customerKey, c.at, c.kind, c.source ?? '', c.page ?? '']);
const byContact = (a: Contact, b: Contact) => (contactKey(a) < contactKey(b) ? -1 : contactKey(a) > contactKey(b) ? 1 : 0);
const byCustomer = (a: Customer, b: Customer) => (a.customerKey < b.customerKey ? -1 : a.customerKey > b.customerKey ? 1 : 0);
/** A stored contact without the store's own fields (contactId, day). */
const storedContact = ({ contactId: _id, day: _day, ...c }: Contact) => c;

type Check = { observed: number; dom: number; matched: number; disagreementCount: number; disagreements: unknown[] };

/**
 * Observation on: the overlay says it used the page's JSON, and at least `pages` captures of the
 * adapter carry a cross-check in which every DOM record was matched by an observed one, with no
 * disagreement. Off: the overlay says the bodies were ignored, and no capture has a cross-check.
 */
async function expectCrossChecks(page: Page, panel: Page, adapter: string, observe: boolean, pages: number) {
  const said = page.getByTestId('capture-observed');
  if (observe) await expect(said).toContainText(/采用 [1-9]\d* 个/);
  else await expect(said).toContainText('忽略');
  const checks = (await readStore<{ adapter: string; crossCheck?: Check }>(panel, 'captures')).filter((c) => c.adapter === adapter).map((c) => c.crossCheck ?? null);
  expect(checks.length).toBeGreaterThanOrEqual(pages);
  if (!observe) return expect(checks).toEqual(checks.map(() => null));
  const made = checks.filter((c): c is Check => c !== null);
  expect(made.length).toBeGreaterThanOrEqual(pages);
  for (const c of made) expect({ ...c, ok: c.observed > 0 && c.dom > 0 && c.matched === c.dom }).toEqual({ ...c, ok: true, disagreementCount: 0, disagreements: [] });
}

for (const observe of [false, true]) {
  const mode = observe ? 'observation on' : 'DOM only';
  const tag = observe ? 'observed' : 'dom';

  test.describe(`生意参谋 访客 (antd in oui / alife-dt, rows from getRtVisitor.json) — ${mode}`, () => {
    const truth = readFixtureJson<VisitorsTruth>('sycm-visitors-antd.truth.json');

    test('one click on capture-all: done, every visit and visitor of every page stored exactly as the truth', async ({ context, extensionId, strayRequests }) => {
      const calls: URL[] = [];
      const page = await openAt(context, 'sycm-visitors-antd.html', truth.consoleUrl, { observeJson: observe }, calls);
      const badge = page.getByTestId('capture-badge');
      // The page loads its rows through its own fetch; page 1 is captured as soon as they show.
      await expect(page.locator('.ant-table-body tbody tr[data-row-key]')).toHaveCount(truth.pages[0]!.contacts.length + truth.pages[0]!.rejected.length);
      await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.contacts.length));
      await shot(page, `sycm-visitors-antd-${tag}-loaded.png`);
      await page.getByTestId('capture-all').click();
      const progress = page.getByTestId('capture-progress');
      await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
      await expect(badge).toHaveAttribute('data-count', String(truth.totalContacts));
      await expect(badge).toHaveAttribute('data-rejected', String(truth.totalRejected));
      await expect(page.locator('.ant-pagination-item-active')).toHaveText(String(truth.pageCount));
      await shot(page, `sycm-visitors-antd-${tag}-done.png`);
      // Every page's rows came through the page's own getRtVisitor.json, one request a page (the extension sends none).
      expect(calls.map((u) => [u.pathname, u.searchParams.get('page')])).toEqual(Array.from({ length: truth.pageCount }, (_, i) => ['/ipoll/live/visitor/getRtVisitor.json', String(i + 1)]));

      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      const contacts = (await readStore<Contact>(panel, 'contacts')).map(storedContact);
      const want = truth.pages.flatMap((p) => p.contacts);
      expect(contacts.sort(byContact)).toEqual([...new Map(want.map((c) => [contactKey(c), c])).values()].sort(byContact));
      expect(contacts).toHaveLength(truth.totalContacts);
      const customers = await readStore<Customer>(panel, 'customers');
      const wantCustomers = [...new Map(truth.pages.flatMap((p) => p.customers).map((c) => [c.customerKey, { ...c, tags: [] }])).values()];
      expect(customers.sort(byCustomer)).toEqual(wantCustomers.sort(byCustomer));
      expect(customers).toHaveLength(truth.totalCustomers);
      expect(await readStore(panel, 'shops')).toEqual([truth.shop]);
      await expectCrossChecks(page, panel, 'sycm-visitors', observe, truth.pageCount);
      expect(strayRequests).toEqual([]);
    });
  });

  test.describe(`生意参谋 客户概况 (/cc/customer/overview, figures from oneQuery.json) — ${mode}`, () => {
    const truth = readFixtureJson<CardTruth>('sycm-customer-antd.truth.json');

    test('captured on load: one snapshot with the four groups\u2019 figures stored exactly as the truth', async ({ context, extensionId, strayRequests }) => {
      const calls: URL[] = [];
      const page = await openAt(context, 'sycm-customer-antd.html', truth.consoleUrl, { observeJson: observe }, calls);
      const badge = page.getByTestId('capture-badge');
      await expect(page.locator('.oui-card-title')).toHaveCount(4);
      await expect(badge).toHaveAttribute('data-count', '1');
      await expect(badge).toHaveAttribute('data-rejected', '0');
      // The figures came through the page's own oneQuery.json (one XHR; the extension sends none).
      expect(calls.map((u) => [u.pathname, u.searchParams.get('domainCode'), u.searchParams.get('dateRange')])).toEqual([['/domain/oneQuery.json', 'tao.shop.customer.overview', `${truth.snapshot.window!.start}|${truth.snapshot.window!.end}`]]);

      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await expect.poll(() => readStore(panel, 'platformSnapshots')).toEqual([{ ...truth.snapshot, seenOn: todayShanghai() }]);
      expect(await readStore(panel, 'shops')).toEqual([truth.shop]);
      await expectCrossChecks(page, panel, 'sycm-customer', observe, 1);
      await shot(page, `sycm-customer-antd-${tag}.png`);
      expect(strayRequests).toEqual([]);
    });
  });
}

// --- the Fusion twins ---------------------------------------------------------------------------

interface FusionVisitorsTruth {
  consoleUrl: string;
  pageCount: number;
  totalContacts: number;
  totalRejected: number;
  pages: { contacts: Contact[]; customers: Customer[]; rejected: unknown[] }[];
}

test.describe('生意参谋 访客 (Fusion)', () => {
  const truth = readFixtureJson<FusionVisitorsTruth>('sycm-visitors.truth.json');

  test('captured on load: badge counts the visits of page 1 and the not-logged-in rows as rejected', async ({ context, strayRequests }) => {
    const page = await openAt(context, 'sycm-visitors.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.contacts.length));
    await expect(badge).toHaveAttribute('data-rejected', String(truth.pages[0]!.rejected.length));
    expect(strayRequests).toEqual([]);
  });

  test('capture all pages through the overlay: done, every visit and visitor of every page stored as the truth', async ({ context, extensionId, strayRequests }) => {
    const page = await openAt(context, 'sycm-visitors.html', truth.consoleUrl);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', String(truth.pages[0]!.contacts.length));
    await page.getByTestId('capture-all').click();
    const progress = page.getByTestId('capture-progress');
    await expect(progress).toHaveAttribute('data-state', 'running');
    await expect(progress).toContainText(new RegExp(`第 \\d+/${truth.pageCount} 页`));
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-sycm-visitors-capture-all-running.png') });
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(badge).toHaveAttribute('data-count', String(truth.totalContacts));
    await expect(badge).toHaveAttribute('data-rejected', String(truth.totalRejected));
    await expect(page.locator('.next-pagination-item.next-current')).toHaveText(String(truth.pageCount));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'taobao-sycm-visitors-capture-all-done.png') });
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const want = truth.pages.flatMap((p) => p.contacts);
    expect((await readStore<Contact>(panel, 'contacts')).map(storedContact).sort(byContact)).toEqual([...new Map(want.map((c) => [contactKey(c), c])).values()].sort(byContact));
    const wantCustomers = [...new Map(truth.pages.flatMap((p) => p.customers).map((c) => [c.customerKey, { ...c, tags: [] }])).values()];
    expect((await readStore<Customer>(panel, 'customers')).sort(byCustomer)).toEqual(wantCustomers.sort(byCustomer));
    expect(strayRequests).toEqual([]);
  });
});

const fusionCards = [
  { title: '生意参谋 客户概况 (日, Fusion)', file: 'sycm-customer' },
  { title: '生意参谋 客户概况 (7天, Fusion)', file: 'sycm-customer-week' },
];

for (const c of fusionCards)
  testCardPage({ ...c, origin: ORIGIN, shot: `cards-${c.file}.png`, metric: 'payingBuyers', card: '[data-metric="payingBuyers"] .index-value' });
