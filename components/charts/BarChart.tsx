import { Bar } from 'react-chartjs-2';
import { PALETTE } from './register';

/** A single-series vertical bar chart (e.g. 价格带分布: orders per price band). */
export function BarChart(p: { labels: string[]; values: number[]; label: string; testId?: string; format?: (v: number) => string }) {
  return (
    <div className="chart small-chart" data-testid={p.testId}>
      <Bar
        data={{ labels: p.labels, datasets: [{ label: p.label, data: p.values, backgroundColor: PALETTE[1], borderRadius: 3 }] }}
        options={{
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${p.label}: ${p.format ? p.format(Number(c.raw)) : String(c.raw)}` } } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        }}
      />
    </div>
  );
}
