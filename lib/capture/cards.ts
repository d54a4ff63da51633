/**
 * Reading a console's metric cards (指标卡): a title (高潜用户, 支付买家数 …), the value as printed
 * (12.3万, 8,532, ¥86.42, 3.25%, "-") and a change vs the previous period (较前30天 +12.5%,
 * 较前一日 12.34% with an up/down arrow icon, "--"). Works on the DOM of any component library:
 * a card is found from its title text, never from a class name, and its lines are read in order.
 */
import { headerKey } from './columns';
import { cellText } from './table/text';
import { collapseWhitespace, isEmptyMark, parseCount, parseCountRange, parseFen, parsePercent, type Read } from './normalize';
import { isDay } from '../model/time';

/** How a card's value is printed and normalised: a count (万/亿 expanded), money (→ fen) or a rate (→ fraction). */
export type MetricKind = 'count' | 'money' | 'percent';

/** One card field: the titles the console uses for it and how its value reads. */
export interface CardField {
  titles: readonly string[];
  kind: MetricKind;
}

/** A card as found on the page: texts as shown, not yet normalised. */
export interface CardText {
  /** The title as shown. */
  title: string;
  /** The value line as shown ("12.3万", "-"), "" when the card shows none. */
  valueText: string;
  /** The comparison label ("较前30天"), "" when none. */
  changeLabel: string;
  /** The change as shown, with a ↑/↓ appended when only an arrow icon tells the direction ("12.34%↓"), "" when none. */
  changeText: string;
  el: Element;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
/** Where a title-like text is not a card title (table headers, menus, tabs, pickers). */
const NOT_A_CARD = 'table, thead, [role="table"], [role="grid"], [role="columnheader"], [role="menu"], [role="menubar"], [role="tablist"], [role="listbox"], [role="option"], nav, select, option';
/** Class words of trend icons: arrow-up / icon-rise / trend-down / decrease … */
const UP_CLASS = /(?:^|[-_\s])(?:up|rise|rising|increase|asc|grow)(?:$|[-_\s])/i;
const DOWN_CLASS = /(?:^|[-_\s])(?:down|fall|falling|decrease|decline|desc|drop)(?:$|[-_\s])/i;
/** A comparison label opens the change line: 较前30天, 较前一日, 较上周期, 较昨日, 环比, 周同比 … */
const CHANGE_LABEL = /^(较(?:前|上)?(?:\d+|[一二三七])?[^\s\d+\-−↑↓%：:]*|[日周月]?环比|[日周月]?同比|对比[^\s\d+\-−↑↓%：:]*)\s*[：:]?\s*/;
/** A whole line that is only a change: "+12.5%", "12.34%↓", "--". */
const CHANGE_ONLY = /^([↑↓]?\s*[+\-−]?\s*\d[\d,]*(?:\.\d+)?\s*%\s*[↑↓]?|[↑↓]?\s*[-—–]{1,3}\s*[↑↓]?|持平)$/;

function classOf(el: Element): string {
  const c = el.getAttribute('class');
  return c ?? '';
}

function hidden(el: Element): boolean {
  if (SKIP.has(el.tagName)) return true;
  if (el.hasAttribute('hidden')) return true;
  const style = (el as HTMLElement).style;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

/**
 * The element's visual lines (block children break lines), with an ↑ / ↓ marker where an
 * element tells a direction only by its class (an arrow icon, a red/green trend span). Icons'
 * own glyph text (SVG, icon fonts) is left out.
 */
export function cardLines(el: Element): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const t = collapseWhitespace(current);
    if (t) lines.push(t);
    current = '';
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (hidden(e)) return;
    const cls = classOf(e);
    const isSvg = e.tagName.toLowerCase() === 'svg';
    const text = isSvg ? '' : collapseWhitespace(e.textContent ?? '');
    // A direction is shown by the class of an icon or of the text's own wrapper; mark it once, on the outermost.
    const marker = UP_CLASS.test(cls) ? '↑' : DOWN_CLASS.test(cls) ? '↓' : '';
    const block = BLOCK.has(e.tagName);
    if (block) flush();
    if (isSvg || (e.tagName === 'I' && !/[\d%]/.test(text))) {
      if (marker) current += marker;
      return;
    }
    for (const c of Array.from(e.childNodes)) visit(c);
    if (marker && !/[↑↓]/.test(current)) current += marker;
    if (block) flush();
  };
  visit(el);
  flush();
  return lines;
}

