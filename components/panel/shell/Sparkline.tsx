import { lazy, Suspense } from 'react';
import type { OverviewReport } from '@/lib/engine';
import { formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

// Chart.js (~200 kB) is not in the page's first chunk: the total shows at once, the line when its code is in.
const Sparkline = lazy(() => import('./SparklineLine').then((m) => ({ default: m.Sparkline })));

/**
 * 概览's trend at a glance: the window's GMV (total beside the title) and, over two days or more,
 * a line of it day by day with the first and last day under it (今日 / 昨日 have the total only).
 * `totalTestId`: the popup names its total `metric-gmv` (its only GMV figure).
 */
export function GlanceTrend({ report, t, totalTestId }: { report: OverviewReport | null; t: (k: MessageKey) => string; totalTestId?: string }) {
  if (!report) return null;
  const daily = report.metrics.daily;
  const first = daily[0]?.day ?? '', last = daily[daily.length - 1]?.day ?? '';
  return (
    <section className="glance-trend" data-testid="glance-trend">
      <div className="glance-trend-head">
        <span>{daily.length > 1 ? t('dailyGmv') : t('gmv')}</span>
        <b className="num" data-testid={totalTestId} data-value={totalTestId ? report.metrics.gmvFen : undefined}>
          {formatMoney(report.metrics.gmvFen)}
        </b>
      </div>
      {daily.length > 1 && (
        <>
          <Suspense fallback={<div className="sparkline" aria-hidden="true" />}>
            <Sparkline testId="trend-sparkline" label={t('dailyGmv')} labels={daily.map((d) => d.day)} values={daily.map((d) => d.gmvFen)} format={formatMoney} />
          </Suspense>
          <div className="glance-trend-days muted small">
            <span>{first.slice(5)}</span>
            <span>{last.slice(5)}</span>
          </div>
        </>
      )}
    </section>
  );
}
