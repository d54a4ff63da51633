/**
 * Reading the page for the capture session: the console adapter that confirms (else one whose
 * endpoint the page called), the page's own JSON, the shop (header, JSON or the merchant's answer,
 * asked when none), the generic tables with virtual rows collected — and the tab's shop binding
 * (a read naming a new shop is held while the table still shows the old shop's rows).
 */
import { adaptersForUrl, pickAdapter, toCaptureBatch, type Adapter } from '@/lib/capture/adapters';
import type { ObservedLog } from '@/lib/capture/observe/observer';
import { readConsolePage } from '@/lib/capture/observe/read-page';
import type { ShopSource } from '@/lib/capture/shop';
import { readGenericPage, readGenericTable, genericShop, type GenericPrefs, type GenericTableRead } from '@/lib/capture/generic';
import type { CaptureBatch } from '@/lib/capture/ingest';
import type { ReadTable, TableRow } from '@/lib/capture/table';
import { sendMessage } from '@/lib/messaging';
import { toShanghaiIso, type Platform, type Shop } from '@/lib/model';
import { rowKey } from './dom';
import type { DialogTable } from './MappingDialog';
import { ShopSwitchGuard, shopSwitchHeld } from './shop-switch';
import type { Extras, Store } from './store';
import { overlayText } from './text';

/** Said while the page shows no shop and the merchant has not named it (nothing is stored before). */
const needsShop = () => overlayText('overlay_needsShop');

export type PageRead = CaptureBatch | CaptureBatch[] | { error: string } | null;

export interface PageReaderDeps {
  mode: 'console' | 'generic';
  log: ObservedLog;
  extras: Store<Extras>;
  /** Whether the page's own JSON is used (chrome.storage.local observeJson). */
  observeOn: () => boolean;
  /** The merchant's answer to the shop prompt for this console host. */
  answer: () => Shop | null;
  prefs: () => GenericPrefs;
  /** recordKeys of observed-only records stored from this tab (not sent again). */
  observedStored: Set<string>;
  /** Full row lists of virtual tables collected by scrolling, by table signature, until the table changes. */
  expanded: Map<string, { rows: TableRow[] }>;
  /** Adds a line to the diagnostics' decision log. */
  decide: (text: string) => void;
}

