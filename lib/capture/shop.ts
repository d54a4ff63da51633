/**
 * Reading the shop's identity from a console page (SPEC §2 Shop, §8 "never guessed wrong"):
 * only from the page's own chrome — 抖店's `.headerShopName`, the header / nav / side-menu regions,
 * a 店铺ID there, an explicit 店铺：… in the title — never from a regex over the whole body or the
 * first shop-name-like element anywhere (a buyer remark reading 店铺ID：… inside the table must not
 * set the shop). When nothing is found the overlay asks the merchant (components/overlay).
 */
import type { Platform, Shop } from '../model';
import { derivedShopId } from '../model/keys';
import { cellText } from './table/text';

/** Where a console shows the shop: selectors for its name, patterns for its id. */
export interface ShopSpec {
  nameSelectors: readonly string[];
  /** Each pattern's first group is the id, matched against the text of `idSelectors` hits inside the page chrome. */
  idPatterns: readonly RegExp[];
  idSelectors: readonly string[];
}

/** Which signal named the shop (diagnostics show this, never the name). */
export type ShopSource = 'header-name' | 'console-id' | 'title' | 'observed' | 'answer';

/** Names specific enough to trust wherever they sit outside the data (抖店's header shop name). */
const STRONG_NAME = ['.headerShopName', '[class*="headerShopName"]', '[class*="HeaderShopName"]'];

/** The page chrome: header, nav and side-menu regions (the data table is never one). */
const REGIONS = [
  'header',
  '[role="banner"]',
  'nav',
  '[role="navigation"]',
  'aside',
  '[class*="header"]',
  '[class*="Header"]',
  '[class*="navbar"]',
  '[class*="NavBar"]',
  '[class*="topbar"]',
  '[class*="top-bar"]',
  '[class*="TopBar"]',
  '[class*="sider"]',
  '[class*="Sider"]',
  '[class*="sidebar"]',
].join(',');

/** Anything that holds rows of data: a shop word inside it is the data's, not the page's. */
const DATA = 'table, [role="table"], [role="grid"], [role="treegrid"], [role="row"], [role="rowgroup"], tr, td, th';

/** Title forms that name the shop explicitly (店铺：X, X的店铺 are not guessed from a bare title). */
const TITLE_PATTERNS = [/店铺(?:名称)?\s*[：:]\s*([^|\-–—_·]+?)\s*(?:[|\-–—_·]|$)/];

function inData(el: Element): boolean {
  return el.closest(DATA) !== null;
}

/** The chrome regions of the page: outermost first, none inside or around data. */
export function shopRegions(doc: Document): Element[] {
  const all = Array.from(doc.querySelectorAll(REGIONS)).filter((el) => !inData(el) && el.querySelector(DATA) === null);
  return all.filter((el) => !all.some((o) => o !== el && o.contains(el)));
}

/** The first non-empty text of `selectors` inside `roots` (outside data), selectors in order. */
function firstText(roots: readonly ParentNode[], selectors: readonly string[]): string {
  for (const sel of selectors)
    for (const root of roots)
      for (const el of Array.from(root.querySelectorAll(sel))) {
        if (inData(el)) continue;
        const t = cellText(el);
        if (t) return t;
      }
  return '';
}

/** Distinct non-empty texts of `selectors` anywhere outside data. */
function textsOutsideData(doc: Document, selectors: readonly string[]): string[] {
  const out = new Set<string>();
  for (const sel of selectors)
    for (const el of Array.from(doc.querySelectorAll(sel))) {
      if (inData(el)) continue;
      const t = cellText(el);
      if (t) out.add(t);
    }
  return [...out];
}

/**
 * The shop of the page and which signal named it, or null when the page does not show it:
 * a name from 抖店's header shop name, else the console's name selectors inside the chrome, else
 * those selectors elsewhere outside data when they agree on one name (two different names → ask);
 * an id from the console's id selectors or a 店铺ID：… inside the chrome. Nothing inside a table is read.
 */
export function readShopFrom(doc: Document, platform: Platform, spec: ShopSpec): { shop: Shop; source: ShopSource } | null {
  const regions = shopRegions(doc);
  let name = firstText([doc], STRONG_NAME) || firstText(regions, spec.nameSelectors);
  if (!name) {
    const loose = textsOutsideData(doc, spec.nameSelectors);
    if (loose.length === 1) name = loose[0]!;
  }
  let source: ShopSource = 'header-name';
  if (!name) {
    const title = doc.title ?? '';
    for (const re of TITLE_PATTERNS) {
      const m = re.exec(title);
      if (m?.[1]?.trim()) {
        name = m[1].trim();
        source = 'title';
        break;
      }
    }
  }
  // The console's own shop id: its id elements outside data, then the chrome's text.
  let shopId = '';
  const texts = [...textsOutsideData(doc, spec.idSelectors), ...regions.map((r) => cellText(r))];
  outer: for (const text of texts)
    for (const re of spec.idPatterns) {
      const m = re.exec(text);
      if (m?.[1]) {
        shopId = m[1];
        break outer;
      }
    }
  if (!shopId && !name) return null;
  if (shopId && !name) source = 'console-id';
  return { shop: { shopId: shopId || derivedShopId(platform, name), platform, name }, source };
}

/** The shop a page that shows none belongs to, while `withKnownShop` runs (see there). */
let known: { shop: Shop; source: ShopSource } | null = null;

/**
 * Runs `read` with `k` as the shop of a page that shows none (the merchant's answer, or the shop an
 * observed response named), so every adapter's own shop reading falls back to it without a new
 * parameter down every reader. Only the page's own signals beat it; reads are synchronous, so the
 * scope is exactly this call.
 */
export function withKnownShop<T>(k: { shop: Shop; source: ShopSource } | null, read: () => T): T {
  const prev = known;
  known = k;
  try {
    return read();
  } finally {
    known = prev;
  }
}

/** The page's shop and its source; the known shop (withKnownShop) of the same platform when the page shows none. */
export function readShopSourced(doc: Document, platform: Platform, spec: ShopSpec): { shop: Shop; source: ShopSource } | null {
  return readShopFrom(doc, platform, spec) ?? (known && known.shop.platform === platform ? known : null);
}

/** The shop of the page: the console's own id where shown, else an id derived from the shop name; null when neither (and none is known). */
export function readShop(doc: Document, platform: Platform, spec: ShopSpec): Shop | null {
  return readShopSourced(doc, platform, spec)?.shop ?? null;
}

/** The shop the merchant named (typed): the id the page would give if it showed that name. */
export function shopFromName(platform: Platform, name: string): Shop {
  const n = name.trim();
  return { shopId: derivedShopId(platform, n), platform, name: n };
}
