/** The summary when capture ends: shop, dates, new / updated, rows skipped as normal apart from reading errors (with page and order number), and 打开侧边栏. */
import type { TabCaptureState } from '@/lib/messaging';
import { badgeText, type CaptureSummary, type RejectedRow } from './summary';
import { overlayText as tr } from './text';

/** Errors listed in the box; the rest are counted (all of them are in the diagnostics file). */
const SHOWN_ERRORS = 20;

/** Where an unreadable row was: "第 3 页 · 订单 6919… · " (each part only when known). */
function whereOf(r: RejectedRow): string {
  return `${r.page !== null ? tr('overlay_sumPage', { page: r.page }) : ''}${r.ref ? tr('overlay_sumRef', { ref: r.ref }) : ''}`;
}

export function SummaryBox({ summary: s, state, onOpenPanel, panelStatus, onClose }: {
  summary: CaptureSummary;
  state: TabCaptureState['state'];
  onOpenPanel?: () => void;
  panelStatus: string | null;
  onClose?: () => void;
}) {
  const title = state === 'error' ? 'overlay_sumError' : state === 'stopped' || state === 'capped' ? 'overlay_sumStopped' : 'overlay_sumDone';
  return (
    <div className="sl-summary" data-testid="capture-summary" role="status">
      <div className="sl-summary-title">{tr(title)}</div>
      {s.shopName && <div data-testid="summary-shop">{tr('overlay_sumShop', { shop: s.shopName })}</div>}
      <div data-testid="summary-range">{s.range ? tr('overlay_sumRange', { from: s.range.from, to: s.range.to }) : tr('overlay_sumNoRange')}</div>
      <div data-testid="summary-records">
        {badgeText(s.primary, s.records)}
        {s.primary !== 'rows' && s.primary !== null && <>{' · '}{tr('overlay_sumNewUpdated', { added: s.added, updated: s.updated, unchanged: s.unchanged })}</>}
      </div>
      {s.skipped.map((k) => (
        <div key={k.why} className="sl-sum-skip" data-testid="summary-skipped">
          {tr('overlay_skipLine', { what: tr(`overlay_skip_${k.why}`, { n: k.n }) })}
        </div>
      ))}
      {s.errors.length === 0 ? (
        <div data-testid="summary-errors" data-count={0}>{tr('overlay_sumNoErrors')}</div>
      ) : (
        <div className="sl-sum-errors" data-testid="summary-errors" data-count={s.errors.length}>
          {tr('overlay_sumErrors', { n: s.errors.length })}
          <ul>
            {s.errors.slice(0, SHOWN_ERRORS).map((r) => (
              <li key={r.key}>{tr('overlay_sumErrorRow', { where: whereOf(r), row: r.row + 1, reason: r.reason })}</li>
            ))}
          </ul>
          {s.errors.length > SHOWN_ERRORS && <div>{tr('overlay_sumMore', { n: s.errors.length - SHOWN_ERRORS })}</div>}
        </div>
      )}
      <div className="sl-summary-actions">
        {onOpenPanel && (
          <button type="button" className="sl-primary" data-testid="open-side-panel" onClick={onOpenPanel}>
            {tr('overlay_openPanel')}
          </button>
        )}
        {onClose && (
          <button type="button" data-testid="summary-close" onClick={onClose}>
            {tr('overlay_close')}
          </button>
        )}
        {panelStatus && <span className="sl-panel-status" data-testid="open-side-panel-status">{panelStatus}</span>}
      </div>
    </div>
  );
}
