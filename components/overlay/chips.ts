/**
 * Where the tier chips go: beside each captured buyer name in the captured tables. Chips live in
 * the overlay's shadow root (a fixed layer over the page), never in the page's table, so the
 * page's layout does not move; their positions are recomputed on scroll, resize and DOM changes.
 */

export interface ChipAnchor {
  customerKey: string;
  labels: string[];
  /** The buyer name's text (a whole text node, or the part after "买家：") to sit beside. */
  range: Range;
  /** The table the name is in: a chip outside its visible box is hidden (scrolled away in the table). */
  clip: Element;
}

export interface PlacedChip {
  id: string;
  customerKey: string;
  labels: string[];
  left: number;
  top: number;
  height: number;
}

const LABELLED = /^(.*[:：]\s*)(.+)$/;

/**
 * Anchors for each customer with labels: text nodes under `roots` whose text is the nickname as
 * shown, or "label：nickname". A nickname shared by several keys goes to the first key with labels.
 */
export function findChipAnchors(roots: readonly Element[], nickOf: ReadonlyMap<string, string>, tiers: Readonly<Record<string, string[]>>): ChipAnchor[] {
  const byNick = new Map<string, string>();
  for (const [key, nick] of nickOf) if (nick && tiers[key]?.length && !byNick.has(nick)) byNick.set(nick, key);
  if (byNick.size === 0) return [];
  const out: ChipAnchor[] = [];
  for (const root of roots) {
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const raw = n.nodeValue ?? '';
      const text = raw.trim();
      if (!text) continue;
      let key = byNick.get(text);
      let start = raw.indexOf(text);
      let length = text.length;
      if (!key) {
        const m = LABELLED.exec(text);
        if (m && byNick.has(m[2]!.trim())) {
          key = byNick.get(m[2]!.trim());
          start = raw.indexOf(text) + m[1]!.length;
          length = m[2]!.trim().length;
        }
      }
      if (!key) continue;
      const range = doc.createRange();
      range.setStart(n, start);
      range.setEnd(n, start + length);
      out.push({ customerKey: key, labels: tiers[key]!, range, clip: root });
    }
  }
  return out;
}

/** Viewport positions of the chips (right of the name, vertically centred); names out of view get none. */
export function placeChips(anchors: readonly ChipAnchor[], viewport: { width: number; height: number }): PlacedChip[] {
  const out: PlacedChip[] = [];
  anchors.forEach((a, i) => {
    const r = a.range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    const box = a.clip.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    if (cx < box.left || cx > box.right || cy < box.top || cy > box.bottom) return;
    if (r.bottom < 0 || r.top > viewport.height || r.right < 0 || r.left > viewport.width) return;
    out.push({ id: `${i}`, customerKey: a.customerKey, labels: a.labels, left: Math.round(r.right + 4), top: Math.round(r.top), height: Math.round(r.height) });
  });
  return out;
}
