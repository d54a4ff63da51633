/** The overlay's React root: the tier chips, the pick box, the capture bar and the mapping dialog, over the session's and the extras' state. */
import { useEffect, useState } from 'react';
import { tierLabel } from '@/lib/db/settings/registry';
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
}

/** True in a frame (千牛 shows 客户运营平台 inside one); comparing window objects is allowed across origins. */
const inFrame = typeof window !== 'undefined' && window !== window.top;

/** The chip's colour: the background sends tier labels (zh-CN, tierLabel), matched back to their tier. */
function chipTone(label: string): string {
  if (label === tierLabel('firstOrder')) return 'first';
  if (label === tierLabel('repeat')) return 'repeat';
  if (label === tierLabel('highPotential')) return 'potential';
  return 'rfm';
}

export function OverlayRoot({ session, extras, actions }: { session: CaptureSession; extras: Store<Extras>; actions: Actions }) {
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
        inFrame={inFrame}
      />
      {x.dialogOpen && x.tables.length > 0 && <MappingDialog tables={x.tables} onSave={actions.saveMapping} onClose={actions.closeDialog} />}
    </>
  );
}
