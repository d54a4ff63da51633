/**
 * The diagnostic file of a console page (SPEC §8 "Diagnostics"): the table skeleton (tags, classes,
 * attribute names, header texts, row and cell counts), the library and adapter detected, the
 * columns mapped, where the shop came from (not its name), the observed endpoints and each
 * decision — with every cell value and every text outside the headers replaced, so the file is safe
 * to attach to a bug report. Pure: a document (and what the overlay knows) in, a JSON value out.
 */
import { adaptersForUrl } from './adapters';
import { inferMapping } from './generic/mapping';
import type { EndpointStats } from './observe/observer';
import type { ShopSource } from './shop';
import * as tableLib from './table';
import type { ReadTable } from './table';

/** What stands in for any text or value that is not a header text or a structural attribute. */
export const MASK = '▒';

export const DIAGNOSTICS_FORMAT = 'seller-lens-diagnostics';

/** Attributes whose values are structure, not data: kept. Every other attribute keeps its name only. */
const STRUCTURAL = new Set(['class', 'role', 'colspan', 'rowspan', 'aria-level', 'aria-colindex', 'aria-rowindex', 'aria-colcount', 'aria-rowcount', 'aria-sort', 'aria-expanded', 'aria-hidden', 'type', 'scope', 'span']);

/** Children of one tag past this many are counted, not drawn (a 100-row body shows its first rows). */
const KEEP_SIBLINGS = 3;
const MAX_DEPTH = 30;

export interface DiagnosticsInput {
  doc: Document;
  url: string;
  /** When the file is made (ISO with +08:00). */
  at: string;
  /** The adapter the overlay reads the page with (null: the generic adapter). */
  adapter: string | null;
  shopSource: ShopSource | null;
  /** Observed endpoints: seen, mapped, ignored with reasons. */
  observed?: Record<string, EndpointStats>;
  /** The overlay's decisions and messages, oldest first (scrubbed of any page text before they go in). */
  decisions?: readonly string[];
}

export interface SkeletonNode {
  tag: string;
  classes?: string[];
  attrs?: Record<string, string>;
  /** A header text as shown, or MASK for any other text. */
  text?: string;
  children?: SkeletonNode[];
  /** Children of the same tag left out after the first few. */
  more?: number;
}

export interface TableDiagnostics {
  library: string;
  headers: string[];
  rowCount: number;
  columnCount: number;
  /** Non-empty cells per row (the first rows). */
  cellsPerRow: number[];
  groupHeaderRows: number;
  remarkRows: number;
  columns: { header: string; field: string | null; confidence: number; source: string }[];
  skeleton: SkeletonNode;
}

export interface Diagnostics {
  format: typeof DIAGNOSTICS_FORMAT;
  version: 1;
  madeAt: string;
  page: { host: string; path: string; query: string[]; frame: boolean };
  adapter: { chosen: string | null; candidates: { id: string; pathMatches: boolean; confirmed: boolean }[] };
  shopSource: ShopSource | null;
  tables: TableDiagnostics[];
  observed: Record<string, EndpointStats>;
  decisions: string[];
}

function libraryOf(t: ReadTable): string {
  const detect = (tableLib as unknown as { detectLibrary?: (el: Element) => string }).detectLibrary;
  try {
    return detect ? detect(t.el) : t.library;
  } catch {
    return t.library;
  }
}

/** The skeleton of `el`: tags, classes, attribute names (values of structural ones), header texts kept, other text masked. */
export function skeletonOf(el: Element, headers: ReadonlySet<string>, depth = 0): SkeletonNode {
  const node: SkeletonNode = { tag: el.tagName.toLowerCase() };
  const classes = Array.from(el.classList);
  if (classes.length) node.classes = classes;
  const attrs: Record<string, string> = {};
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'class') continue;
    attrs[a.name] = STRUCTURAL.has(a.name) ? a.value : MASK;
  }
  if (Object.keys(attrs).length) node.attrs = attrs;
  const ownText = Array.from(el.childNodes)
    .filter((n) => n.nodeType === 3)
    .map((n) => n.textContent ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (ownText) node.text = headers.has(ownText) ? ownText : MASK;
  if (depth >= MAX_DEPTH) {
    if (el.children.length) node.more = el.children.length;
    return node;
  }
  const children: SkeletonNode[] = [];
  const perTag = new Map<string, number>();
  let more = 0;
  for (const child of Array.from(el.children)) {
    if (child.tagName === 'SCRIPT' || child.tagName === 'STYLE') continue;
    const n = (perTag.get(child.tagName) ?? 0) + 1;
    perTag.set(child.tagName, n);
    if (n > KEEP_SIBLINGS) {
      more++;
      continue;
    }
    children.push(skeletonOf(child, headers, depth + 1));
  }
  if (children.length) node.children = children;
  if (more) node.more = more;
  return node;
}

