/** The console match patterns (lib/capture/consoles.ts): buyer-side pages never get the overlay or the tap (issue 11, hostile inputs). */
import { MatchPattern } from '@webext-core/match-patterns';
import { expect, test } from 'vitest';
import { CONSOLE_MATCHES } from '@/lib/capture/consoles';

const matched = (url: string) => CONSOLE_MATCHES.some((p) => new MatchPattern(p).includes(url));

test.each([
  'https://trade.taobao.com/trade/itemlist/list_bought_items.htm',
  'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=1',
  'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  'https://www.taobao.com/',
  'https://item.taobao.com/item.htm?id=1',
  'https://haohuo.jinritemai.com/views/product/item2?id=1',
])('buyer-side %s is not a console page', (url) => {
  expect(matched(url)).toBe(false);
});

test.each([
  'https://trade.taobao.com/trade/itemlist/list_sold_items.htm',
  'https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction',
  'https://myseller.taobao.com/home.htm/trade-platform/tp/sold',
  'https://fxg.jinritemai.com/ffa/morder/order/list',
])('seller console %s still is', (url) => {
  expect(matched(url)).toBe(true);
});
