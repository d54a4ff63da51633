/**
 * The page's own JSON observed and the shop never blocking (SPEC §8, §10 shop-prompt):
 * (a) a console page whose shop cannot be read captures after the merchant answers shop-prompt,
 *     and the answer is remembered for that console;
 * (b) the main-world tap passes the page's fetch and XHR through untouched (bodies, statuses,
 *     headers, errors), also when the page wraps XHR itself after the tap;
 * (c) with observeJson on, the records of a page that loads its rows over its own XHR come from
 *     the observed JSON and are cross-checked against the DOM (Capture.crossCheck); off, none is.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, readFixtureJson, readStore, serveFixture, SHOTS_DIR, test } from './extension';

interface CrmTruth {
  consoleUrl: string;
  shop: { shopId: string; platform: string; name: string };
  pages: { page: number; customers: { customerKey: string }[] }[];
}

test('(a) no shop on the page: the overlay asks once, the typed name is the shop, capture follows and the answer is remembered', async ({ context, extensionId, strayRequests }) => {
  const truth = readFixtureJson<CrmTruth>('crm-customers.truth.json');
  await serveFixture(context, 'https://crm.taobao.com', 'crm-customers.html');
  const page = await context.newPage();
  // The console shows no shop: its shop line is taken out before any content script can read it.
  await page.addInitScript(() => {
    const strip = () => document.querySelectorAll('.crm-shop, .shop-name').forEach((el) => el.remove());
    new MutationObserver(strip).observe(document, { childList: true, subtree: true });
  });
  await page.goto(truth.consoleUrl);
  const prompt = page.getByTestId('shop-prompt');
  await expect(prompt).toBeVisible();
  const badge = page.getByTestId('capture-badge');
  await expect(badge).toHaveAttribute('data-count', '0');
  await expect(page.getByText(truth.shop.name)).toHaveCount(0);
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'observe-shop-prompt.png') });

  // Nothing was stored before the shop is known.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  expect(await readStore(panel, 'customers')).toEqual([]);
  expect(await readStore(panel, 'captures')).toEqual([]);

  await expect(page.getByTestId('shop-prompt-ok')).toBeDisabled();
  await page.getByTestId('shop-prompt-name').fill(truth.shop.name);
  await page.getByTestId('shop-prompt-ok').click();
  await expect(prompt).toHaveCount(0);
  const perPage = truth.pages[0]!.customers.length;
  await expect(badge).toHaveAttribute('data-count', String(perPage));
  // The typed name gives the id the page would have given had it shown that name.
  expect(await readStore(panel, 'shops')).toEqual([truth.shop]);
  const keys = (await readStore<{ customerKey: string }>(panel, 'customers')).map((c) => c.customerKey).sort();
  expect(keys).toEqual(truth.pages[0]!.customers.map((c) => c.customerKey).sort());

  // 导出诊断: a normal download, named by host and day, holding the structure and none of the page's data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capture-diagnostics').click()]);
  expect(download.suggestedFilename()).toMatch(/^seller-lens-diagnostics-crm\.taobao\.com-\d{8}\.json$/);
  const file = readFileSync(await download.path(), 'utf8');
  const diag = JSON.parse(file) as { format: string; adapter: { chosen: string }; shopSource: string; tables: { headers: string[]; rowCount: number }[] };
  expect(diag.format).toBe('seller-lens-diagnostics');
  expect(diag.adapter.chosen).toBe('crm-customers');
  expect(diag.shopSource).toBe('answer');
  expect(diag.tables.some((t) => t.rowCount === perPage && t.headers.length > 3)).toBe(true);
  expect(file).not.toContain(truth.shop.name);
  for (const c of truth.pages[0]!.customers as { nickname?: string }[]) if (c.nickname && c.nickname.length > 1) expect(file).not.toContain(c.nickname);

  // Remembered for this console: the next visit captures without asking.
  const again = await context.newPage();
  await again.addInitScript(() => {
    const strip = () => document.querySelectorAll('.crm-shop, .shop-name').forEach((el) => el.remove());
    new MutationObserver(strip).observe(document, { childList: true, subtree: true });
  });
  await again.goto(`${truth.consoleUrl}?page=2`);
  await expect(again.getByTestId('capture-badge')).toHaveAttribute('data-count', String(truth.pages[1]!.customers.length));
  await expect(again.getByTestId('shop-prompt')).toHaveCount(0);
  const stored = await context.serviceWorkers()[0]!.evaluate(() => chrome.storage.local.get('shopAnswer:crm.taobao.com'));
  expect(stored).toEqual({ 'shopAnswer:crm.taobao.com': truth.shop });
  expect(strayRequests).toEqual([]);
});

/** A console page that calls an allow-listed endpoint with fetch and XHR (text, arraybuffer, json, blob), wrapping XHR itself. */
const TAP_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>订单管理 - 抖店</title></head><body>
<h1>tap check</h1>
<script>
(async () => {
  const out = {};
  // The page (an anti-bot SDK, say) wraps XHR after the extension's tap did.
  const proto = XMLHttpRequest.prototype;
  const open0 = proto.open, send0 = proto.send;
  proto.open = function (m, u) { this._byted_url = u; return open0.apply(this, arguments); };
  proto.send = function () { out.sdkSaw = (out.sdkSaw || 0) + 1; return send0.apply(this, arguments); };
  const url = '/api/order/searchlist?page=0&pageSize=10';
  const r = await fetch(url, { headers: { 'x-test': '1' } });
  out.fetch = { status: r.status, type: r.headers.get('content-type'), echo: r.headers.get('x-echo'), body: await r.json() };
  const r404 = await fetch('/api/order/searchlist?page=404');
  out.fetch404 = { status: r404.status, text: await r404.text() };
  try { await fetch('/api/order/searchlist?page=fail'); out.fetchFail = 'resolved'; } catch (e) { out.fetchFail = e.name; }
  const xhr = (type, method = 'GET', body = null) => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open(method, url + '&type=' + (type || 'text'));
    if (type) x.responseType = type;
    x.onload = () => resolve(x);
    x.onerror = () => resolve(x);
    x.send(body);
  });
  const t = await xhr('');
  out.xhrText = { status: t.status, text: t.responseText, tagged: t._byted_url };
  const a = await xhr('arraybuffer');
  out.xhrBuffer = { bytes: a.response.byteLength, text: new TextDecoder().decode(a.response) };
  const j = await xhr('json', 'POST', 'pageNum=1&pageSize=10');
  out.xhrJson = j.response;
  const b = await xhr('blob');
  out.xhrBlob = await b.response.text();
  out.fetchIsNativeLooking = String(window.fetch).includes('[native code]');
  window.__tap = out;
})();
</script></body></html>`;

test('(b) the tap lets the page’s own fetch and XHR through untouched, also under the page’s own XHR wrapper', async ({ context }) => {
  const body = (q: string) => JSON.stringify({ code: 10008, msg: '未登录', st: 10008, data: [], q });
  await context.route('https://fxg.jinritemai.com/**', async (route) => {
    const u = new URL(route.request().url());
    if (u.pathname === '/ffa/tap-check') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: TAP_PAGE });
    if (u.pathname === '/api/order/searchlist') {
      const p = u.searchParams.get('page');
      if (p === 'fail') return route.abort('failed');
      if (p === '404') return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' });
      return route.fulfill({ status: 200, contentType: 'application/json', headers: { 'x-echo': route.request().headers()['x-test'] ?? '' }, body: body(u.searchParams.get('type') ?? 'fetch') });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  const page = await context.newPage();
  await page.goto('https://fxg.jinritemai.com/ffa/tap-check');
  await page.waitForFunction(() => (window as unknown as { __tap?: unknown }).__tap !== undefined);
  const out = await page.evaluate(() => (window as unknown as { __tap: Record<string, unknown> }).__tap);
  expect(out).toEqual({
    sdkSaw: 4,
    fetch: { status: 200, type: 'application/json', echo: '1', body: JSON.parse(body('fetch')) },
    fetch404: { status: 404, text: 'not here' },
    fetchFail: 'TypeError',
    xhrText: { status: 200, text: body('text'), tagged: '/api/order/searchlist?page=0&pageSize=10&type=text' },
    xhrBuffer: { bytes: new TextEncoder().encode(body('arraybuffer')).length, text: body('arraybuffer') },
    xhrJson: JSON.parse(body('json')),
    xhrBlob: body('blob'),
    fetchIsNativeLooking: true,
  });
  // And the tap did see them: the logged-out answers are counted as ignored, with the reason, in the overlay.
  await expect(page.getByTestId('capture-observed')).toContainText('忽略');
});

interface AuxoTruth {
  consoleUrl: string;
  shop: { shopId: string };
  pages: { orders: { orderId: string; customerKey: string }[] }[];
}

for (const observe of [true, false]) {
  test(`(c) observeJson ${observe ? 'on: the orders come from the page’s own searchlist JSON, cross-checked with the DOM' : 'off: the DOM alone, no cross-check'}`, async ({ context, extensionId, strayRequests }) => {
    const truth = readFixtureJson<AuxoTruth>('douyin-orders-auxo.truth.json');
    const [sw] = context.serviceWorkers();
    await sw!.evaluate((o) => chrome.storage.local.set(o), { observeJson: observe });
    await serveFixture(context, 'https://fxg.jinritemai.com', 'douyin-orders-auxo.html');
    const page = await context.newPage();
    await page.goto(truth.consoleUrl);
    const perPage = truth.pages[0]!.orders.length;
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', String(perPage));
    if (observe) await expect(page.getByTestId('capture-observed')).toContainText(/采用 [1-9]\d* 个/);
    else await expect(page.getByTestId('capture-observed')).toContainText('忽略');
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const captures = await readStore<{ adapter: string; crossCheck?: { matched: number; disagreementCount: number; observed: number } }>(panel, 'captures');
    const checked = captures.filter((c) => c.crossCheck);
    if (observe) {
      expect(checked.length).toBeGreaterThan(0);
      const last = checked[checked.length - 1]!.crossCheck!;
      // Every order of the page and each of its buyers, read both ways and found the same.
      expect(last.matched).toBe(perPage + new Set(truth.pages[0]!.orders.map((o) => o.customerKey)).size);
      expect(last.disagreementCount).toBe(0);
    } else expect(checked).toEqual([]);
    const orders = await readStore<{ orderId: string }>(panel, 'orders');
    expect(orders.map((o) => o.orderId).sort()).toEqual(truth.pages[0]!.orders.map((o) => o.orderId).sort());
    expect(strayRequests).toEqual([]);
  });
}
