/** Cell text as a merchant reads it: block boundaries become spaces, ellipsised text is replaced by its full title. */
import { collapseWhitespace } from '../normalize';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg']);
const ELLIPSIS_END = /(?:…|\.\.\.|。。。)$/;

/** True when the element shows a shortened text whose full form is its `title` (CSS or JS ellipsis). */
function showsTitleInstead(el: Element, visible: string): boolean {
  const title = el.getAttribute('title');
  if (!title || !collapseWhitespace(title)) return false;
  const full = collapseWhitespace(title);
  if (visible === full) return false;
  const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') ?? '';
  if (/ellipsis|truncate|clamp/i.test(cls) || (el as HTMLElement).style?.textOverflow === 'ellipsis') return true;
  if (visible === '') return true;
  const stem = visible.replace(ELLIPSIS_END, '').trim();
  return stem !== visible && full.startsWith(stem);
}

function hidden(el: Element): boolean {
  if (SKIP.has(el.tagName)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  // Reading .style builds a declaration object: only elements with an inline style can be hidden by one.
  if (!el.hasAttribute('style')) return false;
  const style = (el as HTMLElement).style;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

function walk(node: Node, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(node.nodeValue ?? '');
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (hidden(el)) return;
  const block = BLOCK.has(el.tagName);
  if (block) out.push(' ');
  if (el.hasAttribute('title')) {
    // Only an element with a title can stand for a longer text: its own text is collected apart to compare.
    const inner: string[] = [];
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c, inner);
    const visible = collapseWhitespace(inner.join(''));
    out.push(showsTitleInstead(el, visible) ? collapseWhitespace(el.getAttribute('title') ?? '') : inner.join(''));
  } else for (let c = el.firstChild; c; c = c.nextSibling) walk(c, out);
  if (block) out.push(' ');
}

/** An element's text, whitespace collapsed; block children are separated by a space, ellipsis → title. */
export function cellText(el: Element | null | undefined): string {
  if (!el) return '';
  const out: string[] = [];
  walk(el, out);
  return collapseWhitespace(out.join(''));
}

/** An element's text split into its visual lines (one per block child), each collapsed, empties dropped. */
export function cellLines(el: Element | null | undefined): string[] {
  if (!el) return [];
  const lines: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const t = collapseWhitespace(current.join(''));
    if (t) lines.push(t);
    current = [];
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3) return void current.push(node.nodeValue ?? '');
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (hidden(e)) return;
    const hasBlockChild = Array.from(e.children).some((c) => BLOCK.has(c.tagName));
    if (!hasBlockChild) {
      const t = cellText(e);
      if (BLOCK.has(e.tagName)) {
        flush();
        if (t) lines.push(t);
      } else current.push(t);
      return;
    }
    if (BLOCK.has(e.tagName)) flush();
    for (const c of Array.from(e.childNodes)) visit(c);
    if (BLOCK.has(e.tagName)) flush();
  };
  visit(el);
  flush();
  return lines;
}
