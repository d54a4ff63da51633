import { useEffect, useState, type ReactNode } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { RfmClass } from '@/lib/engine';
import type { MessageKey } from '@/lib/i18n/messages';
import { AudienceView } from '../AudienceView';
import { DataView } from '../DataView';
import { OverviewView } from '../OverviewView';
import { PotentialView } from '../PotentialView';
import { RfmView } from '../RfmView';
import { SalesView } from '../SalesView';
import { VIEWS, type ViewId, type ViewProps } from '../types';
import { ViewBoundary } from '../ViewBoundary';

const VIEW_LABEL: Record<ViewId, MessageKey> = {
  overview: 'viewOverview',
  sales: 'viewSales',
  potential: 'viewPotential',
  rfm: 'viewRfm',
  data: 'viewData',
  audience: 'viewAudience',
};

export interface PanelViewsProps {
  variant: 'panel' | 'popup';
  view: ViewId;
  onView: (v: ViewId) => void;
  viewProps: ViewProps;
  engine: EngineClient;
  token: string | null;
  shopId: string | null;
  shopName: string;
  onDeleted: () => void;
  /** The 导出人群 buttons under 概览 (side panel only). */
  exportsSlot: ReactNode;
}

/** The tabs and the view shown (the popup: 概览 compact, no tabs); each view in its own error boundary. */
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
  return (
    <>
      {variant === 'panel' && (
        <nav className="tabs" role="tablist">
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} data-testid={`view-${v}`} onClick={() => p.onView(v)}>
              {t(VIEW_LABEL[v])}
            </button>
          ))}
        </nav>
      )}

      <main data-testid={`view-body-${variant === 'panel' ? view : 'overview'}`}>
        {(variant === 'popup' || view === 'overview') && (
          <ViewBoundary key={`overview:${activeShopId}`} view="overview" t={t}>
            <OverviewView {...viewProps} compact={variant === 'popup'} exportsSlot={variant === 'panel' ? p.exportsSlot : null} />
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
            <DataView {...viewProps} engine={engine} token={token} shopId={activeShopId} shopName={p.shopName} onDeleted={p.onDeleted} />
          </ViewBoundary>
        )}
        {variant === 'panel' && (view === 'audience' || audienceMounted) && (
          <div hidden={view !== 'audience'}>
            <ViewBoundary key={`audience:${activeShopId}`} view="audience" t={t} onBack={backToOverview}>
              <AudienceView {...viewProps} engine={engine} shopId={activeShopId} token={token} seed={audienceSeed} />
            </ViewBoundary>
          </div>
        )}
      </main>
    </>
  );
}
