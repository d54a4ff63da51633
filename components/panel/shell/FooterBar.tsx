import type { EngineClient } from '@/components/engine/client';
import type { Report } from '@/lib/engine';
import type { MessageKey } from '@/lib/i18n/messages';
import { BackupControls } from '../BackupControls';
import { ViewBoundary } from '../ViewBoundary';
import { downloadReportJson } from './report-files';

/**
 * The 设置与数据 bar at the foot of every page (side panel and popup), once: 导出报告 / 备份 / 恢复
 * (SPEC §10 hooks export-report, export-backup, restore-backup + restore-status, clickable on load
 * without navigating), the restore's confirmation and its closable status; on the side panel its
 * title opens the 设置与数据 tab (the rest of that place).
 */
export function FooterBar(p: {
  engine: EngineClient;
  report: Report | null;
  busy: boolean;
  shopId: string | null;
  t: (k: MessageKey) => string;
  onRestored: () => void;
  /** Opens the 设置与数据 tab (side panel); absent in the popup, where the title is a label. */
  onOpenSettings?: () => void;
}) {
  const { t, report } = p;
  const title = p.onOpenSettings ? (
    <button type="button" className="link settings-link" data-testid="open-settings" onClick={p.onOpenSettings}>
      {t('glance.settings')} ›
    </button>
  ) : (
    <span className="settings-label">{t('glance.settings')}</span>
  );
  return (
    <footer className="settings-bar" data-testid="settings-bar">
      {/* One key for every shop: a restore changes the selected shop, and its status must survive that. */}
      <ViewBoundary key="backup" view="backup" t={t}>
        <BackupControls
          engine={p.engine}
          shopId={p.shopId}
          t={t}
          compact
          onRestored={p.onRestored}
          lead={
            <>
              {title}
              <button type="button" data-testid="export-report" disabled={p.busy} onClick={() => report && downloadReportJson(report)}>
                {t('glance.reportShort')}
              </button>
            </>
          }
        />
      </ViewBoundary>
    </footer>
  );
}
