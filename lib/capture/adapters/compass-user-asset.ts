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
 * Test URLs (the real console pages this adapter serves):
 *   https://compass.jinritemai.com/shop/chance/user-asset
 *   https://compass.jinritemai.com/shop/chance/user-asset?date_type=30
 *   https://compass.jinritemai.com/talent/chance/user-asset
 * (a moved path on compass.jinritemai.com still works: the card titles confirm the page.)
 *
 * Fixture: tests/fixtures/pages/compass-user-asset/ (Arco Design), values from a seeded PRNG.
 */
import type { CardField } from '../cards';
import { mapColumns, readLabeled, type Synonyms } from '../columns';
import { collapseWhitespace, isEmptyMark, parsePercent } from '../normalize';
import { cardAdapter, readCardPage, type CardPage } from '../read-kit';
import type { ShopSpec } from '../shop';
import { readTables } from '../table';
import type { AdapterResult, PlatformSnapshotInput } from '../types';

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

export const compassUserAsset = cardAdapter(
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
);
