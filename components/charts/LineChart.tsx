import type { ChartDataset } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { PALETTE } from './register';

export interface LineSeries {
  label: string;
  /** One value per label; null where the series has no point (a gap). */
  values: (number | null)[];
  /** Drawing overrides for this series (colour, fill, dashes, point size …); the palette and defaults otherwise. */
  style?: Partial<ChartDataset<'line', (number | null)[]>>;
}

/** A multi-series line chart over shared labels (e.g. 罗盘 figures by the day they were seen). */
export function LineChart(p: { labels: string[]; series: LineSeries[]; testId?: string; format?: (v: number) => string }) {
  return (
    // The legend is drawn on the canvas: its labels also name the figure for screen readers (and the words e2e check).
    <div className="chart" data-testid={p.testId} role="img" aria-label={p.series.map((s) => s.label).join(' / ')}>
      <Line
        data={{
          labels: p.labels,
          datasets: p.series.map((s, i) => ({
            label: s.label,
            data: s.values,
            borderColor: PALETTE[i % PALETTE.length],
            backgroundColor: PALETTE[i % PALETTE.length],
            spanGaps: true,
            tension: 0.2,
            pointRadius: 2,
            ...s.style,
          })),
        }}
        options={{
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${p.format ? p.format(Number(c.raw)) : String(c.raw)}` } },
          },
          scales: { y: { beginAtZero: true, ticks: { callback: (v) => (p.format ? p.format(Number(v)) : String(v)) } } },
        }}
      />
    </div>
  );
}
