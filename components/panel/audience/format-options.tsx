/**
 * The 人群 view's editor of each export format's options (the registry's formats, lib/export/formats).
 * Typed by format id, so a format added to the registry without an editor entry does not compile.
 */
import type { ReactNode } from 'react';
import type { ExportFormatId, ExportFormatOptions } from '@/lib/export/formats';
import { DEFAULT_MIN_AUDIENCE, DMP_IDENTIFIER_LABELS, DMP_PRESETS, type DmpIdentifier, type DmpPresetId } from '@/lib/export/dmp-presets';
import { CRM_PLAN_LABELS, type CrmPlanKind } from '@/lib/export/crm-plan';
import { crmNotes, dmpReadiness, type ExportNote, type IdentifierCounts } from '@/lib/export/identifiers';
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';

type Options<K extends ExportFormatId> = Extract<ExportFormatOptions, { kind: K }>;
/** What an editor gets: its draft, a setter, and the view's translators. */
export interface EditorProps<D> {
  draft: D;
  setDraft: (d: D) => void;
  t: (k: MessageKey) => string;
  label: (x: { zh: string; en: string }) => string;
  /** How many of the audience's members carry each identifier (null while counting). */
  counts?: IdentifierCounts | null;
}
/**
 * One format's UI: its initial draft, the options a draft gives (null: not complete), an editor, a
 * note (where the file is uploaded), warnings before the export, and the button's own words when
 * the counts say what will happen (null: the format's label).
 */
export interface FormatUi<K extends ExportFormatId, D> {
  initial: D;
  toOptions: (draft: D) => Options<K> | null;
  Editor?: (p: EditorProps<D>) => ReactNode;
  note?: (p: EditorProps<D>) => ReactNode;
  warnings?: (p: EditorProps<D>) => ExportNote[];
  button?: (p: EditorProps<D>) => { text: string; disabled: boolean } | null;
}

interface DmpDraft {
  preset: DmpPresetId;
  identifier: DmpIdentifier;
}
interface CrmDraft {
  plan: CrmPlanKind;
  day: string;
  reason: string;
  solution: string;
}

function DmpEditor({ draft, setDraft, t, label }: EditorProps<DmpDraft>) {
  return (
    <>
      <span className="muted small">{t('dmpFile')}</span>
      <select
        data-testid="audience-dmp-preset"
        value={draft.preset}
        onChange={(e) => {
          const id = e.target.value as DmpPresetId;
          setDraft({ preset: id, identifier: DMP_PRESETS[id].identifiers[0]! });
        }}
      >
        {(Object.keys(DMP_PRESETS) as DmpPresetId[]).map((id) => (
          <option key={id} value={id}>
            {label(DMP_PRESETS[id])}
          </option>
        ))}
      </select>
      <select data-testid="audience-dmp-identifier" value={draft.identifier} onChange={(e) => setDraft({ ...draft, identifier: e.target.value as DmpIdentifier })}>
        {DMP_PRESETS[draft.preset].identifiers.map((id) => (
          <option key={id} value={id}>
            {label(DMP_IDENTIFIER_LABELS[id])}
          </option>
        ))}
      </select>
    </>
  );
}

function CrmEditor({ draft, setDraft, t, label }: EditorProps<CrmDraft>) {
  return (
    <>
      <span className="muted small">{t('crmPlan')}</span>
      <select data-testid="audience-crm-plan" value={draft.plan} onChange={(e) => setDraft({ ...draft, plan: e.target.value as CrmPlanKind })}>
        {(Object.keys(CRM_PLAN_LABELS) as CrmPlanKind[]).map((k) => (
          <option key={k} value={k}>
            {label(CRM_PLAN_LABELS[k])}
          </option>
        ))}
      </select>
      {draft.plan === 'delay' ? (
        <input type="date" data-testid="audience-crm-day" aria-label={t('delayTo')} value={draft.day} onChange={(e) => setDraft({ ...draft, day: e.target.value })} />
      ) : (
        <input data-testid="audience-crm-solution" placeholder={t('solution')} value={draft.solution} onChange={(e) => setDraft({ ...draft, solution: e.target.value })} />
      )}
      <input data-testid="audience-crm-reason" placeholder={t('reason')} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />
    </>
  );
}

/** Every registered format's UI (each entry's draft type is checked by its `satisfies`; the map's own is existential). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const FORMAT_UI: { [K in ExportFormatId]: FormatUi<K, any> } = {
  csv: { initial: null, toOptions: () => ({ kind: 'csv' }) } satisfies FormatUi<'csv', null>,
  xlsx: { initial: null, toOptions: () => ({ kind: 'xlsx' }) } satisfies FormatUi<'xlsx', null>,
  dmp: {
    initial: { preset: 'qianchuan', identifier: 'phone-sha256' },
    toOptions: (d) => ({ kind: 'dmp', preset: d.preset, identifier: d.identifier, minAudience: DEFAULT_MIN_AUDIENCE }),
    Editor: DmpEditor,
    note: ({ draft, label, t }) => `${t('exports_uploadTo')}${label(DMP_PRESETS[draft.preset].uploadHint)}`,
    warnings: ({ draft, counts }) => (counts ? dmpReadiness(counts, draft.preset, draft.identifier).notes : []),
    button: ({ draft, counts, label }) => {
      if (!counts) return null;
      const r = dmpReadiness(counts, draft.preset, draft.identifier);
      const id = DMP_IDENTIFIER_LABELS[draft.identifier];
      const vars = { n: r.usable, id: id.zh, idEn: id.en };
      return { text: label(textOf(r.usable > 0 ? 'exports_dmpButton' : 'exports_dmpButtonNone', vars)), disabled: r.usable === 0 };
    },
  } satisfies FormatUi<'dmp', DmpDraft>,
  crm: {
    initial: { plan: 'delay', day: '', reason: '', solution: '' },
    toOptions: (d) => {
      if (!d.reason.trim() || (d.plan === 'delay' ? !d.day : !d.solution.trim())) return null;
      return { kind: 'crm', plan: d.plan, reason: d.reason.trim(), ...(d.plan === 'delay' ? { delayTo: d.day } : { solution: d.solution.trim() }) };
    },
    Editor: CrmEditor,
    note: ({ t }) => `${t('crmNote')} ${t('exports_uploadTo')}${t('exports_crmUpload')}`,
    warnings: ({ counts }) => (counts ? crmNotes(counts) : []),
    button: ({ counts, label }) =>
      counts ? { text: label(textOf(counts.ordersToShip > 0 ? 'exports_crmButton' : 'exports_crmButtonNone', { n: counts.ordersToShip })), disabled: counts.ordersToShip === 0 } : null,
  } satisfies FormatUi<'crm', CrmDraft>,
};
