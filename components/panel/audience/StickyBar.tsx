import { formatCount, unitKey } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { AudienceDraft } from './useAudienceDraft';

/** The steps of 人群 · 圈选, in order. */
const STEPS = ['select', 'preview', 'export'] as const;
export type Step = (typeof STEPS)[number];
const STEP_LABEL: Record<Step, MessageKey> = { select: 'audience_stepSelect', preview: 'audience_stepPreview', export: 'audience_stepExport' };

/**
 * The bar that stays on screen while tags are clicked (position: sticky): the steps 圈选 → 预览 → 导出,
 * the live size (or why there is none), the name (following the conditions until typed) and 保存.
 */
export function StickyBar(p: { t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string; draft: AudienceDraft; step: Step; setStep: (s: Step) => void }) {
  const { t, draft, step } = p;
  const { size, lookalikeOf } = draft;
  return (
    <div className="audience-bar" data-testid="audience-bar">
      <nav className="stepper" role="tablist">
        {STEPS.map((s, i) => (
          <button key={s} type="button" role="tab" aria-selected={step === s} className={step === s ? 'on' : ''} data-testid={`audience-step-${s}`} onClick={() => p.setStep(s)}>
            <span className="step-n">{i + 1}</span> {t(STEP_LABEL[s])}
          </button>
        ))}
      </nav>
      <div className="bar-row">
        {size?.ok === false && size.error ? (
          <span className="down bar-size" data-testid="audience-error">
            {p.label(size.error)}
            {size.error.position >= 0 ? ` (${t('atPosition')} ${size.error.position + 1})` : ''}
          </span>
        ) : (
          <span className="bar-size">
            {t('audienceSize')}{' '}
            <b className="big" data-testid="audience-size" data-value={size?.ok ? size.size : ''}>
              {size?.ok ? formatCount(size.size) : '—'}
            </b>{' '}
            {t(unitKey('persons', size?.ok ? size.size : 0))}
          </span>
        )}
        <input
          className="name-input"
          data-testid="audience-name"
          data-follows={draft.nameTyped ? 'false' : 'true'}
          value={draft.name}
          placeholder={t('audienceName')}
          title={t('audience_nameFollows')}
          aria-label={t('audienceName')}
          onChange={(e) => draft.setName(e.target.value)}
        />
        <button type="button" className="primary" data-testid="audience-save" disabled={!draft.text.trim() || size?.ok === false || !!lookalikeOf} onClick={() => void draft.save()}>
          {t('saveAudience')}
        </button>
      </div>
      {draft.message && (
        <div className={draft.message.kind === 'error' ? 'error' : 'status done'} data-testid="audience-message">
          {draft.message.text}
        </div>
      )}
    </div>
  );
}
