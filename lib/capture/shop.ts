/**
 * Reading the shop's identity from a console page (SPEC §2 Shop, §8 "never guessed wrong"):
 * only from the console's header chrome — 抖店's `.headerShopName`, the header / nav / side-menu regions
 * (not a row's, a card's or a dialog's header), a 店铺ID there, an explicit 店铺：… in the title — never
 * from a regex over the whole body, a shop-switcher list, or the first shop-name-like element anywhere
 * (a buyer remark reading 店铺ID：… must not set the shop). When nothing is found the overlay asks the merchant (components/overlay).
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

/** Names specific enough to trust wherever they sit in the page chrome (抖店's header shop name). */
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

/**
 * Content and floating layers: a "header" inside or of one of these is a row's, a card's or a
 * dialog's (an order block's 订单编号 line, a drawer's title), never the console's. Matched on the
 * region itself and on its ancestors.
 */
const NOT_CHROME =
  'main, [role="main"], [role="dialog"], [role="tooltip"], [role="alertdialog"], [class*="modal"], [class*="Modal"], [class*="drawer"], [class*="Drawer"], [class*="popover"], [class*="Popover"], [class*="tooltip"], [class*="Tooltip"], [class*="overlay"], [class*="Overlay"], [class*="popup"], [class*="Popup"], [class*="card"], [class*="Card"], [class*="row"], [class*="Row"], [class*="table"], [class*="Table"], [class*="list-item"], [class*="ListItem"], [class*="order"], [class*="Order"]';

/** Choice lists in the chrome (a shop switcher, a menu): the shops offered there are not the one shown. */
const CHOICE =
  'ul, ol, li, select, option, [role="menu"], [role="menuitem"], [role="listbox"], [role="option"], [class*="dropdown"], [class*="Dropdown"], [class*="switch"], [class*="Switch"], [class*="select-menu"], [class*="menu-item"]';

/** Title forms that name the shop explicitly (店铺：X, X的店铺 are not guessed from a bare title). */
const TITLE_PATTERNS = [/店铺(?:名称)?\s*[：:]\s*([^|\-–—_·]+?)\s*(?:[|\-–—_·]|$)/];

function inData(el: Element): boolean {
  return el.closest(DATA) !== null;
}

/** True when `el` (inside `region`) sits in a choice list of that region. */
function inChoice(el: Element, region: Element): boolean {
  const c = el.closest(CHOICE);
  return c !== null && region.contains(c);
}

/** The console's chrome regions of the page: outermost first, none inside or around data, a content block or a floating layer. */
export function shopRegions(doc: Document): Element[] {
  const all = Array.from(doc.querySelectorAll(REGIONS)).filter((el) => !inData(el) && el.querySelector(DATA) === null && el.closest(NOT_CHROME) === null);
  return all.filter((el) => !all.some((o) => o !== el && o.contains(el)));
}

/** Distinct non-empty texts of `selectors` inside `regions`, outside their choice lists. */
function textsInChrome(regions: readonly Element[], selectors: readonly string[]): string[] {
  const out = new Set<string>();
  for (const sel of selectors)
    for (const region of regions)
      for (const el of [...(region.matches(sel) ? [region] : []), ...Array.from(region.querySelectorAll(sel))]) {
        if (inChoice(el, region)) continue;
        const t = chromeText(el);
        if (t) out.add(t);
      }
  return [...out];
}

/** A region's own text without its choice lists (a switcher's 店铺ID：… entries are not the shop's). */
function chromeText(region: Element): string {
  const copy = region.cloneNode(true) as Element;
  for (const c of Array.from(copy.querySelectorAll(CHOICE))) c.remove();
  return copy.matches(CHOICE) ? '' : cellText(copy);
}

/**
 * The shop of the page and which signal named it, or null when the page does not show it. Only
 * the console's header chrome is read (shopRegions): a name from 抖店's header shop name, else the
 * console's name selectors there (two different names → ask), an id from the console's id
 * selectors or a 店铺ID：… there; never a choice list (a shop switcher), a content block, a dialog
 * or anything inside a table; an explicit 店铺：… in the title when the header shows no name.
 */
export function readShopFrom(doc: Document, platform: Platform, spec: ShopSpec): { shop: Shop; source: ShopSource } | null {
  const regions = shopRegions(doc);
  const strong = textsInChrome(regions, STRONG_NAME);
  const names = strong.length > 0 ? strong : textsInChrome(regions, spec.nameSelectors);
  if (names.length > 1) return null;
  let name = names[0] ?? '';
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
  // The console's own shop id: its id elements in the chrome, then the chrome's own text.
  let shopId = '';
  const texts = [...textsInChrome(regions, spec.idSelectors), ...regions.map(chromeText)];
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
