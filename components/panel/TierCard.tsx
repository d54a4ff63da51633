import type { ReactNode } from 'react';
import { formatCount } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { Definition, type DefinedMetric } from './Definition';
import { CardNumber, ChangeLine } from './MetricCard';

export interface TierCardProps {
  /** Report field name; the element `tier-<name>` holds the bare integer (SPEC §10). */
  name: string;
  label: string;
  value: number | null;
  previous: number | null;
  /** Its ⓘ definition. */
  metric: DefinedMetric;
  /** The card's period ("近30天"). */
  period: string;
  t: (k: MessageKey) => string;
  lang: Lang;
  /** Not computed yet (the 高潜 models are being fitted): "…" instead of the figures. */
  pending?: boolean;
  /** Opens the members behind the number (the number becomes a "查看名单" button). */
  onOpen?: () => void;
  /** Notes under the change line (the 数据不足 mark, the consoles' figure: ConsoleFigure.tsx). */
  children?: ReactNode;
}

/** One tier count with its definition, period and change vs the previous period. */
export function TierCard({ name, label, value, previous, metric, period, t, lang, pending = false, onOpen, children }: TierCardProps) {
  if (pending) (value = null), (previous = null);
  return (
    <div className="card tier">
      <div className="card-label">
        {label} <Definition metric={metric} t={t} />
      </div>
      <div className="card-value">
        <CardNumber onOpen={pending ? undefined : onOpen} t={t}>
          <span data-testid={`tier-${name}`} data-pending={pending || undefined}>
            {pending ? '…' : (value ?? '')}
          </span>
        </CardNumber>
      </div>
      <ChangeLine cmp={{ current: value, previous, kind: 'count', format: formatCount, unit: 'persons' }} period={period} t={t} lang={lang} />
      {children}
    </div>
  );
}
