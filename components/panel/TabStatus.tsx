import { useEffect, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { sendMessage, type TabCaptureState } from '@/lib/messaging';

/** Popup header: the active tab's capture state and a button that opens the side panel. */
export function TabStatus({ t }: { t: (k: MessageKey) => string }) {
  const [state, setState] = useState<TabCaptureState | null | 'none'>(null);
  useEffect(() => {
    void (async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return setState('none');
      try {
        setState(await sendMessage('tabCaptureState', undefined, tab.id));
      } catch {
        setState('none'); // no content script in this tab: not a console page
      }
    })();
  }, []);

  async function openPanel() {
    const win = await chrome.windows.getCurrent();
    if (win.id !== undefined) await chrome.sidePanel.open({ windowId: win.id });
    window.close();
  }

  return (
    <section className="controls tab-status" data-testid="tab-status">
      {state === 'none' && <div className="muted">{t('notConsole')}</div>}
      {state && state !== 'none' && (
        <div data-testid="tab-capture" data-count={state.count} data-rejected={state.rejected} data-state={state.state}>
          {t('thisTab')} ({state.adapter ?? '—'}): {t('captured')} {state.count} {t('records')}
          {state.rejected > 0 ? ` · ${state.rejected} ${t('rejectedRows')}` : ''}
        </div>
      )}
      <button type="button" data-testid="open-sidepanel" onClick={() => void openPanel()}>
        {t('openSidePanel')}
      </button>
    </section>
  );
}
