import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { saveFile } from '@/components/download';
import { BENCH_BUILD } from '@/components/engine/bench-timings';
import { EngineClient } from '@/components/engine/client';
import { lastReportKey, requestKey, type AnalysisResult, type ReportResult, type SavedAnalysis } from '@/components/engine/protocol';
import { AudienceView } from './AudienceView';
import { BackupControls } from './BackupControls';
import { DataView } from './DataView';
import { writeLocalSetting } from '@/lib/db/settings/local';
import { tierStampSetting } from '@/lib/db/settings/registry';
import { OverviewView } from './OverviewView';
import { PotentialView } from './PotentialView';
import { RfmView } from './RfmView';
import { SalesView } from './SalesView';
import { VIEWS, type ViewId, type ViewProps } from './types';
import { ViewBoundary } from './ViewBoundary';
import { useLang } from './useLang';
import { WindowPicker, type PresetId } from './WindowPicker';
import { getDb, listShops, shopDataToken } from '@/lib/db';
import type { RfmClass } from '@/lib/engine';
import { presetWindow, type WindowPreset } from '@/lib/engine/window';
import { reportFileName } from '@/lib/export/download-names';
import type { MessageKey } from '@/lib/i18n/messages';

const PRESET_NAMES: Record<PresetId, WindowPreset> = { 7: '近7天', 30: '近30天', 90: '近90天', month: '自然月' };
const VIEW_LABEL: Record<ViewId, MessageKey> = {
  overview: 'viewOverview',
  sales: 'viewSales',
  potential: 'viewPotential',
  rfm: 'viewRfm',
  data: 'viewData',
  audience: 'viewAudience',
};

type Selection = { preset: PresetId } | { from: string; to: string } | null;
/** `stale`: the saved last result, shown while the worker recomputes; `savedToken`: the data token it was computed from. */
type Shown = { result: ReportResult | AnalysisResult; stale: boolean; savedToken?: string; timings?: Record<string, number> };

/** Change token of a shop's data (two key reads, never a count over a million records): the worker rebuilds when it differs. */
const dataToken = (shopId: string) => shopDataToken(getDb(), shopId);

/**
 * The dashboard. Side panel: views (概览 / 成交 / 高潜 / RFM / 数据 / 人群) under a shared shop and
 * window picker. Popup: headline tiers and sales only. Both carry the hooks of SPEC §10.
 */
