import { Line } from 'react-chartjs-2';
import { PALETTE } from '@/components/charts/register';

/** A tiny line without axes, legend or grid (the trend at a glance); the tooltip names the day and value. */
export function Sparkline(p: { labels: string[]; values: number[]; format: (v: number) => string; label: string; testId: string }) {
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
