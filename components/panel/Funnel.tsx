import { changeClass, formatCount, formatRate } from '@/lib/i18n/format';

export interface FunnelStep {
  id: string;
  label: string;
  value: number;
  /** Rate from the previous step (shown between the bars), null = "—". */
  rate?: number | null;
  rateLabel?: string;
}

/** One pathway as horizontal bars (widths relative to the first step) with the step rates between them. */
export function Funnel(p: { testId: string; title: string; steps: FunnelStep[]; rate: number | null; prevRate: number | null; rateLabel: string; prevLabel: string }) {
  const base = p.steps[0]?.value ?? 0;
  return (
    <div className="card funnel" data-testid={p.testId}>
      <div className="funnel-head">
        <span className="card-label">{p.title}</span>
        <span className="funnel-rate" data-testid={`${p.testId}-rate`} data-value={p.rate ?? ''}>
          {formatRate(p.rate)}
        </span>
      </div>
      {p.steps.map((s) => (
        <div key={s.id}>
          {s.rate !== undefined && (
            <div className="funnel-step-rate muted small">
              ↓ {s.rateLabel} <b data-testid={`${p.testId}-${s.id}-rate`} data-value={s.rate ?? ''}>{formatRate(s.rate)}</b>
            </div>
          )}
          <div className="funnel-row">
            <span className="funnel-label">{s.label}</span>
            <span className="funnel-bar">
              <span style={{ width: `${base > 0 ? Math.max(2, (100 * s.value) / base) : 0}%` }} />
            </span>
            <span className="funnel-value num" data-testid={`${p.testId}-${s.id}`} data-value={s.value}>
              {formatCount(s.value)}
            </span>
          </div>
        </div>
      ))}
      <div className="card-sub muted">
        {p.rateLabel} {formatRate(p.rate)} · {p.prevLabel} {formatRate(p.prevRate)}
        {p.rate !== null && p.prevRate !== null && (
          <span className={changeClass(p.rate - p.prevRate)}>
            {' '}
            {p.rate >= p.prevRate ? '+' : ''}
            {((p.rate - p.prevRate) * 100).toFixed(1)}pp
          </span>
        )}
      </div>
    </div>
  );
}