/** The page reader of one tab: `read` for the session, plus what the other features ask of it. */
export function createPageReader(d: PageReaderDeps) {
  const { extras, log } = d;
  let lastShopSource: ShopSource | null = null;
  let lastGeneric: GenericTableRead[] = [];
  /** Observed-only record keys of each read's batches, marked stored once the session stored them. */
  const observedKeys = new WeakMap<CaptureBatch, string[]>();
  const guard = new ShopSwitchGuard();
  let promptAsked = false;

  /** The adapter of this page: one whose URL matches and whose table is on the page, else one whose endpoint the page called (its DOM unreadable). */
  const specific = (): Adapter | null => {
    if (d.mode !== 'console') return null;
    const confirmed = pickAdapter(location.href, document);
    if (confirmed || !d.observeOn()) return confirmed;
    // Bodies that map to records (given a shop) make their adapter this page's even when its DOM reads nothing.
    const ctx = { pageUrl: location.href, capturedAt: toShanghaiIso(Date.now()), shop: null };
    return adaptersForUrl(location.href).find((h) => log.has(h.adapter.id) && log.resultsFor(h.adapter.id, ctx).length > 0)?.adapter ?? null;
  };

  async function askShop(platform: Platform) {
    if (extras.value.shopPrompt) return;
    if (!promptAsked) d.decide(overlayText('diag_shopPrompt'));
    promptAsked = true;
    extras.set({ shopPrompt: { platform, known: [] } });
    try {
      const known = await sendMessage('knownShops', { platform });
      if (extras.value.shopPrompt) extras.set({ shopPrompt: { platform, known } });
    } catch {
      /* the background restarted: typing the name still works */
    }
  }

  /** What the page's own JSON gave, counted in responses (a response holds one page of rows; records are the badge's). */
  function observedLine(): string | null {
    const stats = Object.values(log.endpointStats());
    if (stats.length === 0) return null;
    const seen = stats.reduce((n, s) => n + s.seen, 0);
    const used = stats.reduce((n, s) => n + s.mapped, 0);
    const ignored = Object.entries(log.ignoredReasons());
    const nIgnored = ignored.reduce((n, [, c]) => n + c, 0);
    const why = ignored.map(([r, c]) => `${r} ×${c}`).join(overlayText('overlay_observedSeparator'));
    return overlayText('overlay_observed', { seen, used, ignored: nIgnored ? overlayText('overlay_observedIgnored', { n: nIgnored, why }) : '' });
  }

  /** A console page read with its adapter, the observed JSON and the shop (page, JSON, or the merchant's answer). */
  function readConsole(adapter: Adapter, now: string): CaptureBatch[] | { error: string } {
    const r = readConsolePage({ doc: document, url: location.href, capturedAt: now, adapter, log: d.observeOn() ? log : null, answer: d.answer(), stored: d.observedStored });
    if (r.kind === 'needsShop') {
      void askShop(r.platform);
      d.decide(needsShop());
      return { error: needsShop() };
    }
    if (extras.value.shopPrompt) extras.set({ shopPrompt: null });
    if (r.kind === 'problem') {
      d.decide(r.problem);
      extras.set({ observedText: observedLine() });
      return { error: r.problem };
    }
    if (r.batches[0]) observedKeys.set(r.batches[0], r.observedOnlyKeys);
    if (r.shopSource !== lastShopSource) d.decide(overlayText('diag_shopSource', { source: r.shopSource ?? 'page' }));
    lastShopSource = r.shopSource;
    const cc = r.batches[0]?.crossCheck as { matched: number; disagreementCount: number } | undefined;
    if (cc?.disagreementCount) d.decide(overlayText('diag_disagree', { n: cc.disagreementCount }));
    extras.set({ observedText: observedLine() });
    return r.batches;
  }

  /** The generic reads, with virtual tables' collected rows in place of the few rendered ones. */
  function genericReads(now: string): GenericTableRead[] {
    const prefs = d.prefs();
    const reads = readGenericPage(document, location.href, now, prefs);
    return reads.map((r) => {
      const ex = d.expanded.get(r.signature);
      if (!ex) return r;
      // Still the same table (its rendered rows are among those collected): read the full list.
      const keys = new Set(ex.rows.map(rowKey));
      if (!r.table.rows.every((row) => keys.has(rowKey(row)))) {
        d.expanded.delete(r.signature);
        return r;
      }
      const full: ReadTable = { ...r.table, rows: ex.rows };
      return readGenericTable(full, genericShop(document, location.href), now, prefs.mapping);
    });
  }

  function readUnguarded(): PageRead {
    const now = toShanghaiIso(Date.now());
    const adapter = specific();
    if (adapter) {
      if (extras.value.generic) extras.set({ generic: false });
      return readConsole(adapter, now);
    }
    if (d.mode === 'console') extras.set({ observedText: observedLine() });
    lastGeneric = genericReads(now);
    const tables: DialogTable[] = lastGeneric.map((g) => ({
      signature: g.signature,
      headers: g.table.headers,
      mapping: g.mapping,
      kind: g.kind,
      confident: g.confident,
      rows: g.result.rawRows.slice(0, 5),
    }));
    extras.set({ generic: true, tables, review: lastGeneric.reduce((n, g) => n + g.review.length, 0) });
    return lastGeneric.map((g) => toCaptureBatch(g.result, location.href, now));
  }

  /** One read of the page for the session: held (an error line) while a shop switch has not reached the table yet. */
  const read = (): PageRead => {
    const r = readUnguarded();
    if (r === null || 'error' in r) return r;
    const batches = Array.isArray(r) ? r : [r];
    const check = guard.check(batches);
    if (!check.ok) {
      d.decide(overlayText('diag_shopSwitch', { from: check.from, to: check.to }));
      return { error: shopSwitchHeld(check) };
    }
    return r;
  };

  return {
    read,
    specific,
    /** Marks the observed-only records of stored batches as stored (never sent again from this tab). */
    markStored(batches: CaptureBatch[]) {
      for (const b of batches) for (const k of observedKeys.get(b) ?? []) d.observedStored.add(k);
    },
    lastGeneric: () => lastGeneric,
    lastShopSource: () => lastShopSource,
  };
}

export type PageReader = ReturnType<typeof createPageReader>;
