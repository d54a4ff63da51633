/**
 * "Capture all pages" (SPEC §8) as a small state machine with the DOM injected, so it is
 * tested in Node: capture the page, click next, wait until the table really changed (not a
 * fixed sleep), wait a polite jittered delay, repeat; stop at the last page, on stop, on an
 * error, or when a page repeats (never loops); at the page cap it says `capped` (pages remain), not done.
 */
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';

export type CaptureAllState = 'idle' | 'running' | 'done' | 'stopped' | 'error' | 'capped';

export interface CaptureAllDeps {
  /** Stores the current page; resolves when it is stored. */
  capturePage(): Promise<void>;
  /** A signature of the page shown (first-row key + row count); null when no table is shown. */
  signature(): string | null;
  /** Clicks next; false when there is no next page. */
  clickNext(): boolean;
  /** Resolves when `changed()` is true (checked on DOM mutations), or rejects after `timeoutMs`. */
  waitFor(changed: () => boolean, timeoutMs: number): Promise<void>;
  sleep(ms: number): Promise<void>;
  pageInfo(): { current: number | null; total: number | null };
  random?: () => number;
}

export interface CaptureAllOptions {
  /** Polite delay between pages (default 1500 ms), with ± `jitterMs` (default a third of the delay, at most 500). */
  delayMs?: number;
  jitterMs?: number;
  /** How long a page may take to change after a click (default 15 s). */
  pageTimeoutMs?: number;
  /** Safety cap on pages (default 500). */
  maxPages?: number;
}

export interface CaptureAllProgress {
  state: CaptureAllState;
  page: number;
  total: number | null;
  message?: string;
  /** The page cap the walk stopped at (state `capped`). */
  cap?: number;
}

/** Walks every page; `isStopped` is polled between steps. Resolves with the final progress. */
export async function captureAllPages(
  deps: CaptureAllDeps,
  isStopped: () => boolean,
  onProgress: (p: CaptureAllProgress) => void,
  opts: CaptureAllOptions = {},
): Promise<CaptureAllProgress> {
  // The jitter scales with the delay (1500 ± 500 by default): a short delay the merchant set is not stretched by it.
  const delayMs = opts.delayMs ?? 1500, jitterMs = opts.jitterMs ?? Math.min(500, delayMs / 3);
  const timeoutMs = opts.pageTimeoutMs ?? 15_000, maxPages = opts.maxPages ?? 500;
  const random = deps.random ?? Math.random;
  const seen = new Set<string>();
  let page = 0;
  const info = () => deps.pageInfo();
  const report = (state: CaptureAllState, message?: string, cap?: number): CaptureAllProgress => {
    const i = info();
    const p: CaptureAllProgress = { state, page: i.current ?? page, total: i.total, message, ...(cap !== undefined ? { cap } : {}) };
    onProgress(p);
    return p;
  };
  try {
    for (;;) {
      const sig = deps.signature();
      if (sig === null) return report('error', '页面上没有找到数据表格');
      if (seen.has(sig)) return report('done', '页面重复，已停止');
      seen.add(sig);
      page++;
      report('running');
      await deps.capturePage();
      if (isStopped()) return report('stopped');
      if (page >= maxPages) {
        // The pager's own last page is done; anything else stops short of the end and says so.
        const i = info();
        if (i.total !== null && (i.current ?? page) >= i.total) return report('done');
        return report('capped', undefined, maxPages);
      }
      await deps.sleep(Math.max(0, delayMs + (random() * 2 - 1) * jitterMs));
      if (isStopped()) return report('stopped');
      if (!deps.clickNext()) return report('done');
      await deps.waitFor(() => {
        const now = deps.signature();
        return now !== null && now !== sig;
      }, timeoutMs);
    }
  } catch (err) {
    return report('error', err instanceof Error ? err.message : String(err));
  }
}

/** Progress text as the overlay shows it (in `lang`, from the catalogue): 第 3/12 页. */
export function progressText(p: CaptureAllProgress, lang: 'zh' | 'en' = 'zh'): string {
  const pages = p.total ? `${p.page}/${p.total}` : `${p.page}`;
  const say = (key: MessageKey, vars: Record<string, string | number>) => textOf(key, vars)[lang];
  switch (p.state) {
    case 'idle':
      return '';
    case 'running':
      return say('page_running', { pages });
    case 'done':
      return p.message ? say('page_doneNote', { n: p.page, message: p.message }) : say('page_done', { n: p.page });
    case 'stopped':
      return say('page_stopped', { pages });
    case 'error':
      return say('page_error', { message: p.message ?? '' });
    case 'capped':
      return say('page_capped', { cap: p.cap ?? p.page, pages });
  }
}
