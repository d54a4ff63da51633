import { useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import type { MessageKey } from '@/lib/i18n/messages';

/** Restore status; the message is rendered from its parts so that it follows the language toggle. */
type RestoreState =
  | { state: 'running'; progress?: string }
  | { state: 'done'; shopName: string; shopId: string; counts: Record<string, number> }
  | { state: 'error'; reason: string }
  | null;

const COUNT_KEYS: Record<string, MessageKey> = {
  customers: 'count_customers',
  orders: 'count_orders',
  contacts: 'count_contacts',
  captures: 'count_captures',
  platformSnapshots: 'count_platformSnapshots',
  audiences: 'count_audiences',
  exports: 'count_exports',
};

/** Backup download and restore from a file, with the restore's status as text (never markup). */
export function BackupControls(p: { engine: EngineClient; shopId: string | null; t: (k: MessageKey) => string; onRestored: () => void }) {
  const [status, setStatus] = useState<RestoreState>(null);
  const [busy, setBusy] = useState(false);

  async function backup() {
    if (!p.shopId) return;
    setBusy(true);
    try {
      const file = await p.engine.backup({ kind: 'backup', shopId: p.shopId });
      saveFile(file.parts, file.filename, 'application/json');
    } finally {
      setBusy(false);
    }
  }

  async function restore(file: File) {
    setStatus({ state: 'running' });
    try {
      const r = await p.engine.restore({ kind: 'restore', file }, (progress) => setStatus({ state: 'running', progress }));
      setStatus({ state: 'done', shopName: r.shopName, shopId: r.shopId, counts: r.counts });
      p.onRestored();
    } catch (e) {
      setStatus({ state: 'error', reason: (e as Error).message });
    }
  }

  function statusText(s: NonNullable<RestoreState>): string {
    if (s.state === 'running') return s.progress ?? p.t('restoring');
    if (s.state === 'error') return `${p.t('restoreFailed')}: ${s.reason}`;
    const counts = Object.entries(s.counts)
      .map(([k, v]) => `${COUNT_KEYS[k] ? p.t(COUNT_KEYS[k]!) : k} ${v}`)
      .join(', ');
    return `${p.t('restored')}: ${s.shopName} (${s.shopId}) — ${counts}`;
  }

  return (
    <section>
      <h2>{p.t('backup')}</h2>
      <div className="buttons">
        <button type="button" data-testid="export-backup" disabled={!p.shopId || busy} onClick={() => void backup()}>
          {p.t('exportBackup')}
        </button>
        <label className="file-button">
          {p.t('restoreBackup')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="restore-backup"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void restore(f);
            }}
          />
        </label>
      </div>
      {status && (
        <div className={`status ${status.state}`} data-testid="restore-status" data-state={status.state}>
          {statusText(status)}
        </div>
      )}
    </section>
  );
}
