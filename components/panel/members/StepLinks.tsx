import { pathwayTagId } from '@/lib/audience/pathway-tags';
import { formatCount } from '@/lib/i18n/format';
import { textOf } from '@/lib/i18n/text';
import type { Lang, MessageKey } from '@/lib/i18n/messages';

/**
 * Under a recall pathway's funnel: the people the funnel's bars leave out — 未召回 (assets who did not
 * come back) and 召回未成交 (came back, did not buy) — each opening its members.
 */
export function StepLinks(p: {
  testId: string;
  side: 'unpurchased' | 'purchased';
  pathway: { assets: number; recalled: number; converted: number };
  t: (k: MessageKey) => string;
  lang: Lang;
  drill: (tagId: string, label: string) => (() => void) | undefined;
}) {
  const steps = [
    { id: 'notRecalled', step: `${p.side}NotRecalled`, value: p.pathway.assets - p.pathway.recalled },
    { id: 'recalledNotBought', step: `${p.side}RecalledNotBought`, value: p.pathway.recalled - p.pathway.converted },
  ] as const;
  return (
    <div className="step-links small">
      {steps.map((s) => {
        const label = p.t(`pathway_${s.step}`);
        const open = p.drill(pathwayTagId(s.step), label);
        const text = `${label} ${textOf(s.value === 1 ? 'members_countOne' : 'members_count', { n: formatCount(s.value) })[p.lang]}`;
        return open ? (
          <button key={s.id} type="button" className="link" data-testid={`${p.testId}-${s.id}`} data-value={s.value} title={p.t('card_openMembers')} onClick={open}>
            {text}
          </button>
        ) : (
          <span key={s.id} className="muted" data-testid={`${p.testId}-${s.id}`} data-value={s.value}>
            {text}
          </span>
        );
      })}
    </div>
  );
}
