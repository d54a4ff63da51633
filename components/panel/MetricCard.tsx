import { changeClass, formatChange } from '@/lib/i18n/format';

/** A headline metric (already formatted) with its change vs the previous window. */
export function MetricCard(p: { testId: string; label: string; text: string; change: number | null; raw?: number }) {
  return (
    <div className="card metric">
      <div className="card-label">{p.label}</div>
      <div className="card-value" data-testid={p.testId} data-value={p.raw}>
        {p.text}
      </div>
      <div className="card-sub">
        <span className={changeClass(p.change)}>{formatChange(p.change)}</span>
      </div>
    </div>
  );
}
