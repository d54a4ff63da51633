/** Reading the shop's identity from a console page's header (SPEC §2 Shop). */
import type { Platform, Shop } from '../model';
import { derivedShopId } from '../model/keys';
import { cellText } from './table/text';

/** Where a console shows the shop: selectors for its name, patterns for its id. */
export interface ShopSpec {
  nameSelectors: readonly string[];
  /** Each pattern's first group is the id, matched against the text of `idSelectors` hits, then the body. */
  idPatterns: readonly RegExp[];
  idSelectors: readonly string[];
}

/** The shop of the page: the console's own id where shown, else an id derived from the shop name; null when neither. */
export function readShop(doc: Document, platform: Platform, spec: ShopSpec): Shop | null {
  let name = '';
  for (const sel of spec.nameSelectors) {
    for (const el of Array.from(doc.querySelectorAll(sel))) {
      name = cellText(el);
      if (name) break;
    }
    if (name) break;
  }
  let shopId = '';
  const texts = spec.idSelectors.flatMap((sel) => Array.from(doc.querySelectorAll(sel)).map((el) => cellText(el)));
  texts.push(doc.body?.textContent ?? '');
  outer: for (const text of texts)
    for (const re of spec.idPatterns) {
      const m = re.exec(text);
      if (m?.[1]) {
        shopId = m[1];
        break outer;
      }
    }
  if (!shopId && !name) return null;
  return { shopId: shopId || derivedShopId(platform, name), platform, name };
}
