import type { MessageKey } from '@/lib/i18n/messages';
import { Builder } from './Builder';
import { ConditionPicker } from './ConditionPicker';
import { TagChips } from './TagChips';
import type { AudienceDraft } from './useAudienceDraft';

/** Step 1 圈选: the groups and exclusions, the purchase / export conditions, and the searchable tags. */
export function SelectStep(p: { t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string; draft: AudienceDraft }) {
  const { t, draft } = p;
  return (
    <>
      <Builder t={t} draft={draft} />
      <ConditionPicker t={t} target={draft.target} onAdd={draft.addTag} />
      <TagChips
        t={t}
        label={p.label}
        tags={draft.tags}
        targetTitle={draft.target === 'exclude' ? t('excludeGroup') : `${t('conditionGroup')} ${draft.target + 1}`}
        onAdd={(id) => draft.addTag(id)}
      />
    </>
  );
}
