import { useId, useState } from 'react';
import type { definitionMessages } from '@/lib/i18n/messages-definitions';
import type { MessageKey } from '@/lib/i18n/messages';

/** A metric with a definition in lib/i18n/messages-definitions.ts (`def_<metric>`). */
export type DefinedMetric = keyof typeof definitionMessages extends `def_${infer M}` ? M : never;

/** The ⓘ beside a metric: its definition from SPEC §3–§5 in the merchant's words, on hover (title) and on click / keyboard. */
export function Definition({ metric, t }: { metric: DefinedMetric; t: (k: MessageKey) => string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const text = t(`def_${metric}`);
  return (
    <span className="def">
      <button
        type="button"
        className="def-button"
        aria-label={t('card_definition')}
        aria-expanded={open}
        aria-controls={id}
        title={text}
        data-testid={`def-${metric}`}
        onClick={(e) => {
          e.stopPropagation(); // inside clickable cards (RFM): explaining is not picking
          setOpen(!open);
        }}
      >
        ⓘ
      </button>
      {open && (
        <span className="def-text" id={id} role="note">
          {text}
        </span>
      )}
    </span>
  );
}
