import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { saveFile } from '@/components/download';
import { BENCH_BUILD } from '@/components/engine/bench-timings';
import { EngineClient } from '@/components/engine/client';
import { takePanelEngine } from '@/components/engine/first-open';
import type { AnalysisResult } from '@/components/engine/protocol';
import { CompletenessStrip } from './CompletenessStrip';
import { Controls, TopBar } from './shell/Controls';
import { FooterBar } from './shell/FooterBar';
import { PanelViews, type ShellView } from './shell/PanelViews';
import { useAnalysis } from './shell/useAnalysis';
import { useMemberDrill } from './members/useMemberDrill';
import type { ViewProps } from './types';
import { useLang } from './useLang';
import { getDb, listShops } from '@/lib/db';
import type { PickedWindow, PickerPreset } from '@/lib/engine/window';
import type { MessageKey } from '@/lib/i18n/messages';

/** The popup's daily glance offers the short windows (and 近30天, the default both pages open on). */
const POPUP_PRESETS: readonly PickerPreset[] = ['today', 'yesterday', 7, 30];

/**
 * The dashboard. Side panel: views (概览 / 成交 / 高潜 / RFM / 数据 / 人群 / 设置与数据) under a shared
 * shop and window picker. Popup: the daily glance (上次采集, the trend, the tiers). Both carry the
 * hooks of SPEC §10, the file ones in the 设置与数据 bar at the foot.
 * The shell's parts live in ./shell (controls, views and tabs, files, the worker hook).
 */
export function Dashboard({
  variant = 'panel',
  extra,
  initialShopId,
}: {
  variant?: 'panel' | 'popup';
  extra?: (t: (k: MessageKey) => string) => ReactNode;
  /** Shop to preselect (the popup's active tab's shop), when it is in the profile. */
  initialShopId?: string | null;
}) {
  const { lang, setLang, t } = useLang();
  // The side panel adopts the worker its page started first, and the first analysis it asked at once; the popup starts its own.
  const booted = useMemo(() => (variant === 'panel' ? takePanelEngine() : undefined), []);
  const engine = useMemo(() => booted?.engine ?? new EngineClient(), [booted]);
  const shops = useLiveQuery(() => listShops(getDb()), []);
  const [shopId, setShopId] = useState<string | null>(null);
  const [selection, setSelection] = useState<PickedWindow | null>(null);
  const [generation, setGeneration] = useState(0);
  const [view, setView] = useState<ShellView>('overview');

  const preferred = shopId ?? initialShopId ?? null;
  const currentShop = shops?.find((s) => s.shopId === preferred) ?? shops?.[0] ?? null;
  const activeShopId = currentShop?.shopId ?? null;
  const { shown, setShown, computing, progress, error, token, latestDay, picked } = useAnalysis({ engine, first: booted?.first, variant, shopId: activeShopId, selection, generation, t });

  const result = shown?.result ?? null;
  // The 概览's part of the report comes first (the 概览 shows it whole); the other views get the whole report, which follows.
  // The 概览 keeps its first answer's objects while the rest of the same answer comes (the same figures: not drawn again).
  const part = shown?.overview ?? result;
  const overview = part && part.report.shopId === activeShopId ? part.report : null;
  const full = result && !('overviewOnly' in result) ? result : null;
  const report = full && overview ? full.report : null;
  const prev = part && overview ? part.previous : null;
  const extras = full && report && 'extras' in full ? (full as AnalysisResult).extras : null;

  async function exportTier(tier: 'firstOrder' | 'repeat') {
    if (!activeShopId || token == null || !report) return;
    const file = await engine.tierCsv({
      kind: 'tierCsv',
      shopId: activeShopId,
      window: { from: report.window.start, to: report.window.end },
      token,
      tier,
    });
    saveFile(file.bytes as BlobPart, file.filename, 'text/csv;charset=utf-8');
  }

  const highPotentialPending = result && overview && !shown?.stale ? result.highPotentialPending === true : false;
  // Every number opens its members (side panel): the drawer over the view (components/panel/members).
  const drill = useMemberDrill({ engine, shopId: activeShopId, token, window: overview?.window ?? null, t, lang });
  const viewProps: ViewProps = { report, prev, extras, t, lang, highPotentialPending, openMembers: variant === 'panel' ? drill.open : undefined };
  const busy = !report || computing;
  const tierExports = (
    <section>
      <h2>{t('exports')}</h2>
      <div className="buttons">
        <button type="button" data-testid="export-firstOrder-csv" disabled={busy} onClick={() => void exportTier('firstOrder')}>
          {t('exportFirstOrder')}
        </button>
        <button type="button" data-testid="export-repeat-csv" disabled={busy} onClick={() => void exportTier('repeat')}>
          {t('exportRepeat')}
        </button>
      </div>
    </section>
  );

  return (
    <div
      className={`app ${variant}`}
      data-lang={lang}
      data-state={computing ? 'computing' : overview ? 'ready' : 'empty'}
      data-report={shown ? (shown.stale ? 'stale' : 'fresh') : 'none'}
      data-timings={BENCH_BUILD && shown && !shown.stale && shown.timings ? JSON.stringify(shown.timings) : undefined}
    >
      <TopBar t={t} onToggleLang={() => setLang(lang === 'zh' ? 'en' : 'zh')} />
      {extra?.(t)}
      <Controls
        shops={shops}
        activeShopId={activeShopId}
        onShop={(id) => {
          setShopId(id);
          setShown(null);
        }}
        window={picked ?? overview?.window ?? null}
        selection={selection}
        onSelect={setSelection}
        presets={variant === 'popup' ? POPUP_PRESETS : undefined}
        latestDay={latestDay}
        shown={shown}
        token={token}
        t={t}
        lang={lang}
      />
      {/* The popup too: a glance must not read partial data as fact (issue 13 item 1). */}
      <CompletenessStrip engine={engine} shopId={activeShopId} token={token ?? null} window={overview?.window ?? null} t={t} lang={lang} />

      {shops && shops.length === 0 && <p className="empty">{t('noShops')}</p>}
      {progress && (
        <div className="progress" data-testid="compute-progress">
          {/* The worker sends catalogue keys (progress_*); any other text is shown as it is. */}
          {t(progress as MessageKey)}
        </div>
      )}
      {error && <div className="error" data-testid="compute-error">{error}</div>}
      {drill.drawer}

      <PanelViews
        variant={variant}
        view={view}
        onView={setView}
        viewProps={viewProps}
        overview={overview}
        engine={engine}
        token={token}
        shopId={activeShopId}
        shopName={currentShop?.name ?? ''}
        onDeleted={() => {
          setShopId(null);
          setShown(null);
          setGeneration((g) => g + 1);
        }}
        busy={busy}
        exportsSlot={tierExports}
      />

      <FooterBar
        engine={engine}
        report={report}
        busy={busy}
        shopId={activeShopId}
        t={t}
        onRestored={() => setGeneration((g) => g + 1)}
        onOpenSettings={variant === 'panel' ? () => setView('settings') : undefined}
      />
    </div>
  );
}
