/**
 * Shared by the console content scripts and the injected generic capture: pick the adapter for
 * this page (a specific one, else the generic adapter), capture what the page shows (again
 * whenever the table changes), and mount the overlay in an open shadow root — the capture bar, the
 * column-mapping dialog, the table pick mode and the tier chips beside buyer names.
 *
 * Lifecycle: one AbortController per mount, aborted when WXT invalidates the content script (the
 * extension reloaded or updated); every listener, observer, poll, wait and walk of the features
 * (page-reader, capture-all, tier-chips, pick-mode) ends with its signal.
 */
import { createRoot } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { adapters } from '@/lib/capture/adapters';
import { buildDiagnostics, diagnosticsFileName } from '@/lib/capture/diagnostics';
import { ObservedLog, isTapObserved } from '@/lib/capture/observe/observer';
import { TAP_MARK, type TapHello } from '@/lib/capture/observe/tap';
import type { GenericPrefs } from '@/lib/capture/generic';
import type { TableRow } from '@/lib/capture/table';
import { onMessage, sendMessage } from '@/lib/messaging';
import { toShanghaiIso, type Shop } from '@/lib/model';
import { createCaptureCommands } from './capture-all';
import { overlayCss } from './CaptureOverlay';
import { debounce, observeUntil } from './dom';
import { OverlayRoot, type Actions } from './OverlayRoot';
import { createPageReader } from './page-reader';
import { createPickMode } from './pick-mode';
import { loadPrefs, prefsKey, savePrefs } from './prefs';
import { CaptureSession } from './session';
import { Store, type Extras } from './store';
import { createTierChips, isChipMutation } from './tier-chips';
import { overlayText, setOverlayLang } from './text';
import { findPager } from '@/lib/capture/pager';
import { parseLocalSetting, readLocalSetting, writeLocalSetting } from '@/lib/db/settings/local';
import { observeJsonSetting, settingKey, shopAnswerSetting, uiLangSetting } from '@/lib/db/settings/registry';


/** chrome.storage.local: false turns the observed JSON off (DOM only; tests and merchants who want it). Default on. */
export const OBSERVE_JSON_KEY = observeJsonSetting.prefix;

