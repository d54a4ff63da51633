// @vitest-environment happy-dom
/** Reading the shop (lib/capture/shop.ts): from the page's chrome only, never from the data (SPEC §8). */
import { beforeEach, describe, expect, test } from 'vitest';
import { readShopFrom, shopFromName, type ShopSpec } from '@/lib/capture/shop';
import { CONSOLE_SHOP, guardedRead, openTablePage, type TablePage } from '@/lib/capture/read-kit';
import { derivedShopId } from '@/lib/model/keys';

const DOUYIN: ShopSpec = CONSOLE_SHOP;
const ORDERS = `<table><thead><tr><th>商品</th><th>买家留言</th></tr></thead><tbody>
  <tr><td>保温杯</td><td><span class="shopName">隔壁老王的店</span> 店铺ID：99887766 请尽快发货</td></tr></tbody></table>`;

beforeEach(() => {
  document.title = '';
  document.body.innerHTML = '';
});

describe('readShopFrom', () => {
  test('抖店: .headerShopName in the header names the shop', () => {
    document.body.innerHTML = `<div id="__GARFISH"><div class="index_header__x1"><div class="headerShopName">鹿角巷生活旗舰店</div></div>${ORDERS}</div>`;
    expect(readShopFrom(document, 'douyin', DOUYIN)).toEqual({
      shop: { shopId: derivedShopId('douyin', '鹿角巷生活旗舰店'), platform: 'douyin', name: '鹿角巷生活旗舰店' },
      source: 'header-name',
    });
  });

  test('a buyer remark with 店铺ID：… or a shop-name class inside the table never sets the shop', () => {
    document.body.innerHTML = `<main><h2>订单管理</h2>${ORDERS}</main>`;
    expect(readShopFrom(document, 'douyin', DOUYIN)).toBeNull();
  });

  test('a 店铺ID in the header is the console’s own id; the name beside it is kept', () => {
    document.body.innerHTML = `<header class="top"><span class="shop-name">山野茶舍</span><span>店铺ID：57012345</span></header>${ORDERS}`;
    expect(readShopFrom(document, 'douyin', DOUYIN)).toEqual({ shop: { shopId: '57012345', platform: 'douyin', name: '山野茶舍' }, source: 'header-name' });
  });

  test('two different shop-name elements outside the chrome: ambiguous, not guessed', () => {
    document.body.innerHTML = `<div class="shop-name">甲店</div><div class="card"><span class="shop-name">乙店</span></div>${ORDERS}`;
    expect(readShopFrom(document, 'taobao', DOUYIN)).toBeNull();
  });

  test('an explicit 店铺：… in the title', () => {
    document.title = '已卖出的宝贝 - 店铺：小鹿优选 - 千牛';
    document.body.innerHTML = ORDERS;
    expect(readShopFrom(document, 'taobao', DOUYIN)).toEqual({ shop: { shopId: derivedShopId('taobao', '小鹿优选'), platform: 'taobao', name: '小鹿优选' }, source: 'title' });
  });

  test('a bare console title names no shop', () => {
    document.title = '订单管理 - 抖店';
    document.body.innerHTML = ORDERS;
    expect(readShopFrom(document, 'douyin', DOUYIN)).toBeNull();
  });
});