const MAX_TITLE = 40;

/** The element's text when it is short (≤ MAX_TITLE chars within 64 nodes), else null — without reading a big subtree. */
function shortText(el: Element): string | null {
  let text = '';
  let nodes = 0;
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (++nodes > 64) return null;
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
      if (text.length > MAX_TITLE) return null;
    } else if (node.nodeType === 1) {
      if (node.childNodes.length > 64) return null;
      const kids = Array.from(node.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return text;
}

/**
 * Elements whose whole text is one of the titles (deepest such element), outside tables, menus
 * and tabs. Walks text nodes and climbs a few levels from each, so a big page costs one pass.
 */
function titleElements(root: ParentNode, keys: Set<string>): Element[] {
  const hits = new Set<Element>();
  const visitText = (node: Node) => {
    const own = node.nodeValue ?? '';
    if (own.length > MAX_TITLE || !own.trim()) return;
    let el = node.parentElement;
    for (let depth = 0; el && depth < 3; depth++, el = el.parentElement) {
      const text = shortText(el);
      if (text === null) break;
      if (keys.has(headerKey(text))) {
        if (!hidden(el) && !el.closest(NOT_A_CARD)) hits.add(el);
        break;
      }
    }
  };
  // An explicit stack over childNodes (a TreeWalker is quadratic in some DOMs, e.g. happy-dom).
  const stack: Node[] = [root as Node];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) visitText(node);
    else if (node.nodeType === 1 || node.nodeType === 9 || node.nodeType === 11) {
      if (node.nodeType === 1 && SKIP.has((node as Element).tagName)) continue;
      const kids = Array.from(node.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  const list = [...hits];
  return list.filter((el) => !list.some((other) => other !== el && el.contains(other)));
}

/** Splits a change line "较前30天 +12.5%" into label and change text ("" when the line holds only a label). */
function splitChange(line: string): { label: string; change: string } {
  const m = CHANGE_LABEL.exec(line)!;
  return { label: m[1]!, change: collapseWhitespace(line.slice(m[0].length)) };
}

/** Reads one card from its lines after the title: the first non-change line is the value, a 较… line the change. */
function readLines(lines: string[], titleText: string): { valueText: string | null; changeLabel: string; changeText: string } {
  const at = lines.findIndex((l) => l.startsWith(titleText));
  const rest = at < 0 ? [] : [lines[at]!.slice(titleText.length).replace(/^[\s：:?？]+/, ''), ...lines.slice(at + 1)].filter(Boolean);
  let valueText: string | null = null;
  let changeLabel = '';
  let changeText = '';
  for (let i = 0; i < rest.length; i++) {
    const line = rest[i]!;
    if (CHANGE_LABEL.test(line)) {
      if (changeLabel) continue; // the first comparison is the card's change
      const { label, change } = splitChange(line);
      changeLabel = label;
      changeText = change;
      const next = rest[i + 1];
      if (!change && next !== undefined && CHANGE_ONLY.test(next)) {
        changeText = collapseWhitespace(next);
        i++;
      }
    } else if (valueText === null) valueText = line.replace(/[↑↓]/g, '').trim(); // a coloured value is not a change
  }
  return { valueText, changeLabel, changeText };
}

/**
 * Every card of the page whose title is one of `fields`' titles, in page order, one per field
 * (the first card that shows it). A card is the smallest ancestor of the title that also shows
 * a value line and no other card's title.
 */
export function findCards<F extends string>(root: ParentNode, fields: Record<F, CardField>): { field: F; card: CardText }[] {
  const byKey = new Map<string, F>();
  for (const f of Object.keys(fields) as F[]) for (const t of fields[f].titles) byKey.set(headerKey(t), f);
  const titles = titleElements(root, new Set(byKey.keys()));
  const out: { field: F; card: CardText }[] = [];
  const taken = new Set<F>();
  for (const t of titles) {
    const field = byKey.get(headerKey(t.textContent ?? ''))!;
    if (taken.has(field)) continue;
    const titleText = collapseWhitespace(t.textContent ?? '');
    let el: Element | null = t;
    for (let depth = 0; depth < 6 && el; depth++) {
      const parent: Element | null = el.parentElement;
      if (!parent || parent === (root as Node)) break;
      if (titles.some((o) => o !== t && parent.contains(o))) break;
      el = parent;
      const read = readLines(cardLines(el), titleText);
      if (read.valueText !== null) {
        out.push({ field, card: { title: titleText, valueText: read.valueText, changeLabel: read.changeLabel, changeText: read.changeText, el } });
        taken.add(field);
        break;
      }
    }
  }
  return out;
}

/** A titled block of cards (客户新访 holding 客户数, 成交客户数, 支付转化率 …): which group, its title as shown, its element. */
export interface CardGroup<G extends string> {
  group: G;
  title: string;
  el: Element;
}

/**
 * Blocks of cards titled by one of `groups`' titles (whose cards share titles from block to block,
 * so cards are looked up within a block: `findCards(group.el, …)`), one per group, in page order.
 * A block is the largest ancestor of its title (up to `maxDepth` levels) holding no other block's
 * title; found from title texts, never from class names.
 */
export function findCardGroups<G extends string>(root: ParentNode, groups: Record<G, readonly string[]>, maxDepth = 8): CardGroup<G>[] {
  const byKey = new Map<string, G>();
  for (const g of Object.keys(groups) as G[]) for (const t of groups[g]) byKey.set(headerKey(t), g);
  const titles = titleElements(root, new Set(byKey.keys()));
  const out: CardGroup<G>[] = [];
  for (const t of titles) {
    const group = byKey.get(headerKey(t.textContent ?? ''))!;
    if (out.some((o) => o.group === group)) continue;
    let el: Element = t;
    for (let depth = 0; depth < maxDepth; depth++) {
      const parent: Element | null = el.parentElement;
      if (!parent || parent === (root as Node) || titles.some((o) => o !== t && parent.contains(o))) break;
      el = parent;
    }
    out.push({ group, title: collapseWhitespace(t.textContent ?? ''), el });
  }
  return out;
}

/** A card's value as a number of its kind: 12.3万 → 123000, ¥86.42 → 8642 (fen), 3.25% → 0.0325; "-" → null. */
export function cardValue(text: string, kind: MetricKind): Read<number> {
  if (isEmptyMark(text)) return { ok: true, value: null };
  if (kind === 'money') return parseFen(text);
  if (kind === 'percent') return parsePercent(text);
  return parseCount(text);
}

/**
 * A card's change as a fraction: "+12.5%" → 0.125, "-3.2%" → -0.032, "12.34%↓" (arrow icon) →
 * -0.1234, 持平 → 0; "--" / none → null. An explicit sign wins over an arrow.
 */
export function cardChange(text: string): Read<number> {
  const t = collapseWhitespace(text).replace(/−/g, '-');
  if (t === '持平') return { ok: true, value: 0 };
  const down = t.includes('↓');
  const bare = t.replace(/[↑↓]/g, '').trim();
  if (isEmptyMark(bare)) return { ok: true, value: null };
  const r = parsePercent(bare);
  if (!r.ok || r.value === null) return r;
  const signed = /^[+-]/.test(bare);
  return { ok: true, value: !signed && down && r.value !== 0 ? -r.value : r.value };
}

const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const WINDOW_LABEL = '(?:统计时间|统计周期|统计日期|时间范围|数据时间|日期范围)';
const WINDOW_RE = new RegExp(`${WINDOW_LABEL}\\s*[：:]?\\s*${DATE}(?:\\s*(?:~|～|至|到|—|-)\\s*${DATE})?`);

const dayText = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/**
 * The period the page's figures cover, as shown: "统计时间 2026-10-22 ~ 2026-11-20" (a single
 * day → start = end), else the two dates of a range picker's inputs; null when not shown or not real days.
 */
export function readWindow(root: Document | Element): { start: string; end: string } | null {
  // The page's visible text: cellText skips <script>/<style>, whose text (a console's inline bundle,
  // megabytes) would otherwise be searched too — 30+ ms a read on the fixture pages.
  const text = cellText('body' in root ? root.body : root);
  const m = WINDOW_RE.exec(text);
  let start: string | null = null;
  let end: string | null = null;
  if (m) {
    start = dayText(m[1]!, m[2]!, m[3]!);
    end = m[4] ? dayText(m[4], m[5]!, m[6]!) : start;
  } else {
    const picker = Array.from(root.querySelectorAll('[class*="range-picker"], [class*="picker-range"], [class*="RangePicker"]'))[0];
    const days = picker
      ? Array.from(picker.querySelectorAll('input'))
          .map((i) => /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec((i as HTMLInputElement).value.trim()))
          .filter((x): x is RegExpExecArray => x !== null)
          .map((x) => dayText(x[1]!, x[2]!, x[3]!))
      : [];
    if (days.length === 2) [start, end] = [days[0]!, days[1]!];
  }
  if (!start || !end || !isDay(start) || !isDay(end) || start > end) return null;
  return { start, end };
}

/** A metric as a snapshot stores it (SPEC §2): a value, or — for a count shown only as a range — low/high and no value. */
export interface MetricReading {
  value?: number;
  change?: number;
  low?: number;
  high?: number;
}

/**
 * Found cards → raw rows (区块, 名称, 数值, 变化, 明细) and metrics keyed by field. A "-" value
 * leaves the metric out; an unreadable value rejects its row; an unreadable change keeps the
 * value, leaves the change out and says so in a reject of that row.
 */
export function readCardMetrics<F extends string>(
  found: readonly { field: F; card: CardText }[],
  fields: Record<F, CardField>,
  firstRow = 0,
): { rawRows: string[][]; metrics: Partial<Record<F, MetricReading>>; rejected: { row: number; reason: string }[] } {
  const rawRows: string[][] = [];
  const metrics: Partial<Record<F, MetricReading>> = {};
  const rejected: { row: number; reason: string }[] = [];
  for (const { field, card } of found) {
    const row = firstRow + rawRows.length;
    rawRows.push(['指标卡', card.title, card.valueText, [card.changeLabel, card.changeText].filter(Boolean).join(' '), '']);
    // A count shown only as a range (罗盘's 1万-2.5万): kept as the range, never a guessed point.
    const range = fields[field].kind === 'count' ? parseCountRange(card.valueText) : null;
    if (range) {
      const change = cardChange(card.changeText);
      if (!change.ok) rejected.push({ row, reason: `${card.title} ${card.changeLabel}: ${change.reason} (range kept, change left out)` });
      metrics[field] = { ...range, ...(change.ok && change.value !== null ? { change: change.value } : {}) };
      continue;
    }
    const value = cardValue(card.valueText, fields[field].kind);
    if (!value.ok) {
      rejected.push({ row, reason: `${card.title}: ${value.reason}` });
      continue;
    }
    if (value.value === null) continue; // "-": the console has no figure for this period
    const change = cardChange(card.changeText);
    if (!change.ok) rejected.push({ row, reason: `${card.title} ${card.changeLabel}: ${change.reason} (value kept, change left out)` });
    metrics[field] = { value: value.value, ...(change.ok && change.value !== null ? { change: change.value } : {}) };
  }
  return { rawRows, metrics, rejected };
}

/** rawRows columns of a card page (cards and list rows share one grid). */
export const CARD_HEADERS: readonly string[] = ['区块', '名称', '数值', '变化', '明细'];

/** The reason a card page stores nothing, when none of its cards gave a figure. */
export function noFigureProblem(rejected: readonly { reason: string }[]): string {
  return rejected.length
    ? `指标卡无法读取 (no card could be read: ${rejected.map((r) => r.reason).join('; ')})`
    : '指标卡都没有数值 (every card shows "-": nothing to store)';
}
