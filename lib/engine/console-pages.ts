/**
 * The six console pages the extension reads (SPEC §8 "Known pages"), by their adapter id, with
 * the address a merchant opens to capture there (each matched by its adapter's URL rules; a unit
 * test checks that against lib/capture). Names are catalogue keys `completeness_page_<id>`.
 */
import type { Platform } from '../model';

export const CONSOLE_PAGES = [
  { id: 'douyin-orders', platform: 'douyin', url: 'https://fxg.jinritemai.com/ffa/morder/order/list' },
  { id: 'compass-user-asset', platform: 'douyin', url: 'https://compass.jinritemai.com/shop/chance/user-asset' },
  { id: 'qianniu-sold', platform: 'taobao', url: 'https://myseller.taobao.com/home.htm/trade-platform/tp/sold' },
  { id: 'sycm-visitors', platform: 'taobao', url: 'https://sycm.taobao.com/flow/monitor/visitor' },
  { id: 'sycm-customer', platform: 'taobao', url: 'https://sycm.taobao.com/cc/customer/overview' },
  { id: 'crm-customers', platform: 'taobao', url: 'https://crm.taobao.com/customer/list' },
] as const satisfies readonly { id: string; platform: Platform; url: string }[];

export type ConsolePageId = (typeof CONSOLE_PAGES)[number]['id'];
