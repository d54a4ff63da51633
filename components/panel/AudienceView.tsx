import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import type { AudienceExportResult, AudienceFormat, AudienceSizeResult, AudienceSource } from '@/components/engine/protocol';
import type { ConversionReport } from '@/lib/audience/conversion';
import { fromExpression, toExpression, type StructuredAudience } from '@/lib/audience/expression';
import { createAudience, deleteAudience, listAudiences, listExports } from '@/lib/audience/saved';
import { TAG_GROUP_LABELS, TAG_GROUPS, type TagInfo } from '@/lib/audience/tags';
import { getDb } from '@/lib/db';
import type { RfmClass } from '@/lib/engine';
import { DEFAULT_MIN_AUDIENCE, DMP_IDENTIFIER_LABELS, DMP_PRESETS, type DmpIdentifier, type DmpPresetId } from '@/lib/export/dmp-presets';
import { CRM_PLAN_LABELS, type CrmPlanKind } from '@/lib/export/crm-plan';
import { changeClass, formatChange, formatCount, formatMoney, formatRate } from '@/lib/i18n/format';
import type { Audience } from '@/lib/model';
import type { ViewProps } from './types';

type Target = number | 'exclude';
const CHIPS_SHOWN = 12;
const EMPTY: StructuredAudience = { groups: [[]], exclude: [] };

/**
 * 人群: build an audience from tag chips (groups ANDed, tags in a group ORed, exclusions) or as text
 * (交 / 并 / 差, parentheses), see its size live, save it, export it (CSV, XLSX, DMP, CRM plan) with
 * a held-out control group, make a lookalike, and read the conversion report of past exports.
 */
