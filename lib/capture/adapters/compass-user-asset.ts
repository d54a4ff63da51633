/**
 * 抖音电商罗盘 人群 → 用户资产 (shop and 达人 versions): metric cards 高潜用户 / 成交用户 /
 * 首单用户 / 复购用户 with their change vs the previous period (较前30天 +12.5%), the 统计时间
 * window, and the 用户偏好 lists (商品偏好, 内容偏好). One PlatformSnapshot per day seen (SPEC §2):
 *   metrics.highPotential / purchasers / firstOrder / repeat = { value (12.3万 → 123000), change (+12.5% → 0.125; "--" → left out) }
 * Preference lists are kept as raw rows and also as extra metrics, so their history outlives
 * the console's window: `preferProduct:<商品名称>` and `preferContent:<内容>` = { value: 用户占比
 * as a fraction } (their key prefix keeps them apart from the four SPEC keys; no change, the
 * lists show none). A card showing "-" leaves its metric out; all cards "-" (or none) stores nothing.
 *
 * A count shown only as a range (1万-2.5万) is kept as { low, high } with no value (SPEC §2).
 *
 * Observed JSON (SPEC §8): the page's `/compass_api/…` answer. The evidence on 用户资产 is thin
 * (CONSOLES.md §9.1: no public code touches it), so the endpoint path and field names mapped here
 * are those of the fixture — FICTIONAL, following only the envelope style of other 罗盘 pages
 * (`st`, `data.module_data.<module>`, `compass_general_table_value.data[]`, `index_values` bounds):
 * `data.module_data.user_asset_overview.index_list[]` {index_name, value.value, index_values
 * {lower, upper}, change_value.value} and the 用户偏好 lists `prefer_product` / `prefer_content`.
 * Its figures are exact (182468, 0.0318) where the DOM abbreviates (18.25万, +3.2%).
 *
 * Test URLs (the real console pages this adapter serves):
 *   https://compass.jinritemai.com/shop/chance/user-asset
 *   https://compass.jinritemai.com/shop/chance/user-asset?date_type=30
 *   https://compass.jinritemai.com/talent/chance/user-asset
 *   https://compass.jinritemai.com/talent/crowd/user-asset
 * (a moved path on compass.jinritemai.com still works: the card titles confirm the page.)
 *
 * Fixtures: tests/fixtures/pages/compass-user-asset-aurora/ (antd `aurora` tables, hashed cards,
 * figures over its own fetch; the evidence-built page) and tests/fixtures/pages/compass-user-asset/
 * (Arco Statistics, the "other library" twin).
 */
import { CARD_HEADERS, type CardField } from '../cards';
import { mapColumns, readLabeled, type Synonyms } from '../columns';
import { collapseWhitespace, isEmptyMark, parsePercent } from '../normalize';
import { cardAdapter, readCardPage, rejectForNoShop, type CardPage } from '../read-kit';
import type { ShopSpec } from '../shop';
import { readTables } from '../table';
import { dayOf, isDay } from '../../model/time';
import { ownValue } from '../../model/own';
import { emptyResult, type Adapter, type AdapterResult, type Endpoint, type ObserveContext, type PlatformSnapshotInput } from '../types';

export const ADAPTER_ID = 'compass-user-asset';

export type CompassMetric = 'highPotential' | 'purchasers' | 'firstOrder' | 'repeat';

/** Card titles as 罗盘 prints them (and close variants). */
export const CARDS: Record<CompassMetric, CardField> = {
  highPotential: { titles: ['高潜用户', '高潜用户数', '高潜人群'], kind: 'count' },
  purchasers: { titles: ['成交用户', '成交用户数', '购买用户', '购买用户数'], kind: 'count' },
  firstOrder: { titles: ['首单用户', '首单用户数', '首购用户', '首购用户数'], kind: 'count' },
  repeat: { titles: ['复购用户', '复购用户数', '复购人群'], kind: 'count' },
};
/** At least this many of the four cards must be on the page to call it 用户资产. */
const MIN_CARDS = 2;

type PrefField = 'product' | 'content' | 'share' | 'users' | 'rank';
/** Headers of the 用户偏好 tables: 商品偏好 (商品名称 + 用户占比), 内容偏好 (内容 + 用户占比). */
export const PREFERENCE_COLUMNS: Synonyms<PrefField> = {
  product: ['商品名称', '商品信息', '商品'],
  content: ['内容类型', '内容偏好', '兴趣内容', '内容类目', '内容'],
  share: ['用户占比', '人数占比', '成交用户占比', '占比', 'TGI占比'],
  users: ['成交用户数', '用户数', '人数'],
  rank: ['排名', '序号'],
};

