/**
 * 生意参谋 客户 (客户概况 and the other 客户 pages that show the same cards). One PlatformSnapshot
 * per day seen, source 'sycm-customer', each metric `{ value, change? }` with change the signed
 * fraction vs the previous period (较前一日 / 较上周期 / 较前30天, signed or shown only by an
 * up/down arrow icon; "-" → left out). A figure showing "-" is left out; no figure → nothing stored.
 * Metric keys (SPEC §2 leaves them to the adapter):
 *
 * 客户概况 as CONSOLES.md §9.2 evidences it: four card groups; the JSON index code in brackets.
 *   店铺客户       shopCustomers [shopCustomer]                      count
 *                  shopCustomersPeerTop [shopCustomerAvgGood]        count (同行同层优秀)
 *   客户新访       newVisitors [newVisitorCnt]                       count
 *                  newVisitorBuyers [newVisitorBuyCnt]               count (成交)
 *                  newVisitorNonBuyers [newVisitorInShopCnt]         count (未成交)
 *                  newVisitorPayConversion [newVisitorPayRate]       fraction (支付转化率 3.25% → 0.0325)
 *                  newVisitorAovFen [newVisitorPct]                  integer fen (客单价 ¥86.42 → 8642)
 *                  newVisitorsPeerTop [newVisitorCntAvgGood]         count (同行同层优秀)
 *   未购客户回访   unpurchasedReturning [noPurchaseCnt], unpurchasedReturningBuyers [noPurchaseBuyCnt],
 *                  unpurchasedReturningNonBuyers [noBuyInShopCnt], unpurchasedReturningPayConversion [noPurchasePayRate],
 *                  unpurchasedReturningAovFen [noPurchasePct], unpurchasedReturningPeerTop [noPurchaseCntAvgGood]
 *   已购客户回访   purchasedReturning [hasPurchaseCnt], purchasedReturningBuyers [hasPurchaseUbyCnt] (老客复购),
 *                  purchasedReturningNonBuyers [hasBuyInShopCnt], purchasedReturningPayConversion [hasPurchasePayRate],
 *                  purchasedReturningAovFen [hasPurchasePct], purchasedReturningPeerTop [hasPurchaseCntAvgGood]
 * newVisitors / unpurchasedReturning / purchasedReturning are named like the report's own tiers
 * (SPEC §4, §10 tier-*) so a view can put 生意参谋's figures beside the local ones.
 *
 * Older single-card layout (访客数, 支付买家数 …, one card per figure):
 *   visitors        访客数                 count
 *   payingBuyers    支付买家数             count
 *   newBuyers       支付新买家数 / 新买家数  count
 *   returningBuyers 支付老买家数 / 老买家数  count
 *   payConversion   支付转化率             fraction
 *   aovFen          客单价                 integer fen
 *   gmvFen          支付金额               integer fen (128,456.70 → 12845670; 1.2万 → 1200000)
 *   repurchaseRate  复购率 / 老买家复购率    fraction
 *
 * Read by structure: the groups are found by their titles (客户新访 …) and each figure by its title
 * within its group, whatever library draws them (antd / oui DT cards, Fusion Next cards).
 *
 * Observed JSON (SPEC §8): `GET /domain/oneQuery.json?domainCode=tao.shop.customer.overview&dateType=day
 * &dateRange=YYYY-MM-DD|YYYY-MM-DD&showType=overview&…` → `{ code: 0, message, data }` with
 * `data.<indexCode> = { value, cycleCrc }` ([K] shape; rates as fractions, 客单价 in yuan, cycleCrc a
 * fraction [inf]) → the same snapshot (window from `dateRange`, else `statDate` epoch ms). Index codes
 * no card shows are left out, so the DOM and the JSON agree. Ignored with a reason: another
 * domainCode, a trend series (showType=trend), an error code (10008 未登录, 10013 类目无权限 …), an
 * encrypted `data`, a non-JSON body.
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://sycm.taobao.com/cc/customer/overview
 *   https://sycm.taobao.com/cc/customer/overview?dateType=day&dateRange=2026-11-20%7C2026-11-20
 *   https://sycm.taobao.com/customer/overview
 *   https://sycm.taobao.com/customer/analysis
 * (a moved path on sycm.taobao.com still works: the card titles confirm the page.)
 *
 * Fixtures: tests/fixtures/pages/sycm-customer-antd/ (from the evidence: antd / oui shell, figures
 * from its own oneQuery.json XHR) and tests/fixtures/pages/sycm-customer/ (Fusion Next, older cards).
 */
