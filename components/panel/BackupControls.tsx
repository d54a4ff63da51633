import { useState, type ReactNode } from 'react';
import { saveFile } from '@/components/download';
import { EngineStoppedError, type EngineClient } from '@/components/engine/client';
import type { ProgressVars, RestorePreviewResult } from '@/components/engine/protocol';
import { messageText, refusalText, type Refusal } from '@/lib/backup/refusals';
import { messages, type Lang, type MessageKey } from '@/lib/i18n/messages';
import { backupCountLabel } from './labels';

/** Restore status; the message is rendered from its parts so that it follows the language toggle. */
type RestoreState =
  | { state: 'previewing' }
  | { state: 'running'; progress?: string; vars?: ProgressVars }
  | { state: 'done'; shopName: string; shopId: string; counts: Record<string, number> }
  | { state: 'error'; refusal?: Refusal; reason?: string; key?: MessageKey }
  | { state: 'cancelled' }
  | null;

/** A previewed file waiting for the merchant's answer. */
type Pending = { file: File; preview: Extract<RestorePreviewResult, { ok: true }> };

/**
 * Backup download and restore from a file. A restore first shows what the file holds and what it
 * will replace here (audiences, exports, captures newer than the file), offers a backup of the
 * current data, and refuses a file of another shop than the selected one unless the merchant
 * picks 恢复为另一家店. Status and refusals are text in the panel's language (never markup).
 */
