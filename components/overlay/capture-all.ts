/**
 * 采集本页 and 采集全部分页 in the tab: virtual tables scrolled through first (generic path), then
 * one walk per table through its own pager (SPEC §8: several tables on one page), stopped by the
 * merchant, by the overlay's AbortSignal (the page went away), at the last page or at the page cap.
 */
import { readLocalSetting } from '@/lib/db/settings/local';
import { captureDelayMsSetting } from '@/lib/db/settings/registry';
import { readWithAdapter } from '@/lib/capture/adapters';
import { findDataTables, tableSignature, type GenericPrefs } from '@/lib/capture/generic';
import { captureAllPages, progressText, type CaptureAllProgress } from '@/lib/capture/paginate';
import { clickLikeUser, findPager, type Pager } from '@/lib/capture/pager';
import type { TableRow } from '@/lib/capture/table';
import { collectVirtualRows, elementScroller, findVirtualBody } from '@/lib/capture/virtual';
import { toShanghaiIso, type Shop } from '@/lib/model';
import { nextFrame, rowKey, scopeOf, sleepFor, waitForDom } from './dom';
import type { PageReader } from './page-reader';
import type { CaptureSession } from './session';
import { overlayLang, overlayText } from './text';

const DEFAULT_DELAY_MS = 1500;

export interface CaptureAllDeps {
  session: CaptureSession;
  reader: PageReader;
  prefs: () => GenericPrefs;
  answer: () => Shop | null;
  expanded: Map<string, { rows: TableRow[] }>;
  decide: (text: string) => void;
  refreshTiers: () => Promise<void>;
  signal: AbortSignal;
}

type Target = { sig: string | null; nth: number };

