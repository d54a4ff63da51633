/**
 * 设置与数据: the one place for what is not analysis — the report as a workbook, how long raw
 * captured rows are kept, erasing one customer, deleting the shop. The report JSON, 备份 and 恢复
 * are the footer bar's (always on screen: SPEC §10 hooks are clicked on load); this view says so.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import { getDb } from '@/lib/db';
import { clearShopFromLocal } from '@/lib/db/settings/local';
import { SETTINGS, captureRetentionDaysSetting, readSetting } from '@/lib/db/settings/registry';
import { EraseCustomer } from './EraseCustomer';
import { downloadReportXlsx } from './shell/report-files';
import type { ViewProps } from './types';

/** What 设置与数据 needs beyond every view's props; `engine` does its writes (the one writer, in the worker). */
export interface SettingsViewProps {
  engine: EngineClient;
  token: string | null;
  shopId: string | null;
  shopName: string;
  /** The report cannot be exported yet (no report, or one being computed). */
  busy: boolean;
  onDeleted: () => void;
}

/** 设置与数据: report workbook, capture retention, erase a customer, delete the shop. */
export function SettingsView({ report, t, engine, token, shopId, shopName, busy, onDeleted }: ViewProps & SettingsViewProps) {
  const retentionDays = useLiveQuery(() => readSetting(getDb(), captureRetentionDaysSetting), []);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  async function remove() {
    if (!shopId) return;
    setDeleting(true);
    try {
      await engine.deleteShop({ kind: 'deleteShop', shopId });
      // chrome.storage.local entries naming the shop (the merchant's shop answers …): the worker has no such API.
      if (typeof browser !== 'undefined' && browser.storage?.local) await clearShopFromLocal(browser.storage.local, shopId, SETTINGS).catch(() => undefined);
      setConfirming(false);
      onDeleted();
    } finally {
      setDeleting(false);
    }
  }

  return (
    <>
      <section>
        <h2>{t('glance.settings')}</h2>
        <p className="muted small">{t('glance.settingsNote')}</p>
      </section>

      <section>
        <h2>{t('glance.reportSection')}</h2>
        <p className="muted small">{t('glance.reportNote')}</p>
        <div className="buttons">
          <button type="button" data-testid="export-report-xlsx" disabled={busy} onClick={() => report && void downloadReportXlsx(report)}>
            {t('exportReportXlsx')}
          </button>
        </div>
      </section>

      <section>
        <h2>{t('glance.retentionSection')}</h2>
        {retentionDays !== undefined && (
          <label className="small" data-testid="capture-retention">
            {t('retentionNote')}{' '}
            <input
              type="number"
              min={1}
              max={3650}
              defaultValue={retentionDays}
              data-testid="capture-retention-days"
              onBlur={(e) => {
                const days = Number(e.target.value);
                if (Number.isInteger(days) && days >= 1 && days <= 3650 && days !== retentionDays && shopId)
                  void engine
                    .setRetentionDays({ kind: 'setRetentionDays', days })
                    .then(() => engine.pruneCaptures({ kind: 'pruneCaptures', shopId }))
                    .catch(() => undefined);
              }}
            />
          </label>
        )}
      </section>

      <section>
        <h2>{t('dangerZone')}</h2>
        {shopId && <EraseCustomer engine={engine} shopId={shopId} token={token} t={t} />}
        <h3 className="settings-sub">{t('glance.deleteShopTitle')}</h3>
        <p className="muted small">{t('glance.deleteShopNote')}</p>
        {!confirming ? (
          <button type="button" className="danger" data-testid="delete-shop" disabled={!shopId} onClick={() => setConfirming(true)}>
            {t('deleteShop')}
          </button>
        ) : (
          <div className="confirm" data-testid="delete-confirm-box">
            <div>
              {t('deleteConfirm')} <b>{shopName}</b> ({shopId})
            </div>
            <div className="buttons">
              <button type="button" className="danger" data-testid="delete-shop-confirm" disabled={deleting} onClick={() => void remove()}>
                {t('deleteConfirmButton')}
              </button>
              <button type="button" data-testid="delete-shop-cancel" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
