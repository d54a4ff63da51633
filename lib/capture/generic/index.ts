/**
 * The generic adapter (SPEC §8): any data table on any page no specific adapter claims. Raw rows
 * are always kept (the Capture); typed records are made only when the column mapping is confident
 * or the merchant confirmed it in the column-mapping dialog (remembered per URL pattern).
 */
import type { Platform, Shop } from '../../model';
import { derivedShopId } from '../../model/keys';
import { readShop, type ShopSpec } from '../shop';
import type { ReadTable } from '../table';
import { emptyResult, type AdapterResult } from '../types';
import { decideKind, inferMapping, isConfident, needsReview, type ColumnMapping, type SavedMapping, type TableKind } from './mapping';
import { readRecords } from './records';
import { findDataTables, tableSignature } from './tables';

export { GENERIC_FIELDS, FIELD_LABELS, type ColumnChoice } from './fields';
export { inferMapping, decideKind, isConfident, CONFIDENT, type ColumnMapping, type SavedMapping, type TableKind } from './mapping';
export { findDataTables, tableSignature } from './tables';
export { urlPattern } from './url-pattern';

export const GENERIC_ADAPTER_ID = 'generic';

/** What the merchant told us about pages of one URL pattern (stored in chrome.storage.local). */
export interface GenericPrefs {
  /** Header key → field or 忽略, for every table of the pattern. */
  mapping: SavedMapping;
  /** Signature of the one table to capture (pick mode); absent = every data table. */
  pickedTable?: string;
}

export interface GenericTableRead {
  table: ReadTable;
  signature: string;
  mapping: ColumnMapping[];
  kind: TableKind;
  /** True when typed records were made (confident or confirmed mapping). */
  confident: boolean;
  /** Columns the merchant should look at. */
  review: ColumnMapping[];
  result: AdapterResult;
}

const SHOP_SPEC: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]', '[class*="store-name"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', '[class*="shop-info"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/, /商家ID\s*[：:]\s*(\d{4,})/],
};

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The console platform of a host, or null for any other site. */
export function platformOfHost(host: string): Platform | null {
  if (/(^|\.)jinritemai\.com$/.test(host)) return 'douyin';
  if (/(^|\.)(taobao|tmall)\.com$/.test(host)) return 'taobao';
  return null;
}

/**
 * The shop the page's rows belong to. On a console domain: the shop shown in the header, else
 * one derived from the host. On any other site (an ERP, a spreadsheet view): one shop per site,
 * named after its host, its platform guessed from the page's words (抖音/抖店 → douyin, else taobao
 * for 淘宝/天猫/千牛, else douyin) since the data model knows only those two platforms.
 */
export function genericShop(doc: Document, url: string): Shop {
  const host = hostOf(url) || 'local';
  const consolePlatform = platformOfHost(host);
  if (consolePlatform) return readShop(doc, consolePlatform, SHOP_SPEC) ?? { shopId: derivedShopId(consolePlatform, host), platform: consolePlatform, name: host };
  const words = `${doc.title} ${(doc.body?.textContent ?? '').slice(0, 5000)}`;
  const platform: Platform = /抖音|抖店|巨量/.test(words) ? 'douyin' : /淘宝|天猫|千牛/.test(words) ? 'taobao' : 'douyin';
  return { shopId: derivedShopId(platform, `site:${host}`), platform, name: host };
}

/** Reads one table: mapping (saved choices first), kind, and the AdapterResult (raw rows always, records when confident). */
export function readGenericTable(table: ReadTable, shop: Shop, capturedAt: string, saved: SavedMapping = {}): GenericTableRead {
  const rawRows = table.rows.map((r) => r.cells);
  const mapping = inferMapping(table.headers, rawRows, saved);
  const kind = decideKind(mapping);
  const confident = isConfident(mapping, kind);
  const result = emptyResult(GENERIC_ADAPTER_ID);
  result.shop = shop;
  result.headers = table.headers;
  result.rawRows = rawRows;
  if (confident) readRecords(result, table, mapping, kind, shop, capturedAt);
  result.rejected.sort((a, b) => a.row - b.row);
  return { table, signature: tableSignature(table), mapping, kind, confident, review: needsReview(mapping), result };
}

/** Every data table of the page (or only the picked one), each read as its own capture. Pure; never throws. */
export function readGenericPage(doc: Document, url: string, capturedAt: string, prefs: GenericPrefs = { mapping: {} }): GenericTableRead[] {
  const shop = genericShop(doc, url);
  let tables = findDataTables(doc);
  if (prefs.pickedTable) {
    const picked = tables.filter((t) => tableSignature(t) === prefs.pickedTable);
    if (picked.length > 0) tables = picked;
  }
  const out: GenericTableRead[] = [];
  for (const t of tables) {
    try {
      out.push(readGenericTable(t, shop, capturedAt, prefs.mapping));
    } catch (e) {
      // A bug must not lose the rows: keep them raw, say why there are no records.
      const result = { ...emptyResult(GENERIC_ADAPTER_ID), shop, headers: t.headers, rawRows: t.rows.map((r) => r.cells) };
      result.rejected = result.rawRows.map((_, row) => ({ row, reason: `generic adapter error: ${e instanceof Error ? e.message : String(e)}` }));
      out.push({ table: t, signature: tableSignature(t), mapping: [], kind: 'rows', confident: false, review: [], result });
    }
  }
  return out;
}
