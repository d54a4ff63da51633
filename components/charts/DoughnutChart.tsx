import { Doughnut } from 'react-chartjs-2';
import { PALETTE } from './register';

export interface DoughnutSlice {
  label: string;
  value: number;
  /** Text shown in the tooltip and legend table (already formatted). */
  text: string;
}

/** A doughnut with a legend table beside it (label, formatted value, share), for splits such as GMV by 体裁. */
export function DoughnutChart(p: { slices: DoughnutSlice[]; testId?: string; empty: string; shareText: (share: number | null) => string }) {
  const total = p.slices.reduce((s, x) => s + x.value, 0);
  return (
    <div className="doughnut" data-testid={p.testId}>
      <div className="doughnut-canvas">
        {total > 0 ? (
          <Doughnut
            data={{
              labels: p.slices.map((s) => s.label),
              datasets: [{ data: p.slices.map((s) => s.value), backgroundColor: PALETTE.slice(0, p.slices.length), borderWidth: 1 }],
            }}
            options={{
              animation: false,
              responsive: true,
              maintainAspectRatio: false,
              cutout: '60%',
              plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${c.label}: ${p.slices[c.dataIndex]?.text ?? ''}` } } },
            }}
          />
        ) : (
          <div className="muted chart-empty">{p.empty}</div>
        )}
      </div>
      <table className="legend-table">
        <tbody>
          {p.slices.map((s, i) => (
            <tr key={s.label} data-slice={s.label}>
              <td>
                <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
                {s.label}
              </td>
              <td className="num">{s.text}</td>
              <td className="num muted">{p.shareText(total > 0 ? s.value / total : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
