import type { ReactNode } from 'react';
import { describeChange, type ChangeKind, type CountUnit } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { Definition, type DefinedMetric } from './Definition';

/** A figure of this period against the previous one, and how both are written. */
export interface Comparison {
  current: number | null | undefined;
  previous: number | null | undefined;
  kind: ChangeKind;
  format: (v: number | null | undefined) => string;
  /** Unit of a small-base count difference ("+3 人"). */
  unit?: CountUnit;
}

/** The consoles' colour of a change: ▲ red (rise), ▼ green (fall). */
const DIRECTION_CLASS = { up: 'rise', down: 'fall', flat: 'muted', none: 'muted' } as const;

/** The change chip and the "近30天 · 较上周期 103 → 113" line under a card's value. */
export function ChangeLine({ cmp, period, t, lang }: { cmp: Comparison; period: string; t: (k: MessageKey) => string; lang: Lang }) {
  const change = describeChange(cmp.current, cmp.previous, cmp.kind, lang, cmp.unit);
  return (
    <div className="card-sub">
      <span className={`change ${DIRECTION_CLASS[change.direction]}`} data-direction={change.direction}>
        {change.text}
      </span>
      {/* A narrow card wraps between words, never inside "103 → 113". */}
      <div className="muted period">
        <span className="nowrap">{period}</span> · {t('card_vsPrevious')}{' '}
        <span className="nowrap">
          {cmp.format(cmp.previous)} → {cmp.format(cmp.current)}
        </span>
      </div>
    </div>
  );
}

/** A card's number: plain, or a button opening its members ("查看名单") when `onOpen` is given. */
export function CardNumber({ onOpen, t, children }: { onOpen?: () => void; t: (k: MessageKey) => string; children: ReactNode }) {
  if (!onOpen) return <>{children}</>;
  return (
    <button type="button" className="open-members" aria-label={t('card_openMembers')} title={t('card_openMembers')} onClick={onOpen}>
      {children}
    </button>
  );
}

export interface MetricCardProps {
  testId: string;
  label: string;
  /** The value, already formatted. */
  text: string;
  raw?: number;
  metric: DefinedMetric;
  cmp: Comparison;
  period: string;
  t: (k: MessageKey) => string;
  lang: Lang;
  onOpen?: () => void;
}

/** A headline metric with its ⓘ definition, its period and its change vs the previous period. */
export function MetricCard(p: MetricCardProps) {
  return (
    <div className="card metric">
      <div className="card-label">
        {p.label} <Definition metric={p.metric} t={p.t} />
      </div>
      <div className="card-value" data-testid={p.testId} data-value={p.raw}>
        <CardNumber onOpen={p.onOpen} t={p.t}>
          {p.text}
        </CardNumber>
      </div>
      <ChangeLine cmp={p.cmp} period={p.period} t={p.t} lang={p.lang} />
    </div>
  );
}
