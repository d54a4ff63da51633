/**
 * The seller consoles seller-lens runs on (SPEC §1), as match patterns: the content scripts and
 * the manifest's host permissions use exactly these, so buyer-side pages (www.taobao.com,
 * item.taobao.com, haohuo.jinritemai.com …) never get the overlay and are never read.
 */
export const DOUYIN_CONSOLES = ['https://fxg.jinritemai.com/*', 'https://compass.jinritemai.com/*'];
export const TAOBAO_CONSOLES = [
  'https://myseller.taobao.com/*',
  'https://qn.taobao.com/*',
  'https://sycm.taobao.com/*',
  'https://crm.taobao.com/*',
  // Only the seller's 已卖出的宝贝 on trade.taobao.com: the same host serves the buyer's 已买到的宝贝 and order details.
  'https://trade.taobao.com/trade/itemlist/list_sold_items.htm*',
];
export const CONSOLE_MATCHES = [...DOUYIN_CONSOLES, ...TAOBAO_CONSOLES];