/** Saves the page's diagnostic file (SPEC §8) through a download link. */
function downloadJson(file: unknown, name: string) {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * Runs capture in this tab. `mode: 'console'` on the console domains (a specific adapter when one
 * confirms, else the generic one); `mode: 'generic'` when injected on any other site from the popup.
 */
export async function runConsoleCapture(ctx: ContentScriptContext, mode: 'console' | 'generic' = 'console'): Promise<void> {
  const life = new AbortController();
  const signal = life.signal;
  ctx.onInvalidated(() => life.abort());
  const host = location.hostname;

  // --- the page's own JSON (SPEC §8), handed over by the main-world tap -------------------------
  // Typed reads through the settings registry (an invalid stored value reads as the default).
  let observeOn = (await readLocalSetting(browser.storage.local, observeJsonSetting)) !== false;
  let answer: Shop | null = (await readLocalSetting(browser.storage.local, shopAnswerSetting, host)) ?? null;
  // The side panel's language (zh-CN until the merchant picks English there).
  setOverlayLang((await readLocalSetting(browser.storage.local, uiLangSetting)) ?? 'zh');
  const log = new ObservedLog(adapters);
  let onObserved: () => void = () => undefined;
  const decisions: string[] = [];
  const decide = (text: string) => {
    if (decisions[decisions.length - 1] === text) return;
    decisions.push(`${toShanghaiIso(Date.now())} ${text}`);
    if (decisions.length > 200) decisions.shift();
  };
  if (mode === 'console') {
    const onTapMessage = (e: MessageEvent) => {
      if (e.source !== window || !isTapObserved(e.data)) return;
      log.take(e.data, observeOn);
      onObserved();
    };
    window.addEventListener('message', onTapMessage, { signal });
    // The tap keeps what it saw before we were ready; hello makes it hand that over.
    const hello: TapHello = { [TAP_MARK]: 1, kind: 'hello' };
    window.postMessage(hello, '*');
  }

  let prefs: GenericPrefs = await loadPrefs(location.href).catch(() => ({ mapping: {} }));
  const expanded = new Map<string, { rows: TableRow[] }>();
  const extras = new Store<Extras>({ generic: false, tables: [], review: 0, dialogOpen: false, picking: false, pickBox: null, picked: !!prefs.pickedTable, lang: (await readLocalSetting(browser.storage.local, uiLangSetting)) ?? 'zh', panelStatus: null, shopPrompt: null, observedText: null });

  const reader = createPageReader({
    mode,
    log,
    extras,
    observeOn: () => observeOn,
    answer: () => answer,
    prefs: () => prefs,
    observedStored: new Set<string>(),
    expanded,
    decide,
  });
  const session = new CaptureSession(reader.read);
  session.onStored = (batches) => reader.markStored(batches);
  // Errors name the console page they were on (the adapter's table's pager; none for generic tables).
  session.pageOf = () => {
    const el = reader.specific()?.findTable(document);
    return el ? findPager(el)?.current() ?? null : null;
  };
  signal.addEventListener('abort', () => session.giveUp(), { once: true });

  const chips = createTierChips({ session, specific: reader.specific, lastGeneric: reader.lastGeneric, signal });
  const refreshTiers = chips.refreshTiers;
  const commands = createCaptureCommands({ session, reader, prefs: () => prefs, answer: () => answer, expanded, decide, refreshTiers, signal });

  const captureSoon = debounce(() => {
    if (!commands.isWalking()) void session.captureNow().then(refreshTiers);
  }, 400, signal);
  onObserved = captureSoon;

  // The shadow host exists once the UI is created below; pick mode asks for it only on events.
  let shadowHost: Element | null = null;
  const pick = createPickMode({
    extras,
    host: () => shadowHost ?? document.body,
    signal,
    onPicked: (signature, t) => {
      void savePrefs(location.href, { pickedTable: signature }).then((p) => {
        prefs = p;
        extras.set({ picked: true });
        session.update({ message: null, progressText: overlayText('overlay_tablePicked', { headers: t.headers.slice(0, 3).join(overlayText('listSeparator')) }) });
        void session.captureNow();
      });
    },
  });

  const actions: Actions = {
    captureAll: () => void commands.captureAll(),
    captureNow: () => void commands.captureNowFull(),
    stop: commands.stop,
    giveUp: () => session.giveUp(),
    openDialog: () => extras.set({ dialogOpen: true }),
    closeDialog: () => extras.set({ dialogOpen: false }),
    saveMapping: (choices) => {
      void savePrefs(location.href, { mapping: choices as GenericPrefs['mapping'] }).then((p) => {
        prefs = p;
        extras.set({ dialogOpen: false });
        void session.captureNow().then(refreshTiers);
      });
    },
    togglePick: pick.toggle,
    clearPick: () =>
      void savePrefs(location.href, { pickedTable: undefined }).then((p) => {
        prefs = p;
        extras.set({ picked: false });
        void session.captureNow();
      }),
    answerShop: (shop) => {
      // Remembered for this console host: the prompt is shown once.
      answer = shop;
      decide(overlayText('diag_shopNamed'));
      extras.set({ shopPrompt: null });
      session.update({ message: null });
      void writeLocalSetting(browser.storage.local, shopAnswerSetting, shop, host)
        .catch(() => undefined)
        .then(() => session.captureNow())
        .then(refreshTiers);
    },
    finish: () => session.update({ summary: session.summarize() }),
    closeSummary: () => {
      session.update({ summary: null });
      extras.set({ panelStatus: null });
    },
    // Firefox: sidebarAction.open only answers a gesture in the extension's own UI, so the button is not shown there.
    ...(import.meta.env.BROWSER === 'firefox'
      ? {}
      : {
          openPanel: () => {
            extras.set({ panelStatus: null });
            void sendMessage('openSidePanel', undefined)
              .catch((e: unknown) => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }))
              .then((r) => {
                if (!r.ok) extras.set({ panelStatus: overlayText('overlay_openPanelFailed', { reason: r.reason ?? '' }) });
              });
          },
        }),
    diagnostics: () => {
      const now = toShanghaiIso(Date.now());
      const file = buildDiagnostics({
        doc: document,
        url: location.href,
        at: now,
        adapter: reader.specific()?.id ?? (mode === 'console' ? null : 'generic'),
        shopSource: reader.lastShopSource(),
        observed: log.endpointStats(),
        decisions,
      });
      downloadJson(file, diagnosticsFileName(host, now));
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
  shadowHost = ui.shadowHost;

  void session.captureNow().then(refreshTiers);
  observeUntil(document.body, { childList: true, subtree: true, characterData: true }, signal, (records) => {
    // Our own overlay's updates are not page changes.
    // Our own overlay's updates, and the tier chips drawn into the page, are not page changes.
    if (records.every((r) => ui.shadowHost.contains(r.target) || isChipMutation(r))) return;
    captureSoon();
    chips.relocateSoon();
  });
  chips.start();
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && OBSERVE_JSON_KEY in changes) observeOn = changes[OBSERVE_JSON_KEY]?.newValue !== false;
    const langKey = settingKey(uiLangSetting);
    if (area === 'local' && langKey in changes) {
      // The merchant switched the side panel's language: the overlay and the chips follow.
      const lang = parseLocalSetting(uiLangSetting, changes[langKey]?.newValue) ?? 'zh';
      setOverlayLang(lang);
      extras.set({ lang });
      commands.retext();
      chips.relocate();
    }
    if (area === 'local' && prefsKey(location.href) in changes)
      void loadPrefs(location.href).then((p) => {
        prefs = p;
        extras.set({ picked: !!p.pickedTable });
      });
  };
  browser.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage), { once: true });
}