import type { Shop } from '../../model';
import { dayOf, dayOfEpoch, isDay } from '../../model/time';
import { CARD_HEADERS, findCardGroups, findCards, noFigureProblem, readCardMetrics, readWindow, type CardField } from '../cards';
import { cardAdapter, readCardPage, rejectForNoShop, type CardPage } from '../read-kit';
import { readShopSourced, type ShopSpec } from '../shop';
import { emptyResult, type AdapterResult, type Endpoint, type PlatformSnapshotInput } from '../types';
import { sycmData } from './sycm-visitors';

export const ADAPTER_ID = 'sycm-customer';

export type SycmCustomerMetric =
  | 'visitors' | 'payingBuyers' | 'newBuyers' | 'returningBuyers' | 'payConversion' | 'aovFen' | 'gmvFen' | 'repurchaseRate';

/** Card titles of the single-card layout as 生意参谋 prints them (and close variants). Money keys end in Fen. */
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

// --- 客户概况 card groups ------------------------------------------------------------------

/** The four groups of 客户概况 (CONSOLES.md §9.2), by their titles. */
export type OverviewGroup = 'shopCustomers' | 'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning';
/** The figures of a group, by their titles within it. */
export type OverviewFigure = 'count' | 'buyers' | 'nonBuyers' | 'payConversion' | 'aovFen' | 'peerTop';

export const GROUPS: Record<OverviewGroup, readonly string[]> = {
  shopCustomers: ['店铺客户', '店铺整体'],
  newVisitors: ['客户新访', '新访客户'],
  unpurchasedReturning: ['未购客户回访', '未购回访'],
  purchasedReturning: ['已购客户回访', '已购回访'],
};
export const FIGURES: Record<OverviewFigure, CardField> = {
  count: { titles: ['客户数', '店铺客户数', '人数', '客户人数'], kind: 'count' },
  buyers: { titles: ['成交客户数', '成交', '成交人数', '新访成交', '回访成交', '老客复购'], kind: 'count' },
  nonBuyers: { titles: ['未成交客户数', '未成交', '未成交人数'], kind: 'count' },
  payConversion: { titles: ['支付转化率', '成交转化率'], kind: 'percent' },
  aovFen: { titles: ['客单价', '支付客单价'], kind: 'money' },
  peerTop: { titles: ['同行同层优秀', '同行同层优秀值', '同层优秀'], kind: 'count' },
};
/** Group stems of the index codes (newVisitorCnt …); 店铺客户 has only shopCustomer / shopCustomerAvgGood. */
export const INDEX_CODES: Record<OverviewGroup, Partial<Record<OverviewFigure, string>>> = {
  shopCustomers: { count: 'shopCustomer', peerTop: 'shopCustomerAvgGood' },
  newVisitors: { count: 'newVisitorCnt', buyers: 'newVisitorBuyCnt', nonBuyers: 'newVisitorInShopCnt', payConversion: 'newVisitorPayRate', aovFen: 'newVisitorPct', peerTop: 'newVisitorCntAvgGood' },
  unpurchasedReturning: { count: 'noPurchaseCnt', buyers: 'noPurchaseBuyCnt', nonBuyers: 'noBuyInShopCnt', payConversion: 'noPurchasePayRate', aovFen: 'noPurchasePct', peerTop: 'noPurchaseCntAvgGood' },
  purchasedReturning: { count: 'hasPurchaseCnt', buyers: 'hasPurchaseUbyCnt', nonBuyers: 'hasBuyInShopCnt', payConversion: 'hasPurchasePayRate', aovFen: 'hasPurchasePct', peerTop: 'hasPurchaseCntAvgGood' },
};
/** The singular stem the per-figure keys of a group use (newVisitorBuyers, not newVisitorsBuyers). */
const STEM: Record<OverviewGroup, string> = { shopCustomers: 'shopCustomers', newVisitors: 'newVisitor', unpurchasedReturning: 'unpurchasedReturning', purchasedReturning: 'purchasedReturning' };
const SUFFIX: Record<Exclude<OverviewFigure, 'count' | 'peerTop'>, string> = { buyers: 'Buyers', nonBuyers: 'NonBuyers', payConversion: 'PayConversion', aovFen: 'AovFen' };