export function Dashboard({
  variant = 'panel',
  extra,
  initialShopId,
}: {
  variant?: 'panel' | 'popup';
  extra?: (t: (k: MessageKey) => string) => ReactNode;
  /** Shop to preselect (the popup's active tab's shop), when it is in the profile. */
  initialShopId?: string | null;
}) {
  const { lang, setLang, t } = useLang();
  const engine = useMemo(() => new EngineClient(), []);
  const shops = useLiveQuery(() => listShops(getDb()), []);
  const [shopId, setShopId] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [computing, setComputing] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [view, setView] = useState<ViewId>('overview');
  // The 人群 view keeps its draft while the merchant looks at other views (mounted on first visit).
  const [audienceMounted, setAudienceMounted] = useState(false);
  useEffect(() => {
    if (view === 'audience') setAudienceMounted(true);
  }, [view]);
  const [audienceSeed, setAudienceSeed] = useState<{ cls: RfmClass; n: number } | null>(null);

  const preferred = shopId ?? initialShopId ?? null;
  const currentShop = shops?.find((s) => s.shopId === preferred) ?? shops?.[0] ?? null;
  const activeShopId = currentShop?.shopId ?? null;
  const token = useLiveQuery(async () => (activeShopId ? dataToken(activeShopId) : null), [activeShopId, generation]);

  const result = shown?.result ?? null;
  const latestDay = result?.latestDay ?? null;
  const windowRequest = useMemo(() => {
    if (!selection) return {};
    if ('preset' in selection) {
      if (!latestDay) return {};
      const w = presetWindow(PRESET_NAMES[selection.preset], latestDay);
      return { from: w.start, to: w.end };
    }
    return { from: selection.from, to: selection.to };
  }, [selection, latestDay]);

  // Large shops: the last computed analysis of this shop and window shows at once, while the worker recomputes.
  useEffect(() => {
    if (!activeShopId) return;
    let live = true;
    void getDb()
      .settings.get(lastReportKey(activeShopId))
      .then((s) => {
        const saved = s?.value as SavedAnalysis | undefined;
        if (!live || !saved || saved.request !== requestKey(windowRequest) || saved.result.report.shopId !== activeShopId) return;
        setShown((cur) => (cur && cur.result.report.shopId === activeShopId ? cur : { result: saved.result, stale: true, savedToken: saved.token }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [activeShopId, windowRequest.from, windowRequest.to]);

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
    const sentAt = performance.now();
    let firstScreen: number | undefined;
    // The 概览 figures arrive first (report + previous); the lists and extras follow in the answer.
    const onPartial = (r: ReportResult) => {
      if (seq !== requestSeq.current) return;
      firstScreen = Math.round(performance.now() - sentAt);
      setShown({ result: r, stale: false, timings: BENCH_BUILD ? { pageToRequest: Math.round(sentAt), firstScreen, ...r.timings } : undefined });
    };
    const job: Promise<ReportResult | AnalysisResult> =
      variant === 'panel' ? engine.analysis({ kind: 'analysis', ...body }, onProgress, onPartial) : engine.report({ kind: 'report', ...body }, onProgress);
    job
      .then((r) => {
        if (seq !== requestSeq.current) return;
        // Page-side steps beside the worker's, for bench:browser (bench builds only): page start → request, request → answer here.
        const timings = BENCH_BUILD ? { pageToRequest: Math.round(sentAt), ...(firstScreen !== undefined ? { firstScreen } : {}), roundTrip: Math.round(performance.now() - sentAt), ...r.timings } : undefined;
        setShown({ result: r, stale: false, timings });
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
  }, [engine, activeShopId, token, windowRequest.from, windowRequest.to]);

  const report = result && result.report.shopId === activeShopId ? result.report : null;
  const prev = result && report ? result.previous : null;
  const extras = result && report && 'extras' in result ? (result as AnalysisResult).extras : null;

  async function exportTier(tier: 'firstOrder' | 'repeat') {
    if (!activeShopId || token == null || !report) return;
    const file = await engine.tierCsv({
      kind: 'tierCsv',
      shopId: activeShopId,
      window: { from: report.window.start, to: report.window.end },
      token,
      tier,
    });
    saveFile(file.bytes as BlobPart, file.filename, 'text/csv;charset=utf-8');
  }

  function exportReport() {
    if (!report) return;
    saveFile(JSON.stringify(report, null, 2), reportFileName(report.shopId, report.window.start, report.window.end), 'application/json');
  }

  async function exportReportXlsx() {
    if (!report) return;
    // exceljs is loaded on demand (its own chunk), only when a merchant asks for a workbook.
    const { reportXlsx } = await import('@/lib/export/report-xlsx');
    const file = await reportXlsx(report);
    saveFile(file.bytes as BlobPart, file.name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  const highPotentialPending = result && report && !shown?.stale ? result.highPotentialPending === true : false;
  const viewProps: ViewProps = { report, prev, extras, t, lang, highPotentialPending };
  const busy = !report || computing;
  const backToOverview = () => setView('overview');
  const tierExports = (
    <section>
      <h2>{t('exports')}</h2>
      <div className="buttons">
        <button type="button" data-testid="export-firstOrder-csv" disabled={busy} onClick={() => void exportTier('firstOrder')}>
          {t('exportFirstOrder')}
        </button>
        <button type="button" data-testid="export-repeat-csv" disabled={busy} onClick={() => void exportTier('repeat')}>
          {t('exportRepeat')}
        </button>
      </div>
    </section>
  );

  return (
    <div
      className={`app ${variant}`}
      data-lang={lang}
      data-state={computing ? 'computing' : report ? 'ready' : 'empty'}
      data-report={shown ? (shown.stale ? 'stale' : 'fresh') : 'none'}
      data-timings={BENCH_BUILD && shown && !shown.stale && shown.timings ? JSON.stringify(shown.timings) : undefined}
    >
      <header className="topbar">
        <h1>{t('appName')}</h1>
        <button type="button" className="link" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
      </header>
      {extra?.(t)}
      <section className="controls">
        <label className="shop">
          <span>{t('shop')}</span>
          <select
            data-testid="shop-picker"
            value={activeShopId ?? ''}
            onChange={(e) => {
              setShopId(e.target.value);
              setShown(null);
            }}
          >
            {(shops ?? []).map((s) => (
              <option key={s.shopId} value={s.shopId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <WindowPicker
          from={report?.window.start ?? ''}
          to={report?.window.end ?? ''}
          active={selection && 'preset' in selection ? selection.preset : selection ? null : 30}
          t={t}
          onPreset={(p) => setSelection({ preset: p })}
          onCustom={(from, to) => setSelection({ from, to })}
        />
        {latestDay && (
          <div className="muted small">
            {t('latestDay')}: {latestDay}
            {result && !shown?.stale && ` · ${t('computedIn')} ${Math.round(result.ms)} ms`}
            {shown?.stale &&
              // Computed from this very data: its figures are exact, only the full 高潜 list is still coming.
              (shown.savedToken !== undefined && shown.savedToken === token ? (
                <span className="muted" data-testid="saved-result">
                  {' '}
                  · {t('savedResultCurrent')}
                </span>
              ) : (
                <span className="stale" data-testid="stale-result">
                  {' '}
                  · {t('staleResult')}
                </span>
              ))}
          </div>
        )}
      </section>

      {shops && shops.length === 0 && <p className="empty">{t('noShops')}</p>}
      {progress && (
        <div className="progress" data-testid="compute-progress">
          {/* The worker sends catalogue keys (progress_*); any other text is shown as it is. */}
          {t(progress as MessageKey)}
        </div>
      )}
      {error && <div className="error" data-testid="compute-error">{error}</div>}

      {variant === 'panel' && (
        <nav className="tabs" role="tablist">
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} data-testid={`view-${v}`} onClick={() => setView(v)}>
              {t(VIEW_LABEL[v])}
            </button>
          ))}
        </nav>
      )}

      <main data-testid={`view-body-${variant === 'panel' ? view : 'overview'}`}>
        {(variant === 'popup' || view === 'overview') && (
          <ViewBoundary key={`overview:${activeShopId}`} view="overview" t={t}>
            <OverviewView {...viewProps} compact={variant === 'popup'} exportsSlot={variant === 'panel' ? tierExports : null} />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'sales' && (
          <ViewBoundary key={`sales:${activeShopId}`} view="sales" t={t} onBack={backToOverview}>
            <SalesView {...viewProps} />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'potential' && (
          <ViewBoundary key={`potential:${activeShopId}`} view="potential" t={t} onBack={backToOverview}>
            <PotentialView {...viewProps} />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'rfm' && (
          <ViewBoundary key={`rfm:${activeShopId}`} view="rfm" t={t} onBack={backToOverview}>
            <RfmView
              {...viewProps}
              onPick={(cls) => {
                setAudienceSeed((s) => ({ cls, n: (s?.n ?? 0) + 1 }));
                setView('audience');
              }}
            />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'data' && (
          <ViewBoundary key={`data:${activeShopId}`} view="data" t={t} onBack={backToOverview}>
            <DataView
              {...viewProps}
              engine={engine}
              token={token ?? null}
              shopId={activeShopId}
              shopName={currentShop?.name ?? ''}
              onDeleted={() => {
                setShopId(null);
                setShown(null);
                setGeneration((g) => g + 1);
              }}
            />
          </ViewBoundary>
        )}
        {variant === 'panel' && (view === 'audience' || audienceMounted) && (
          <div hidden={view !== 'audience'}>
            <ViewBoundary key={`audience:${activeShopId}`} view="audience" t={t} onBack={backToOverview}>
              <AudienceView {...viewProps} engine={engine} shopId={activeShopId} token={token ?? null} seed={audienceSeed} />
            </ViewBoundary>
          </div>
        )}
      </main>

      <section>
        <h2>{t('files')}</h2>
        <div className="buttons">
          <button type="button" data-testid="export-report" disabled={busy} onClick={exportReport}>
            {t('exportReport')}
          </button>
          <button type="button" data-testid="export-report-xlsx" disabled={busy} onClick={() => void exportReportXlsx()}>
            {t('exportReportXlsx')}
          </button>
        </div>
      </section>
      {/* One key for every shop: a restore changes the selected shop, and its status must survive that. */}
      <ViewBoundary key="backup" view="backup" t={t}>
        <BackupControls engine={engine} shopId={activeShopId} t={t} onRestored={() => setGeneration((g) => g + 1)} />
      </ViewBoundary>
    </div>
  );
}