export function AudienceView(
  p: ViewProps & { engine: EngineClient; shopId: string | null; token: string | null; seed: { cls: RfmClass; n: number } | null },
) {
  const { t, lang, report, engine, shopId, token } = p;
  const window = report ? { from: report.window.start, to: report.window.end } : null;
  const ready = shopId !== null && token !== null && window !== null;
  const [tags, setTags] = useState<TagInfo[] | null>(null);
  const [structured, setStructured] = useState<StructuredAudience>(EMPTY);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<Target>(0);
  const [name, setName] = useState('');
  const [lookalikeOf, setLookalikeOf] = useState<{ audience: Audience; n: number } | null>(null);
  const [size, setSize] = useState<AudienceSizeResult | null>(null);
  const [openGroups, setOpenGroups] = useState<Record<string, boolean>>({});
  const [control, setControl] = useState(true);
  const [controlPct, setControlPct] = useState(10);
  const [dmpPreset, setDmpPreset] = useState<DmpPresetId>('qianchuan');
  const [dmpIdentifier, setDmpIdentifier] = useState<DmpIdentifier>('phone-sha256');
  const [crmPlan, setCrmPlan] = useState<CrmPlanKind>('delay');
  const [crmDay, setCrmDay] = useState('');
  const [crmReason, setCrmReason] = useState('');
  const [crmSolution, setCrmSolution] = useState('');
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<AudienceExportResult | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [conversion, setConversion] = useState<ConversionReport | null>(null);
  const [savedSizes, setSavedSizes] = useState<Record<string, number | null>>({});

  const saved = useLiveQuery(async () => (shopId ? listAudiences(getDb(), shopId) : []), [shopId]);
  const exportsList = useLiveQuery(async () => (shopId ? listExports(getDb(), shopId) : []), [shopId]);
  const label = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  const tagById = useMemo(() => new Map((tags ?? []).map((x) => [x.id, x])), [tags]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    void engine.audienceTags({ kind: 'audienceTags', shopId, window, token }).then((x) => live && setTags(x));
    return () => {
      live = false;
    };
  }, [engine, shopId, token, window?.from, window?.to]);

  // An RFM class clicked in the RFM view starts a new audience of that class.
  useEffect(() => {
    if (!p.seed) return;
    const s = { groups: [[`rfm:${p.seed.cls}`]], exclude: [] };
    setStructured(s);
    setText(toExpression(s));
    setTarget(0);
    setLookalikeOf(null);
    setName(t(`rfm_${p.seed.cls}`));
  }, [p.seed?.n]);

  const source: AudienceSource | null = lookalikeOf
    ? { expression: lookalikeOf.audience.expression, lookalike: { n: lookalikeOf.n } }
    : text.trim()
      ? { expression: text }
      : null;

  // Live size, debounced while typing.
  useEffect(() => {
    if (!ready || !source) return setSize(null);
    let live = true;
    const timer = setTimeout(() => {
      void engine.audienceSize({ kind: 'audienceSize', shopId, window, token, source }).then((r) => live && setSize(r));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, shopId, token, window?.from, window?.to, source?.expression, source?.lookalike?.n]);

  // Sizes of the saved audiences in the window shown.
  useEffect(() => {
    if (!ready || !saved) return;
    let live = true;
    void Promise.all(
      saved.map(async (a) => {
        const r = await engine.audienceSize({ kind: 'audienceSize', shopId, window, token, source: { expression: a.expression } });
        return [a.audienceId, r.ok ? r.size : null] as const;
      }),
    ).then((pairs) => live && setSavedSizes(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
  }, [engine, saved, shopId, token, window?.from, window?.to]);

  function setFromStructured(s: StructuredAudience) {
    setStructured(s);
    setText(s.groups.some((g) => g.length) || s.exclude.length ? toExpression(s) : '');
    setLookalikeOf(null);
  }

  function addTag(id: string) {
    const s: StructuredAudience = { groups: structured.groups.map((g) => [...g]), exclude: [...structured.exclude] };
    if (target === 'exclude') {
      if (!s.exclude.includes(id)) s.exclude.push(id);
    } else {
      while (s.groups.length <= target) s.groups.push([]);
      if (!s.groups[target]!.includes(id)) s.groups[target]!.push(id);
    }
    setFromStructured(s);
  }

  function removeTag(where: Target, id: string) {
    const s: StructuredAudience = {
      groups: structured.groups.map((g, i) => (i === where ? g.filter((x) => x !== id) : [...g])),
      exclude: where === 'exclude' ? structured.exclude.filter((x) => x !== id) : [...structured.exclude],
    };
    setFromStructured(s);
  }

  function editText(v: string) {
    setText(v);
    setLookalikeOf(null);
    const s = fromExpression(v);
    if (s) setStructured(s.groups.length ? s : { groups: [[]], exclude: s.exclude });
  }

  async function save() {
    if (!shopId || !text.trim()) return;
    try {
      await createAudience(getDb(), { shopId, name: name.trim() || text.trim().slice(0, 30), expression: text });
      setMessage({ kind: 'ok', text: t('audienceSaved') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function doExport(format: AudienceFormat) {
    if (!ready || !source) return;
    setBusy(true);
    setMessage(null);
    try {
      const audienceName = lookalikeOf ? `${t('lookalikeOf')}${lookalikeOf.audience.name}` : name.trim() || t('unnamedAudience');
      const savedMatch = saved?.find((a) => a.expression === text);
      const r = await engine.audienceExport({
        kind: 'audienceExport',
        shopId,
        window,
        token,
        source,
        name: audienceName,
        audienceId: lookalikeOf ? lookalikeOf.audience.audienceId : savedMatch?.audienceId,
        format,
        controlShare: control ? Math.min(0.5, Math.max(0, controlPct / 100)) : 0,
      });
      for (const f of r.files) saveFile(f.bytes as BlobPart, f.name, f.mime);
      setExported(r);
      if (r.files.length === 0) setMessage({ kind: 'error', text: t(format.kind === 'crm' ? 'crmNothing' : 'nothingToExport') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  async function showConversion(exportId: string) {
    if (!ready) return;
    try {
      setConversion(await engine.conversion({ kind: 'conversion', shopId, window, token, exportId }));
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  if (!report) return <p className="empty">{t('noReport')}</p>;
  const preset = DMP_PRESETS[dmpPreset];
  const tagText = (id: string) => {
    const x = tagById.get(id);
    return x ? label(x) : id;
  };
  const lastExportOf = (audienceId: string) => exportsList?.find((e) => e.audienceId === audienceId);

  return (
    <>
      <section>
        <h2>{t('audienceBuilder')}</h2>
        <div className="muted small">{t('audienceBuilderNote')}</div>
        <div className="builder" data-testid="audience-builder">
          {structured.groups.map((g, i) => (
            <div key={i} className="builder-row">
              {i > 0 && <span className="op">{t('opAnd')}</span>}
              <div className={`group-box ${target === i ? 'on' : ''}`} data-testid={`audience-group-${i}`} onClick={() => setTarget(i)}>
                <span className="muted small">
                  {t('conditionGroup')} {i + 1} · {t('anyOf')}
                </span>
                {g.map((id) => (
                  <span key={id} className="chip on">
                    {tagText(id)}
                    <button type="button" className="x" aria-label={t('remove')} onClick={(e) => (e.stopPropagation(), removeTag(i, id))}>
                      ×
                    </button>
                  </span>
                ))}
                {g.length === 0 && <span className="muted small">{t('clickChipsToAdd')}</span>}
              </div>
            </div>
          ))}
          <div className="builder-row">
            <span className="op">{t('opExcept')}</span>
            <div className={`group-box exclude ${target === 'exclude' ? 'on' : ''}`} data-testid="audience-exclude" onClick={() => setTarget('exclude')}>
              <span className="muted small">{t('excludeGroup')}</span>
              {structured.exclude.map((id) => (
                <span key={id} className="chip on neg">
                  {tagText(id)}
                  <button type="button" className="x" aria-label={t('remove')} onClick={(e) => (e.stopPropagation(), removeTag('exclude', id))}>
                    ×
                  </button>
                </span>
              ))}
            </div>
          </div>
          <div className="buttons">
            <button
              type="button"
              data-testid="audience-add-group"
              onClick={() => {
                setStructured({ ...structured, groups: [...structured.groups, []] });
                setTarget(structured.groups.length);
              }}
            >
              + {t('addGroup')}
            </button>
            <button type="button" data-testid="audience-clear" onClick={() => (setFromStructured(EMPTY), setTarget(0), setName(''))}>
              {t('clear')}
            </button>
          </div>
        </div>
        <label className="expr">
          <span className="muted small">{t('expressionLabel')}</span>
          <textarea data-testid="audience-expression" rows={2} value={text} spellCheck={false} onChange={(e) => editText(e.target.value)} placeholder="(tier:firstOrder 并 tier:repeat) 交 attr:fan 差 rfm:generalRetain" />
        </label>
        {lookalikeOf && (
          <div className="lookalike-banner" data-testid="lookalike-banner">
            {t('lookalikeOf')}
            <b>{lookalikeOf.audience.name}</b> · {t('topN')}
            <input
              type="number"
              min={1}
              data-testid="lookalike-n"
              value={lookalikeOf.n}
              onChange={(e) => setLookalikeOf({ ...lookalikeOf, n: Math.max(1, Number(e.target.value) || 1) })}
            />
            <button type="button" className="link" onClick={() => setLookalikeOf(null)}>
              {t('clear')}
            </button>
          </div>
        )}
        <div className="size-line">
          {size?.ok === false && size.error ? (
            <span className="down" data-testid="audience-error">
              {label(size.error)}
              {size.error.position >= 0 ? ` (${t('atPosition')} ${size.error.position + 1})` : ''}
            </span>
          ) : (
            <span>
              {t('audienceSize')}:{' '}
              <b className="big" data-testid="audience-size" data-value={size?.ok ? size.size : ''}>
                {size?.ok ? formatCount(size.size) : '—'}
              </b>{' '}
              {t('persons')}
            </span>
          )}
        </div>
        <div className="buttons">
          <input className="name-input" data-testid="audience-name" value={name} placeholder={t('audienceName')} onChange={(e) => setName(e.target.value)} />
          <button type="button" data-testid="audience-save" disabled={!text.trim() || size?.ok === false || !!lookalikeOf} onClick={() => void save()}>
            {t('saveAudience')}
          </button>
        </div>
        {message && (
          <div className={message.kind === 'error' ? 'error' : 'status done'} data-testid="audience-message">
            {message.text}
          </div>
        )}
      </section>

      <section>
        <h2>{t('tagChips')}</h2>
        <div className="muted small">
          {t('addingTo')}: <b>{target === 'exclude' ? t('excludeGroup') : `${t('conditionGroup')} ${target + 1}`}</b>
        </div>
        {!tags && <p className="muted">{t('computing')}</p>}
        {tags &&
          TAG_GROUPS.map((g) => {
            const list = tags.filter((x) => x.group === g && x.size > 0);
            if (list.length === 0) return null;
            const open = openGroups[g] ?? false;
            return (
              <div key={g} className="chip-group" data-testid={`tag-group-${g}`}>
                <div className="chip-group-title">{label(TAG_GROUP_LABELS[g])}</div>
                <div className="chips">
                  {(open ? list : list.slice(0, CHIPS_SHOWN)).map((x) => (
                    <button key={x.id} type="button" className="chip" data-testid="tag-chip" data-tag={x.id} title={x.id} onClick={() => addTag(x.id)}>
                      {label(x)} <span className="muted">{formatCount(x.size)}</span>
                    </button>
                  ))}
                  {list.length > CHIPS_SHOWN && (
                    <button type="button" className="chip more" onClick={() => setOpenGroups({ ...openGroups, [g]: !open })}>
                      {open ? t('showLess') : `${t('showMore')} (${list.length - CHIPS_SHOWN})`}
                    </button>
                  )}
                </div>
              </div>
            );
          })}
      </section>

      {size?.ok && size.affinity.length > 0 && (
        <section>
          <h2>{t('affinityTitle')}</h2>
          <div className="muted small">{t('affinityNote')}</div>
          <table className="table fixed" data-testid="audience-affinity">
            <thead>
              <tr>
                <th style={{ width: '38%' }}>{t('product')}</th>
                <th className="num" style={{ width: '17%' }}>{t('expectedBuyers')}</th>
                <th style={{ width: '33%' }}>{t('because')}</th>
                <th className="num" style={{ width: '12%' }}>{t('lift')}</th>
              </tr>
            </thead>
            <tbody>
              {size.affinity.map((a) => (
                <tr key={a.productKey}>
                  <td className="clip" title={a.productName}>
                    {a.productName}
                  </td>
                  <td className="num">{a.expectedBuyers.toFixed(1)}</td>
                  <td className="muted small clip" title={a.because.productName}>
                    {a.because.productName} → {formatRate(a.because.confidence)}
                  </td>
                  <td className="num">{a.because.lift.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section>
        <h2>{t('exportAudience')}</h2>
        <label className="inline small">
          <input type="checkbox" data-testid="audience-control" checked={control} onChange={(e) => setControl(e.target.checked)} />
          {t('holdOutControl')}
          <input type="number" className="pct" min={1} max={50} value={controlPct} disabled={!control} onChange={(e) => setControlPct(Number(e.target.value) || 10)} />%
        </label>
        <div className="buttons" style={{ marginTop: 6 }}>
          <button type="button" data-testid="export-audience-csv" disabled={busy || !size?.ok} onClick={() => void doExport({ kind: 'csv' })}>
            CSV
          </button>
          <button type="button" data-testid="export-audience-xlsx" disabled={busy || !size?.ok} onClick={() => void doExport({ kind: 'xlsx' })}>
            XLSX
          </button>
        </div>
        <div className="export-row">
          <span className="muted small">{t('dmpFile')}</span>
          <select
            data-testid="audience-dmp-preset"
            value={dmpPreset}
            onChange={(e) => {
              const id = e.target.value as DmpPresetId;
              setDmpPreset(id);
              setDmpIdentifier(DMP_PRESETS[id].identifiers[0]!);
            }}
          >
            {(Object.keys(DMP_PRESETS) as DmpPresetId[]).map((id) => (
              <option key={id} value={id}>
                {label(DMP_PRESETS[id])}
              </option>
            ))}
          </select>
          <select data-testid="audience-dmp-identifier" value={dmpIdentifier} onChange={(e) => setDmpIdentifier(e.target.value as DmpIdentifier)}>
            {preset.identifiers.map((id) => (
              <option key={id} value={id}>
                {label(DMP_IDENTIFIER_LABELS[id])}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="export-audience-dmp"
            disabled={busy || !size?.ok}
            onClick={() => void doExport({ kind: 'dmp', preset: dmpPreset, identifier: dmpIdentifier, minAudience: DEFAULT_MIN_AUDIENCE })}
          >
            {t('exportDmp')}
          </button>
        </div>
        <div className="muted small">{label(preset.uploadHint)}</div>
        <div className="export-row">
          <span className="muted small">{t('crmPlan')}</span>
          <select data-testid="audience-crm-plan" value={crmPlan} onChange={(e) => setCrmPlan(e.target.value as CrmPlanKind)}>
            {(Object.keys(CRM_PLAN_LABELS) as CrmPlanKind[]).map((k) => (
              <option key={k} value={k}>
                {label(CRM_PLAN_LABELS[k])}
              </option>
            ))}
          </select>
          {crmPlan === 'delay' ? (
            <input type="date" data-testid="audience-crm-day" aria-label={t('delayTo')} value={crmDay} onChange={(e) => setCrmDay(e.target.value)} />
          ) : (
            <input data-testid="audience-crm-solution" placeholder={t('solution')} value={crmSolution} onChange={(e) => setCrmSolution(e.target.value)} />
          )}
          <input data-testid="audience-crm-reason" placeholder={t('reason')} value={crmReason} onChange={(e) => setCrmReason(e.target.value)} />
          <button
            type="button"
            data-testid="export-audience-crm"
            disabled={busy || !size?.ok || !crmReason.trim() || (crmPlan === 'delay' ? !crmDay : !crmSolution.trim())}
            onClick={() =>
              void doExport({ kind: 'crm', plan: crmPlan, reason: crmReason.trim(), ...(crmPlan === 'delay' ? { delayTo: crmDay } : { solution: crmSolution.trim() }) })
            }
          >
            {t('exportCrm')}
          </button>
        </div>
        <div className="muted small">{t('crmNote')}</div>
        {exported && (
          <div className="status done" data-testid="audience-export-result" data-members={exported.record.members} data-control={exported.record.control}>
            {t('exportedFiles')}: {exported.files.map((f) => f.name).join('、')}
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
        )}
      </section>

      <section>
        <h2>
          {t('savedAudiences')} <span className="muted small">({saved?.length ?? 0})</span>
        </h2>
        {saved && saved.length === 0 && <p className="empty small">{t('noSavedAudiences')}</p>}
        {saved && saved.length > 0 && (
          <table className="table" data-testid="saved-audiences">
            <thead>
              <tr>
                <th>{t('audienceName')}</th>
                <th className="num">{t('audienceSize')}</th>
                <th>{t('lastExport')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {saved.map((a) => {
                const last = lastExportOf(a.audienceId);
                return (
                  <tr key={a.audienceId} data-testid="saved-audience" data-id={a.audienceId}>
                    <td className="ellipsis" title={a.expression}>
                      <b>{a.name}</b>
                      <div className="muted small mono">{a.expression}</div>
                    </td>
                    <td className="num" data-testid="saved-audience-size" data-value={savedSizes[a.audienceId] ?? ''}>
                      {formatCount(savedSizes[a.audienceId])}
                    </td>
                    <td className="nowrap small">{last ? last.exportedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                    <td className="nowrap">
                      <button type="button" className="link" data-testid="saved-audience-load" onClick={() => (editText(a.expression), setName(a.name))}>
                        {t('load')}
                      </button>
                      <button
                        type="button"
                        className="link"
                        data-testid="saved-audience-lookalike"
                        onClick={() => setLookalikeOf({ audience: a, n: Math.max(10, savedSizes[a.audienceId] ?? 100) })}
                      >
                        {t('lookalike')}
                      </button>
                      <button type="button" className="link danger-link" data-testid="saved-audience-delete" onClick={() => void deleteAudience(getDb(), a.audienceId)}>
                        {t('delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h2>{t('conversionTitle')}</h2>
        {exportsList && exportsList.length === 0 && <p className="empty small">{t('noExports')}</p>}
        {exportsList && exportsList.length > 0 && (
          <table className="table" data-testid="export-records">
            <thead>
              <tr>
                <th>{t('audienceName')}</th>
                <th>{t('format')}</th>
                <th>{t('exportedAt')}</th>
                <th className="num">{t('exportedMembers')}</th>
                <th className="num">{t('controlGroup')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {exportsList.slice(0, 50).map((e) => (
                <tr key={e.exportId} data-testid="export-record" data-id={e.exportId}>
                  <td className="ellipsis" title={e.name}>
                    {e.name}
                  </td>
                  <td className="nowrap small">{e.format}</td>
                  <td className="nowrap small">{e.exportedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td className="num">{formatCount(e.members.length)}</td>
                  <td className="num">{formatCount(e.control.length)}</td>
                  <td className="nowrap">
                    <button type="button" className="link" data-testid="export-record-conversion" onClick={() => void showConversion(e.exportId)}>
                      {t('conversionReport')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {conversion && (
          <div className="card conversion" data-testid="conversion-report" data-export={conversion.exportId}>
            <div className="muted small">
              {conversion.from} ~ {conversion.to} · {conversion.days} {t('daysUnit')}
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th />
                  <th className="num">{t('groupSize')}</th>
                  <th className="num">{t('buyers')}</th>
                  <th className="num">{t('conversionRate')}</th>
                  <th className="num">{t('gmv')}</th>
                  <th className="num">{t('aov')}</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['members', t('exportedMembers'), conversion.members],
                    ['control', t('controlGroup'), conversion.control],
                  ] as const
                ).map(([k, title, g]) => (
                  <tr key={k} data-testid={`conversion-${k}`}>
                    <td>{title}</td>
                    <td className="num">{formatCount(g?.size)}</td>
                    <td className="num" data-testid={`conversion-${k}-purchasers`} data-value={g?.purchasers ?? ''}>
                      {formatCount(g?.purchasers)}
                    </td>
                    <td className="num" data-testid={`conversion-${k}-rate`} data-value={g?.rate ?? ''}>
                      {formatRate(g?.rate)}
                    </td>
                    <td className="num" data-testid={`conversion-${k}-gmv`} data-value={g?.gmvFen ?? ''}>
                      {formatMoney(g?.gmvFen)}
                    </td>
                    <td className="num">{formatMoney(g?.aovFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              {t('lift')}:{' '}
              <b data-testid="conversion-lift" data-value={conversion.lift ?? ''} className={changeClass(conversion.lift)}>
                {formatChange(conversion.lift)}
              </b>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