/** The snapshot's key of a figure of a group (the table in the header comment). */
export function overviewKey(group: OverviewGroup, figure: OverviewFigure): string {
  if (figure === 'count') return group;
  if (figure === 'peerTop') return `${group}PeerTop`;
  return `${STEM[group]}${SUFFIX[figure]}`;
}

const MIN_GROUPS = 2;

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

/** Reads the card groups of 客户概况 into one snapshot (raw rows: group, figure, value, change). */
function readOverviewGroups(doc: Document, capturedAt: string, groups: ReturnType<typeof findCardGroups<OverviewGroup>>): AdapterResult {
  const out = emptyResult(ADAPTER_ID);
  out.headers = [...CARD_HEADERS];
  const shop = readShopSourced(doc, 'taobao', SHOP);
  out.shop = shop?.shop ?? null;
  if (shop) out.shopSource = shop.source;
  const metrics: PlatformSnapshotInput['metrics'] = {};
  for (const g of groups) {
    const found = findCards(g.el, FIGURES);
    const read = readCardMetrics(found, FIGURES, out.rawRows.length);
    out.rawRows.push(...read.rawRows.map((r) => [g.title, ...r.slice(1)]));
    out.rejected.push(...read.rejected);
    for (const [figure, m] of Object.entries(read.metrics) as [OverviewFigure, { value: number; change?: number }][]) metrics[overviewKey(g.group, figure)] = m;
  }
  if (Object.keys(metrics).length === 0) {
    out.problem = noFigureProblem(out.rejected);
    return out;
  }
  if (!out.shop) return rejectForNoShop(out);
  const window = readWindow(doc);
  out.snapshots.push({ shopId: out.shop.shopId, source: ADAPTER_ID, seenOn: dayOf(capturedAt), ...(window ? { window } : {}), metrics });
  out.rowOf.snapshots.push(0);
  return out;
}

/** Reads a 生意参谋 客户 page into one snapshot: the 客户概况 card groups when shown, else the single cards. Pure; never throws (see `read`). */
export function readSycmCustomer(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  const groups = findCardGroups(doc, GROUPS);
  if (groups.length > 0) return readOverviewGroups(doc, capturedAt, groups);
  return readCardPage(doc, capturedAt, PAGE);
}

// --- oneQuery.json --------------------------------------------------------------------------

export const OVERVIEW_DOMAIN = 'tao.shop.customer.overview';

/** Labels of the raw rows the JSON mapper keeps. */
const GROUP_TITLE: Record<OverviewGroup, string> = { shopCustomers: '店铺客户', newVisitors: '客户新访', unpurchasedReturning: '未购客户回访', purchasedReturning: '已购客户回访' };
const FIGURE_TITLE: Record<OverviewFigure, string> = { count: '客户数', buyers: '成交客户数', nonBuyers: '未成交客户数', payConversion: '支付转化率', aovFen: '客单价', peerTop: '同行同层优秀' };

/** A finite number from a JSON value (numbers, numeric strings), else null. */
function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The window a oneQuery request asked for (`dateRange=a|b`), else the `statDate` day, else none. */
function windowOf(requestUrl: string, statDate: unknown): { start: string; end: string } | undefined {
  try {
    const range = new URL(requestUrl, 'https://sycm.taobao.com').searchParams.get('dateRange');
    const [start, end] = (range ?? '').split('|');
    if (start && end && isDay(start) && isDay(end) && start <= end) return { start, end };
  } catch {
    /* a URL we cannot read: fall back to statDate */
  }
  const ms = num(statDate && typeof statDate === 'object' ? (statDate as { value?: unknown }).value : statDate);
  if (ms === null) return undefined;
  const day = dayOfEpoch(ms);
  return { start: day, end: day };
}

