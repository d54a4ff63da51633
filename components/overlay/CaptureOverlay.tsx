import type { TabCaptureState } from '@/lib/messaging';

export interface OverlayProps extends TabCaptureState {
  reasons: { row: number; reason: string }[];
  progressText: string;
  message: string | null;
  canCaptureAll: boolean;
  onCaptureAll: () => void;
  onStop: () => void;
}

/** The capture overlay on console pages: in an open shadow root, position fixed, so the page never moves. */
export function CaptureOverlay(p: OverlayProps) {
  return (
    <div className="sl-overlay" data-testid="capture-overlay">
      <div className="sl-bar">
        <span className="sl-badge" data-testid="capture-badge" data-count={p.count} data-rejected={p.rejected} title="seller-lens">
          <span className="sl-logo">SL</span>
          <span>已采集 {p.count}</span>
          {p.rejected > 0 && <span className="sl-rejected">· {p.rejected} 行无法读取</span>}
        </span>
        <button type="button" data-testid="capture-all" disabled={!p.canCaptureAll || p.state === 'running'} onClick={p.onCaptureAll}>
          采集全部分页
        </button>
        <button type="button" data-testid="capture-stop" disabled={p.state !== 'running'} onClick={p.onStop}>
          停止
        </button>
        <span className="sl-progress" data-testid="capture-progress" data-state={p.state}>
          {p.progressText}
        </span>
      </div>
      {p.message && <div className="sl-message">{p.message}</div>}
      {p.reasons.length > 0 && (
        <details className="sl-reasons">
          <summary>{p.rejected} 行无法读取 · 查看原因</summary>
          <ul>
            {p.reasons.slice(0, 50).map((r, i) => (
              <li key={i}>
                第 {r.row + 1} 行：{r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export const overlayCss = `
:host { all: initial; }
.sl-overlay { position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; font: 12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1d2129; display: flex; flex-direction: column-reverse; align-items: flex-start; gap: 6px; }
.sl-bar { display: flex; gap: 6px; align-items: center; background: #fff; border: 1px solid #e5e6eb; border-radius: 18px; padding: 4px 10px 4px 4px; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
.sl-bar button { font: inherit; padding: 1px 8px; border-radius: 10px; border: 1px solid #c9cdd4; background: #f7f8fa; cursor: pointer; color: inherit; }
.sl-bar button:disabled { opacity: .45; cursor: default; }
.sl-progress { color: #4e5969; }
.sl-badge { display: inline-flex; gap: 6px; align-items: center; }
.sl-logo { background: #fe2c55; color: #fff; border-radius: 12px; padding: 0 6px; font-weight: 600; }
.sl-rejected { color: #f53f3f; }
.sl-message, .sl-reasons { background: #fff; border: 1px solid #e5e6eb; border-radius: 6px; padding: 4px 8px; max-width: 360px; }
.sl-message { color: #f53f3f; }
.sl-reasons ul { margin: 4px 0 0; padding-left: 16px; max-height: 160px; overflow: auto; }
`;
