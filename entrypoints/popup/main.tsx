import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from '@/components/panel/Dashboard';
import { TabStatus } from '@/components/panel/TabStatus';
import { AppBoundary, ViewBoundary } from '@/components/panel/ViewBoundary';
import '@/components/panel/panel.css';
import { sendMessage } from '@/lib/messaging';

/** The popup: headline numbers of the active tab's shop (asked from its content script), else the first shop. */
function Popup() {
  const [shopId, setShopId] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
        if (tab?.id === undefined) return;
        const state = await sendMessage('tabCaptureState', undefined, tab.id);
        if (state?.shopId) setShopId(state.shopId);
      } catch {
        // no content script in this tab: not a console page, keep the first shop
      }
    })();
  }, []);
  return (
    <Dashboard
      variant="popup"
      initialShopId={shopId}
      extra={(t) => (
        <ViewBoundary view="tab-status" t={t}>
          <TabStatus t={t} />
        </ViewBoundary>
      )}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <AppBoundary>
    <Popup />
  </AppBoundary>,
);