/** oneQuery.json of 客户概况 → the snapshot the DOM reading gives; other domainCodes and trend series are ignored. Pure; never throws. */
export function mapOverview(json: unknown, requestUrl: string, capturedAt: string, shop: Shop | null): AdapterResult | { ignored: string } {
  let params: URLSearchParams;
  try {
    params = new URL(requestUrl, 'https://sycm.taobao.com').searchParams;
  } catch {
    return { ignored: '无法读取请求地址 (unreadable request URL)' };
  }
  const domain = params.get('domainCode');
  if (domain !== OVERVIEW_DOMAIN) return { ignored: `不是客户概况数据 (domainCode ${domain ?? '-'}: not ${OVERVIEW_DOMAIN})` };
  const env = sycmData(json);
  if ('ignored' in env) return env;
  if (params.get('showType') === 'trend' || Array.isArray(env.data)) return { ignored: '趋势数据，未读取 (showType=trend: a series, not the day’s figures)' };
  if (typeof env.data !== 'object') return { ignored: '不是客户概况数据 (no index codes in data)' };
  const data = env.data as Record<string, unknown>;
  const out = emptyResult(ADAPTER_ID);
  out.headers = [...CARD_HEADERS];
  out.shop = shop;
  const metrics: PlatformSnapshotInput['metrics'] = {};
  for (const group of Object.keys(INDEX_CODES) as OverviewGroup[]) {
    for (const [figure, code] of Object.entries(INDEX_CODES[group]) as [OverviewFigure, string][]) {
      const cell = data[code];
      if (cell === undefined) continue;
      const row = out.rawRows.length;
      const o = cell && typeof cell === 'object' ? (cell as { value?: unknown; cycleCrc?: unknown }) : { value: cell };
      out.rawRows.push([GROUP_TITLE[group], FIGURE_TITLE[figure], o.value === null || o.value === undefined ? '-' : String(o.value), o.cycleCrc === null || o.cycleCrc === undefined ? '' : String(o.cycleCrc), code]);
      if (o.value === null || o.value === undefined || o.value === '' || o.value === '-') continue; // no figure for this period
      const v = num(o.value);
      if (v === null) {
        out.rejected.push({ row, reason: `${GROUP_TITLE[group]} ${FIGURE_TITLE[figure]}: unreadable value ${JSON.stringify(o.value)}` });
        continue;
      }
      // 客单价 arrives in yuan: integer fen, rounded once.
      const value = figure === 'aovFen' ? Math.round(v * 100) : v;
      const change = num(o.cycleCrc);
      metrics[overviewKey(group, figure)] = { value, ...(change === null ? {} : { change }) };
    }
  }
  if (Object.keys(metrics).length === 0) {
    out.problem = noFigureProblem(out.rejected);
    return out;
  }
  if (!shop) return rejectForNoShop(out);
  const window = windowOf(requestUrl, data.statDate);
  out.snapshots.push({ shopId: shop.shopId, source: ADAPTER_ID, seenOn: dayOf(capturedAt), ...(window ? { window } : {}), metrics });
  out.rowOf.snapshots.push(0);
  return out;
}

/** The page's own JSON endpoint (SPEC §8): 客户概况's oneQuery.json (other domainCodes are ignored by the mapper). */
export const ONE_QUERY_ENDPOINT: Endpoint = {
  id: 'sycm-oneQuery-customer-overview',
  host: 'sycm.taobao.com',
  path: /^\/domain\/oneQuery\.json$/,
  map: (json, res, ctx) => {
    try {
      return mapOverview(json, res.url, ctx.capturedAt, ctx.shop);
    } catch (e) {
      return { ignored: `映射出错 (mapper error: ${e instanceof Error ? e.message : String(e)})` };
    }
  },
};

export const sycmCustomer = {
  ...cardAdapter(
    {
      id: ADAPTER_ID,
      platform: 'taobao',
      kind: 'snapshots',
      label: '生意参谋 客户概况',
      urls: [
        { host: 'sycm.taobao.com', path: /^\/cc\/customer(?:\/|$)/ },
        { host: 'sycm.taobao.com', path: /^\/customer(?:\/|$)/ },
      ],
    },
    PAGE,
    (cards) => cards.filter((c) => CUSTOMER_CARDS.includes(c.field)).length >= MIN_CUSTOMER_CARDS,
    readSycmCustomer,
  ),
  // 客户概况's groups confirm the page too (their figures' titles repeat from group to group).
  confirm: (doc: Document) =>
    findCardGroups(doc, GROUPS).length >= MIN_GROUPS || findCards(doc, CARDS).filter((c) => CUSTOMER_CARDS.includes(c.field)).length >= MIN_CUSTOMER_CARDS,
  endpoints: [ONE_QUERY_ENDPOINT],
};