export const SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '.account-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="accountName"]'],
  idSelectors: ['.shop-id', '.account-id', '[class*="shopId"]', '[class*="shop-id"]', '[class*="account"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/, /达人UID\s*[：:]\s*(\d{4,})/, /达人ID\s*[：:]\s*(\d{4,})/],
};

const PAGE: CardPage<CompassMetric> = {
  id: ADAPTER_ID,
  platform: 'douyin',
  shop: SHOP,
  cards: CARDS,
  missing: { zh: '用户资产指标卡', cards: Object.keys(CARDS) as CompassMetric[] },
  more: readPreferences,
};

/** Reads the 用户资产 page into one snapshot (cards, then the 用户偏好 lists). Pure; never throws (see `read`). */
export function readCompassUserAsset(doc: Document, url: string, capturedAt: string): AdapterResult {
  void url;
  return readCardPage(doc, capturedAt, PAGE);
}

/** The 用户偏好 tables: each row into rawRows, each readable share into `prefer…:<name>` metrics. */
function readPreferences(doc: Document, out: AdapterResult, metrics: PlatformSnapshotInput['metrics']): void {
  for (const table of readTables(doc)) {
    const cols = mapColumns(table.headers, PREFERENCE_COLUMNS);
    const nameCol = cols.product ?? cols.content;
    if (nameCol === undefined || cols.share === undefined) continue;
    const isProduct = cols.product !== undefined;
    const section = isProduct ? '商品偏好' : '内容偏好';
    const prefix = isProduct ? 'preferProduct:' : 'preferContent:';
    for (const r of table.rows) {
      const row = out.rawRows.length;
      const nameText = r.cells[nameCol] ?? '';
      // A product cell may also show 商品ID：…; the name is what comes before it.
      const name = collapseWhitespace(isProduct ? readLabeled(nameText, { id: ['商品ID', '商品编号'] }).lead : nameText);
      const shareText = r.cells[cols.share] ?? '';
      const detail = table.headers
        .map((h, i) => (i === nameCol || i === cols.share || !r.cells[i] ? '' : `${collapseWhitespace(h)}：${r.cells[i]}`))
        .filter(Boolean)
        .join(' · ');
      out.rawRows.push([section, name, shareText, '', detail]);
      if (isEmptyMark(name)) {
        out.rejected.push({ row, reason: `${section}: missing name` });
        continue;
      }
      const share = parsePercent(shareText);
      if (!share.ok) {
        out.rejected.push({ row, reason: `${section} ${name}: ${share.reason}` });
        continue;
      }
      if (share.value === null) continue;
      const key = `${prefix}${name}`;
      if (metrics[key]) {
        out.rejected.push({ row, reason: `${section} ${name} shown twice` });
        continue;
      }
      metrics[key] = { value: share.value };
    }
  }
}

// --- observed JSON: /compass_api/… (FICTIONAL field names, see the file comment) -----------------

