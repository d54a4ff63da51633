import { changeClass, formatChange, formatCount } from '@/lib/i18n/format';

export interface TierCardProps {
  /** Report field name; the element `tier-<name>` holds the bare integer (SPEC §10). */
  name: string;
  label: string;
  value: number | null;
  previous: number | null;
  hint?: string;
  /** Not computed yet (the 高潜 models are being fitted): "…" instead of the figures. */
  pending?: boolean;
}

/** One tier count with its change vs the previous window. */
export function TierCard({ name, label, value, previous, hint, pending = false }: TierCardProps) {
  if (pending) (value = null), (previous = null);
  const change = value !== null && previous ? (value - previous) / previous : null;
  return (
    <div className="card tier" title={hint}>
      <div className="card-label">{label}</div>
      <div className="card-value">
        <span data-testid={`tier-${name}`} data-pending={pending || undefined}>
          {pending ? '…' : (value ?? '')}
        </span>
      </div>
      <div className="card-sub">
        <span className={changeClass(change)}>{formatChange(change)}</span>
        <span className="muted"> · {formatCount(previous)}</span>
      </div>
    </div>
  );
}
