import { useState } from 'react';
import type { TabCaptureState } from '@/lib/messaging';
import type { Unsaved } from './session';
import type { Platform, Shop } from '@/lib/model';
import { shopFromName } from '@/lib/capture/shop';
import { expectedSkip } from '@/lib/capture/skips';
import type { CaptureBatch } from '@/lib/capture/ingest';
import { badgeText, type CaptureSummary } from './summary';
import { SummaryBox } from './SummaryBox';
import { overlayText as tr } from './text';

export interface OverlayProps extends TabCaptureState {
  reasons: { row: number; reason: string; page?: number | null }[];
  /** What the badge counts (the adapter's record kind). */
  primary?: CaptureBatch['primary'] | null;
  /** Shown when capture ends (采集全部分页 finished or stopped, or 完成 pressed). */
  summary?: CaptureSummary | null;
  /** Ends capture on this page and shows the summary (完成). */
  onFinish?: () => void;
  onCloseSummary?: () => void;
  /** Opens the side panel (absent where the browser cannot: Firefox). */
  onOpenPanel?: () => void;
  /** Why the side panel could not be opened, if it could not. */
  panelStatus?: string | null;
  progressText: string;
  message: string | null;
  /** What the page gave besides the counts (0 rows and why), in the merchant's words. */
  info?: string | null;
  /** The page's own data observed: what was mapped and what was ignored, and why. */
  observedText?: string | null;
  /** Present while the page shows no shop: the merchant picks or types it (SPEC §10 shop-prompt). */
  shopPrompt?: { platform: Platform; known: Shop[] } | null;
  onShopAnswer?: (shop: Shop) => void;
  /** Saves the diagnostic file of the page (SPEC §8). */
  onDiagnostics?: () => void;
  /** In a frame of a console shell: drawn in the other corner, so the shell's own overlay does not cover it. */
  inFrame?: boolean;
  /** Rows read but not stored yet (retried with backoff, or refused), and why. */
  unsaved?: Unsaved | null;
  /** Ends the retries of the unsaved rows (the merchant gives up; the overlay says they were not stored). */
  onGiveUp?: () => void;
  canCaptureAll: boolean;
  onCaptureAll: () => void;
  onStop: () => void;
  /** Present when the generic adapter reads this page: its tables, columns to review, pick mode. */
  generic?: { tables: number; review: number; picking: boolean; picked: boolean } | null;
  onCaptureNow?: () => void;
  onOpenMapping?: () => void;
  onTogglePick?: () => void;
  onClearPick?: () => void;
}

/** "第 3 页 · " before a row of the console's page 3 (nothing when the page is not known). */
const pageOf = (page: number | null | undefined) => (page != null ? tr('overlay_sumPage', { page }) : '');

