import type { AudienceSizeResult } from '@/components/engine/protocol';
import type { StructuredAudience } from '@/lib/audience/expression';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Audience } from '@/lib/model';

/** Where a clicked chip goes: a condition group (by index) or the exclusions. */
export type Target = number | 'exclude';

/** A lookalike being built: of which saved audience, top n. */
export type LookalikeOf = { audience: Audience; n: number };

/**
 * 人群构建: condition groups (ANDed; tags in a group ORed) and exclusions as chips, the same
 * audience as text, the live size, and save.
 */
export function Builder(p: {
  t: (k: MessageKey) => string;
  label: (x: { zh: string; en: string }) => string;
  tagText: (id: string) => string;
  structured: StructuredAudience;
  target: Target;
  setTarget: (t: Target) => void;
  onRemove: (where: Target, id: string) => void;
  onAddGroup: () => void;
  onClear: () => void;
  text: string;
  onEditText: (text: string) => void;
  lookalikeOf: LookalikeOf | null;
  setLookalikeOf: (l: LookalikeOf | null) => void;
  size: AudienceSizeResult | null;
  name: string;
  setName: (name: string) => void;
  onSave: () => void;
  message: { kind: 'error' | 'ok'; text: string } | null;
}) {
  const { t, structured, target, lookalikeOf, size } = p;
  const chip = (where: Target, id: string, neg = false) => (
    <span key={id} className={`chip on${neg ? ' neg' : ''}`}>
      {p.tagText(id)}
      <button type="button" className="x" aria-label={t('remove')} onClick={(e) => (e.stopPropagation(), p.onRemove(where, id))}>
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
            <div className={`group-box ${target === i ? 'on' : ''}`} data-testid={`audience-group-${i}`} onClick={() => p.setTarget(i)}>
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
          <div className={`group-box exclude ${target === 'exclude' ? 'on' : ''}`} data-testid="audience-exclude" onClick={() => p.setTarget('exclude')}>
            <span className="muted small">{t('excludeGroup')}</span>
            {structured.exclude.map((id) => chip('exclude', id, true))}
          </div>
        </div>
        <div className="buttons">
          <button type="button" data-testid="audience-add-group" onClick={p.onAddGroup}>
            + {t('addGroup')}
          </button>
          <button type="button" data-testid="audience-clear" onClick={p.onClear}>
            {t('clear')}
          </button>
        </div>
      </div>
      <label className="expr">
        <span className="muted small">{t('expressionLabel')}</span>
        <textarea
          data-testid="audience-expression"
          rows={2}
          value={p.text}
          spellCheck={false}
          onChange={(e) => p.onEditText(e.target.value)}
          placeholder={t('expressionPlaceholder')}
        />
      </label>
      {lookalikeOf && (
        <div className="lookalike-banner" data-testid="lookalike-banner">
          {t('lookalikeOf')}
          <b>{lookalikeOf.audience.name}</b> · {t('topN')}
          <input
            type="number"
            min={1}
            data-testid="lookalike-n"
            value={lookalikeOf.n}
            onChange={(e) => p.setLookalikeOf({ ...lookalikeOf, n: Math.max(1, Number(e.target.value) || 1) })}
          />
          <button type="button" className="link" onClick={() => p.setLookalikeOf(null)}>
            {t('clear')}
          </button>
        </div>
      )}
      <div className="size-line">
        {size?.ok === false && size.error ? (
          <span className="down" data-testid="audience-error">
            {p.label(size.error)}
            {size.error.position >= 0 ? ` (${t('atPosition')} ${size.error.position + 1})` : ''}
          </span>
        ) : (
          <span>
            {t('audienceSize')}:{' '}
            <b className="big" data-testid="audience-size" data-value={size?.ok ? size.size : ''}>
              {size?.ok ? formatCount(size.size) : '—'}
            </b>{' '}
            {t('persons')}
          </span>
        )}
      </div>
      <div className="buttons">
        <input className="name-input" data-testid="audience-name" value={p.name} placeholder={t('audienceName')} onChange={(e) => p.setName(e.target.value)} />
        <button type="button" data-testid="audience-save" disabled={!p.text.trim() || size?.ok === false || !!lookalikeOf} onClick={p.onSave}>
          {t('saveAudience')}
        </button>
      </div>
      {p.message && (
        <div className={p.message.kind === 'error' ? 'error' : 'status done'} data-testid="audience-message">
          {p.message.text}
        </div>
      )}
    </section>
  );
}
