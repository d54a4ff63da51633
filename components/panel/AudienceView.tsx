import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import { describeAudience } from '@/lib/audience/describe';
import { tryParseExpression } from '@/lib/audience/expression';
import { listAudiences, listExports } from '@/lib/audience/saved';
import { getDb } from '@/lib/db';
import type { RfmClass } from '@/lib/engine';
import type { MessageKey } from '@/lib/i18n/messages';
import { Conversion } from './audience/Conversion';
import { ExportStep } from './audience/ExportStep';
import { PreviewStep } from './audience/PreviewStep';
import { SavedAudiences } from './audience/SavedAudiences';
import { SelectStep } from './audience/SelectStep';
import { StickyBar, type Step } from './audience/StickyBar';
import { useAudienceDraft, type AudienceScope } from './audience/useAudienceDraft';
import type { ViewProps } from './types';

const TABS = ['build', 'saved', 'history'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { build: 'audience_tabBuild', saved: 'audience_tabSaved', history: 'audience_tabHistory' };

/**
 * 人群: three sub-tabs — 圈选人群 (the steps 圈选 → 预览 → 导出 under a sticky bar with the live size,
 * the name and 保存), 已存人群 (load, lookalike, delete) and 历史与转化 (past exports and their
 * conversion reports). The steps and sections are in ./audience/; the audience being built is
 * ./audience/useAudienceDraft.ts. Every sub-tab and step stays mounted (hidden when not shown) so
 * that what the merchant set in one is still there when coming back.
 */
export function AudienceView(
  p: ViewProps & { engine: EngineClient; shopId: string | null; token: string | null; seed: { cls: RfmClass; n: number } | null },
) {
  const { t, lang, report, engine, shopId, token } = p;
  const scope: AudienceScope | null = shopId !== null && token !== null && report ? { shopId, token, window: { from: report.window.start, to: report.window.end } } : null;
  const [tab, setTab] = useState<Tab>('build');
  const [step, setStep] = useState<Step>('select');
  const saved = useLiveQuery(async () => (shopId ? listAudiences(getDb(), shopId) : []), [shopId]);
  const exportsList = useLiveQuery(async () => (shopId ? listExports(getDb(), shopId) : []), [shopId]);
  const label = (x: { zh: string; en: string }) => x[lang];
  const draft = useAudienceDraft({ engine, scope, lang, t, saved });

  // An RFM class clicked in the RFM view starts a new audience of that class (its name follows it).
  useEffect(() => {
    if (!p.seed) return;
    draft.start(`rfm:${p.seed.cls}`, null);
    draft.setLookalikeOf(null);
    setTab('build');
    setStep('select');
  }, [p.seed?.n]);

  async function loadConversion(exportId: string) {
    if (!scope) return null;
    try {
      return await engine.conversion({ kind: 'conversion', ...scope, exportId });
    } catch (e) {
      draft.setMessage({ kind: 'error', text: (e as Error).message });
      return null;
    }
  }

  if (!report) return <p className="empty">{t('noReport')}</p>;
  /** A saved audience's conditions in words (never raw ids). */
  const describe = (expression: string) => {
    const r = tryParseExpression(expression);
    return r.ok ? describeAudience(r.ast, draft.tagText, lang) : expression;
  };

  return (
    <>
      <nav className="subtabs" role="tablist" data-testid="audience-tabs">
        {TABS.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'on' : ''} data-testid={`audience-tab-${x}`} onClick={() => setTab(x)}>
            {t(TAB_LABEL[x])}
          </button>
        ))}
      </nav>
      <div hidden={tab !== 'build'} data-testid="audience-build">
        <StickyBar t={t} label={label} draft={draft} step={step} setStep={setStep} />
        <div hidden={step !== 'select'} data-testid="audience-select-step">
          <SelectStep t={t} label={label} draft={draft} />
          <div className="buttons step-next">
            <button type="button" data-testid="audience-next-preview" onClick={() => (setStep('preview'), window.scrollTo({ top: 0 }))}>
              {t('audience_next')}: {t('audience_stepPreview')}
            </button>
          </div>
        </div>
        <div hidden={step !== 'preview'} data-testid="audience-preview-step">
          <PreviewStep t={t} label={label} engine={engine} scope={scope} draft={draft} active={tab === 'build' && step === 'preview'} />
          <div className="buttons step-next">
            <button type="button" data-testid="audience-next-export" onClick={() => (setStep('export'), window.scrollTo({ top: 0 }))}>
              {t('audience_next')}: {t('audience_stepExport')}
            </button>
          </div>
        </div>
        <div hidden={step !== 'export'} data-testid="audience-export-step">
          <ExportStep t={t} label={label} draft={draft} />
        </div>
      </div>
      <div hidden={tab !== 'saved'} data-testid="audience-saved-tab">
        <SavedAudiences
          t={t}
          engine={engine}
          scope={scope}
          saved={saved}
          exportsList={exportsList}
          describe={describe}
          onLoad={(a) => (draft.start(a.expression, a.name), setTab('build'), setStep('select'))}
          onLookalike={(a, n) => (draft.setLookalikeOf({ audience: a, n: Math.max(10, n ?? 100) }), setTab('build'), setStep('select'))}
        />
      </div>
      <div hidden={tab !== 'history'} data-testid="audience-history-tab">
        <Conversion t={t} exportsList={exportsList} load={loadConversion} />
      </div>
    </>
  );
}
