import { lazy, memo, Suspense, useEffect, useState } from 'react';
import type { OverviewReport } from '@/lib/engine';
import { formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

// Chart.js (~200 kB) is not in the page's first chunk: the total shows at once, the line when its code is in.
const Sparkline = lazy(() => import('./SparklineLine').then((m) => ({ default: m.Sparkline })));

/**
 * True once the page has drawn a frame since `ready` and then been idle (or 1 s passed): Chart.js's code is
 * loaded and run only then, never in the moments the 概览's first figures are being drawn (cold open, issue 14).
 */
function useAfterFirstPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => setAfter(true);
    const frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(go, { timeout: 1000 });
      else timer = setTimeout(go, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}

/**
 * 概览's trend at a glance: the window's GMV (total beside the title) and, over two days or more,
 * a line of it day by day with the first and last day under it (今日 / 昨日 have the total only).
 * `totalTestId`: the popup names its total `metric-gmv` (its only GMV figure).
 */
export const GlanceTrend = memo(function GlanceTrend({ report, t, totalTestId }: { report: OverviewReport | null; t: (k: MessageKey) => string; totalTestId?: string }) {
  const lineDrawn = useAfterFirstPaint(report != null);
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
          {lineDrawn ? (
            <Suspense fallback={<div className="sparkline" aria-hidden="true" />}>
              <Sparkline testId="trend-sparkline" label={t('dailyGmv')} labels={daily.map((d) => d.day)} values={daily.map((d) => d.gmvFen)} format={formatMoney} />
            </Suspense>
          ) : (
            <div className="sparkline" aria-hidden="true" />
          )}
          <div className="glance-trend-days muted small">
            <span>{first.slice(5)}</span>
            <span>{last.slice(5)}</span>
          </div>
        </>
      )}
    </section>
  );
});
