import type { EngineClient } from '@/components/engine/client';
import type { Report } from '@/lib/engine';
import type { MessageKey } from '@/lib/i18n/messages';
import { BackupControls } from '../BackupControls';
import { ViewBoundary } from '../ViewBoundary';
import { downloadReportJson, downloadReportXlsx } from './report-files';

/** Report downloads and backup / restore (SPEC §10 hooks export-report, export-backup, restore-backup, restore-status). */
export function FilesSection(p: { engine: EngineClient; report: Report | null; busy: boolean; shopId: string | null; t: (k: MessageKey) => string; onRestored: () => void }) {
  const { t, report } = p;
  return (
    <>
      <section>
        <h2>{t('files')}</h2>
        <div className="buttons">
          <button type="button" data-testid="export-report" disabled={p.busy} onClick={() => report && downloadReportJson(report)}>
            {t('exportReport')}
          </button>
          <button type="button" data-testid="export-report-xlsx" disabled={p.busy} onClick={() => report && void downloadReportXlsx(report)}>
            {t('exportReportXlsx')}
          </button>
        </div>
      </section>
      {/* One key for every shop: a restore changes the selected shop, and its status must survive that. */}
      <ViewBoundary key="backup" view="backup" t={t}>
        <BackupControls engine={p.engine} shopId={p.shopId} t={t} onRestored={p.onRestored} />
      </ViewBoundary>
    </>
  );
}
