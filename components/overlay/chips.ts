/**
 * Where the tier chips go: inline, right after each captured buyer's name in the captured tables,
 * once per buyer per row. Inline in the page's flow (not a layer over it), so a chip never covers
 * the console's own text; the chip's host holds nothing in the light DOM, so the page's text and
 * the adapters' reading of it are unchanged.
 */

export interface ChipAnchor {
  customerKey: string;
  /** Tier ids (TierId) of the buyer. */
  ids: string[];
  /** The node the chips go right after: the name's text node, or the element that holds just the name. */
  after: Node;
  /** The row the name is in (the chips sit once per buyer in it). */
  row: Element;
}

const LABELLED = /^(.*[:：]\s*)(.+)$/;
const ROW = 'tr, [role="row"]';
const CELL = /^(TD|TH)$/;

/** The outermost element around `text` that shows nothing but the name (not a cell, not `stop`), else the text node itself. */
function afterOf(text: Text, name: string, stop: Element): Node {
  let node: Node = text;
  for (let el = text.parentElement; el && el !== stop && !CELL.test(el.tagName) && el.getAttribute('role') !== 'cell' && el.getAttribute('role') !== 'gridcell'; el = el.parentElement) {
    if ((el.textContent ?? '').trim() !== name) break;
    node = el;
  }
  return node;
}

/**
 * Anchors for each customer with tiers: text nodes under `roots` whose text is the nickname as
 * shown, or "label：nickname" — the first one of each buyer in each row. A nickname shared by
 * several keys goes to the first key with tiers.
 */
export function findChipAnchors(roots: readonly Element[], nickOf: ReadonlyMap<string, string>, tiers: Readonly<Record<string, string[]>>): ChipAnchor[] {
  const byNick = new Map<string, string>();
  for (const [key, nick] of nickOf) if (nick && tiers[key]?.length && !byNick.has(nick)) byNick.set(nick, key);
  if (byNick.size === 0) return [];
  const out: ChipAnchor[] = [];
  const seen = new Map<Element, Set<string>>();
  for (const root of roots) {
    const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.nodeValue ?? '').trim();
      if (!text) continue;
      let key = byNick.get(text);
      let name = text;
      if (!key) {
        const m = LABELLED.exec(text);
        if (m && byNick.has(m[2]!.trim())) key = byNick.get(m[2]!.trim());
        name = text;
      }
      if (!key) continue;
      const row = n.parentElement?.closest(ROW) ?? root;
      const keys = seen.get(row) ?? new Set<string>();
      if (keys.has(key)) continue;
      keys.add(key);
      seen.set(row, keys);
      out.push({ customerKey: key, ids: tiers[key]!, after: afterOf(n as Text, name, root), row });
    }
  }
  return out;
}
