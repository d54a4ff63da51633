import { LineChart } from '@/components/charts/LineChart';
import { formatMoney } from '@/lib/i18n/format';

export interface DailyChartProps {
  days: string[];
  currentFen: number[];
  previousFen: number[];
  currentLabel: string;
  previousLabel: string;
}

const SMOOTH = { tension: 0.25, pointRadius: 0 } as const;

/** Daily GMV of the window against the previous window, day by day (yuan on the axis). */
export function DailyChart(p: DailyChartProps) {
  return (
    <LineChart
      testId="daily-chart"
      labels={p.days.map((d) => d.slice(5))}
      format={(yuan) => formatMoney(Math.round(yuan * 100))}
      series={[
        {
          label: p.currentLabel,
          values: p.currentFen.map((f) => f / 100),
          style: { ...SMOOTH, borderColor: '#fe2c55', backgroundColor: 'rgba(254,44,85,.12)', fill: true },
        },
        {
          label: p.previousLabel,
          values: p.previousFen.map((f) => f / 100),
          // Chart.js's own default fill colour: the dashed line's legend box stays light.
          style: { ...SMOOTH, borderColor: '#86909c', backgroundColor: 'rgba(0,0,0,0.1)', borderDash: [4, 4] },
        },
      ]}
    />
  );
}
