import { useEffect, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { pageLabel } from './labels';
import { sendMessage, type TabCaptureState } from '@/lib/messaging';

/**
 * The tab the popup acts on: the active tab of the current window, or `?tab=<id>` when the popup
 * page is opened for a given tab (an extension page opened as a tab is itself the active tab).
 */
async function targetTab(): Promise<chrome.tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(id) && id > 0) return chrome.tabs.get(id).catch(() => undefined);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Popup header: the active tab's capture state, 采集此页表格 for any other site, and a button that opens the side panel. */
export function TabStatus({ t }: { t: (k: MessageKey) => string }) {
  const [state, setState] = useState<TabCaptureState | null | 'none'>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  // Known before the click: chrome.sidePanel.open must run in the click itself (an await before it loses the user gesture).
  const [windowId, setWindowId] = useState<number | null>(null);
  const [inject, setInject] = useState<{ state: 'running' | 'done' | 'error'; text: string } | null>(null);
  useEffect(() => {
    void (async () => {
      const tab = await targetTab();
      const win = tab?.windowId ?? (await chrome.windows.getCurrent().catch(() => undefined))?.id;
      if (win !== undefined) setWindowId(win);
      if (tab?.id === undefined) return setState('none');
      setTabId(tab.id);
      try {
        setState(await sendMessage('tabCaptureState', undefined, tab.id));
      } catch {
        setState('none'); // no content script in this tab: not a console page (yet)
      }
    })();
  }, []);

  function openPanel() {
    if (windowId === null) return;
    void chrome.sidePanel
      .open({ windowId })
      .then(() => window.close())
      .catch(() => undefined);
  }

  async function captureHere() {
    if (tabId === null) return;
    setInject({ state: 'running', text: '…' });
    // The background injects with the activeTab grant this popup's opening gave the extension.
    const r = await sendMessage('injectGenericCapture', { tabId }).catch((e: unknown) => ({ ok: false, reason: String(e) }));
    setInject(r.ok ? { state: 'done', text: t('captureInjected') } : { state: 'error', text: `${t('captureInjectFailed')}${t('labelSeparator')}${r.reason ?? ''}` });
  }

  return (
    <section className="controls tab-status" data-testid="tab-status">
      {state === 'none' && <div className="muted">{t('notConsole')}</div>}
      {state && state !== 'none' && (
        <div data-testid="tab-capture" data-count={state.count} data-rejected={state.rejected} data-state={state.state}>
          {t('thisTab')} ({state.adapter ? pageLabel(state.adapter, t) : '—'}): {t('captured')} {state.count} {t('records')}
          {state.rejected > 0 ? ` · ${state.rejected} ${t('rejectedRows')}` : ''}
        </div>
      )}
      {state === 'none' && tabId !== null && (
        <button type="button" data-testid="capture-this-page" disabled={inject?.state === 'running'} onClick={() => void captureHere()}>
          {t('captureThisPage')}
        </button>
      )}
      {inject && (
        <div className="muted" data-testid="capture-this-page-status" data-state={inject.state}>
          {inject.text}
        </div>
      )}
      <button type="button" className="primary" data-testid="open-sidepanel" disabled={windowId === null} onClick={openPanel}>
        {t('openSidePanel')}
      </button>
    </section>
  );
}