/** The capture commands of one tab; `walking` is true while one runs (page changes then do not trigger a capture). */
export function createCaptureCommands(d: CaptureAllDeps) {
  const { session, reader, signal } = d;
  let stopRequested = false;
  let walking = false;
  /** The last progress line's wording, redone when the merchant switches language. */
  let lastLine: (() => string) | null = null;
  const stopped = () => stopRequested || signal.aborted;

  /** Scrolls every virtual table of the page through (generic path), so capture gets all its rows. */
  async function expandVirtualTables(): Promise<void> {
    if (reader.specific()) return;
    for (const t of findDataTables(document)) {
      const body = findVirtualBody(t.el, t.rows.length);
      if (!body) continue;
      const sig = tableSignature(t);
      session.update({ progressText: overlayText('overlay_scrollingVirtual') });
      const res = await collectVirtualRows<TableRow>({
        scroller: elementScroller(body),
        read: () => findDataTables(document).find((x) => tableSignature(x) === sig)?.rows ?? [],
        keyOf: rowKey,
        settle: nextFrame,
        isStopped: stopped,
      });
      d.expanded.set(sig, { rows: res.rows });
      await nextFrame();
    }
  }

  async function captureNowFull() {
    walking = true;
    try {
      await expandVirtualTables();
      const r = await session.captureNow();
      lastLine = r.error ? null : () => overlayText('overlay_pageCaptured', { n: r.rows });
      session.update({ progressText: lastLine?.() ?? '' });
    } finally {
      walking = false;
    }
    await d.refreshTiers();
  }

  /** The walk's targets: the adapter's table, else every data table (or the picked one) by signature and position. */
  function targetsOf(hasAdapter: boolean): Target[] {
    if (hasAdapter) return [{ sig: null, nth: 0 }];
    const prefs = d.prefs();
    const count = new Map<string, number>();
    return findDataTables(document)
      .filter((t) => !prefs.pickedTable || tableSignature(t) === prefs.pickedTable)
      .map((t) => {
        const sig = tableSignature(t);
        const nth = count.get(sig) ?? 0;
        count.set(sig, nth + 1);
        return { sig, nth };
      });
  }

  async function captureAll() {
    const delayMs = (await readLocalSetting(browser.storage.local, captureDelayMsSetting)) ?? DEFAULT_DELAY_MS;
    stopRequested = false;
    walking = true;
    session.update({ state: 'running', progressText: overlayText('overlay_starting'), message: null, summary: null });
    const adapter = reader.specific();
    const targets = targetsOf(adapter !== null);
    const tableEl = (target: Target): Element | null => {
      if (target.sig === null) return adapter?.findTable(document) ?? null;
      return findDataTables(document).filter((t) => tableSignature(t) === target.sig)[target.nth]?.el ?? null;
    };
    const tableRowsSig = (target: Target): string | null => {
      if (target.sig === null) {
        const answer = d.answer();
        const knownShop = answer ? { shop: answer, source: 'answer' as const } : null;
        const r = adapter ? readWithAdapter(adapter, document, location.href, toShanghaiIso(Date.now()), { knownShop }) : null;
        if (!r || 'error' in r || r.rawRows.length === 0) return null;
        return `${r.rawRows.length}|${JSON.stringify(r.rawRows[0])}`;
      }
      const t = findDataTables(document).filter((x) => tableSignature(x) === target.sig)[target.nth];
      if (!t || t.rows.length === 0) return null;
      return `${t.rows.length}|${JSON.stringify(t.rows[0]!.cells)}`;
    };
    let end: CaptureAllProgress = { state: 'done', page: 0, total: null };
    const n = targets.length;
    let pagesDone = 0;
    if (n === 0) end = { state: 'error', page: 0, total: null, message: overlayText('overlay_noTables') };
    for (let i = 0; i < n && end.state === 'done'; i++) {
      const target = targets[i]!;
      const prefix = n > 1 ? overlayText('overlay_tableOf', { i: i + 1, n }) : '';
      const el0 = tableEl(target);
      const all = adapter ? [] : findDataTables(document).map((t) => t.el);
      const pager: Pager | null = el0 ? (adapter ? findPager(el0) : findPager(el0, scopeOf(el0, all))) : null;
      end = await captureAllPages(
        {
          capturePage: async () => {
            await expandVirtualTables();
            const r = await session.captureNow();
            if (r.error) throw new Error(r.error);
          },
          signature: () => tableRowsSig(target),
          clickNext: () => {
            const next = pager?.next();
            if (!next) return false;
            clickLikeUser(next);
            return true;
          },
          waitFor: (changed, timeoutMs) => waitForDom(changed, timeoutMs, signal),
          sleep: (ms) => sleepFor(ms, signal),
          pageInfo: () => ({ current: pager?.current() ?? null, total: pager?.total() ?? null }),
        },
        stopped,
        (p) => session.update({ state: p.state === 'done' && i < n - 1 ? 'running' : p.state, progressText: prefix + progressText(p, overlayLang()) }),
        { delayMs },
      );
      pagesDone += end.page;
      if (end.state === 'done' && i < n - 1) session.update({ state: 'running', progressText: `${prefix}${progressText(end, overlayLang())}` });
    }
    walking = false;
    if (signal.aborted) return;
    const last = end;
    lastLine = () => (n > 1 && last.state === 'done' ? overlayText('overlay_tablesDone', { n, pages: pagesDone }) : progressText(last, overlayLang()));
    const text = lastLine();
    d.decide(overlayText('diag_captureAll', { state: end.state, text }));
    // The summary comes with the end state: `done` is set only once the last page was stored (captureAllPages awaited it).
    session.update({ state: end.state, progressText: text, message: end.state === 'error' ? end.message ?? null : null, summary: session.summarize() });
    await d.refreshTiers();
  }

  return {
    captureAll,
    captureNowFull,
    stop: () => void (stopRequested = true),
    /** Words the last progress line again in the overlay's language (after a language switch). */
    retext: () => {
      if (!walking && lastLine) session.update({ progressText: lastLine() });
    },
    isWalking: () => walking,
  };
}
