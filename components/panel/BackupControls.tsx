import { useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import type { MessageKey } from '@/lib/i18n/messages';

type RestoreState = { state: 'running' | 'done' | 'error'; text: string } | null;

/** Backup download and restore from a file, with the restore's status as text (never markup). */
export function BackupControls(p: { engine: EngineClient; shopId: string | null; t: (k: MessageKey) => string; onRestored: () => void }) {
  const [status, setStatus] = useState<RestoreState>(null);
  const [busy, setBusy] = useState(false);

  async function backup() {
    if (!p.shopId) return;
    setBusy(true);
    try {
      const file = await p.engine.backup({ kind: 'backup', shopId: p.shopId });
      saveFile(file.text, file.filename, 'application/json');
    } finally {
      setBusy(false);
    }
  }

  async function restore(file: File) {
    setStatus({ state: 'running', text: p.t('restoring') });
    try {
      const r = await p.engine.restore({ kind: 'restore', file }, (text) => setStatus({ state: 'running', text }));
      const counts = Object.entries(r.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      setStatus({ state: 'done', text: `${p.t('restored')}: ${r.shopName} (${r.shopId}) — ${counts}` });
      p.onRestored();
    } catch (e) {
      setStatus({ state: 'error', text: `${p.t('restoreFailed')}: ${(e as Error).message}` });
    }
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
          {status.text}
        </div>
      )}
    </section>
  );
}
