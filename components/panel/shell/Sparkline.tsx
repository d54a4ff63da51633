import { Line } from 'react-chartjs-2';
import { PALETTE } from '@/components/charts/register';
import type { Report } from '@/lib/engine';
import { formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

/** A tiny line without axes, legend or grid (the trend at a glance); the tooltip names the day and value. */
function Sparkline(p: { labels: string[]; values: number[]; format: (v: number) => string; label: string; testId: string }) {
  return (
    <div className="sparkline" data-testid={p.testId} role="img" aria-label={p.label}>
      <Line
        data={{
          labels: p.labels,
          datasets: [
            {
              label: p.label,
              data: p.values,
              borderColor: PALETTE[0],
              backgroundColor: 'rgba(254,44,85,.10)',
              fill: true,
              borderWidth: 1.5,
              pointRadius: 0,
              pointHoverRadius: 3,
              tension: 0.3,
            },
          ],
        }}
        options={{
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          layout: { padding: 2 },
          plugins: {
            legend: { display: false },
            tooltip: { displayColors: false, callbacks: { label: (c) => p.format(Number(c.raw)) } },
          },
          scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
        }}
      />
    </div>
  );
}

/**
 * 概览's trend at a glance: the window's GMV (total beside the title) and, over two days or more,
 * a line of it day by day with the first and last day under it (今日 / 昨日 have the total only).
 * `totalTestId`: the popup names its total `metric-gmv` (its only GMV figure).
 */
export function GlanceTrend({ report, t, totalTestId }: { report: Report | null; t: (k: MessageKey) => string; totalTestId?: string }) {
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
          <Sparkline testId="trend-sparkline" label={t('dailyGmv')} labels={daily.map((d) => d.day)} values={daily.map((d) => d.gmvFen)} format={formatMoney} />
          <div className="glance-trend-days muted small">
            <span>{first.slice(5)}</span>
            <span>{last.slice(5)}</span>
          </div>
        </>
      )}
    </section>
  );
}
