import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { OverviewReport, RfmClass } from '@/lib/engine';
import type { MessageKey } from '@/lib/i18n/messages';
import { OverviewView } from '../OverviewView';
import { VIEWS, type ViewId, type ViewProps } from '../types';
import { ViewBoundary } from '../ViewBoundary';
import { PopupGlance } from './PopupGlance';
import { GlanceTrend } from './Sparkline';

// Only the 概览 is in the page's first chunk (a new browser's open waits for it); the other views load on first use.
const loadSales = () => import('../SalesView');
const loadPotential = () => import('../PotentialView');
const loadRfm = () => import('../RfmView');
const loadData = () => import('../DataView');
const loadSettings = () => import('../SettingsView');
const loadAudience = () => import('../AudienceView');
const VIEW_CHUNKS = [loadSales, loadPotential, loadRfm, loadData, loadSettings, loadAudience];
const SalesView = lazy(() => loadSales().then((m) => ({ default: m.SalesView })));
const PotentialView = lazy(() => loadPotential().then((m) => ({ default: m.PotentialView })));
const RfmView = lazy(() => loadRfm().then((m) => ({ default: m.RfmView })));
const DataView = lazy(() => loadData().then((m) => ({ default: m.DataView })));
const SettingsView = lazy(() => loadSettings().then((m) => ({ default: m.SettingsView })));
const AudienceView = lazy(() => loadAudience().then((m) => ({ default: m.AudienceView })));

/** The side panel's tabs: the analysis views, then 设置与数据. */
export type ShellView = ViewId | 'settings';
const TABS: readonly ShellView[] = [...VIEWS, 'settings'];

const VIEW_LABEL: Record<ShellView, MessageKey> = {
  overview: 'viewOverview',
  sales: 'viewSales',
  potential: 'viewPotential',
  rfm: 'viewRfm',
  data: 'viewData',
  audience: 'viewAudience',
  settings: 'glance.settingsTab',
};

export interface PanelViewsProps {
  variant: 'panel' | 'popup';
  view: ShellView;
  onView: (v: ShellView) => void;
  viewProps: ViewProps;
  /** The 概览's part of the report (it comes before the whole report the other views read). */
  overview: OverviewReport | null;
  engine: EngineClient;
  token: string | null;
  shopId: string | null;
  shopName: string;
  onDeleted: () => void;
  /** The report cannot be exported yet. */
  busy: boolean;
  /** The 导出人群 buttons under 概览 (side panel only). */
  exportsSlot: ReactNode;
}

/** The tabs and the view shown (the popup: its daily glance, no tabs); each view in its own error boundary. */
export function PanelViews(p: PanelViewsProps) {
  const { variant, view, viewProps, engine, token, shopId: activeShopId } = p;
  const t = viewProps.t;
  // The 人群 view keeps its draft while the merchant looks at other views (mounted on first visit).
  const [audienceMounted, setAudienceMounted] = useState(false);
  useEffect(() => {
    if (view === 'audience') setAudienceMounted(true);
  }, [view]);
  const [audienceSeed, setAudienceSeed] = useState<{ cls: RfmClass; n: number } | null>(null);
  const backToOverview = () => p.onView('overview');
  // Once the 概览 has its figures, the other views' code is fetched in the background, so a switch is instant.
  const hasReport = p.overview != null;
  useEffect(() => {
    if (variant !== 'panel' || !hasReport) return;
    const timer = setTimeout(() => void Promise.all(VIEW_CHUNKS.map((load) => load())).catch(() => undefined), 1500);
    return () => clearTimeout(timer);
  }, [variant, hasReport]);
  return (
    <>
      {variant === 'panel' && (
        <nav className="tabs" role="tablist">
          {TABS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} data-testid={`view-${v}`} onClick={() => p.onView(v)}>
              {t(VIEW_LABEL[v])}
            </button>
          ))}
        </nav>
      )}

      <main data-testid={`view-body-${variant === 'panel' ? view : 'overview'}`}>
        <Suspense fallback={<p className="empty">{t('members_loading')}</p>}>
        {variant === 'popup' && (
          <ViewBoundary key={`glance:${activeShopId}`} view="overview" t={t}>
            <GlanceTrend report={viewProps.report} t={t} totalTestId="metric-gmv" />
            <PopupGlance report={viewProps.report} prev={viewProps.prev} pending={viewProps.highPotentialPending ?? false} t={t} lang={viewProps.lang} />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'overview' && (
          <ViewBoundary key={`overview:${activeShopId}`} view="overview" t={t}>
            <GlanceTrend report={p.overview} t={t} />
            <OverviewView report={p.overview} prev={viewProps.prev} t={t} lang={viewProps.lang} highPotentialPending={viewProps.highPotentialPending} openMembers={viewProps.openMembers} />
            {p.exportsSlot}
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
                p.onView('audience');
              }}
            />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'data' && (
          <ViewBoundary key={`data:${activeShopId}`} view="data" t={t} onBack={backToOverview}>
            <DataView {...viewProps} engine={engine} shopId={activeShopId} />
          </ViewBoundary>
        )}
        {variant === 'panel' && view === 'settings' && (
          <ViewBoundary key={`settings:${activeShopId}`} view="settings" t={t} onBack={backToOverview}>
            <SettingsView {...viewProps} engine={engine} token={token} shopId={activeShopId} shopName={p.shopName} busy={p.busy} onDeleted={p.onDeleted} />
          </ViewBoundary>
        )}
        {variant === 'panel' && (view === 'audience' || audienceMounted) && (
          <div hidden={view !== 'audience'}>
            <ViewBoundary key={`audience:${activeShopId}`} view="audience" t={t} onBack={backToOverview}>
              <AudienceView {...viewProps} engine={engine} shopId={activeShopId} token={token} seed={audienceSeed} />
            </ViewBoundary>
          </div>
        )}
        </Suspense>
      </main>
    </>
  );
}
