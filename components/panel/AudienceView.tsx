import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import type { AudienceSizeResult, AudienceSource } from '@/components/engine/protocol';
import { fromExpression, toExpression, type StructuredAudience } from '@/lib/audience/expression';
import { listAudiences, listExports } from '@/lib/audience/saved';
import type { TagInfo } from '@/lib/audience/tags';
import { getDb } from '@/lib/db';
import type { RfmClass } from '@/lib/engine';
import type { ExportFormatOptions } from '@/lib/export/formats';
import { Affinity } from './audience/Affinity';
import { Builder, type LookalikeOf, type Target } from './audience/Builder';
import { Conversion } from './audience/Conversion';
import { ExportPanel } from './audience/ExportPanel';
import { SavedAudiences } from './audience/SavedAudiences';
import { TagChips } from './audience/TagChips';
import type { ViewProps } from './types';

const EMPTY: StructuredAudience = { groups: [[]], exclude: [] };

/**
 * 人群: build an audience from tag chips (groups ANDed, tags in a group ORed, exclusions) or as text
 * (交 / 并 / 差, parentheses), see its size live, save it, export it (every format of the export
 * registry) with a held-out control group, make a lookalike, and read the conversion report of past
 * exports. The sections are in ./audience/; this file holds the audience being built.
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
  const [lookalikeOf, setLookalikeOf] = useState<LookalikeOf | null>(null);
  const [size, setSize] = useState<AudienceSizeResult | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

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
      // Written by the one writer in the engine worker (UI code never writes IndexedDB itself).
      await engine.saveAudience({ kind: 'saveAudience', shopId, name: name.trim() || text.trim().slice(0, 30), expression: text });
      setMessage({ kind: 'ok', text: t('audienceSaved') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function runExport(format: ExportFormatOptions, controlShare: number) {
    if (!ready || !source) return null;
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
        controlShare,
      });
      for (const f of r.files) saveFile(f.bytes as BlobPart, f.name, f.mime);
      if (r.files.length === 0) setMessage({ kind: 'error', text: t(format.kind === 'crm' ? 'crmNothing' : 'nothingToExport') });
      return r;
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      return null;
    }
  }

  async function loadConversion(exportId: string) {
    if (!ready) return null;
    try {
      return await engine.conversion({ kind: 'conversion', shopId, window, token, exportId });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      return null;
    }
  }

  if (!report) return <p className="empty">{t('noReport')}</p>;
  const tagText = (id: string) => {
    const x = tagById.get(id);
    return x ? label(x) : id;
  };

  return (
    <>
      <Builder
        t={t}
        label={label}
        tagText={tagText}
        structured={structured}
        target={target}
        setTarget={setTarget}
        onRemove={removeTag}
        onAddGroup={() => {
          setStructured({ ...structured, groups: [...structured.groups, []] });
          setTarget(structured.groups.length);
        }}
        onClear={() => (setFromStructured(EMPTY), setTarget(0), setName(''))}
        text={text}
        onEditText={editText}
        lookalikeOf={lookalikeOf}
        setLookalikeOf={setLookalikeOf}
        size={size}
        name={name}
        setName={setName}
        onSave={() => void save()}
        message={message}
      />
      <TagChips
        t={t}
        label={label}
        tags={tags}
        targetTitle={target === 'exclude' ? t('excludeGroup') : `${t('conditionGroup')} ${target + 1}`}
        onAdd={addTag}
      />
      {size?.ok && size.affinity.length > 0 && <Affinity t={t} affinity={size.affinity} />}
      <ExportPanel t={t} label={label} canExport={!!size?.ok} run={runExport} />
      <SavedAudiences
        t={t}
        engine={engine}
        scope={ready ? { shopId, window, token } : null}
        saved={saved}
        exportsList={exportsList}
        onLoad={(a) => (editText(a.expression), setName(a.name))}
        onLookalike={(a, n) => setLookalikeOf({ audience: a, n: Math.max(10, n ?? 100) })}
      />
      <Conversion t={t} exportsList={exportsList} load={loadConversion} />
    </>
  );
}
