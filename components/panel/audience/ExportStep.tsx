import type { MessageKey } from '@/lib/i18n/messages';
import { ExportPanel } from './ExportPanel';
import type { AudienceDraft } from './useAudienceDraft';

/** Step 3 导出: which audience is exported, and the export panel (formats, control group, results) as it is. */
export function ExportStep(p: { t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string; draft: AudienceDraft }) {
  const { t, draft } = p;
  const exporting = draft.lookalikeOf ? `${t('lookalikeOf')}${draft.lookalikeOf.audience.name}` : draft.name || t('unnamedAudience');
  return (
    <>
      <div className="muted small export-of" data-testid="audience-export-of">
        {t('audience_exportOf')}
        <b>{exporting}</b>
      </div>
      <ExportPanel t={t} label={p.label} canExport={!!draft.size?.ok} run={draft.runExport} identifiers={draft.size?.identifiers} />
    </>
  );
}
