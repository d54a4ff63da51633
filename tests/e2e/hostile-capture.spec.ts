/**
 * Hostile inputs to capture (issue 11 items 3, 4, 10, 11), one test each, in one browser context:
 * a killed service worker mid-capture, a buyer remark holding 店铺ID：…, a shop-switcher list, a
 * single-page shop switch, `<img onerror>` texts, buyer-side pages, a 600-page pager. The pages are
 * small inline consoles served at real console URLs (the generic capture reads them; the shop
 * comes from their header).
 */
import { test as base, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import path from 'node:path';
import { expect, launchOnInlinePages, readStore, SHOTS_DIR } from './extension';
import { derivedShopId } from '../../lib/model/keys';

const test = base;
type CaptureRow = { shopId: string; url: string; rawRows: string[][] };
type ShopRow = { shopId: string; name: string };

const rowsHtml = (rows: string[][]) => rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
const table = (rows: string[][]) => `<table id="t"><thead><tr><th>订单号</th><th>买家</th><th>备注</th></tr></thead><tbody>${rowsHtml(rows)}</tbody></table>`;
const html = (title: string, body: string, script = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}<script>${script}</script></body></html>`;
const douyinHeader = (name: string) => `<div class="index_header__a1"><span>抖店 · 商家后台</span><div class="headerShopName">${name}</div></div>`;
const rows = (prefix: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => [`${prefix}${from + i}`, `买家${prefix}${from + i}`, '-']);

/** The inline pages, by URL (path and query ignored past the path). */
const PAGES: Record<string, string> = {};
const SCRIPT_ROWS = `window.setRows = (rows) => { document.querySelector('#t tbody').innerHTML = rows.map((r) => '<tr>' + r.map((c) => '<td>' + c + '</td>').join('') + '</tr>').join(''); };`;

let context: BrowserContext;
let extensionId = '';
let ext: Page;

test.describe.serial('hostile inputs to capture', () => {
  test.beforeAll(async () => {
    // Nothing leaves the machine: the inline pages are answered, everything else (but the extension) is refused.
    ({ context, extensionId, ext } = await launchOnInlinePages(PAGES));
  });
  test.afterAll(async () => {
    await context?.close();
  });

  const capturesOf = async (path: string) => (await readStore<CaptureRow>(ext, 'captures')).filter((c) => new URL(c.url).pathname === path);

  test('a buyer remark holding 店铺ID：12345678 does not change the shop', async () => {
    const url = 'https://fxg.jinritemai.com/ffa/grid/tools/remark';
    const remark = '买家留言：店铺ID：12345678 请尽快发货';
    PAGES[url] =
      html('订单 - 抖店', `${douyinHeader('鹿角巷生活旗舰店')}<main>${table([...rows('R', 2), ['R3', '买家R3', remark]])}` +
        // The same remark in a div-built order block (its 订单编号 line has a Header class) and in an order drawer.
        `<div class="index_tableRow__q"><div class="index_RowHeader__z">订单编号 R3 ${remark}</div></div></main>` +
        `<div class="auxo-drawer"><div class="auxo-drawer-header">订单详情 ${remark}</div></div>`);
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '3');
    const own = derivedShopId('douyin', '鹿角巷生活旗舰店');
    const caps = await capturesOf('/ffa/grid/tools/remark');
    expect(caps.length).toBeGreaterThan(0);
    expect(new Set(caps.map((c) => c.shopId))).toEqual(new Set([own]));
    expect((await readStore<ShopRow>(ext, 'shops')).map((s) => s.shopId)).not.toContain('12345678');
    await page.close();
  });

  test('a shop-switcher list on the page: the shop comes from the header only', async () => {
    const url = 'https://myseller.taobao.com/home.htm/tools/switcher';
    PAGES[url] = html(
      '千牛',
      `<header class="qn-top"><span class="qn-logo">千牛</span><div class="shop-switch"><ul><li><span class="shop-name">乙店</span> 店铺ID：22223333</li><li><span class="shop-name">丙店</span></li></ul></div><span class="shop-name">甲店</span></header>` +
        `<main>${table(rows('S', 3))}</main>` +
        `<div class="next-overlay-wrapper"><div class="next-menu" role="menu"><div role="menuitem"><span class="shop-name">丁店</span> 店铺ID：44445555</div></div></div>`,
    );
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '3');
    const caps = await capturesOf('/home.htm/tools/switcher');
    expect(new Set(caps.map((c) => c.shopId))).toEqual(new Set([derivedShopId('taobao', '甲店')]));
    const shopIds = (await readStore<ShopRow>(ext, 'shops')).map((s) => s.shopId);
    for (const other of ['22223333', '44445555', derivedShopId('taobao', '乙店'), derivedShopId('taobao', '丁店')]) expect(shopIds).not.toContain(other);
    await page.close();
  });

  test('a single-page shop switch: rows after the switch go to the new shop, none of the old page’s rows', async () => {
    const url = 'https://fxg.jinritemai.com/ffa/grid/tools/switch';
    const a = rows('A', 3);
    const b = rows('B', 3);
    // The header switches at once; the table follows 2.5 s later (the console refetches), as a console SPA does.
    PAGES[url] = html(
      '订单 - 抖店',
      `${douyinHeader('甲旗舰店')}<main>${table(a)}</main>`,
      `${SCRIPT_ROWS} window.switchShop = () => { document.querySelector('.headerShopName').textContent = '乙旗舰店'; setTimeout(() => window.setRows(${JSON.stringify(b)}), 2500); };`,
    );
    const page = await context.newPage();
    await page.goto(url);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', '3');
    await page.evaluate(() => (window as unknown as { switchShop: () => void }).switchShop());
    await expect(page.locator('.sl-message', { hasText: '店铺已切换' })).toBeVisible({ timeout: 2400 });
    await expect(badge).toHaveAttribute('data-count', '6');
    await expect(page.locator('.sl-message', { hasText: '店铺已切换' })).toHaveCount(0);
    const caps = await capturesOf('/ffa/grid/tools/switch');
    const rowsOf = (shop: string) => caps.filter((c) => c.shopId === shop).flatMap((c) => c.rawRows.map((r) => r[0]));
    expect(new Set(rowsOf(derivedShopId('douyin', '乙旗舰店')))).toEqual(new Set(['B1', 'B2', 'B3']));
    expect(new Set(rowsOf(derivedShopId('douyin', '甲旗舰店')))).toEqual(new Set(['A1', 'A2', 'A3']));
    await page.close();
  });

  test('a killed service worker mid-capture: 未保存 shown meanwhile, rows retried and stored after the worker restarts', async () => {
    const url = 'https://fxg.jinritemai.com/ffa/grid/tools/killed';
    PAGES[url] = html('订单 - 抖店', `${douyinHeader('断电测试店')}<main>${table(rows('K', 3))}</main>`, SCRIPT_ROWS);
    const page = await context.newPage();
    await page.goto(url);
    const badge = page.getByTestId('capture-badge');
    await expect(badge).toHaveAttribute('data-count', '3');
    // Deterministic, not a race: the extension's own page holds a read-write transaction on the whole
    // database, so every store the background attempts waits; meanwhile its service worker is stopped
    // again and again (CDP), which closes the message port of the batch in flight.
    await ext.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const w = window as unknown as { __hold: boolean; __held: Promise<void> };
          w.__hold = true;
          const open = indexedDB.open('seller-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite');
            const store = tx.objectStore('settings');
            const spin = () => {
              if (w.__hold) store.get('hold').onsuccess = spin;
            };
            spin();
            w.__held = new Promise((done) => (tx.oncomplete = () => (db.close(), done())));
            resolve();
          };
        }),
    );
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await cdp.send('ServiceWorker.stopAllWorkers').catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await page.evaluate((all) => (window as unknown as { setRows: (r: string[][]) => void }).setRows(all), rows('K', 6));
    const unsaved = page.getByTestId('capture-unsaved');
    try {
      // A dropped message shows after the session's 15 s answer timeout at the latest.
      await expect(unsaved).toBeVisible({ timeout: 30_000 });
      await expect(unsaved).toContainText('未保存');
      await page.screenshot({ path: path.join(SHOTS_DIR, 'hostile-capture-unsaved.png') });
    } finally {
      killing = false;
      await killer;
      await ext.evaluate(async () => {
        const w = window as unknown as { __hold: boolean; __held?: Promise<void> };
        w.__hold = false;
        await w.__held;
      });
    }
    await expect(unsaved).toHaveCount(0, { timeout: 40_000 });
    await expect(badge).toHaveAttribute('data-count', '6');
    const stored = (await capturesOf('/ffa/grid/tools/killed')).flatMap((c) => c.rawRows.map((r) => r[0]));
    for (const id of ['K4', 'K5', 'K6']) expect(stored).toContain(id);
    await page.close();
  });

  test('<img src=x onerror=…> texts in cells are stored as text and never executed (overlay and side panel)', async () => {
    const url = 'https://fxg.jinritemai.com/ffa/grid/tools/markup';
    const evil = '<img src=x onerror="window.__pwned=1">';
    const esc = evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    PAGES[url] = html('订单 - 抖店', `${douyinHeader('标记测试店')}<main>${table([['M1', esc, esc], ['M2', '买家M2', esc]])}</main>`);
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '2');
    const stored = (await capturesOf('/ffa/grid/tools/markup')).flatMap((c) => c.rawRows);
    expect(stored).toContainEqual(['M1', evil, evil]);
    // The overlay shows the rows (mapping dialog) as text: no element made of them.
    await page.getByTestId('mapping-open').click();
    await expect(page.getByTestId('mapping-dialog')).toContainText(evil);
    const imgs = await page.evaluate(() => document.querySelector('seller-lens-overlay')?.shadowRoot?.querySelectorAll('img').length ?? -1);
    expect(imgs).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
    // The side panel, every view of that shop.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.getByTestId('shop-picker').selectOption(derivedShopId('douyin', '标记测试店'));
    const tabs = await panel.getByRole('tab').all();
    expect(tabs.length).toBeGreaterThan(3);
    for (const tab of tabs) {
      await tab.click();
      expect(await panel.locator('img[src="x"]').count()).toBe(0);
    }
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await panel.close();
  });

  test('buyer-side trade.taobao.com and buyertrade.taobao.com pages get no overlay', async () => {
    const sold = 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm';
    const buyer = ['https://trade.taobao.com/trade/itemlist/list_bought_items.htm', 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', 'https://trade.taobao.com/trade/detail/trade_order_detail.htm'];
    for (const u of [sold, ...buyer]) PAGES[u] = html('淘宝网 - 已买到的宝贝', `<header class="site-nav"><span class="shop-name">我的淘宝</span></header><main>${table(rows('T', 3))}</main>`);
    const page = await context.newPage();
    // The seller's own page on the same host does get it (so its absence below means something).
    await page.goto(sold);
    await expect(page.getByTestId('capture-overlay')).toBeVisible();
    for (const u of buyer) {
      await page.goto(u);
      await page.waitForLoadState('load');
      // The content scripts run at document_idle: give them the time they take on the seller page.
      await page.waitForTimeout(1500);
      await expect(page.locator('seller-lens-overlay')).toHaveCount(0);
    }
    const caps = (await readStore<CaptureRow>(ext, 'captures')).filter((c) => /list_bought_items|trade_order_detail/.test(c.url));
    expect(caps).toEqual([]);
    await page.close();
  });

  test('a 600-page pager: 采集全部分页 stops at its 500-page cap and says capped, not done', async () => {
    test.setTimeout(180_000);
    const url = 'https://fxg.jinritemai.com/ffa/grid/tools/pager';
    PAGES[url] = html(
      '订单 - 抖店',
      `${douyinHeader('翻页测试店')}<main>${table(rows('P1-', 2))}<ul class="ant-pagination" id="pager"></ul></main>`,
      `${SCRIPT_ROWS}
      let page = 1; const LAST = 600;
      const draw = () => {
        window.setRows([['P' + page + '-1', '买家', '-'], ['P' + page + '-2', '买家', '-']]);
        const items = [...new Set([1, page - 1, page, page + 1, LAST])].filter((n) => n >= 1 && n <= LAST).sort((a, b) => a - b);
        document.getElementById('pager').innerHTML = items.map((n) => '<li class="ant-pagination-item' + (n === page ? ' ant-pagination-item-active' : '') + '" title="' + n + '"><a>' + n + '</a></li>').join('') +
          '<li class="ant-pagination-next' + (page === LAST ? ' ant-pagination-disabled' : '') + '"><a>›</a></li>';
      };
      document.getElementById('pager').addEventListener('click', (e) => { if (e.target.closest('.ant-pagination-next') && page < LAST) { page++; draw(); } });
      draw();`,
    );
    await ext.evaluate(() => chrome.storage.local.set({ captureDelayMs: 0 }));
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '2');
    await page.getByTestId('capture-all').click();
    const progress = page.getByTestId('capture-progress');
    await expect(progress).toHaveAttribute('data-state', 'capped', { timeout: 170_000 });
    await expect(progress).toContainText('已达到 500 页上限');
    await expect(page.getByTestId('capture-badge')).toHaveAttribute('data-count', '1000');
    await page.close();
  });
});
