/** The overlay's React root: the pick box, the capture bar (with the summary) and the mapping dialog, over the session's and the extras' state. Tier chips are drawn inline in the page (tier-chips.ts). */
import { useEffect, useState } from 'react';
import type { Shop } from '@/lib/model';
import { CaptureOverlay } from './CaptureOverlay';
import { MappingDialog } from './MappingDialog';
import type { CaptureSession, SessionView } from './session';
import type { Extras, Store } from './store';

/** What the merchant can do from the overlay. */
export interface Actions {
  captureAll: () => void;
  captureNow: () => void;
  stop: () => void;
  giveUp: () => void;
  openDialog: () => void;
  closeDialog: () => void;
  saveMapping: (choices: Record<string, string>) => void;
  togglePick: () => void;
  clearPick: () => void;
  answerShop: (shop: Shop) => void;
  diagnostics: () => void;
  /** Ends capture on this page and shows the summary (完成). */
  finish: () => void;
  closeSummary: () => void;
  /** Opens the side panel for this tab; absent where the browser cannot (Firefox: sidebarAction.open needs a gesture in the extension's own UI). */
  openPanel?: () => void;
}

/** True in a frame (千牛 shows 客户运营平台 inside one); comparing window objects is allowed across origins. */
const inFrame = typeof window !== 'undefined' && window !== window.top;

export function OverlayRoot({ session, extras, actions }: { session: CaptureSession; extras: Store<Extras>; actions: Actions }) {
  const [view, setView] = useState<SessionView>(session.view);
  const [x, setX] = useState<Extras>(extras.value);
  useEffect(() => session.subscribe(setView), [session]);
  useEffect(() => extras.subscribe(setX), [extras]);
  return (
    <div lang={x.lang === 'zh' ? 'zh-CN' : 'en'} style={{ display: 'contents' }}>
      {x.pickBox && <div className="sl-pick-box" data-testid="pick-box" style={{ left: x.pickBox.left, top: x.pickBox.top, width: x.pickBox.width, height: x.pickBox.height }} />}
      <CaptureOverlay
        {...view}
        canCaptureAll={view.adapter !== null}
        onCaptureAll={actions.captureAll}
        onStop={actions.stop}
        onGiveUp={actions.giveUp}
        generic={x.generic ? { tables: x.tables.length, review: x.review, picking: x.picking, picked: x.picked } : null}
        onCaptureNow={actions.captureNow}
        onOpenMapping={actions.openDialog}
        onTogglePick={actions.togglePick}
        onClearPick={actions.clearPick}
        shopPrompt={x.shopPrompt}
        onShopAnswer={actions.answerShop}
        observedText={x.observedText}
        onDiagnostics={actions.diagnostics}
        onFinish={actions.finish}
        onCloseSummary={actions.closeSummary}
        onOpenPanel={actions.openPanel}
        panelStatus={x.panelStatus}
        inFrame={inFrame}
      />
      {x.dialogOpen && x.tables.length > 0 && <MappingDialog tables={x.tables} onSave={actions.saveMapping} onClose={actions.closeDialog} />}
    </div>
  );
}
