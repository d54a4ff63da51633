/**
 * The reading skeleton every console adapter shares, so an adapter file is mostly data (headers,
 * shop selectors, card titles) plus the little code its page needs:
 *   shop identity → find the table (or cards) → raw rows → records, or a reason per row / a problem for the page.
 * Table pages start with `openTablePage`; card pages are read whole by `readCardPage`; either kind
 * becomes an Adapter through `tableAdapter` / `cardAdapter` (which also keep an adapter bug from losing the page).
 */
import type { CustomerInput, Platform } from '../model';
import type { Parsed } from '../model/parse';
import { dayOf } from '../model/time';
import { CARD_HEADERS, findCards, noFigureProblem, readCardMetrics, readWindow, type CardField, type CardText } from './cards';
import { findTable, type Synonyms } from './columns';
import { readShopSourced, withKnownShop, type ShopSpec } from './shop';
import type { ReadTable } from './table';
import { emptyResult, type Adapter, type AdapterResult, type PlatformSnapshotInput } from './types';

/** Where most consoles show the shop (class names with shop-name / shop-id, 店铺ID：…). */
export const CONSOLE_SHOP: ShopSpec = {
  nameSelectors: ['.shop-name', '[class*="shopName"]', '[class*="shop-name"]', '[class*="ShopName"]', '[class*="shop-title"]'],
  idSelectors: ['.shop-id', '[class*="shopId"]', '[class*="shop-id"]', 'header'],
  idPatterns: [/店铺ID\s*[：:]\s*(\d{4,})/, /店铺编号\s*[：:]\s*(\d{4,})/],
};

/** The page's problem when no shop identity is on it. */
export const NO_SHOP_PROBLEM = '店铺信息无法识别 (no shop name or 店铺ID on the page)';

/** Marks the page unreadable for want of a shop identity: every raw row is kept, rejected with that reason. */
export function rejectForNoShop(out: AdapterResult): AdapterResult {
  out.problem = NO_SHOP_PROBLEM;
  out.needsShop = true;
  out.rejected = out.rawRows.map((_, row) => ({ row, reason: 'no shop identity on the page' }));
  return out;
}

/** A row that cannot be read: thrown inside a row reader, recorded as that row's rejection. */
export class RowError extends Error {}

/** The value of a parse (null → undefined), or a RowError naming the field (`what`) and why. */
export function need<T>(r: Parsed<T | null>, what: string): T | undefined {
  if (!r.ok) throw new RowError(`${what}: ${r.reason}`);
  return r.value ?? undefined;
}

/** A cell reader for one row: the text under a field's column, "" where the table has no such column. */
export function cellsOf<F extends string>(cols: Partial<Record<F, number>>, cells: readonly string[]): (f: F) => string {
  return (f) => (cols[f] !== undefined ? cells[cols[f]!] ?? '' : '');
}

/** Adds each customer once (the first row that shows them), with the row it was read from. */
export function customerOnce(out: AdapterResult): (customer: CustomerInput, row: number) => void {
  const seen = new Set<string>();
  return (customer, row) => {
    if (seen.has(customer.customerKey)) return;
    seen.add(customer.customerKey);
    out.customers.push(customer);
    out.rowOf.customers.push(row);
  };
}

/** What an adapter is, but for what the kit fills in (confirm, findTable, read). */
export type AdapterInfo = Pick<Adapter, 'id' | 'platform' | 'kind' | 'label' | 'urls'>;
type Reader = Adapter['read'];

/**
 * The reader, made safe: a bug must not lose the page, so it becomes the page's problem and nothing
 * half-read is kept. The known shop (opts.knownShop) is in scope for every shop reading inside.
 */
