/**
 * Shared by the console content scripts and the injected generic capture: pick the adapter for
 * this page (a specific one, else the generic adapter), capture what the page shows (again
 * whenever the table changes), and mount the overlay in an open shadow root — the capture bar, the
 * column-mapping dialog, the table pick mode and the tier chips beside buyer names.
 */
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { adapters, adaptersForUrl, pickAdapter, readWithAdapter, toCaptureBatch, type Adapter } from '@/lib/capture/adapters';
import { buildDiagnostics, diagnosticsFileName } from '@/lib/capture/diagnostics';
import { ObservedLog, isTapObserved } from '@/lib/capture/observe/observer';
import { readConsolePage } from '@/lib/capture/observe/read-page';
import { TAP_MARK, type TapHello } from '@/lib/capture/observe/tap';
import type { ShopSource } from '@/lib/capture/shop';
import { findDataTables, readGenericPage, readGenericTable, genericShop, tableSignature, type GenericPrefs, type GenericTableRead } from '@/lib/capture/generic';
import type { CaptureBatch } from '@/lib/capture/ingest';
import { captureAllPages, progressText, type CaptureAllProgress } from '@/lib/capture/paginate';
import { clickLikeUser, findPager, type Pager } from '@/lib/capture/pager';
import type { ReadTable, TableRow } from '@/lib/capture/table';
import { collectVirtualRows, elementScroller, findVirtualBody } from '@/lib/capture/virtual';
import { onMessage, sendMessage } from '@/lib/messaging';
import { Shop as ShopSchema, toShanghaiIso, type Platform, type Shop } from '@/lib/model';
import { findChipAnchors, placeChips, type ChipAnchor, type PlacedChip } from './chips';
import { CaptureOverlay, overlayCss } from './CaptureOverlay';
import { MappingDialog, type DialogTable } from './MappingDialog';
import { loadPrefs, prefsKey, savePrefs } from './prefs';
import { CaptureSession, type SessionView } from './session';

const DEFAULT_DELAY_MS = 1500;

/** chrome.storage.local: false turns the observed JSON off (DOM only; tests and merchants who want it). Default on. */
export const OBSERVE_JSON_KEY = 'observeJson';
/** chrome.storage.local: the merchant's answer to the shop prompt for one console host (a Shop). */
export const shopAnswerKey = (host: string) => `shopAnswer:${host}`;

/** Said while the page shows no shop and the merchant has not named it (nothing is stored before). */
export const NEEDS_SHOP = '页面上没有显示店铺：请在下方选择或输入店铺名称后再采集 (no shop on the page: name it below)';
const TIER_POLL_MS = 3000;

/** State of the generic parts of the overlay (mapping dialog, pick mode, chips), outside the capture session. */
interface Extras {
  generic: boolean;
  tables: DialogTable[];
  review: number;
  dialogOpen: boolean;
  picking: boolean;
  pickBox: { left: number; top: number; width: number; height: number } | null;
  picked: boolean;
  chips: PlacedChip[];
  /** The shop prompt, while the page shows no shop (SPEC §10 shop-prompt). */
  shopPrompt: { platform: Platform; known: Shop[] } | null;
  /** The page's own JSON: what was mapped and ignored (one line). */
  observedText: string | null;
}

class Store<T> {
  private listeners = new Set<(v: T) => void>();
  constructor(public value: T) {}
  set(patch: Partial<T>) {
    this.value = { ...this.value, ...patch };
    for (const fn of this.listeners) fn(this.value);
  }
  subscribe(fn: (v: T) => void): () => void {
    this.listeners.add(fn);
    fn(this.value);
    return () => this.listeners.delete(fn);
  }
}

interface Actions {
  captureAll: () => void;
  captureNow: () => void;
  stop: () => void;
  openDialog: () => void;
  closeDialog: () => void;
  saveMapping: (choices: Record<string, string>) => void;
  togglePick: () => void;
  clearPick: () => void;
  answerShop: (shop: Shop) => void;
  diagnostics: () => void;
}