/** Every text of the page that is not a header text: what must never appear in the file. */
function pageSecrets(doc: Document, headers: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length >= 2 && !headers.has(t)) out.add(t);
  }
  for (const el of Array.from(doc.querySelectorAll('[title], [data-row-key], [value], [alt], [href]')))
    for (const name of ['title', 'data-row-key', 'value', 'alt', 'href']) {
      const v = el.getAttribute(name)?.trim();
      if (v && v.length >= 2 && !headers.has(v)) out.add(v);
    }
  const title = doc.title.trim();
  if (title.length >= 2) out.add(title);
  // Longest first, so a text is replaced whole before any part of it.
  return [...out].sort((a, b) => b.length - a.length);
}

/** `text` with every page text in it replaced, and digit runs masked (amounts, ids, phones quoted in reasons). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  // Quoted values ("¥12.30") and long digit runs (ids, phones) never go out, page text or not.
  return out.replace(/"[^"]*"/g, `"${MASK}"`).replace(/“[^”]*”/g, `“${MASK}”`).replace(/\d{3,}/g, MASK);
}

/** The diagnostic file of the page as a JSON value (see the module comment for what it holds and masks). */
export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const { doc } = input;
  const tables = tableLib.readTables(doc.body ?? doc.documentElement);
  const allHeaders = new Set<string>();
  for (const t of tables) for (const h of t.headers) if (h.trim()) allHeaders.add(h.replace(/\s+/g, ' ').trim());
  const secrets = pageSecrets(doc, allHeaders);

  let host = '';
  let path = '';
  let query: string[] = [];
  try {
    const u = new URL(input.url);
    host = u.hostname;
    path = u.pathname.split('/').map((seg) => (/\d{4,}/.test(seg) ? MASK : seg)).join('/');
    query = [...u.searchParams.keys()];
  } catch {
    /* not a URL: left empty */
  }

  const candidates = adaptersForUrl(input.url).map(({ adapter, pathMatches }) => {
    let confirmed = false;
    try {
      confirmed = adapter.confirm(doc);
    } catch {
      confirmed = false;
    }
    return { id: adapter.id, pathMatches, confirmed };
  });

  const tableDiags: TableDiagnostics[] = tables.map((t) => {
    const headers = t.headers.map((h) => h.replace(/\s+/g, ' ').trim());
    const mapping = inferMapping(t.headers, t.rows.map((r) => r.cells));
    return {
      library: libraryOf(t),
      headers,
      rowCount: t.rows.length,
      columnCount: t.headers.length,
      cellsPerRow: t.rows.slice(0, 20).map((r) => r.cells.filter((c) => c !== '').length),
      groupHeaderRows: t.rows.filter((r) => r.groupHeader).length,
      remarkRows: t.rows.filter((r) => (r as { remark?: true }).remark).length,
      columns: mapping.map((m) => ({ header: headers[m.col] ?? '', field: m.field, confidence: m.confidence, source: m.source })),
      skeleton: skeletonOf(t.el, allHeaders),
    };
  });

  const observed: Record<string, EndpointStats> = {};
  for (const [id, s] of Object.entries(input.observed ?? {})) {
    const ignored: Record<string, number> = {};
    for (const [reason, n] of Object.entries(s.ignored)) ignored[scrub(reason, secrets)] = (ignored[scrub(reason, secrets)] ?? 0) + n;
    observed[scrub(id, secrets)] = { seen: s.seen, mapped: s.mapped, ignored };
  }

  return {
    format: DIAGNOSTICS_FORMAT,
    version: 1,
    madeAt: input.at,
    page: { host, path, query, frame: doc.defaultView ? doc.defaultView !== doc.defaultView.top : false },
    adapter: { chosen: input.adapter, candidates },
    shopSource: input.shopSource,
    tables: tableDiags,
    observed,
    decisions: (input.decisions ?? []).map((d) => scrub(d, secrets)),
  };
}

/** The file name: seller-lens-diagnostics-<host>-<YYYYMMDD>.json (the day in UTC+8, from `at`). */
export function diagnosticsFileName(host: string, at: string): string {
  const day = at.slice(0, 10).replace(/-/g, '');
  return `seller-lens-diagnostics-${host.replace(/[^a-z0-9.-]/gi, '_')}-${day}.json`;
}
