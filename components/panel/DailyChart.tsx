import {
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { formatMoney } from '@/lib/i18n/format';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend, Filler);

export interface DailyChartProps {
  days: string[];
  currentFen: number[];
  previousFen: number[];
  currentLabel: string;
  previousLabel: string;
}

/** Daily GMV of the window against the previous window, day by day (yuan on the axis). */
export function DailyChart(p: DailyChartProps) {
  return (
    <div className="chart" data-testid="daily-chart">
      <Line
        data={{
          labels: p.days.map((d) => d.slice(5)),
          datasets: [
            {
              label: p.currentLabel,
              data: p.currentFen.map((f) => f / 100),
              borderColor: '#fe2c55',
              backgroundColor: 'rgba(254,44,85,.12)',
              fill: true,
              tension: 0.25,
              pointRadius: 0,
            },
            {
              label: p.previousLabel,
              data: p.previousFen.map((f) => f / 100),
              borderColor: '#86909c',
              borderDash: [4, 4],
              tension: 0.25,
              pointRadius: 0,
            },
          ],
        }}
        options={{
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatMoney(Math.round(Number(c.raw) * 100))}` } },
          },
          scales: { y: { beginAtZero: true, ticks: { callback: (v) => formatMoney(Number(v) * 100) } } },
        }}
      />
    </div>
  );
}
