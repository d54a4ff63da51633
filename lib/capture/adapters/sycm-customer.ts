/**
 * 生意参谋 客户 (客户概况 and the other /customer/ pages that show the same cards): metric cards
 * with their change vs the previous period (较前一日 / 较上周期 / 较前30天, signed or shown only
 * by an up/down arrow icon) and the 统计时间. One PlatformSnapshot per day seen, source
 * 'sycm-customer', with these metric keys (SPEC §2 leaves them to the adapter):
 *   visitors        访客数                 count
 *   payingBuyers    支付买家数             count
 *   newBuyers       支付新买家数 / 新买家数  count
 *   returningBuyers 支付老买家数 / 老买家数  count
 *   payConversion   支付转化率             fraction (3.25% → 0.0325)
 *   aovFen          客单价                 integer fen (¥86.42 → 8642)
 *   gmvFen          支付金额               integer fen (128,456.70 → 12845670; 1.2万 → 1200000)
 *   repurchaseRate  复购率 / 老买家复购率    fraction
 * each { value, change? } with change a fraction (12.34% with a down arrow → -0.1234; "-" → left out).
 * A card showing "-" leaves its metric out; all cards "-" (or none) stores nothing.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://sycm.taobao.com/customer/overview
 *   https://sycm.taobao.com/customer/overview?dateType=day&dateRange=2026-11-20%7C2026-11-20
 *   https://sycm.taobao.com/customer/analysis
 * (a moved path on sycm.taobao.com still works: the card titles confirm the page.)
 *
 * Fixture: tests/fixtures/pages/sycm-customer/ (Alibaba Fusion Next), values from a seeded PRNG.
 */
import type { CardField } from '../cards';
import { cardAdapter, readCardPage, type CardPage } from '../read-kit';
import type { ShopSpec } from '../shop';
import type { AdapterResult } from '../types';

export const ADAPTER_ID = 'sycm-customer';

export type SycmCustomerMetric =
  | 'visitors' | 'payingBuyers' | 'newBuyers' | 'returningBuyers' | 'payConversion' | 'aovFen' | 'gmvFen' | 'repurchaseRate';

/** Card titles as 生意参谋 prints them (and close variants). Money keys end in Fen. */
export const CARDS: Record<SycmCustomerMetric, CardField> = {
  visitors: { titles: ['访客数', '店铺访客数'], kind: 'count' },
  payingBuyers: { titles: ['支付买家数', '成交买家数', '支付人数', '成交人数'], kind: 'count' },
  newBuyers: { titles: ['支付新买家数', '新买家数', '新客数', '新成交客户数'], kind: 'count' },
  returningBuyers: { titles: ['支付老买家数', '老买家数', '老客数', '老成交客户数'], kind: 'count' },
  payConversion: { titles: ['支付转化率', '成交转化率'], kind: 'percent' },
  aovFen: { titles: ['客单价', '支付客单价'], kind: 'money' },
  gmvFen: { titles: ['支付金额', '成交金额', '支付金额(元)'], kind: 'money' },
  repurchaseRate: { titles: ['复购率', '老买家复购率', '回购率', '客户复购率'], kind: 'percent' },
};
/** Cards that identify a 客户 page (a 流量 page also shows 访客数 and 支付转化率). */
const CUSTOMER_CARDS: readonly SycmCustomerMetric[] = ['payingBuyers', 'newBuyers', 'returningBuyers', 'aovFen', 'repurchaseRate'];
const MIN_CUSTOMER_CARDS = 2;

export const SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/],
};

const PAGE: CardPage<SycmCustomerMetric> = {
  id: ADAPTER_ID,
  platform: 'taobao',
  shop: SHOP,
  cards: CARDS,
  missing: { zh: '客户指标卡', cards: CUSTOMER_CARDS },
};

/** Reads a 生意参谋 客户 page into one snapshot. Pure; never throws (see `read`). */
export function readSycmCustomer(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readCardPage(doc, capturedAt, PAGE);
}

export const sycmCustomer = cardAdapter(
  { id: ADAPTER_ID, platform: 'taobao', kind: 'snapshots', label: '生意参谋 客户概况', urls: [{ host: 'sycm.taobao.com', path: /^\/customer(?:\/|$)/ }] },
  PAGE,
  (cards) => cards.filter((c) => CUSTOMER_CARDS.includes(c.field)).length >= MIN_CUSTOMER_CARDS,
  readSycmCustomer,
);