/** The capture overlay on console pages: in an open shadow root, position fixed, so the page never moves. */
export function CaptureOverlay(p: OverlayProps) {
  // Normal skips (visitors not logged in) still count in data-rejected, but are shown neutrally, not in red.
  const skipped = Math.min(p.rejected, p.reasons.filter((r) => expectedSkip(r.reason) !== null).length);
  const errors = p.rejected - skipped;
  return (
    <div className={p.inFrame ? 'sl-overlay sl-in-frame' : 'sl-overlay'} data-testid="capture-overlay">
      <div className="sl-bar">
        <span className="sl-badge" data-testid="capture-badge" data-count={p.count} data-rejected={p.rejected} title="seller-lens">
          <span className="sl-logo">SL</span>
          <span data-testid="capture-badge-text">{badgeText(p.primary, p.count)}</span>
          {errors > 0 && <span className="sl-rejected">{tr('overlay_rejected', { n: errors })}</span>}
          {skipped > 0 && <span className="sl-skipped">{tr('overlay_skippedBadge', { n: skipped })}</span>}
        </span>
        <button type="button" data-testid="capture-all" disabled={!p.canCaptureAll || p.state === 'running'} onClick={p.onCaptureAll}>
          {tr('overlay_captureAll')}
        </button>
        {p.generic && (
          <>
            <button type="button" data-testid="capture-now" disabled={p.state === 'running'} onClick={p.onCaptureNow} title={tr('overlay_captureNowTitle')}>
              {tr('overlay_captureNow')}
            </button>
            <button type="button" data-testid="mapping-open" data-review={p.generic.review} disabled={p.generic.tables === 0} onClick={p.onOpenMapping}>
              {p.generic.review > 0 ? tr('overlay_mappingReview', { n: p.generic.review }) : tr('overlay_mapping')}
            </button>
            <button type="button" data-testid="pick-table" aria-pressed={p.generic.picking} className={p.generic.picking ? 'sl-on' : ''} onClick={p.onTogglePick}>
              {p.generic.picking ? tr('overlay_picking') : tr('overlay_pickTable')}
            </button>
            {p.generic.picked && (
              <button type="button" data-testid="pick-clear" onClick={p.onClearPick} title={tr('overlay_allTablesTitle')}>
                {tr('overlay_allTables')}
              </button>
            )}
          </>
        )}
        <button type="button" data-testid="capture-stop" disabled={p.state !== 'running'} onClick={p.onStop}>
          {tr('overlay_stop')}
        </button>
        {p.onFinish && p.state !== 'running' && p.count + p.rejected > 0 && !p.summary && (
          <button type="button" data-testid="capture-finish" onClick={p.onFinish} title={tr('overlay_finishTitle')}>
            {tr('overlay_finish')}
          </button>
        )}
        {p.onDiagnostics && (
          <button type="button" data-testid="capture-diagnostics" onClick={p.onDiagnostics} title={tr('overlay_diagnosticsTitle')}>
            {tr('overlay_diagnostics')}
          </button>
        )}
        <span className="sl-progress" data-testid="capture-progress" data-state={p.state}>
          {p.progressText}
        </span>
      </div>
      {p.summary && <SummaryBox summary={p.summary} state={p.state} onOpenPanel={p.onOpenPanel} panelStatus={p.panelStatus ?? null} onClose={p.onCloseSummary} />}
      {p.shopPrompt && p.onShopAnswer && <ShopPrompt {...p.shopPrompt} onAnswer={p.onShopAnswer} />}
      {p.unsaved && (
        <div className="sl-message sl-unsaved" data-testid="capture-unsaved" data-retrying={p.unsaved.retrying}>
          {tr('overlay_unsaved', { n: p.unsaved.rows, reason: p.unsaved.reason })}
          {p.unsaved.retrying ? tr('overlay_unsavedRetrying', { n: p.unsaved.attempts }) : tr('overlay_unsavedRefused')}
          {p.unsaved.retrying && p.onGiveUp && (
            <button type="button" data-testid="capture-give-up" onClick={p.onGiveUp}>
              {tr('overlay_giveUp')}
            </button>
          )}
        </div>
      )}
      {p.message && <div className="sl-message">{p.message}</div>}
      {p.info && <div className="sl-info" data-testid="capture-info">{p.info}</div>}
      {p.observedText && <div className="sl-info" data-testid="capture-observed">{p.observedText}</div>}
      {p.reasons.length > 0 && (
        <details className="sl-reasons">
          <summary>{errors > 0 ? tr('overlay_reasonsRejected', { n: errors }) : tr('overlay_reasonsSkipped', { n: skipped })}</summary>
          <ul>
            {p.reasons.slice(0, 50).map((r, i) => {
              const why = expectedSkip(r.reason);
              return why ? (
                <li key={i} className="sl-skip" data-testid="capture-skip">
                  {pageOf(r.page)}
                  {tr('overlay_reasonSkipped', { row: r.row + 1, why: tr(`overlay_skipWhy_${why}`) })}
                </li>
              ) : (
                <li key={i} className="sl-error" data-testid="capture-error">
                  {pageOf(r.page)}
                  {tr('overlay_reasonRow', { row: r.row + 1, reason: r.reason })}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * Asked once when the page shows no shop: pick a shop already stored for this platform, or type its
 * name (the id is then the one the page would give for that name). Nothing is stored before.
 */
export function ShopPrompt({ platform, known, onAnswer }: { platform: Platform; known: Shop[]; onAnswer: (shop: Shop) => void }) {
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<Shop | null>(null);
  const answer = (): Shop | null => {
    const typed = name.trim();
    if (picked && (typed === '' || typed === picked.name)) return picked;
    return typed ? shopFromName(platform, typed) : null;
  };
  return (
    <form
      className="sl-shop-prompt"
      data-testid="shop-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        const shop = answer();
        if (shop) onAnswer(shop);
      }}
    >
      <div className="sl-shop-title">{tr('overlay_shopTitle')}</div>
      {known.length > 0 && (
        <select
          data-testid="shop-prompt-pick"
          value={picked?.shopId ?? ''}
          onChange={(e) => {
            const s = known.find((k) => k.shopId === e.target.value) ?? null;
            setPicked(s);
            setName(s?.name ?? '');
          }}
        >
          <option value="">{tr('overlay_shopPick')}</option>
          {known.map((k) => (
            <option key={k.shopId} value={k.shopId}>
              {k.name || k.shopId}
            </option>
          ))}
        </select>
      )}
      <input data-testid="shop-prompt-name" type="text" placeholder={tr('overlay_shopName')} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" data-testid="shop-prompt-ok" disabled={!answer()}>
        {tr('overlay_ok')}
      </button>
    </form>
  );
}

export const overlayCss = `
:host { all: initial; }
.sl-overlay { position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; font: 12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1d2129; display: flex; flex-direction: column-reverse; align-items: flex-start; gap: 6px; }
.sl-overlay.sl-in-frame { left: auto; right: 16px; align-items: flex-end; }
.sl-bar { display: flex; gap: 6px; align-items: center; background: #fff; border: 1px solid #e5e6eb; border-radius: 18px; padding: 4px 10px 4px 4px; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
.sl-bar button { font: inherit; padding: 1px 8px; border-radius: 10px; border: 1px solid #c9cdd4; background: #f7f8fa; cursor: pointer; color: inherit; }
.sl-bar button:disabled { opacity: .45; cursor: default; }
.sl-progress { color: #4e5969; }
.sl-badge { display: inline-flex; gap: 6px; align-items: center; }
.sl-logo { background: #fe2c55; color: #fff; border-radius: 12px; padding: 0 6px; font-weight: 600; }
.sl-rejected { color: #f53f3f; }
.sl-skipped { color: #4e5969; }
.sl-reasons li.sl-error { color: #cb2634; }
.sl-reasons li.sl-skip { color: #4e5969; }
.sl-summary { background: #fff; border: 1px solid #e5e6eb; border-radius: 8px; padding: 8px 12px; max-width: 420px; box-shadow: 0 2px 8px rgba(0,0,0,.12); display: flex; flex-direction: column; gap: 2px; }
.sl-summary-title { font-weight: 600; font-size: 13px; }
.sl-summary .sl-sum-skip { color: #4e5969; }
.sl-summary .sl-sum-errors { color: #cb2634; }
.sl-summary ul { margin: 2px 0 0; padding-left: 16px; max-height: 120px; overflow: auto; color: #cb2634; }
.sl-summary-actions { display: flex; gap: 6px; margin-top: 4px; align-items: center; flex-wrap: wrap; }
.sl-summary-actions button { font: inherit; padding: 2px 10px; border-radius: 4px; border: 1px solid #c9cdd4; background: #fff; color: inherit; cursor: pointer; }
.sl-summary-actions button.sl-primary { background: #fe2c55; border-color: #fe2c55; color: #fff; }
.sl-panel-status { color: #4e5969; }
.sl-message, .sl-reasons { background: #fff; border: 1px solid #e5e6eb; border-radius: 6px; padding: 4px 8px; max-width: 360px; }
.sl-message { color: #f53f3f; }
.sl-info { background: #fff; border: 1px solid #e5e6eb; border-radius: 6px; padding: 4px 8px; max-width: 420px; color: #4e5969; }
.sl-shop-prompt { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; background: #fff; border: 1px solid #fe2c55; border-radius: 6px; padding: 8px; max-width: 420px; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
.sl-shop-title { width: 100%; font-weight: 600; }
.sl-shop-prompt input, .sl-shop-prompt select { font: inherit; padding: 2px 6px; border: 1px solid #c9cdd4; border-radius: 4px; }
.sl-shop-prompt button { font: inherit; padding: 2px 10px; border-radius: 4px; border: 1px solid #fe2c55; background: #fe2c55; color: #fff; cursor: pointer; }
.sl-shop-prompt button:disabled { opacity: .45; cursor: default; }
.sl-reasons ul { margin: 4px 0 0; padding-left: 16px; max-height: 160px; overflow: auto; }
.sl-bar button.sl-on { background: #fe2c55; border-color: #fe2c55; color: #fff; }
.sl-pick-box { position: fixed; pointer-events: none; z-index: 2147483645; border: 2px solid #fe2c55; background: rgba(254,44,85,.08); border-radius: 4px; box-sizing: border-box; }
.sl-dialog { position: fixed; right: 16px; bottom: 64px; z-index: 2147483647; width: min(640px, calc(100vw - 32px)); max-height: 70vh; display: flex; flex-direction: column; background: #fff; border: 1px solid #e5e6eb; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.18); font: 13px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1d2129; }
.sl-dialog-head, .sl-dialog-foot { display: flex; gap: 8px; align-items: center; padding: 8px 12px; flex-wrap: wrap; }
.sl-dialog-head { border-bottom: 1px solid #e5e6eb; }
.sl-dialog-foot { border-top: 1px solid #e5e6eb; justify-content: flex-end; }
.sl-dialog-body { overflow: auto; padding: 0 12px; }
.sl-kind { color: #4e5969; }
.sl-hint { color: #86909c; margin-right: auto; font-size: 12px; }
.sl-map { border-collapse: collapse; width: 100%; }
.sl-map th, .sl-map td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #f2f3f5; }
.sl-map th { color: #86909c; font-weight: normal; }
.sl-sample { color: #86909c; max-width: 200px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sl-st-ok { color: #00b42a; } .sl-st-warn { color: #ff7d00; } .sl-st-none { color: #86909c; }
.sl-dialog button, .sl-dialog select { font: inherit; padding: 2px 8px; border-radius: 4px; border: 1px solid #c9cdd4; background: #fff; color: inherit; }
.sl-dialog button.sl-primary { background: #fe2c55; border-color: #fe2c55; color: #fff; }
`;
