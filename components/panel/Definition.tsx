import { useId, useState } from 'react';
import type { definitionMessages } from '@/lib/i18n/messages-definitions';
import type { MessageKey } from '@/lib/i18n/messages';

/** A metric with a definition in lib/i18n/messages-definitions.ts (`def_<metric>`). */
export type DefinedMetric = keyof typeof definitionMessages extends `def_${infer M}` ? M : never;

/** An ⓘ button that shows `text` on hover (title) and toggles it below on click / keyboard. */
export function InfoToggle(p: { text: string; label: string; testId: string; textClass: string; textTestId?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="def-button"
        aria-label={p.label}
        aria-expanded={open}
        aria-controls={id}
        title={p.text}
        data-testid={p.testId}
        onClick={(e) => {
          e.stopPropagation(); // inside clickable cards (RFM): explaining is not picking
          setOpen(!open);
        }}
      >
        ⓘ
      </button>
      {open && (
        <span className={p.textClass} id={id} role="note" data-testid={p.textTestId}>
          {p.text}
        </span>
      )}
    </>
  );
}

/** The ⓘ beside a metric: its definition from SPEC §3–§5 in the merchant's words, on hover (title) and on click / keyboard. */
export function Definition({ metric, t }: { metric: DefinedMetric; t: (k: MessageKey) => string }) {
  return (
    <span className="def">
      <InfoToggle text={t(`def_${metric}`)} label={t('card_definition')} testId={`def-${metric}`} textClass="def-text" />
    </span>
  );
}
