import { useEffect, useMemo, useState } from 'react';
import { saveFile } from '@/components/download';
import type { EngineClient } from '@/components/engine/client';
import type { AudienceSizeResult, AudienceSource } from '@/components/engine/protocol';
import { conditionLabel, parseCondition } from '@/lib/audience/conditions';
import { followingName } from '@/lib/audience/describe';
import { fromExpression, toExpression, type StructuredAudience } from '@/lib/audience/expression';
import type { TagInfo } from '@/lib/audience/tags';
import type { ExportFormatOptions } from '@/lib/export/formats';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import type { Audience } from '@/lib/model';
import type { LookalikeOf, Target } from './Builder';

const EMPTY: StructuredAudience = { groups: [[]], exclude: [] };

/** The request scope of the view (null until a report is shown). */
export type AudienceScope = { shopId: string; window: { from: string; to: string }; token: string };

/**
 * The audience being built in 人群 · 圈选: its conditions (chips and the same as text), the name
 * (following the conditions until the merchant types one), the live size, and its save / export.
 */
export function useAudienceDraft(p: { engine: EngineClient; scope: AudienceScope | null; lang: Lang; t: (k: MessageKey) => string; saved: Audience[] | undefined }) {
  const { engine, scope, lang, t } = p;
  const [tags, setTags] = useState<TagInfo[] | null>(null);
  const [structured, setStructured] = useState<StructuredAudience>(EMPTY);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<Target>(0);
  // null: the name follows the conditions; a text: the merchant typed it (kept).
  const [typedName, setTypedName] = useState<string | null>(null);
  const [lookalikeOf, setLookalikeOf] = useState<LookalikeOf | null>(null);
  const [size, setSize] = useState<AudienceSizeResult | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const tagById = useMemo(() => new Map((tags ?? []).map((x) => [x.id, x])), [tags]);

  useEffect(() => {
    if (!scope) return;
    let live = true;
    void engine.audienceTags({ kind: 'audienceTags', ...scope }).then((x) => live && setTags(x));
    return () => {
      live = false;
    };
  }, [engine, scope?.shopId, scope?.token, scope?.window.from, scope?.window.to]);

  /** A tag's label in the merchant's words (a condition's from its number; an id no tag has any more as it is). */
  const labelIn =
    (l: Lang) =>
    (id: string): string => {
      const x = tagById.get(id);
      if (x) return x[l];
      const c = parseCondition(id);
      return c ? conditionLabel(c)[l] : id;
    };
  const tagText = labelIn(lang);
  const name = typedName ?? followingName(text, tagText, lang);

  const source: AudienceSource | null = lookalikeOf
    ? { expression: lookalikeOf.audience.expression, lookalike: { n: lookalikeOf.n } }
    : text.trim()
      ? { expression: text }
      : null;

  // Live size, debounced while typing.
  useEffect(() => {
    if (!scope || !source) return setSize(null);
    let live = true;
    const timer = setTimeout(() => {
      void engine.audienceSize({ kind: 'audienceSize', ...scope, source }).then((r) => live && setSize(r));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, scope?.shopId, scope?.token, scope?.window.from, scope?.window.to, source?.expression, source?.lookalike?.n]);

  function setFromStructured(s: StructuredAudience) {
    setStructured(s);
    setText(s.groups.some((g) => g.length) || s.exclude.length ? toExpression(s) : '');
    setLookalikeOf(null);
  }

  function addTag(id: string, where: Target = target) {
    const s: StructuredAudience = { groups: structured.groups.map((g) => [...g]), exclude: [...structured.exclude] };
    if (where === 'exclude') {
      if (!s.exclude.includes(id)) s.exclude.push(id);
    } else {
      while (s.groups.length <= where) s.groups.push([]);
      if (!s.groups[where]!.includes(id)) s.groups[where]!.push(id);
    }
    setFromStructured(s);
  }

  function removeTag(where: Target, id: string) {
    setFromStructured({
      groups: structured.groups.map((g, i) => (i === where ? g.filter((x) => x !== id) : [...g])),
      exclude: where === 'exclude' ? structured.exclude.filter((x) => x !== id) : [...structured.exclude],
    });
  }

  function editText(v: string) {
    setText(v);
    setLookalikeOf(null);
    const s = fromExpression(v);
    if (s) setStructured(s.groups.length ? s : { groups: [[]], exclude: s.exclude });
  }

  /**
   * Starts afresh from an expression (an RFM class, a saved audience) with its name: a name that is
   * the conditions' own words (in either language) keeps following them; any other stays as typed.
   */
  function start(expression: string, savedName: string | null) {
    editText(expression);
    setTarget(0);
    const own = savedName !== null && (['zh', 'en'] as const).some((l) => followingName(expression, labelIn(l), l) === savedName);
    setTypedName(own ? null : savedName);
    setMessage(null);
  }

  async function save() {
    if (!scope || !text.trim()) return;
    try {
      // Written by the one writer in the engine worker (UI code never writes IndexedDB itself).
      await engine.saveAudience({ kind: 'saveAudience', shopId: scope.shopId, name: name.trim() || tagText('all'), expression: text });
      setMessage({ kind: 'ok', text: t('audienceSaved') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function runExport(format: ExportFormatOptions, controlShare: number) {
    if (!scope || !source) return null;
    setMessage(null);
    try {
      const audienceName = lookalikeOf ? `${t('lookalikeOf')}${lookalikeOf.audience.name}` : name.trim() || t('unnamedAudience');
      const savedMatch = p.saved?.find((a) => a.expression === text);
      const r = await engine.audienceExport({
        kind: 'audienceExport',
        ...scope,
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

  return {
    tags,
    tagText,
    structured,
    setStructured,
    text,
    target,
    setTarget,
    name,
    nameTyped: typedName !== null,
    setName: (v: string) => setTypedName(v === '' ? null : v),
    lookalikeOf,
    setLookalikeOf,
    source,
    size,
    message,
    setMessage,
    addTag,
    removeTag,
    editText,
    clear: () => (setFromStructured(EMPTY), setTarget(0), setTypedName(null)),
    start,
    save,
    runExport,
  };
}

/** The draft's state and actions (what the steps and the bar are given). */
export type AudienceDraft = ReturnType<typeof useAudienceDraft>;
