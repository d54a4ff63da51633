import { useEffect, useState } from 'react';
import { sendMessage, type TabCaptureState } from '@/lib/messaging';

/** Popup header: the active tab's capture state and a button that opens the side panel. */
export function TabStatus() {
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
      {state === 'none' && <div className="muted">当前页面不是已支持的后台页面 · This tab is not a supported console page</div>}
      {state && state !== 'none' && (
        <div data-testid="tab-capture" data-count={state.count} data-rejected={state.rejected} data-state={state.state}>
          当前页面（{state.adapter ?? '—'}）：已采集 {state.count} 条{state.rejected > 0 ? `，${state.rejected} 行无法读取` : ''}
        </div>
      )}
      <button type="button" data-testid="open-sidepanel" onClick={() => void openPanel()}>
        打开侧边栏 · Open side panel
      </button>
    </section>
  );
}
