/**
 * Shared by the console content scripts: pick the adapter for this page, capture what the
 * page shows (again whenever the table changes), and mount the overlay in an open shadow root.
 */
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { pickAdapter, readWithAdapter } from '@/lib/capture/adapters';
import { captureAllPages, progressText } from '@/lib/capture/paginate';
import { clickLikeUser, findPager } from '@/lib/capture/pager';
import { onMessage } from '@/lib/messaging';
import { toShanghaiIso } from '@/lib/model';
import { CaptureOverlay, overlayCss } from './CaptureOverlay';
import { CaptureSession, type SessionView } from './session';

const DEFAULT_DELAY_MS = 1500;

function OverlayRoot({ session, onCaptureAll, onStop }: { session: CaptureSession; onCaptureAll: () => void; onStop: () => void }) {
  const [view, setView] = useState<SessionView>(session.view);
  useEffect(() => session.subscribe(setView), [session]);
  return <CaptureOverlay {...view} canCaptureAll={view.adapter !== null} onCaptureAll={onCaptureAll} onStop={onStop} />;
}

/** Waits until `changed()` holds, checking on every DOM mutation; rejects after `timeoutMs`. */
function waitForDom(changed: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (changed()) return resolve();
    const obs = new MutationObserver(() => {
      if (changed()) {
        obs.disconnect();
        clearTimeout(timer);
        resolve();
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => {
      obs.disconnect();
      reject(new Error('翻页后表格没有变化（超时）'));
    }, timeoutMs);
  });
}

/** Runs capture on a console page: auto-capture on load and on table changes, plus capture-all. */
export async function runConsoleCapture(ctx: ContentScriptContext): Promise<void> {
  const read = () => {
    const adapter = pickAdapter(location.href, document);
    if (!adapter) return null;
    return readWithAdapter(adapter, document, location.href, toShanghaiIso(Date.now()));
  };
  const session = new CaptureSession(read);
  let stopRequested = false;
  let walking = false;

  const captureSoon = debounce(() => {
    if (!walking) void session.captureNow();
  }, 400);

  const signature = () => {
    const r = read();
    if (!r || 'error' in r || r.rawRows.length === 0) return null;
    return `${r.rawRows.length}|${JSON.stringify(r.rawRows[0])}`;
  };

  async function captureAll() {
    const adapter = pickAdapter(location.href, document);
    const table = adapter?.findTable(document) ?? null;
    const pager = table ? findPager(table) : null;
    const { captureDelayMs } = await browser.storage.local.get('captureDelayMs');
    stopRequested = false;
    walking = true;
    session.update({ state: 'running', progressText: '开始…', message: null });
    const end = await captureAllPages(
      {
        capturePage: async () => {
          const r = await session.captureNow();
          if (r.error) throw new Error(r.error);
        },
        signature,
        clickNext: () => {
          const next = pager?.next();
          if (!next) return false;
          clickLikeUser(next);
          return true;
        },
        waitFor: waitForDom,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        pageInfo: () => ({ current: pager?.current() ?? null, total: pager?.total() ?? null }),
      },
      () => stopRequested,
      (p) => session.update({ state: p.state, progressText: progressText(p) }),
      { delayMs: typeof captureDelayMs === 'number' ? captureDelayMs : DEFAULT_DELAY_MS },
    );
    walking = false;
    session.update({ state: end.state, progressText: progressText(end), message: end.state === 'error' ? end.message ?? null : null });
  }

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
      root.render(<OverlayRoot session={session} onCaptureAll={() => void captureAll()} onStop={() => (stopRequested = true)} />);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();

  void session.captureNow();
  const obs = new MutationObserver((records) => {
    // Our own overlay's updates are not page changes.
    if (records.every((r) => ui.shadowHost.contains(r.target))) return;
    captureSoon();
  });
  obs.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => obs.disconnect());
}

function debounce(fn: () => void, ms: number): () => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}
