// @vitest-environment happy-dom
/** One read of a console page with the observed JSON (lib/capture/observe/read-page.ts): where the shop comes from, what is stored. */
import { beforeEach, describe, expect, test } from 'vitest';
import { readConsolePage } from '@/lib/capture/observe/read-page';
import { ObservedLog } from '@/lib/capture/observe/observer';
import { TAP_MARK } from '@/lib/capture/observe/tap';
import { CONSOLE_SHOP, guardedRead, openTablePage, type TablePage } from '@/lib/capture/read-kit';
import { shopFromName } from '@/lib/capture/shop';
import { emptyResult, type Adapter, type AdapterResult, type ObserveContext } from '@/lib/capture/types';
import { derivedShopId } from '@/lib/model';

const URL = 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm';
const AT = '2026-11-21T10:00:00+08:00';
const PAGE: TablePage<'name'> = { id: 'qianniu-sold', platform: 'taobao', shop: CONSOLE_SHOP, columns: { name: ['订单号'] }, required: ['name'], table: { zh: '订单表', en: 'order table' } };
const TABLE = '<table><thead><tr><th>订单号</th></tr></thead><tbody><tr><td>A1</td></tr></tbody></table>';

/** An order per row (DOM) and per body (JSON), amount 100 from the DOM, 123 from the JSON. */
const order = (orderId: string, shopId: string, amountFen: number) => ({ orderId, shopId, customerKey: `taobao:${shopId}:nick:x`, placedAt: '2026-11-20T10:00:00+08:00', amountFen, quantity: 1, channel: 'other' as const, traffic: 'unknown' as const, status: 'paid' as const });
const adapter: Adapter = {
  id: 'qianniu-sold',
  platform: 'taobao',
  kind: 'orders',
  label: '千牛 已卖出的宝贝',
  urls: [{ host: 'trade.taobao.com', path: /^\/trade\/itemlist\// }],
  confirm: (doc) => doc.querySelector('table') !== null,
  findTable: (doc) => doc.querySelector('table'),
  read: guardedRead('qianniu-sold', (doc) => {
    const { out, open } = openTablePage(doc, PAGE);
    if (open) open.table.rows.forEach((r, i) => (out.orders.push(order(r.cells[0]!, open.shopId, 100)), out.rowOf.orders.push(i)));
    return out;
  }),
  endpoints: [
    {
      id: 'qianniu-asyncsold',
      host: 'trade.taobao.com',
      path: /^\/trade\/itemlist\/asyncSold\.htm/,
      map: (json, _res, ctx: ObserveContext): AdapterResult => {
        const body = json as { shopName?: string; ids: string[] };
        const shop = body.shopName ? shopFromName('taobao', body.shopName) : ctx.shop;
        const out = { ...emptyResult('qianniu-sold'), shop, headers: ['id'], rawRows: body.ids.map((id) => [id]) };
        if (!shop) return { ...out, problem: 'no shop', needsShop: true };
        body.ids.forEach((id, i) => (out.orders.push(order(id, shop.shopId, 123)), out.rowOf.orders.push(i)));
        return out;
      },
    },
  ],
};

function logWith(body: object): ObservedLog {
  const log = new ObservedLog([adapter]);
  log.take({ [TAP_MARK]: 1, kind: 'observed', via: 'fetch', url: 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?x=1', method: 'POST', status: 200, text: JSON.stringify(body) }, true);
  return log;
}
const read = (log: ObservedLog | null, answer = null as ReturnType<typeof shopFromName> | null) => readConsolePage({ doc: document, url: URL, capturedAt: AT, adapter, log, answer, stored: new Set() });

beforeEach(() => (document.body.innerHTML = ''));

describe('readConsolePage', () => {
  test('no shop anywhere: ask (nothing to store)', () => {
    document.body.innerHTML = TABLE;
    expect(read(null)).toEqual({ kind: 'needsShop', platform: 'taobao' });
    expect(read(logWith({ ids: ['A1'] }))).toEqual({ kind: 'needsShop', platform: 'taobao' });
  });

  test('the merchant’s answer: stored under it; the JSON’s record wins and the cross-check says where they differ', () => {
    document.body.innerHTML = TABLE;
    const answer = shopFromName('taobao', '小鹿优选');
    const r = read(logWith({ ids: ['A1'] }), answer);
    expect(r.kind).toBe('batches');
    if (r.kind !== 'batches') return;
    expect(r.shopSource).toBe('answer');
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]!.shop).toEqual(answer);
    expect(r.batches[0]!.orders.map((o) => (o.record as { amountFen: number }).amountFen)).toEqual([123]);
    expect(r.batches[0]!.rawRows).toEqual([['A1']]);
    expect(r.batches[0]!.crossCheck).toEqual({ observed: 1, dom: 1, matched: 1, disagreementCount: 1, disagreements: [{ key: 'order:A1', field: 'amountFen', dom: '100', observed: '123' }] });
  });

  test('a shop named by the JSON beats the answer; the page’s own shop beats both', () => {
    document.body.innerHTML = TABLE;
    const r = read(logWith({ ids: ['A1'], shopName: '山野茶舍' }), shopFromName('taobao', '小鹿优选'));
    expect(r.kind === 'batches' && r.batches[0]!.shop).toEqual({ shopId: derivedShopId('taobao', '山野茶舍'), platform: 'taobao', name: '山野茶舍' });
    expect(r.kind === 'batches' && r.shopSource).toBe('observed');
    document.body.innerHTML = `<header><span class="shop-name">页面上的店</span></header>${TABLE}`;
    const p = read(logWith({ ids: ['A1'], shopName: '山野茶舍' }));
    expect(p.kind === 'batches' && (p.batches[0]!.shop as { name: string }).name).toBe('页面上的店');
  });

  test('the DOM shows no table: the observed records alone are stored; without them, the page’s problem', () => {
    document.body.innerHTML = '<p>加载中…</p>';
    const r = read(logWith({ ids: ['B1', 'B2'] }), shopFromName('taobao', '小鹿优选'));
    expect(r.kind === 'batches' && r.batches[0]!.orders.map((o) => (o.record as { orderId: string }).orderId)).toEqual(['B1', 'B2']);
    expect(r.kind === 'batches' && r.observedOnlyKeys).toEqual(['order:B1', 'order:B2']);
    expect(read(null, shopFromName('taobao', '小鹿优选')).kind).toBe('problem');
  });
});
