import { useState } from 'react';
import type { AudienceExportResult } from '@/components/engine/protocol';
import { EXPORT_FORMATS, type ExportFormatId, type ExportFormatOptions } from '@/lib/export/formats';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { FORMAT_UI } from './format-options';

/**
 * 一键导出: the held-out control share, then one button per registered export format (with its
 * options editor), and the last export's files and counts.
 */
export function ExportPanel(p: {
  t: (k: MessageKey) => string;
  label: (x: { zh: string; en: string }) => string;
  /** The audience has a size (it can be exported). */
  canExport: boolean;
  /** Runs an export; the files are saved by the caller. */
  run: (format: ExportFormatOptions, controlShare: number) => Promise<AudienceExportResult | null>;
}) {
  const { t, label } = p;
  const [control, setControl] = useState(true);
  const [controlPct, setControlPct] = useState(10);
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<AudienceExportResult | null>(null);
  const [drafts, setDrafts] = useState(() => new Map<ExportFormatId, unknown>(EXPORT_FORMATS.map((f) => [f.id, FORMAT_UI[f.id].initial])));

  async function doExport(format: ExportFormatOptions) {
    setBusy(true);
    try {
      const r = await p.run(format, control ? Math.min(0.5, Math.max(0, controlPct / 100)) : 0);
      if (r) setExported(r);
    } finally {
      setBusy(false);
    }
  }

  const button = (id: ExportFormatId, labelKey: MessageKey) => {
    const options = FORMAT_UI[id].toOptions(drafts.get(id));
    return (
      <button key={id} type="button" data-testid={`export-audience-${id}`} disabled={busy || !p.canExport || options === null} onClick={() => options && void doExport(options)}>
        {t(labelKey)}
      </button>
    );
  };
  const plain = EXPORT_FORMATS.filter((f) => !FORMAT_UI[f.id].Editor);
  const edited = EXPORT_FORMATS.filter((f) => FORMAT_UI[f.id].Editor);

  return (
    <section>
      <h2>{t('exportAudience')}</h2>
      <label className="inline small">
        <input type="checkbox" data-testid="audience-control" checked={control} onChange={(e) => setControl(e.target.checked)} />
        {t('holdOutControl')}
        <input type="number" className="pct" min={1} max={50} value={controlPct} disabled={!control} onChange={(e) => setControlPct(Number(e.target.value) || 10)} />%
      </label>
      <div className="buttons" style={{ marginTop: 6 }}>
        {plain.map((f) => button(f.id, f.labelKey))}
      </div>
      {edited.map((f) => {
        const ui = FORMAT_UI[f.id];
        const editorProps = { draft: drafts.get(f.id), setDraft: (d: unknown) => setDrafts((m) => new Map(m).set(f.id, d)), t, label };
        return (
          <div key={f.id}>
            <div className="export-row">
              {ui.Editor?.(editorProps)}
              {button(f.id, f.labelKey)}
            </div>
            {ui.note && <div className="muted small">{ui.note(editorProps)}</div>}
          </div>
        );
      })}
      {exported && <ExportResult exported={exported} t={t} label={label} />}
    </section>
  );
}

function ExportResult({ exported, t, label }: { exported: AudienceExportResult; t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string }) {
  return (
    <div className="status done" data-testid="audience-export-result" data-members={exported.record.members} data-control={exported.record.control}>
      {t('exportedFiles')}: {exported.files.map((f) => f.name).join(t('listSeparator'))}
      {'\n'}
      {t('exportedMembers')} {formatCount(exported.record.members)} · {t('controlGroup')} {formatCount(exported.record.control)}
      {exported.dmp && (
        <>
          {'\n'}
          <span data-testid="dmp-summary" data-exported={exported.dmp.exported} data-skipped={exported.dmp.skippedNoIdentifier}>
            {t('dmpExported')} {formatCount(exported.dmp.exported)} · {t('dmpSkipped')} {formatCount(exported.dmp.skippedNoIdentifier)}
          </span>
          {exported.dmp.warnings.map((w) => (
            <span key={w.code} className="warn block" data-testid={`dmp-warning-${w.code}`}>
              {label(w)}
            </span>
          ))}
        </>
      )}
      {exported.crm && (
        <>
          {'\n'}
          <span data-testid="crm-summary" data-rows={exported.crm.rows}>
            {t('crmRows')} {formatCount(exported.crm.rows)}
            {exported.crm.rejected > 0 ? ` · ${t('rejected')} ${exported.crm.rejected}` : ''}
          </span>
        </>
      )}
    </div>
  );
}