function OverlayRoot({ session, extras, actions }: { session: CaptureSession; extras: Store<Extras>; actions: Actions }) {
  const [view, setView] = useState<SessionView>(session.view);
  const [x, setX] = useState<Extras>(extras.value);
  useEffect(() => session.subscribe(setView), [session]);
  useEffect(() => extras.subscribe(setX), [extras]);
  return (
    <>
      <div className="sl-chips" data-testid="tier-chips">
        {x.chips.map((c) => (
          <span key={c.id} className="sl-chip-group" data-testid="tier-chip" data-customer={c.customerKey} data-labels={c.labels.join(',')} style={{ left: c.left, top: c.top, height: c.height }}>
            {c.labels.map((l) => (
              <span key={l} className={`sl-chip sl-chip-${chipTone(l)}`}>
                {l}
              </span>
            ))}
          </span>
        ))}
      </div>
      {x.pickBox && <div className="sl-pick-box" data-testid="pick-box" style={{ left: x.pickBox.left, top: x.pickBox.top, width: x.pickBox.width, height: x.pickBox.height }} />}
      <CaptureOverlay
        {...view}
        canCaptureAll={view.adapter !== null}
        onCaptureAll={actions.captureAll}
        onStop={actions.stop}
        generic={x.generic ? { tables: x.tables.length, review: x.review, picking: x.picking, picked: x.picked } : null}
        onCaptureNow={actions.captureNow}
        onOpenMapping={actions.openDialog}
        onTogglePick={actions.togglePick}
        onClearPick={actions.clearPick}
        shopPrompt={x.shopPrompt}
        onShopAnswer={actions.answerShop}
        observedText={x.observedText}
        onDiagnostics={actions.diagnostics}
        inFrame={inFrame}
      />
      {x.dialogOpen && x.tables.length > 0 && <MappingDialog tables={x.tables} onSave={actions.saveMapping} onClose={actions.closeDialog} />}
    </>
  );
}

/** True in a frame (千牛 shows 客户运营平台 inside one); comparing window objects is allowed across origins. */
const inFrame = typeof window !== 'undefined' && window !== window.top;

function chipTone(label: string): string {
  if (label === '首单') return 'first';
  if (label === '复购') return 'repeat';
  if (label === '高潜') return 'potential';
  return 'rfm';
}

/** Waits until `changed()` holds, checking on every DOM mutation; rejects after `timeoutMs`. */
function waitForDom(changed: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (changed()) return resolve();
    const obs = new MutationObserver(() => {
      if (changed()) {
        obs.disconnect();
        clearTimeout(timer);
        resolve();
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => {
      obs.disconnect();
      reject(new Error('翻页后表格没有变化（超时）'));
    }, timeoutMs);
  });
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 60)));

const rowKey = (r: TableRow) => r.el.getAttribute('data-row-key') ?? r.el.closest('[data-row-key]')?.getAttribute('data-row-key') ?? r.cells.join('\u0001');

/** The highest ancestor of `el` holding no other table of `all` (so a table's pager is looked for near it only). */
function scopeOf(el: Element, all: readonly Element[]): ParentNode {
  let scope: Element = el;
  while (scope.parentElement && !all.some((o) => o !== el && scope.parentElement!.contains(o))) scope = scope.parentElement;
  return scope;
}

/**
 * Runs capture in this tab. `mode: 'console'` on the console domains (a specific adapter when one
 * confirms, else the generic one); `mode: 'generic'` when injected on any other site from the popup.
 */
