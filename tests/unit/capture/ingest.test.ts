import { describe, expect, it, test } from 'vitest';
import { senderRefusal, validateBatch, type CaptureBatch } from '@/lib/capture/ingest';
import { t } from '@/lib/i18n/messages';
import { derivedShopId } from '@/lib/model/keys';

const shop = { shopId: 's1', platform: 'douyin', name: '小鹿优选' };
const goodOrder = {
  orderId: '1', shopId: 's1', customerKey: 'douyin:s1:id:1', placedAt: '2026-11-20 10:00:00',
  amountFen: 100, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid',
};

function batch(patch: Partial<CaptureBatch> = {}): CaptureBatch {
  return {
    adapter: 'douyin-orders', primary: 'orders', url: 'https://fxg.jinritemai.com/ffa/morder/order/list',
    capturedAt: '2026-11-21T09:00:00+08:00', shop, headers: ['订单'], rawRows: [['a'], ['b'], ['c']],
    customers: [], orders: [], contacts: [], snapshots: [], rejected: [], ...patch,
  };
}

describe('validateBatch (the zod hop in the background)', () => {
  it('keeps valid records and turns invalid ones into rejects with row and reason', () => {
    const r = validateBatch(
      batch({
        orders: [
          { row: 0, record: goodOrder },
          { row: 1, record: { ...goodOrder, orderId: '2', amountFen: 1.5 } },
          { row: 2, record: { ...goodOrder, orderId: '3', shopId: 's2' } },
        ],
        customers: [{ row: 1, record: { customerKey: 'k', shopId: 's1' } }],
        rejected: [{ row: 2, reason: '实付金额无法读取' }],
      }),
      'cap-1',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.batch.orders.map((o) => o.orderId)).toEqual(['1']);
    expect(r.batch.customers).toEqual([]);
    expect(r.batch.capture.rowCount).toBe(3);
    expect(r.batch.capture.rejected).toEqual([
      { row: 1, reason: 'customer: nickname: Invalid input: expected string, received undefined; order: amountFen: amount must be integer fen' },
      { row: 2, reason: '实付金额无法读取; order: shopId s2 ≠ s1' },
    ]);
  });

  it('refuses a batch without a readable shop, storing nothing', () => {
    const r = validateBatch(batch({ shop: { name: 'x' } }), 'cap-2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^店铺信息无法识别/);
  });

  it('keeps the cross-check of the DOM and the observed JSON in the capture (SPEC §8)', () => {
    const crossCheck = { observed: 2, dom: 3, matched: 2, disagreementCount: 1, disagreements: [{ key: 'order:1', field: 'amountFen', dom: '100', observed: '110' }] };
    const r = validateBatch(batch({ orders: [{ row: 0, record: goodOrder }], crossCheck }), 'cap-3');
    expect(r.ok && r.batch.capture.crossCheck).toEqual(crossCheck);
    const plain = validateBatch(batch(), 'cap-4');
    expect(plain.ok && 'crossCheck' in plain.batch.capture).toBe(false);
  });
});

describe('senderRefusal: a batch is stored only from its shop’s console, or from the generic capture the merchant started (issue 11 item 4)', () => {
  const EXT = 'chrome-extension://abcdefghijklmnop/';
  const douyinShop = { shopId: '57012345', platform: 'douyin' as const, name: '山野茶舍' };
  const taobaoShop = { shopId: derivedShopId('taobao', '小鹿优选'), platform: 'taobao' as const, name: '小鹿优选' };

  test('a console page of the shop’s platform may store; of the other platform it may not', () => {
    expect(senderRefusal(douyinShop, { url: 'https://fxg.jinritemai.com/ffa/morder/order/list' }, { extensionOrigin: EXT, genericStarted: false })).toBeNull();
    expect(senderRefusal(taobaoShop, { url: 'https://myseller.taobao.com/home.htm/trade-platform/tp/sold' }, { extensionOrigin: EXT, genericStarted: false })).toBeNull();
    expect(senderRefusal(taobaoShop, { url: 'https://fxg.jinritemai.com/ffa/morder/order/list' }, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderPlatform');
    expect(senderRefusal(douyinShop, { url: 'https://sycm.taobao.com/flow/monitor/visitor' }, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderPlatform');
  });

  test('a page that is no console is refused unless the merchant started the generic capture there, and then only for that site’s shop', () => {
    const site = { shopId: derivedShopId('douyin', 'site:erp.example.com'), platform: 'douyin' as const, name: 'erp.example.com' };
    expect(senderRefusal(site, { url: 'https://erp.example.com/orders' }, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderNotConsole');
    expect(senderRefusal(site, { url: 'https://erp.example.com/orders' }, { extensionOrigin: EXT, genericStarted: true })).toBeNull();
    expect(senderRefusal(douyinShop, { url: 'https://erp.example.com/orders' }, { extensionOrigin: EXT, genericStarted: true })).toBe('capture.senderSite');
    expect(senderRefusal(douyinShop, { url: 'https://evil.example/' }, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderNotConsole');
  });

  test('a buyer-side page on a console host is no console page', () => {
    expect(senderRefusal(taobaoShop, { url: 'https://trade.taobao.com/trade/itemlist/list_bought_items.htm' }, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderNotConsole');
  });

  test('no sender site at all is refused; the extension’s own pages may store; the origin stands in for a missing url', () => {
    expect(senderRefusal(douyinShop, {}, { extensionOrigin: EXT, genericStarted: false })).toBe('capture.senderUnknown');
    expect(senderRefusal(douyinShop, { url: `${EXT}bench.html` }, { extensionOrigin: EXT, genericStarted: false })).toBeNull();
    expect(senderRefusal(douyinShop, { origin: 'https://compass.jinritemai.com' }, { extensionOrigin: EXT, genericStarted: false })).toBeNull();
  });

  test('every refusal code is worded in the catalogue', () => {
    for (const code of ['capture.senderUnknown', 'capture.senderPlatform', 'capture.senderNotConsole', 'capture.senderSite'] as const) expect(t(code)).not.toBe(code);
  });
});
