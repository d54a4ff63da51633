import { useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import { quoteTagId } from '@/lib/audience/expression';
import type { DayWindow } from '@/lib/engine';
import { textOf } from '@/lib/i18n/text';
import type { Lang, MessageKey } from '@/lib/i18n/messages';

type Status = { kind: 'saved' | 'exported' | 'failed'; text: string } | null;

/**
 * 存为人群 and 导出 of a member list: an audience whose expression is the list's tag (saved through
 * the worker's saveAudience, the one writer), and the list's CSV through the 人群 export (the same
 * file and export record as 人群 → CSV, no control group held out).
 */
export function MemberActions(p: {
  engine: EngineClient;
  shopId: string;
  token: string;
  window: DayWindow;
  tagId: string;
  defaultName: string;
  t: (k: MessageKey) => string;
  lang: Lang;
}) {
  const { engine, shopId, t, lang } = p;
  const [name, setName] = useState(p.defaultName);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const expression = quoteTagId(p.tagId);
  const audienceName = name.trim() || p.defaultName;
  const say = (key: MessageKey, vars: Record<string, string | number>) => textOf(key, vars)[lang];

  const run = async (job: () => Promise<Status>) => {
    setBusy(true);
    try {
      setStatus(await job());
    } catch (e) {
      setStatus({ kind: 'failed', text: say('members_failed', { error: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const a = await engine.saveAudience({ kind: 'saveAudience', shopId, name: audienceName, expression });
      return { kind: 'saved', text: say('members_saved', { name: a.name }) };
    });
  const exportCsv = () =>
    run(async () => {
      const r = await engine.audienceExport({
        kind: 'audienceExport',
        shopId,
        window: { from: p.window.start, to: p.window.end },
        token: p.token,
        source: { expression },
        name: audienceName,
        format: { kind: 'csv' },
        controlShare: 0,
      });
      for (const f of r.files) saveFile(f.bytes as BlobPart, f.name, f.mime);
      return { kind: 'exported', text: say(r.record.members === 1 ? 'members_exportedOne' : 'members_exported', { n: r.record.members, file: r.files.map((f) => f.name).join(' · ') }) };
    });

  return (
    <div className="member-actions">
      <label className="member-name">
        <span className="muted small">{t('members_name')}</span>
        <input data-testid="members-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="buttons">
        <button type="button" data-testid="members-save" disabled={busy} onClick={() => void save()}>
          {t('members_save')}
        </button>
        <button type="button" data-testid="members-export" disabled={busy} title={t('members_exportHint')} onClick={() => void exportCsv()}>
          {t('members_export')}
        </button>
      </div>
      {status && (
        <div className={status.kind === 'failed' ? 'error small' : 'muted small'} data-testid="members-status" data-kind={status.kind}>
          {status.text}
        </div>
      )}
    </div>
  );
}
