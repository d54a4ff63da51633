import { formatCount, formatRate } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { Definition, type DefinedMetric } from './Definition';
import { CardNumber, ChangeLine } from './MetricCard';

export interface FunnelStep {
  id: string;
  label: string;
  value: number;
  /** Rate from the previous step (shown between the bars), null = "—". */
  rate?: number | null;
  rateLabel?: string;
  /** Opens the people of this step (the number becomes a "查看名单" button). */
  onOpen?: () => void;
}

export interface FunnelProps {
  testId: string;
  title: string;
  metric: DefinedMetric;
  steps: FunnelStep[];
  rate: number | null;
  prevRate: number | null;
  period: string;
  t: (k: MessageKey) => string;
  lang: Lang;
}

/** One pathway as horizontal bars (widths relative to the first step), the step rates between them, and its rate vs the previous period in 个百分点. */
export function Funnel(p: FunnelProps) {
  const base = p.steps[0]?.value ?? 0;
  return (
    <div className="card funnel" data-testid={p.testId}>
      <div className="funnel-head">
        <span className="card-label">
          {p.title} <Definition metric={p.metric} t={p.t} />
        </span>
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
              <CardNumber onOpen={s.onOpen} t={p.t}>
                {formatCount(s.value)}
              </CardNumber>
            </span>
          </div>
        </div>
      ))}
      <ChangeLine cmp={{ current: p.rate, previous: p.prevRate, kind: 'rate', format: formatRate }} period={p.period} t={p.t} lang={p.lang} />
    </div>
  );
}
