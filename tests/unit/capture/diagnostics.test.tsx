// @vitest-environment happy-dom
/**
 * The diagnostic file (lib/capture/diagnostics.ts, SPEC §8): the table skeleton and what was
 * detected, with no customer data. The 抖店 Arco fixture and the Fusion 客户列表 fixture are
 * rendered; every string of their truth records (and the amounts and times as the page shows
 * them) must be absent from the file, while the headers and the structure are there.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { buildDiagnostics, diagnosticsFileName, MASK, scrub } from '@/lib/capture/diagnostics';
import { captureTruth as douyinTruth } from '../../fixtures/pages/douyin-orders/truth';
import { CONSOLE_URL as DOUYIN_URL, E2E_VARIANT as DOUYIN_VARIANT, addressTail, generateVariant as douyinGenerate, pageData as douyinPageData } from '../../fixtures/pages/douyin-orders/view';
import { CustomerListPage } from '../../fixtures/pages/crm-customers/App';
import { generateVariant as crmGenerate, pageData as crmPageData, shopIdOf } from '../../fixtures/pages/crm-customers/data';
import { captureTruth as crmTruth } from '../../fixtures/pages/crm-customers/truth';
import { CONSOLE_URL as CRM_URL, E2E_VARIANT as CRM_VARIANT } from '../../fixtures/pages/crm-customers/view';
import { renderDouyinOrders } from './render-fixture';
import { renderApp, unmountApp } from './render-taobao';

afterEach(() => unmountApp());

/** Enum values and keys are structure, not customer data. */
const NOT_DATA = new Set(['douyin', 'taobao', 'unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed', 'live', 'video', 'card', 'other', 'organic', 'unknown']);

/** Every string leaf of the truth, plus the ways the page shows amounts and times. */
function secretsOf(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.length >= 2 && !NOT_DATA.has(t)) out.add(t);
    const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(t);
    if (iso) {
      out.add(`${iso[1]}-${iso[2]}-${iso[3]} ${iso[4]}`);
      out.add(`${iso[1]}/${iso[2]}/${iso[3]} ${iso[4]}`);
    }
  } else if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 100) out.add((value / 100).toFixed(2)); // fen as shown in yuan
  } else if (Array.isArray(value)) value.forEach((v) => secretsOf(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!['adapter', 'pageSize', 'pageCount', 'page', 'totalOrders', 'totalCustomers', 'quantity'].includes(k)) secretsOf(v, out);
  return out;
}

function leaks(file: unknown, secrets: Set<string>): string[] {
  const text = JSON.stringify(file);
  return [...secrets].filter((s) => text.includes(s));
}

describe('diagnostics hold no customer data', () => {
  test('抖店 订单管理 (Arco fixture): skeleton, library, adapter and headers; no order id, nickname, product, phone, address, amount, time or shop', async () => {
    const data = douyinPageData(douyinGenerate(DOUYIN_VARIANT));
    const truth = douyinTruth(data);
    await renderDouyinOrders(data, 1);
    const file = buildDiagnostics({
      doc: document,
      url: `${DOUYIN_URL}?page=1&order_id=${truth.pages[0]!.orders[0]!.orderId}`,
      at: '2026-11-21T10:00:00+08:00',
      adapter: 'douyin-orders',
      shopSource: 'console-id',
      observed: { 'douyin-searchlist': { seen: 2, mapped: 1, ignored: { '未登录 (logged out)': 1 } } },
      decisions: [`实付金额: unreadable amount "¥${(truth.pages[0]!.orders[0]!.amountFen / 100).toFixed(2)}"`, `order ${truth.pages[0]!.orders[0]!.orderId} shown twice`],
    });
    const secrets = secretsOf(truth.pages[0]);
    for (const o of truth.pages[0]!.orders) secrets.add(addressTail(o.orderId));
    expect(secrets.size).toBeGreaterThan(50);
    expect(leaks(file, secrets)).toEqual([]);
    // What it is for: the structure is there.
    expect(file.adapter.chosen).toBe('douyin-orders');
    expect(file.adapter.candidates.find((c) => c.id === 'douyin-orders')).toEqual({ id: 'douyin-orders', pathMatches: true, confirmed: true });
    expect(file.shopSource).toBe('console-id');
    const orders = file.tables.find((t) => t.headers.includes('订单状态'));
    expect(orders).toBeDefined();
    expect(orders!.rowCount).toBeGreaterThan(truth.pages[0]!.orders.length);
    expect(orders!.groupHeaderRows).toBe(truth.pages[0]!.orders.length);
    expect(orders!.library.length).toBeGreaterThan(0);
    expect(JSON.stringify(orders!.skeleton)).toContain('"tag":"table"');
    expect(JSON.stringify(orders!.skeleton)).toContain(MASK);
    expect(file.page).toEqual({ host: 'fxg.jinritemai.com', path: '/ffa/morder/order/list', query: ['page', 'order_id'], frame: false });
    expect(file.observed['douyin-searchlist']).toEqual({ seen: 2, mapped: 1, ignored: { '未登录 (logged out)': 1 } });
  });

  test('客户运营平台 客户列表 (Fusion fixture): no nickname, phone, level text as data, tag or shop', async () => {
    const data = crmPageData(crmGenerate(CRM_VARIANT), CRM_VARIANT);
    const truth = crmTruth(data, shopIdOf(CRM_VARIANT));
    await renderApp(<CustomerListPage data={data} initialPage={1} />);
    const file = buildDiagnostics({ doc: document, url: CRM_URL, at: '2026-11-21T10:00:00+08:00', adapter: 'crm-customers', shopSource: 'header-name' });
    const secrets = secretsOf({ shop: truth.shop, customers: truth.pages[0]!.customers.map((c) => ({ ...c, memberLevel: undefined })) });
    expect(secrets.size).toBeGreaterThan(20);
    expect(leaks(file, secrets)).toEqual([]);
    const table = file.tables.find((t) => t.rowCount > 0);
    expect(table?.headers.length).toBeGreaterThan(3);
    expect(table?.columns.some((c) => c.field !== null)).toBe(true);
  });
});

test('scrub: page texts, quoted values and long digit runs are replaced', () => {
  expect(scrub('实收款: unreadable amount "¥12.30" in 小鹿优选 order 6919000000000000001', ['小鹿优选'])).toBe(`实收款: unreadable amount "${MASK}" in ${MASK} order ${MASK}`);
});

test('file name: seller-lens-diagnostics-<host>-<YYYYMMDD>.json', () => {
  expect(diagnosticsFileName('fxg.jinritemai.com', '2026-11-21T10:00:00+08:00')).toBe('seller-lens-diagnostics-fxg.jinritemai.com-20261121.json');
});