export async function runConsoleCapture(ctx: ContentScriptContext, mode: 'console' | 'generic' = 'console'): Promise<void> {
  const host = location.hostname;
  // --- the page's own JSON (SPEC §8), handed over by the main-world tap -------------------------
  const stored = await browser.storage.local.get([OBSERVE_JSON_KEY, shopAnswerKey(host)]).catch(() => ({}) as Record<string, unknown>);
  let observeOn = stored[OBSERVE_JSON_KEY] !== false;
  const answerParsed = ShopSchema.safeParse(stored[shopAnswerKey(host)]);
  let answer: Shop | null = answerParsed.success ? answerParsed.data : null;
  const log = new ObservedLog(adapters);
  /** recordKeys of observed-only records stored from this tab (not sent again). */
  const observedStored = new Set<string>();
  let pendingObservedKeys: string[] = [];
  let onObserved: () => void = () => undefined;
  let lastShopSource: ShopSource | null = null;
  const decisions: string[] = [];
  const decide = (text: string) => {
    if (decisions[decisions.length - 1] === text) return;
    decisions.push(`${toShanghaiIso(Date.now())} ${text}`);
    if (decisions.length > 200) decisions.shift();
  };
  const onTapMessage = (e: MessageEvent) => {
    if (e.source !== window || !isTapObserved(e.data)) return;
    log.take(e.data, observeOn);
    onObserved();
  };
  if (mode === 'console') {
    window.addEventListener('message', onTapMessage);
    // The tap keeps what it saw before we were ready; hello makes it hand that over.
    const hello: TapHello = { [TAP_MARK]: 1, kind: 'hello' };
    window.postMessage(hello, '*');
  }

  let prefs: GenericPrefs = await loadPrefs(location.href).catch(() => ({ mapping: {} }));
  let lastGeneric: GenericTableRead[] = [];
  /** Full row lists of virtual tables collected by scrolling, by table signature, until the table changes. */
  const expanded = new Map<string, { rows: TableRow[] }>();
  const extras = new Store<Extras>({ generic: false, tables: [], review: 0, dialogOpen: false, picking: false, pickBox: null, picked: !!prefs.pickedTable, chips: [], shopPrompt: null, observedText: null });

  /** The adapter of this page: one whose URL matches and whose table is on the page, else one whose endpoint the page called (its DOM unreadable). */
  const specific = (): Adapter | null => {
    if (mode !== 'console') return null;
    const confirmed = pickAdapter(location.href, document);
    if (confirmed || !observeOn) return confirmed;
    // Bodies that map to records (given a shop) make their adapter this page's even when its DOM reads nothing.
    const ctx = { pageUrl: location.href, capturedAt: toShanghaiIso(Date.now()), shop: null };
    return adaptersForUrl(location.href).find((h) => log.has(h.adapter.id) && log.resultsFor(h.adapter.id, ctx).length > 0)?.adapter ?? null;
  };

  let promptAsked = false;
  async function askShop(platform: Platform) {
    if (extras.value.shopPrompt) return;
    if (!promptAsked) decide('店铺无法从页面识别，询问商家 (shop prompt shown)');
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
    const why = ignored.map(([r, c]) => `${r} ×${c}`).join('；');
    return `接口数据：收到 ${seen} 个响应，采用 ${used} 个${nIgnored ? `，忽略 ${nIgnored} 个（${why}）` : ''} (page JSON observed: ${used} of ${seen} responses used)`;
  }

  /** A console page read with its adapter, the observed JSON and the shop (page, JSON, or the merchant's answer). */
  function readConsole(adapter: Adapter, now: string): CaptureBatch[] | { error: string } {
    const r = readConsolePage({ doc: document, url: location.href, capturedAt: now, adapter, log: observeOn ? log : null, answer, stored: observedStored });
    if (r.kind === 'needsShop') {
      void askShop(r.platform);
      decide(NEEDS_SHOP);
      return { error: NEEDS_SHOP };
    }
    if (extras.value.shopPrompt) extras.set({ shopPrompt: null });
    if (r.kind === 'problem') {
      decide(r.problem);
      extras.set({ observedText: observedLine() });
      return { error: r.problem };
    }
    pendingObservedKeys = r.observedOnlyKeys;
    if (r.shopSource !== lastShopSource) decide(`店铺来源 (shop source): ${r.shopSource ?? 'page'}`);
    lastShopSource = r.shopSource;
    const cc = r.batches[0]?.crossCheck as { matched: number; disagreementCount: number } | undefined;
    if (cc?.disagreementCount) decide(`页面与接口数据不一致 ${cc.disagreementCount} 处 (DOM and JSON disagree)`);
    extras.set({ observedText: observedLine() });
    return r.batches;
  }

  /** The generic reads, with virtual tables' collected rows in place of the few rendered ones. */
  function genericReads(now: string): GenericTableRead[] {
    const reads = readGenericPage(document, location.href, now, prefs);
    return reads.map((r) => {
      const ex = expanded.get(r.signature);
      if (!ex) return r;
      // Still the same table (its rendered rows are among those collected): read the full list.
      const keys = new Set(ex.rows.map(rowKey));
      if (!r.table.rows.every((row) => keys.has(rowKey(row)))) {
        expanded.delete(r.signature);
        return r;
      }
      const full: ReadTable = { ...r.table, rows: ex.rows };
      return readGenericTable(full, genericShop(document, location.href), now, prefs.mapping);
    });
  }

  const read = (): CaptureBatch | CaptureBatch[] | { error: string } | null => {
    const now = toShanghaiIso(Date.now());
    const adapter = specific();
    if (adapter) {
      if (extras.value.generic) extras.set({ generic: false });
      return readConsole(adapter, now);
    }
    if (mode === 'console') extras.set({ observedText: observedLine() });
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
  };
  const session = new CaptureSession(read);
  session.onStored = () => {
    for (const k of pendingObservedKeys) observedStored.add(k);
    pendingObservedKeys = [];
  };
  let stopRequested = false;
  let walking = false;

  const captureSoon = debounce(() => {
    if (!walking) void session.captureNow().then(refreshTiers);
  }, 400);
  onObserved = captureSoon;

  /** Scrolls every virtual table of the page through (generic path), so capture gets all its rows. */
  async function expandVirtualTables(): Promise<void> {
    if (specific()) return;
    for (const t of findDataTables(document)) {
      const body = findVirtualBody(t.el, t.rows.length);
      if (!body) continue;
      const sig = tableSignature(t);
      session.update({ progressText: '滚动读取虚拟列表…' });
      const res = await collectVirtualRows<TableRow>({
        scroller: elementScroller(body),
        read: () => findDataTables(document).find((x) => tableSignature(x) === sig)?.rows ?? [],
        keyOf: rowKey,
        settle: nextFrame,
        isStopped: () => stopRequested,
      });
      expanded.set(sig, { rows: res.rows });
      await nextFrame();
    }
  }

  async function captureNowFull() {
    walking = true;
    try {
      await expandVirtualTables();
      const r = await session.captureNow();
      session.update({ progressText: r.error ? '' : `本页已采集 ${r.rows} 行` });
    } finally {
      walking = false;
    }
    await refreshTiers();
  }

  async function captureAll() {
    const { captureDelayMs } = await browser.storage.local.get('captureDelayMs');
    const delayMs = typeof captureDelayMs === 'number' ? captureDelayMs : DEFAULT_DELAY_MS;
    stopRequested = false;
    walking = true;
    session.update({ state: 'running', progressText: '开始…', message: null });
    const adapter = specific();
    // One walk per table, each through its own pager (SPEC §8: several tables on one page).
    const targets: { sig: string | null; nth: number }[] = adapter
      ? [{ sig: null, nth: 0 }]
      : (() => {
          const count = new Map<string, number>();
          return findDataTables(document)
            .filter((t) => !prefs.pickedTable || tableSignature(t) === prefs.pickedTable)
            .map((t) => {
              const sig = tableSignature(t);
              const nth = count.get(sig) ?? 0;
              count.set(sig, nth + 1);
              return { sig, nth };
            });
        })();
    const tableEl = (target: { sig: string | null; nth: number }): Element | null => {
      if (target.sig === null) return adapter?.findTable(document) ?? null;
      return findDataTables(document).filter((t) => tableSignature(t) === target.sig)[target.nth]?.el ?? null;
    };
    const tableRowsSig = (target: { sig: string | null; nth: number }): string | null => {
      if (target.sig === null) {
        const knownShop = answer ? { shop: answer, source: 'answer' as const } : null;
        const r = adapter ? readWithAdapter(adapter, document, location.href, toShanghaiIso(Date.now()), { knownShop }) : null;
        if (!r || 'error' in r || r.rawRows.length === 0) return null;
        return `${r.rawRows.length}|${JSON.stringify(r.rawRows[0])}`;
      }
      const t = findDataTables(document).filter((x) => tableSignature(x) === target.sig)[target.nth];
      if (!t || t.rows.length === 0) return null;
      return `${t.rows.length}|${JSON.stringify(t.rows[0]!.cells)}`;
    };
    let end: CaptureAllProgress = { state: 'done', page: 0, total: null };
    const n = targets.length;
    let pagesDone = 0;
    if (n === 0) end = { state: 'error', page: 0, total: null, message: '页面上没有找到数据表格' };
    for (let i = 0; i < n && end.state === 'done'; i++) {
      const target = targets[i]!;
      const prefix = n > 1 ? `表格 ${i + 1}/${n} · ` : '';
      const el0 = tableEl(target);
      const all = adapter ? [] : findDataTables(document).map((t) => t.el);
      const pager: Pager | null = el0 ? (adapter ? findPager(el0) : findPager(el0, scopeOf(el0, all))) : null;
      end = await captureAllPages(
        {
          capturePage: async () => {
            await expandVirtualTables();
            const r = await session.captureNow();
            if (r.error) throw new Error(r.error);
          },
          signature: () => tableRowsSig(target),
          clickNext: () => {
            const next = pager?.next();
            if (!next) return false;
            clickLikeUser(next);
            return true;
          },
          waitFor: waitForDom,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          pageInfo: () => ({ current: pager?.current() ?? null, total: pager?.total() ?? null }),
        },
        () => stopRequested,
        (p) => session.update({ state: p.state === 'done' && i < n - 1 ? 'running' : p.state, progressText: prefix + progressText(p) }),
        { delayMs },
      );
      pagesDone += end.page;
      if (end.state === 'done' && i < n - 1) session.update({ state: 'running', progressText: `${prefix}${progressText(end)}` });
    }
    walking = false;
    const text = n > 1 && end.state === 'done' ? `${n} 个表格 · 完成，共 ${pagesDone} 页` : progressText(end);
    decide(`采集全部分页 (capture all): ${end.state} · ${text}`);
    session.update({ state: end.state, progressText: text, message: end.state === 'error' ? end.message ?? null : null });
    await refreshTiers();
  }

  // --- tier chips -------------------------------------------------------------------------
  let tiers: Record<string, string[]> = {};
  let anchors: ChipAnchor[] = [];
  let tierSig = '';
  async function refreshTiers() {
    const shopId = session.view.shopId;
    if (!shopId || session.customers.size === 0) return;
    try {
      tiers = await sendMessage('customerTiers', { shopId, keys: [...session.customers.keys()] });
    } catch {
      return; // the background restarted; next poll
    }
    const sig = JSON.stringify(tiers);
    if (sig !== tierSig) {
      tierSig = sig;
      relocate();
    }
  }
  function chipRoots(): Element[] {
    const adapter = specific();
    if (adapter) {
      const el = adapter.findTable(document);
      return el ? [el] : [];
    }
    return lastGeneric.map((g) => g.table.el).filter((el) => el.isConnected);
  }
  function relocate() {
    anchors = findChipAnchors(chipRoots(), session.customers, tiers);
    schedulePlace();
  }
  let placing = false;
  function schedulePlace() {
    if (placing) return;
    placing = true;
    requestAnimationFrame(() => {
      placing = false;
      const chips = placeChips(
        anchors.filter((a) => a.range.startContainer.isConnected),
        { width: window.innerWidth, height: window.innerHeight },
      );
      extras.set({ chips });
    });
  }
  const relocateSoon = debounce(relocate, 150);

  // --- pick mode --------------------------------------------------------------------------
  let pickCleanup: (() => void) | null = null;
  function startPick() {
    if (pickCleanup) return;
    const fromOverlay = (e: Event) => e.composedPath().includes(ui.shadowHost);
    const tableAt = (target: EventTarget | null): ReturnType<typeof findDataTables>[number] | null => {
      if (!(target instanceof Element)) return null;
      const hits = findDataTables(document).filter((t) => t.el.contains(target));
      return hits[hits.length - 1] ?? null; // innermost
    };
    const onMove = (e: MouseEvent) => {
      if (fromOverlay(e)) return;
      const t = tableAt(e.target);
      const r = t?.el.getBoundingClientRect();
      extras.set({ pickBox: r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null });
    };
    const swallow = (e: Event) => {
      if (fromOverlay(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onClick = (e: MouseEvent) => {
      if (fromOverlay(e)) return;
      swallow(e);
      const t = tableAt(e.target);
      if (!t) return;
      stopPick();
      void savePrefs(location.href, { pickedTable: tableSignature(t) }).then((p) => {
        prefs = p;
        extras.set({ picked: true });
        session.update({ message: null, progressText: `已选择表格（${t.headers.slice(0, 3).join('、')}…）` });
        void session.captureNow();
      });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') stopPick();
    };
    const opts = { capture: true } as const;
    window.addEventListener('mousemove', onMove, opts);
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) window.addEventListener(type, swallow, opts);
    window.addEventListener('click', onClick, opts);
    window.addEventListener('keydown', onKey, opts);
    pickCleanup = () => {
      window.removeEventListener('mousemove', onMove, opts);
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) window.removeEventListener(type, swallow, opts);
      window.removeEventListener('click', onClick, opts);
      window.removeEventListener('keydown', onKey, opts);
    };
    extras.set({ picking: true });
  }
  function stopPick() {
    pickCleanup?.();
    pickCleanup = null;
    extras.set({ picking: false, pickBox: null });
  }

  const actions: Actions = {
    captureAll: () => void captureAll(),
    captureNow: () => void captureNowFull(),
    stop: () => (stopRequested = true),
    openDialog: () => extras.set({ dialogOpen: true }),
    closeDialog: () => extras.set({ dialogOpen: false }),
    saveMapping: (choices) => {
      void savePrefs(location.href, { mapping: choices as GenericPrefs['mapping'] }).then((p) => {
        prefs = p;
        extras.set({ dialogOpen: false });
        void session.captureNow().then(refreshTiers);
      });
    },
    togglePick: () => (extras.value.picking ? stopPick() : startPick()),
    clearPick: () =>
      void savePrefs(location.href, { pickedTable: undefined }).then((p) => {
        prefs = p;
        extras.set({ picked: false });
        void session.captureNow();
      }),
    answerShop: (shop) => {
      // Remembered for this console host: the prompt is shown once.
      answer = shop;
      decide('商家已指定店铺 (shop named by the merchant)');
      extras.set({ shopPrompt: null });
      session.update({ message: null });
      void browser.storage.local
        .set({ [shopAnswerKey(host)]: shop })
        .catch(() => undefined)
        .then(() => session.captureNow())
        .then(refreshTiers);
    },
    diagnostics: () => {
      const now = toShanghaiIso(Date.now());
      const file = buildDiagnostics({
        doc: document,
        url: location.href,
        at: now,
        adapter: specific()?.id ?? (mode === 'console' ? null : 'generic'),
        shopSource: lastShopSource,
        observed: log.endpointStats(),
        decisions,
      });
      const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = diagnosticsFileName(host, now);
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    },
  };

  onMessage('tabCaptureState', () => {
    const { adapter, shopId, count, rejected, state } = session.view;
    return { adapter, shopId, count, rejected, state };
  });

  const ui = await createShadowRootUi(ctx, {
    name: 'seller-lens-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: overlayCss,
    onMount: (container) => {
      const root = createRoot(container);
      root.render(<OverlayRoot session={session} extras={extras} actions={actions} />);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();

  void session.captureNow().then(refreshTiers);
  const obs = new MutationObserver((records) => {
    // Our own overlay's updates are not page changes.
    if (records.every((r) => ui.shadowHost.contains(r.target))) return;
    captureSoon();
    relocateSoon();
  });
  obs.observe(document.body, { childList: true, subtree: true, characterData: true });
  const onViewport = () => schedulePlace();
  window.addEventListener('scroll', onViewport, { capture: true, passive: true });
  window.addEventListener('resize', onViewport, { passive: true });
  const poll = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshTiers();
  }, TIER_POLL_MS);
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && OBSERVE_JSON_KEY in changes) observeOn = changes[OBSERVE_JSON_KEY]?.newValue !== false;
    if (area === 'local' && prefsKey(location.href) in changes)
      void loadPrefs(location.href).then((p) => {
        prefs = p;
        extras.set({ picked: !!p.pickedTable });
      });
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => {
    obs.disconnect();
    clearInterval(poll);
    stopPick();
    window.removeEventListener('scroll', onViewport, { capture: true });
    window.removeEventListener('resize', onViewport);
    window.removeEventListener('message', onTapMessage);
    browser.storage.onChanged.removeListener(onStorage);
  });
}

function debounce(fn: () => void, ms: number): () => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}
