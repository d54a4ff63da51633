import type { MessageKey } from '@/lib/i18n/messages';
import type { Audience } from '@/lib/model';
import type { AudienceDraft } from './useAudienceDraft';

/** Where a clicked chip goes: a condition group (by index) or the exclusions. */
export type Target = number | 'exclude';

/** A lookalike being built: of which saved audience, top n. */
export type LookalikeOf = { audience: Audience; n: number };

/**
 * 人群圈选: condition groups (ANDed; tags in a group ORed) and exclusions as chips in the merchant's
 * words, the lookalike being built, and — folded away — the same audience as an expression.
 */
export function Builder({ t, draft }: { t: (k: MessageKey) => string; draft: AudienceDraft }) {
  const { structured, target, lookalikeOf } = draft;
  const chip = (where: Target, id: string, neg = false) => (
    <span key={id} className={`chip on${neg ? ' neg' : ''}`} data-testid="audience-condition" data-tag={id}>
      {draft.tagText(id)}
      <button type="button" className="x" aria-label={t('remove')} onClick={(e) => (e.stopPropagation(), draft.removeTag(where, id))}>
        ×
      </button>
    </span>
  );
  return (
    <section>
      <h2>{t('audienceBuilder')}</h2>
      <div className="muted small">{t('audienceBuilderNote')}</div>
      <div className="builder" data-testid="audience-builder">
        {structured.groups.map((g, i) => (
          <div key={i} className="builder-row">
            {i > 0 && <span className="op">{t('opAnd')}</span>}
            <div className={`group-box ${target === i ? 'on' : ''}`} data-testid={`audience-group-${i}`} onClick={() => draft.setTarget(i)}>
              <span className="muted small">
                {t('conditionGroup')} {i + 1} · {t('anyOf')}
              </span>
              {g.map((id) => chip(i, id))}
              {g.length === 0 && <span className="muted small">{t('clickChipsToAdd')}</span>}
            </div>
          </div>
        ))}
        <div className="builder-row">
          <span className="op">{t('opExcept')}</span>
          <div className={`group-box exclude ${target === 'exclude' ? 'on' : ''}`} data-testid="audience-exclude" onClick={() => draft.setTarget('exclude')}>
            <span className="muted small">{t('excludeGroup')}</span>
            {structured.exclude.map((id) => chip('exclude', id, true))}
          </div>
        </div>
        <div className="buttons">
          <button
            type="button"
            data-testid="audience-add-group"
            onClick={() => {
              draft.setStructured({ ...structured, groups: [...structured.groups, []] });
              draft.setTarget(structured.groups.length);
            }}
          >
            + {t('addGroup')}
          </button>
          <button type="button" data-testid="audience-clear" onClick={draft.clear}>
            {t('clear')}
          </button>
        </div>
      </div>
      {lookalikeOf && (
        <div className="lookalike-banner" data-testid="lookalike-banner">
          {t('lookalikeOf')}
          <b>{lookalikeOf.audience.name}</b> · {t('topN')}
          <input
            type="number"
            min={1}
            data-testid="lookalike-n"
            value={lookalikeOf.n}
            onChange={(e) => draft.setLookalikeOf({ ...lookalikeOf, n: Math.max(1, Number(e.target.value) || 1) })}
          />
          <button type="button" className="link" onClick={() => draft.setLookalikeOf(null)}>
            {t('clear')}
          </button>
        </div>
      )}
      <details className="expr-advanced" data-testid="audience-advanced">
        <summary className="small">{t('audience_advanced')}</summary>
        <label className="expr">
          <span className="muted small">{t('expressionLabel')}</span>
          <textarea
            data-testid="audience-expression"
            rows={2}
            value={draft.text}
            spellCheck={false}
            onChange={(e) => draft.editText(e.target.value)}
            placeholder={t('expressionPlaceholder')}
          />
        </label>
      </details>
    </section>
  );
}