describe('readShopFrom: the console header only (issue 11 item 4)', () => {
  const HEADER = `<div class="index_header__a1"><div class="headerShopName">鹿角巷生活旗舰店</div></div>`;
  const ownShop = { shopId: derivedShopId('douyin', '鹿角巷生活旗舰店'), platform: 'douyin', name: '鹿角巷生活旗舰店' };

  test('a buyer remark holding 店铺ID：123 in a div-built order block header does not change the shop', () => {
    document.body.innerHTML = `${HEADER}<div class="auxo-spin-container"><div class="index_tableRow__q"><div class="index_RowHeader__z">订单编号 6919000001 买家留言：店铺ID：12345678</div><div>保温杯</div></div></div>`;
    expect(readShopFrom(document, 'douyin', DOUYIN)?.shop).toEqual(ownShop);
  });

  test('a buyer remark holding 店铺ID：123 in an order drawer (portaled to the body) does not change the shop', () => {
    document.body.innerHTML = `${HEADER}${ORDERS}<div class="auxo-drawer"><div class="auxo-drawer-header">订单详情 买家留言：店铺ID：12345678</div></div>`;
    expect(readShopFrom(document, 'douyin', DOUYIN)?.shop).toEqual(ownShop);
  });

  test('a shop-switcher list in the header: the shop shown, not the first shop of the list (nor its id)', () => {
    document.body.innerHTML = `<header class="qn-top"><div class="shop-switch"><ul><li><span class="shop-name">乙店</span> 店铺ID：22223333</li><li><span class="shop-name">丙店</span></li></ul></div><span class="shop-name">甲店</span></header>${ORDERS}`;
    expect(readShopFrom(document, 'taobao', DOUYIN)?.shop).toEqual({ shopId: derivedShopId('taobao', '甲店'), platform: 'taobao', name: '甲店' });
  });

  test('a shop-switcher dropdown portaled to the body is never the shop; with no shop in the header, nothing is guessed', () => {
    document.body.innerHTML = `<header class="qn-top"><span class="qn-logo">千牛</span></header>${ORDERS}<div class="next-overlay-wrapper"><div class="next-menu" role="menu"><div role="menuitem"><span class="shop-name">乙店</span></div></div></div>`;
    expect(readShopFrom(document, 'taobao', DOUYIN)).toBeNull();
  });

  test('a lone shop-name element outside the header (a card on the page) is not the shop', () => {
    document.body.innerHTML = `<main><div class="card"><span class="shop-name">乙店</span></div>${ORDERS}</main>`;
    expect(readShopFrom(document, 'taobao', DOUYIN)).toBeNull();
  });

  test('two different shop names in the header: ambiguous, not the first', () => {
    document.body.innerHTML = `<header class="top"><span class="shop-name">甲店</span><span class="shop-name">乙店</span></header>${ORDERS}`;
    expect(readShopFrom(document, 'taobao', DOUYIN)).toBeNull();
  });
});

test('shopFromName: a typed name gets the id the page would give for that name', () => {
  expect(shopFromName('taobao', ' 小鹿优选 ')).toEqual({ shopId: derivedShopId('taobao', '小鹿优选'), platform: 'taobao', name: '小鹿优选' });
});

describe('the merchant’s answer flows into the adapters’ reads (withKnownShop / ReadOptions.knownShop)', () => {
  const PAGE: TablePage<'name' | 'level'> = {
    id: 'kit-test',
    platform: 'taobao',
    shop: CONSOLE_SHOP,
    columns: { name: ['客户'], level: ['会员等级'] },
    required: ['name', 'level'],
    table: { zh: '客户列表', en: 'customer table' },
  };
  const TABLE = '<table><thead><tr><th>客户</th><th>会员等级</th></tr></thead><tbody><tr><td>小鹿</td><td>VIP</td></tr></tbody></table>';
  const read = guardedRead('kit-test', (doc) => {
    const { out, open } = openTablePage(doc, PAGE);
    if (open) out.customers.push({ customerKey: `k:${open.shopId}`, shopId: open.shopId, nickname: '小鹿' });
    return out;
  });
  const answer = { shop: shopFromName('taobao', '小鹿优选'), source: 'answer' as const };

  test('no shop on the page and none known: needsShop, nothing read', () => {
    document.body.innerHTML = TABLE;
    const out = read(document, 'https://crm.taobao.com/customer/list', '2026-11-21T10:00:00+08:00');
    expect(out.needsShop).toBe(true);
    expect(out.customers).toEqual([]);
  });

  test('the known shop stands in: records carry its id, the source says answer', () => {
    document.body.innerHTML = TABLE;
    const out = read(document, 'https://crm.taobao.com/customer/list', '2026-11-21T10:00:00+08:00', { knownShop: answer });
    expect(out.problem).toBeNull();
    expect(out.shop).toEqual({ shopId: derivedShopId('taobao', '小鹿优选'), platform: 'taobao', name: '小鹿优选' });
    expect(out.shopSource).toBe('answer');
    expect(out.customers.map((c) => c.shopId)).toEqual([derivedShopId('taobao', '小鹿优选')]);
  });

  test('the page’s own shop beats the known one; a known shop of the other platform is not used', () => {
    document.body.innerHTML = `<header><span class="shop-name">页面上的店</span></header>${TABLE}`;
    expect(read(document, 'u', '2026-11-21T10:00:00+08:00', { knownShop: answer }).shop?.name).toBe('页面上的店');
    document.body.innerHTML = TABLE;
    const other = { shop: shopFromName('douyin', '抖店的店'), source: 'answer' as const };
    expect(read(document, 'u', '2026-11-21T10:00:00+08:00', { knownShop: other }).needsShop).toBe(true);
  });
});
