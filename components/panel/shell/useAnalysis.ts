import { useLiveQuery } from 'dexie-react-hooks';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { BENCH_BUILD } from '@/components/engine/bench-timings';
import type { EngineClient } from '@/components/engine/client';
import type { FirstAnalysis } from '@/components/engine/first-open';
import { lastReportKey, requestKey, type AnalysisResult, type OverviewResult, type PartialResult, type ReportResult, type SavedAnalysis } from '@/components/engine/protocol';
import { getDb, shopDataToken } from '@/lib/db';
import { writeLocalSetting } from '@/lib/db/settings/local';
import { tierStampSetting } from '@/lib/db/settings/registry';
import { pickedWindow, type PickedWindow } from '@/lib/engine/window';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * `stale`: the saved last result, shown while the worker recomputes; `savedToken`: the data token it was computed from.
 * `overview`: the 概览's partial answer of this same request, kept when the whole report and the lists follow — the
 * same figures (the report's 概览 fields are computed once), so the 概览 is not drawn again for them.
 */
export type Shown = { result: PartialResult | AnalysisResult; stale: boolean; savedToken?: string; timings?: Record<string, number>; overview?: OverviewResult };

/** How long the fresh 概览 may take before the saved one is drawn meanwhile (a fresh one usually comes within it). */
const SAVED_GRACE_MS = 1000;

/** Bench builds: the worker's steps, its start (workerOrigin, epoch ms) as page ms (workerStartAt) so both clocks line up. */
function onPageClock(t: Record<string, number> | undefined): Record<string, number> | undefined {
  if (!t || t.workerOrigin === undefined) return t;
  const { workerOrigin, ...steps } = t;
  return { workerStartAt: Math.round(workerOrigin - performance.timeOrigin), ...steps };
}

/** Change token of a shop's data (two key reads, never a count over a million records): the worker rebuilds when it differs. */
const dataToken = (shopId: string) => shopDataToken(getDb(), shopId);

/**
 * The worker's answer for a shop and a picked window: the saved last result at once, then the
 * recomputed one (the panel's full analysis, the popup's report only), with progress and errors.
 * `first`: the side panel's first analysis, asked as its page started (first-open.ts) — the first
 * request adopts it when it is of the same shop, data token and window, else asks as usual.
 */
export function useAnalysis(p: {
  engine: EngineClient;
  first?: FirstAnalysis;
  variant: 'panel' | 'popup';
  shopId: string | null;
  selection: PickedWindow | null;
  generation: number;
  t: (k: MessageKey) => string;
}) {
  const { engine, first, variant, shopId: activeShopId, selection, generation, t } = p;
  const [shown, setShown] = useState<Shown | null>(null);
  const [computing, setComputing] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = useLiveQuery(async () => (activeShopId ? dataToken(activeShopId) : null), [activeShopId, generation]);

  const result = shown?.result ?? null;
  const latestDay = result?.latestDay ?? null;
  const windowRequest = useMemo((): { from?: string; to?: string } => {
    const w = selection ? pickedWindow(selection, latestDay, Date.now()) : null;
    return w ? { from: w.start, to: w.end } : {};
  }, [selection, latestDay]);

  const requestSeq = useRef(0);
  useEffect(() => {
    if (!activeShopId || token == null) return;
    const seq = ++requestSeq.current;
    let visible = false;
    let latest = t('computing');
    setComputing(true);
    // Progress appears only for recomputes slower than half a second, so quick ones don't flicker.
    const timer = setTimeout(() => {
      visible = true;
      if (seq === requestSeq.current) setProgress(latest);
    }, 500);
    const body = { shopId: activeShopId, window: windowRequest, token };
    const onProgress = (p: string) => {
      latest = p;
      if (visible && seq === requestSeq.current) setProgress(p);
    };
    // Bench builds: when the page knew its shop and token; the request went out then, or earlier when the first analysis is adopted.
    const knownAt = performance.now();
    let sentAt = knownAt;
    let firstScreen: number | undefined;
    let partialAt: number | undefined;
    let overview: OverviewResult | undefined;
    const pageSteps = () => ({ pageToRequest: Math.round(sentAt), ...(sentAt !== knownAt ? { pageKnowsShop: Math.round(knownAt) } : {}), ...(partialAt !== undefined ? { pagePartialAt: partialAt } : {}) });
    // The 概览 figures arrive first (its part of the report + previous), then the whole report; the lists and extras follow in the answer.
    const onPartial = (r: PartialResult) => {
      if (seq !== requestSeq.current) return;
      firstScreen ??= Math.round(performance.now() - sentAt);
      partialAt ??= Math.round(performance.now());
      if ('overviewOnly' in r) overview = r;
      const next = { result: r, stale: false, timings: BENCH_BUILD ? { ...pageSteps(), firstScreen, ...onPageClock(r.timings) } : undefined, overview };
      // The 概览's figures are drawn at once; the whole report that follows (for the other views) is drawn as a
      // transition, in slices that yield to the page, so it never holds up the 概览 just drawn (cold open, issue 14).
      if ('overviewOnly' in r) setShown(next);
      else startTransition(() => setShown(next));
    };
    const ask = (): Promise<ReportResult | AnalysisResult> =>
      variant === 'panel' ? engine.analysis({ kind: 'analysis', ...body }, onProgress, onPartial) : engine.report({ kind: 'report', ...body }, onProgress);
    // The side panel's first analysis went out as its page started: taken when it is this very request, else dropped and asked anew.
    const early = first ? first.adopt(activeShopId, token, windowRequest, onProgress, onPartial) : null;
    if (early && first) sentAt = first.sentAt;
    const job: Promise<ReportResult | AnalysisResult> = early
      ? early.then((adopted) => {
          if (adopted) return adopted.job;
          sentAt = performance.now();
          return seq === requestSeq.current ? ask() : Promise.reject(new Error('superseded'));
        })
      : ask();
    job
      .then((r) => {
        if (seq !== requestSeq.current) return;
        // Page-side steps beside the worker's, for bench:browser (bench builds only): page start → request, request → answer here.
        const timings = BENCH_BUILD ? { ...pageSteps(), ...(firstScreen !== undefined ? { firstScreen } : {}), roundTrip: Math.round(performance.now() - sentAt), ...onPageClock(r.timings) } : undefined;
        setShown({ result: r, stale: false, timings, overview });
        setError(null);
        // Console tabs watch this stamp and fetch their tier chips again (pushed, not polled).
        void engine
          .tierLookupReady()
          .then(() => writeLocalSetting(browser.storage.local, tierStampSetting, new Date().toISOString(), activeShopId))
          .catch(() => undefined);
      })
      .catch((e: Error) => seq === requestSeq.current && setError(e.message))
      .finally(() => {
        clearTimeout(timer);
        if (seq === requestSeq.current) {
          setComputing(false);
          setProgress(null);
        }
      });
    // A newer request or the panel closing: this request's progress line must not fire after it.
    return () => clearTimeout(timer);
  }, [engine, first, activeShopId, token, windowRequest.from, windowRequest.to]);

  // Large shops: the last computed analysis of this shop and window shows while the worker recomputes —
  // read once the request is on its way (its token known) and only when the fresh 概览 has not come within
  // SAVED_GRACE_MS, so drawing it neither delays the request nor competes with drawing the fresh answer.
  const tokenKnown = token != null;
  useEffect(() => {
    if (!activeShopId || !tokenKnown) return;
    let live = true;
    const timer = setTimeout(() => {
      void getDb()
        .settings.get(lastReportKey(activeShopId))
        .then((s) => {
          const saved = s?.value as SavedAnalysis | undefined;
          if (!live || !saved || saved.request !== requestKey(windowRequest) || saved.result.report.shopId !== activeShopId) return;
          setShown((cur) => (cur && cur.result.report.shopId === activeShopId ? cur : { result: saved.result, stale: true, savedToken: saved.token }));
        })
        .catch(() => undefined);
    }, SAVED_GRACE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [activeShopId, tokenKnown, windowRequest.from, windowRequest.to]);

  // The picked window as days (null for the default window): the pickers show it at once, before the answer.
  const picked = windowRequest.from && windowRequest.to ? { start: windowRequest.from, end: windowRequest.to } : null;
  return { shown, setShown, computing, progress, error, token: token ?? null, latestDay, picked };
}