export function guardedRead(id: string, read: Reader): Reader {
  return (doc, url, capturedAt, opts) => {
    try {
      return withKnownShop(opts?.knownShop ?? null, () => read(doc, url, capturedAt, opts));
    } catch (e) {
      return { ...emptyResult(id), problem: `adapter error: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
}

/** A console page that shows one table: which, and where the shop is. */
export interface TablePage<F extends string> {
  id: string;
  platform: Platform;
  shop: ShopSpec;
  columns: Synonyms<F>;
  /** Columns that must be there for the table to be this page's. */
  required: readonly F[];
  /** What the table is called, for the problem when it is missing: zh-CN and English. */
  table: { zh: string; en: string };
}

/** The page's table opened: its rows and column map, and the shop they belong to. */
export interface OpenTable<F extends string> {
  table: ReadTable;
  cols: Partial<Record<F, number>>;
  shopId: string;
}

/**
 * Reads the shop, finds the table and lays its raw rows (headers, rawRows) into a fresh result.
 * `open` is null when the page cannot be read (no table, or rows but no shop): `out` then says why.
 */
export function openTablePage<F extends string>(doc: Document, page: TablePage<F>): { out: AdapterResult; open: OpenTable<F> | null } {
  const out = emptyResult(page.id);
  const shop = readShopSourced(doc, page.platform, page.shop);
  out.shop = shop?.shop ?? null;
  if (shop) out.shopSource = shop.source;
  const found = findTable(doc, page.columns, page.required);
  if (!found) {
    const needs = page.required.map((f) => page.columns[f][0]).join(' / ');
    out.problem = `没有找到${page.table.zh} (no ${page.table.en}: needs columns ${needs})`;
    return { out, open: null };
  }
  out.headers = found.table.headers;
  out.rawRows = found.table.rows.map((r) => r.cells);
  if (!out.shop) return { out: rejectForNoShop(out), open: null };
  return { out, open: { ...found, shopId: out.shop.shopId } };
}

/** The Adapter of a table page: its headers confirm it, its table is what the pager walks. */
export function tableAdapter<F extends string>(info: AdapterInfo, page: TablePage<F>, read: Reader): Adapter {
  return {
    ...info,
    confirm: (doc) => findTable(doc, page.columns, page.required) !== null,
    findTable: (doc) => findTable(doc, page.columns, page.required)?.table.el ?? null,
    read: guardedRead(info.id, read),
  };
}

/** A console page of metric cards: which, and where the shop is. */
export interface CardPage<K extends string> {
  id: string;
  platform: Platform;
  shop: ShopSpec;
  cards: Record<K, CardField>;
  /** What the cards are called (zh-CN) and which titles to name when none is found. */
  missing: { zh: string; cards: readonly K[] };
  /** More of the page read after the cards (rows appended to out.rawRows, metrics added). */
  more?: (doc: Document, out: AdapterResult, metrics: PlatformSnapshotInput['metrics']) => void;
}

/**
 * Reads a card page into one PlatformSnapshot for the day seen: each card a raw row and a metric;
 * no cards, no readable figure or no shop → a problem and no snapshot.
 */
export function readCardPage<K extends string>(doc: Document, capturedAt: string, page: CardPage<K>): AdapterResult {
  const out = emptyResult(page.id);
  out.headers = [...CARD_HEADERS];
  const shop = readShopSourced(doc, page.platform, page.shop);
  out.shop = shop?.shop ?? null;
  if (shop) out.shopSource = shop.source;
  const cards = findCards(doc, page.cards);
  if (cards.length === 0) {
    out.problem = `没有找到${page.missing.zh} (no metric cards: ${page.missing.cards.map((k) => page.cards[k].titles[0]).join(' / ')})`;
    return out;
  }
  const read = readCardMetrics(cards, page.cards);
  out.rawRows.push(...read.rawRows);
  out.rejected.push(...read.rejected);
  // Every key of K is a metric key; the spread only loses that K is a string.
  const metrics: PlatformSnapshotInput['metrics'] = { ...(read.metrics as PlatformSnapshotInput['metrics']) };
  const cardMetrics = Object.keys(metrics).length;
  page.more?.(doc, out, metrics);
  if (cardMetrics === 0) {
    out.problem = noFigureProblem(out.rejected);
    return out;
  }
  if (!out.shop) return rejectForNoShop(out);
  const window = readWindow(doc);
  out.snapshots.push({
    shopId: out.shop.shopId,
    source: page.id,
    seenOn: dayOf(capturedAt),
    ...(window ? { window } : {}),
    metrics,
  });
  out.rowOf.snapshots.push(0);
  out.rejected.sort((a, b) => a.row - b.row);
  return out;
}

/** The Adapter of a card page: `confirm` says which cards make it this page; no pager (the page is read once). */
export function cardAdapter<K extends string>(info: AdapterInfo, page: CardPage<K>, confirm: (found: { field: K; card: CardText }[]) => boolean, read: Reader): Adapter {
  return {
    ...info,
    confirm: (doc) => confirm(findCards(doc, page.cards)),
    findTable: () => null,
    read: guardedRead(info.id, read),
  };
}