export function BackupControls(p: {
  engine: EngineClient;
  shopId: string | null;
  t: (k: MessageKey) => string;
  lang?: Lang;
  onRestored: () => void;
  /** The footer bar's short buttons (备份 / 恢复) before `lead`, without a heading. */
  compact?: boolean;
  lead?: ReactNode;
}) {
  const [status, setStatus] = useState<RestoreState>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [backupError, setBackupError] = useState<string | null>(null);
  // The panel's language (the toggle's own label says which one is not shown).
  const lang: Lang = p.lang ?? (p.t('language') === messages.language.zh ? 'zh' : 'en');

  const counts = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, v]) => `${backupCountLabel(k, p.t)} ${v}`)
      .join(', ');

  async function backup(shopId: string | null) {
    if (!shopId) return;
    setBusy(true);
    setBackupError(null);
    try {
      const file = await p.engine.backup({ kind: 'backup', shopId });
      saveFile(file.parts, file.filename, 'application/json');
    } catch (e) {
      setBackupError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const failed = (e: unknown): RestoreState =>
    e instanceof EngineStoppedError ? { state: 'error', key: 'backup.workerStopped' } : { state: 'error', reason: e instanceof Error ? e.message : String(e) };

  async function choose(file: File) {
    setPending(null);
    setStatus({ state: 'previewing' });
    try {
      const preview = await p.engine.restorePreview({ kind: 'restorePreview', file });
      if (!preview.ok) return setStatus({ state: 'error', refusal: preview.refusal });
      setStatus(null);
      setPending({ file, preview });
    } catch (e) {
      setStatus(failed(e));
    }
  }

  async function restore(file: File, expectShopId: string) {
    setPending(null);
    setStatus({ state: 'running' });
    try {
      const r = await p.engine.restore({ kind: 'restore', file, expectShopId }, (progress, vars) => setStatus({ state: 'running', progress, ...(vars ? { vars } : {}) }));
      if (!r.ok) return setStatus({ state: 'error', refusal: r.refusal });
      setStatus({ state: 'done', shopName: r.shopName, shopId: r.shopId, counts: r.counts });
      p.onRestored();
    } catch (e) {
      setStatus(failed(e));
    }
  }

  function statusText(s: NonNullable<RestoreState>): string {
    if (s.state === 'previewing') return p.t('backup.reading');
    // The worker sends catalogue keys with their values; any other text is shown as it is.
    if (s.state === 'running') return s.progress === undefined ? p.t('restoring') : Object.hasOwn(messages, s.progress) ? messageText(s.progress as MessageKey, lang, s.vars) : s.progress;
    if (s.state === 'cancelled') return p.t('backup.cancelled');
    if (s.state === 'error') {
      if (s.refusal) return refusalText(s.refusal, lang);
      return s.key ? p.t(s.key) : `${p.t('restoreFailed')}: ${s.reason ?? ''}`;
    }
    return `${p.t('restored')}: ${s.shopName} (${s.shopId}) — ${counts(s.counts)}`;
  }

  function confirmation(c: Pending) {
    const { shop, exportedAt, replaced } = c.preview;
    const otherShop = p.shopId !== null && shop.shopId !== p.shopId;
    return (
      <div className="restore-confirm" data-testid="restore-confirm" data-other-shop={otherShop ? 'true' : 'false'}>
        <h3>{p.t('backup.confirmTitle')}</h3>
        <dl>
          <dt>{p.t('backup.fileShop')}</dt>
          <dd data-testid="restore-confirm-shop">{`${shop.name} (${shop.shopId}, ${shop.platform})`}</dd>
          {exportedAt !== undefined && (
            <>
              <dt>{p.t('backup.fileExportedAt')}</dt>
              <dd>{exportedAt}</dd>
            </>
          )}
          <dt>{p.t('backup.fileCounts')}</dt>
          <dd data-testid="restore-confirm-counts">{counts(c.preview.counts)}</dd>
          <dt>{p.t('backup.willReplace')}</dt>
          <dd data-testid="restore-confirm-replaced">
            {replaced.exists
              ? `${replaced.shopName ?? shop.shopId}: ${p.t('count_audiences')} ${replaced.audiences}, ${p.t('count_exports')} ${replaced.exports}, ${p.t('backup.newerCaptures')} ${replaced.newerCaptures}`
              : p.t('backup.nothingToReplace')}
          </dd>
        </dl>
        {otherShop && (
          <p className="warning" data-testid="restore-other-shop">
            {messageText('backup.otherShopWarning', lang, { fileShop: shop.shopId, selectedShop: p.shopId! })}
          </p>
        )}
        <div className="buttons">
          <button type="button" data-testid="restore-backup-first" disabled={!replaced.exists || busy} onClick={() => void backup(shop.shopId)}>
            {p.t('backup.backupFirst')}
          </button>
          {otherShop ? (
            <button type="button" data-testid="restore-as-other" onClick={() => void restore(c.file, shop.shopId)}>
              {p.t('backup.restoreAsOther')}
            </button>
          ) : (
            <button type="button" data-testid="restore-confirm-button" onClick={() => void restore(c.file, p.shopId ?? shop.shopId)}>
              {p.t('backup.confirmRestore')}
            </button>
          )}
          <button
            type="button"
            data-testid="restore-cancel"
            onClick={() => {
              setPending(null);
              setStatus({ state: 'cancelled' });
            }}
          >
            {p.t('backup.cancel')}
          </button>
        </div>
      </div>
    );
  }

  const buttons = (
    <>
      <button type="button" data-testid="export-backup" disabled={!p.shopId || busy} onClick={() => void backup(p.shopId)}>
        {p.t(p.compact ? 'glance.backupShort' : 'exportBackup')}
      </button>
      <label className="file-button">
        {p.t(p.compact ? 'glance.restoreShort' : 'restoreBackup')}
        <input
          type="file"
          accept="application/json,.json,.jsonl"
          data-testid="restore-backup"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void choose(f);
          }}
        />
      </label>
    </>
  );
  // A finished restore's line stays (with its data-state) until the merchant closes it; a running one cannot be closed.
  const closable = status !== null && status.state !== 'running' && status.state !== 'previewing';

  return (
    <section className={p.compact ? 'backup-bar' : undefined}>
      {!p.compact && <h2>{p.t('backup')}</h2>}
      <div className="buttons">
        {p.lead}
        {buttons}
      </div>
      {backupError !== null && (
        <div className="status error" data-testid="backup-status" data-state="error">
          {`${p.t('backup.buildFailed')}: ${backupError}`}
        </div>
      )}
      {pending && confirmation(pending)}
      {status && (
        <div className="status-row">
          <div className={`status ${status.state}`} data-testid="restore-status" data-state={status.state}>
            {statusText(status)}
          </div>
          {closable && (
            <button type="button" className="dismiss" data-testid="restore-status-dismiss" aria-label={p.t('glance.dismiss')} title={p.t('glance.dismiss')} onClick={() => setStatus(null)}>
              ×
            </button>
          )}
        </div>
      )}
    </section>
  );
}