/** The overview's index names → metric keys. */
export const INDEX_KEYS: Record<string, CompassMetric> = {
  high_potential_user_cnt: 'highPotential',
  pay_user_cnt: 'purchasers',
  first_pay_user_cnt: 'firstOrder',
  repurchase_user_cnt: 'repeat',
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const cellValue = (x: unknown): unknown => (isRecord(x) ? x.value : undefined);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Maps one observed 用户资产 answer to the snapshot a DOM reading gives, with exact figures. Pure; never throws. */
export function mapUserAsset(json: unknown, _res: unknown, ctx: ObserveContext): AdapterResult | { ignored: string } {
  if (!isRecord(json)) return { ignored: '不是用户资产数据 (not a 用户资产 answer: the body is not a JSON object)' };
  const code = json.st ?? json.code ?? json.status_code;
  const msg = typeof json.msg === 'string' ? json.msg : typeof json.message === 'string' ? json.message : '';
  if (code === 10008 || /未登录/.test(msg)) return { ignored: '未登录 (logged out: code 10008)' };
  if (code !== 0) return { ignored: `接口返回错误 (compass_api answered ${code === undefined ? 'no code' : `code ${String(code)}`}${msg ? `: ${msg}` : ''})` };
  const data = isRecord(json.data) ? json.data : null;
  const modules = data && isRecord(data.module_data) ? data.module_data : null;
  const overview = modules && isRecord(modules.user_asset_overview) ? modules.user_asset_overview : null;
  if (!overview || !Array.isArray(overview.index_list)) return { ignored: '不是用户资产数据 (not a 用户资产 answer: no user_asset_overview index list)' };

  const out = emptyResult(ADAPTER_ID);
  out.headers = [...CARD_HEADERS];
  out.shop = ctx.shop;
  const metrics: PlatformSnapshotInput['metrics'] = {};
  for (const x of overview.index_list) {
    const row = out.rawRows.length;
    const name = isRecord(x) && typeof x.index_name === 'string' ? x.index_name : '';
    const key = ownValue(INDEX_KEYS, name);
    const title = key ? CARDS[key].titles[0]! : name;
    const value = isRecord(x) ? cellValue(x.value) : undefined;
    const bounds = isRecord(x) && isRecord(x.index_values) ? x.index_values : null;
    const change = isRecord(x) ? cellValue(x.change_value) : undefined;
    out.rawRows.push(['指标卡', title, finite(value) ? String(value) : bounds ? `${String(bounds.lower)}-${String(bounds.upper)}` : '', finite(change) ? String(change) : '', '']);
    if (!key) continue; // another index of the module: kept as a raw row only
    const changePart = finite(change) ? { change } : {};
    if (finite(value)) metrics[key] = { value, ...changePart };
    else if (bounds && finite(bounds.lower) && finite(bounds.upper) && bounds.lower <= bounds.upper) metrics[key] = { low: bounds.lower, high: bounds.upper, ...changePart };
    else if (value !== undefined && value !== null) out.rejected.push({ row, reason: `${title}: unreadable figure ${JSON.stringify(value)}` });
  }
  const cardMetrics = Object.keys(metrics).length;
  for (const [module, section, prefix, nameField] of [
    ['prefer_product', '商品偏好', 'preferProduct:', 'product_name'],
    ['prefer_content', '内容偏好', 'preferContent:', 'content_type'],
  ] as const) {
    const m = modules?.[module];
    const table = isRecord(m) && isRecord(m.compass_general_table_value) ? m.compass_general_table_value.data : undefined;
    if (!Array.isArray(table)) continue;
    for (const r of table) {
      const row = out.rawRows.length;
      const name = isRecord(r) ? collapseWhitespace(String(cellValue(r[nameField]) ?? '')) : '';
      const share = isRecord(r) ? cellValue(r.user_ratio) : undefined;
      out.rawRows.push([section, name, finite(share) ? String(share) : '', '', '']);
      if (isEmptyMark(name)) out.rejected.push({ row, reason: `${section}: missing name` });
      else if (!finite(share)) out.rejected.push({ row, reason: `${section} ${name}: no user_ratio` });
      else if (metrics[`${prefix}${name}`]) out.rejected.push({ row, reason: `${section} ${name} shown twice` });
      else metrics[`${prefix}${name}`] = { value: share };
    }
  }
  if (cardMetrics === 0) return { ignored: '用户资产数据没有指标 (the answer holds no tier figure)' };
  if (!out.shop) return rejectForNoShop(out);
  const range = isRecord(data?.date_range) ? data.date_range : null;
  const window = range && typeof range.start_date === 'string' && typeof range.end_date === 'string' && isDay(range.start_date) && isDay(range.end_date) && range.start_date <= range.end_date ? { start: range.start_date, end: range.end_date } : null;
  out.snapshots.push({ shopId: out.shop.shopId, source: ADAPTER_ID, seenOn: dayOf(ctx.capturedAt), ...(window ? { window } : {}), metrics });
  out.rowOf.snapshots.push(0);
  return out;
}

/** The page's own endpoints this adapter maps (罗盘 answers under /compass_api/; the 用户资产 path itself is unverified). */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    id: 'compass-user-asset',
    host: 'compass.jinritemai.com',
    path: /^\/compass_api\/(?:[\w-]+\/)*user_asset\//,
    map: (json, res, ctx) => {
      try {
        return mapUserAsset(json, res, ctx);
      } catch (e) {
        return { ignored: `映射出错 (mapper error: ${e instanceof Error ? e.message : String(e)})` };
      }
    },
  },
];

export const compassUserAsset: Adapter = {
  ...cardAdapter(
    {
      id: ADAPTER_ID,
      platform: 'douyin',
      kind: 'snapshots',
      label: '罗盘 用户资产',
      urls: [{ host: 'compass.jinritemai.com', path: /^\/(?:shop|talent)\/(?:[\w-]+\/)*user-asset(?:\/|$)/ }],
    },
    PAGE,
    (cards) => cards.length >= MIN_CARDS,
    readCompassUserAsset,
  ),
  endpoints: ENDPOINTS,
};
