import { useState } from 'react';
import type { AudienceExportResult } from '@/components/engine/protocol';
import { EXPORT_FORMATS, type ExportFormatId, type ExportFormatOptions } from '@/lib/export/formats';
import { smsNotes, type ExportNote, type IdentifierCounts } from '@/lib/export/identifiers';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';
import { FORMAT_UI } from './format-options';

/**
 * 一键导出 (issue 13 item 6, honest exports): how many members carry each identifier, the control
 * group (explained, off by default), then one button per registered export format (with its options
 * editor, where its file is uploaded, its warnings, and a button saying what it will write), and the
 * last export's files and counts. `identifiers` comes with the live size (worker audienceSize).
 */
export function ExportPanel(p: {
  t: (k: MessageKey) => string;
  label: (x: { zh: string; en: string }) => string;
  /** The audience has a size (it can be exported). */
  canExport: boolean;
  /** Runs an export; the files are saved by the caller. */
  run: (format: ExportFormatOptions, controlShare: number) => Promise<AudienceExportResult | null>;
  /** How many members carry each identifier; undefined/null while unknown (the buttons keep their labels). */
  identifiers?: IdentifierCounts | null;
}) {
  const { t, label } = p;
  const counts = p.identifiers ?? null;
  // Off by default: a control only says something for big audiences (lib/audience/conversion.ts MIN_CONTROL_FOR_LIFT).
  const [control, setControl] = useState(false);
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

  const editorProps = (id: ExportFormatId) => ({ draft: drafts.get(id), setDraft: (d: unknown) => setDrafts((m) => new Map(m).set(id, d)), t, label, counts });
  const button = (id: ExportFormatId, labelKey: MessageKey) => {
    const options = FORMAT_UI[id].toOptions(drafts.get(id));
    const says = FORMAT_UI[id].button?.(editorProps(id)) ?? null;
    return (
      <button
        key={id}
        type="button"
        data-testid={`export-audience-${id}`}
        disabled={busy || !p.canExport || options === null || !!says?.disabled}
        onClick={() => options && void doExport(options)}
      >
        {says?.text ?? t(labelKey)}
      </button>
    );
  };
  const notes = (list: ExportNote[]) =>
    list.map((n) => (
      <div key={n.key} className="warn block small" data-testid={`export-note-${n.key}`}>
        {label(textOf(n.key, n.vars))}
      </div>
    ));
  const plain = EXPORT_FORMATS.filter((f) => !FORMAT_UI[f.id].Editor);
  const edited = EXPORT_FORMATS.filter((f) => FORMAT_UI[f.id].Editor);

  return (
    <section>
      <h2>{t('exportAudience')}</h2>
      <IdentifierSummary counts={counts} canExport={p.canExport} t={t} label={label} />
      <label className="inline small">
        <input type="checkbox" data-testid="audience-control" checked={control} onChange={(e) => setControl(e.target.checked)} />
        {t('exports_controlLabel')}
        <input type="number" className="pct" min={1} max={50} value={controlPct} disabled={!control} onChange={(e) => setControlPct(Number(e.target.value) || 10)} />%
      </label>
      <div className="muted small" data-testid="audience-control-explain">
        {t('exports_controlExplain')}
      </div>
      <div className="buttons" style={{ marginTop: 6 }}>
        {plain.map((f) => button(f.id, f.labelKey))}
      </div>
      <div className="muted small">{t('exports_listUse')}</div>
      {counts && notes(smsNotes(counts))}
      {edited.map((f) => {
        const ui = FORMAT_UI[f.id];
        const props = editorProps(f.id);
        return (
          <div key={f.id} data-testid={`export-format-${f.id}`}>
            <div className="export-row">
              {ui.Editor?.(props)}
              {button(f.id, f.labelKey)}
            </div>
            {ui.note && <div className="muted small">{ui.note(props)}</div>}
            {ui.warnings && notes(ui.warnings(props))}
          </div>
        );
      })}
      {exported && <ExportResult exported={exported} t={t} label={label} />}
    </section>
  );
}

/** 这批人可用的标识: members with a full phone, a masked phone only, no phone, nickname, buyer id, orders to ship. */
function IdentifierSummary(p: { counts: IdentifierCounts | null; canExport: boolean; t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string }) {
  const { counts, t, label } = p;
  if (!p.canExport) return null;
  if (!counts) return <div className="muted small">{t('exports_countsPending')}</div>;
  // Exact counts (12,345, not 1.2万): the merchant compares them with what the platform accepts.
  const item = (key: MessageKey, vars: Record<string, number>, id: string) => (
    <span key={id} data-testid={`export-count-${id}`}>
      {label(textOf(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.toLocaleString('en-US')]))))}
    </span>
  );
  const parts = [
    item('exports_countMembers', { n: counts.members }, 'members'),
    item('exports_countFullPhone', { n: counts.fullPhone }, 'full-phone'),
    item('exports_countMasked', { n: counts.maskedPhoneOnly }, 'masked-phone'),
    item('exports_countNoPhone', { n: counts.noPhone }, 'no-phone'),
    item('exports_countNick', { n: counts.nickname }, 'nickname'),
    item('exports_countBuyerId', { n: counts.buyerId }, 'buyer-id'),
    item('exports_countOrders', { orders: counts.ordersToShip, n: counts.membersWithOrdersToShip }, 'orders'),
  ];
  return (
    <div className="export-identifiers small" data-testid="export-identifiers">
      <b>{t('exports_countsTitle')}</b>
      {': '}
      {parts.flatMap((x, i) => (i === 0 ? [x] : [' · ', x]))}
    </div>
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
