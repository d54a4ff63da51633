import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { saveFile } from '@/components/download';
import { EngineClient } from '@/components/engine/client';
import type { ReportResult } from '@/components/engine/protocol';
import { BackupControls } from './BackupControls';
import { DailyChart } from './DailyChart';
import { MetricCard } from './MetricCard';
import { TierCard } from './TierCard';
import { useLang } from './useLang';
import { WindowPicker, type PresetId } from './WindowPicker';
import { getDb, listShops } from '@/lib/db';
import { presetWindow, type WindowPreset } from '@/lib/engine/window';
import { reportFileName } from '@/lib/export/download-names';
import { formatCount, formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

const PRESET_NAMES: Record<PresetId, WindowPreset> = { 7: '近7天', 30: '近30天', 90: '近90天', month: '自然月' };

type Selection = { preset: PresetId } | { from: string; to: string } | null;

/** Change token of a shop's data: the worker rebuilds its snapshot when it differs. */
async function dataToken(shopId: string): Promise<string> {
  const db = getDb();
  const [orders, contacts, customers, captures, last] = await Promise.all([
    db.orders.where('shopId').equals(shopId).count(),
    db.contacts.where('shopId').equals(shopId).count(),
    db.customers.where('shopId').equals(shopId).count(),
    db.captures.where('shopId').equals(shopId).count(),
    db.settings.get(`dataVersion:${shopId}`),
  ]);
  return `${orders}:${contacts}:${customers}:${captures}:${JSON.stringify(last?.value ?? null)}`;
}

/** The whole dashboard: side panel (full) and popup (compact: no chart), same hooks of SPEC §10. */
export function Dashboard({ variant = 'panel', extra }: { variant?: 'panel' | 'popup'; extra?: (t: (k: MessageKey) => string) => ReactNode }) {
  const { lang, setLang, t } = useLang();
  const engine = useMemo(() => new EngineClient(), []);
  const shops = useLiveQuery(() => listShops(getDb()), []);
  const [shopId, setShopId] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [result, setResult] = useState<ReportResult | null>(null);
  const [computing, setComputing] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const currentShop = shops?.find((s) => s.shopId === shopId) ?? shops?.[0] ?? null;
  const activeShopId = currentShop?.shopId ?? null;
  const token = useLiveQuery(async () => (activeShopId ? dataToken(activeShopId) : null), [activeShopId, generation]);

  const latestDay = result?.latestDay ?? null;
  const windowRequest = useMemo(() => {
    if (!selection) return {};
    if ('preset' in selection) {
      if (!latestDay) return {};
      const w = presetWindow(PRESET_NAMES[selection.preset], latestDay);
      return { from: w.start, to: w.end };
    }
    return { from: selection.from, to: selection.to };
  }, [selection, latestDay]);

  const requestSeq = useRef(0);
  useEffect(() => {
    if (!activeShopId || token == null) return;
    const seq = ++requestSeq.current;
    let shown = false;
    let latest = t('computing');
    setComputing(true);
    // Progress appears only for recomputes slower than half a second, so quick ones don't flicker.
    const timer = setTimeout(() => {
      shown = true;
      if (seq === requestSeq.current) setProgress(latest);
    }, 500);
    engine
      .report({ kind: 'report', shopId: activeShopId, window: windowRequest, token }, (p) => {
        latest = p;
        if (shown && seq === requestSeq.current) setProgress(p);
      })
      .then((r) => {
        if (seq !== requestSeq.current) return;
        setResult(r);
        setError(null);
      })
      .catch((e: Error) => seq === requestSeq.current && setError(e.message))
      .finally(() => {
        clearTimeout(timer);
        if (seq === requestSeq.current) {
          setComputing(false);
          setProgress(null);
        }
      });
  }, [engine, activeShopId, token, windowRequest.from, windowRequest.to]);

  const report = result && result.report.shopId === activeShopId ? result.report : null;
  const prev = result && report ? result.previous : null;

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

  function exportReport() {
    if (!report) return;
    saveFile(JSON.stringify(report, null, 2), reportFileName(report.shopId, report.window.start, report.window.end), 'application/json');
  }

  const tier = (name: string, key: MessageKey, value: number | undefined, previous: number | undefined) => (
    <TierCard name={name} label={t(key)} value={value ?? null} previous={previous ?? null} />
  );

  return (
    <div className={`app ${variant}`} data-lang={lang}>
      <header className="topbar">
        <h1>{t('appName')}</h1>
        <button type="button" className="link" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
      </header>
      {extra?.(t)}
      <section className="controls">
        <label className="shop">
          <span>{t('shop')}</span>
          <select
            data-testid="shop-picker"
            value={activeShopId ?? ''}
            onChange={(e) => {
              setShopId(e.target.value);
              setResult(null);
            }}
          >
            {(shops ?? []).map((s) => (
              <option key={s.shopId} value={s.shopId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <WindowPicker
          from={report?.window.start ?? ''}
          to={report?.window.end ?? ''}
          active={selection && 'preset' in selection ? selection.preset : selection ? null : 30}
          t={t}
          onPreset={(p) => setSelection({ preset: p })}
          onCustom={(from, to) => setSelection({ from, to })}
        />
        {latestDay && (
          <div className="muted small">
            {t('latestDay')}: {latestDay}
            {result && ` · ${t('computedIn')} ${Math.round(result.ms)} ms`}
          </div>
        )}
      </section>

      {shops && shops.length === 0 && <p className="empty">{t('noShops')}</p>}
      {progress && (
        <div className="progress" data-testid="compute-progress">
          {progress}
        </div>
      )}
      {error && <div className="error" data-testid="compute-error">{error}</div>}

      <section>
        <h2>{t('douyinAssets')}</h2>
        <div className="grid tiers">
          {tier('users', 'users', report?.douyin.users, prev?.douyin.users)}
          {tier('purchasers', 'purchasers', report?.douyin.purchasers, prev?.douyin.purchasers)}
          {tier('firstOrder', 'firstOrder', report?.douyin.firstOrder, prev?.douyin.firstOrder)}
          {tier('repeat', 'repeat', report?.douyin.repeat, prev?.douyin.repeat)}
          {tier('highPotential', 'highPotential', report?.douyin.highPotential, prev?.douyin.highPotential)}
        </div>
      </section>
      <section>
        <h2>{t('taobaoOverview')}</h2>
        <div className="grid tiers">
          {tier('newVisitors', 'newVisitors', report?.taobao.newVisitors, prev?.taobao.newVisitors)}
          {tier('unpurchasedReturning', 'unpurchasedReturning', report?.taobao.unpurchasedReturning, prev?.taobao.unpurchasedReturning)}
          {tier('purchasedReturning', 'purchasedReturning', report?.taobao.purchasedReturning, prev?.taobao.purchasedReturning)}
        </div>
      </section>
      <section>
        <h2>{t('keyMetrics')}</h2>
        <div className="grid metrics">
          <MetricCard testId="metric-gmv" label={t('gmv')} text={formatMoney(report?.metrics.gmvFen)} raw={report?.metrics.gmvFen} change={report?.metrics.change.gmvFen ?? null} />
          <MetricCard testId="metric-orders" label={t('orders')} text={formatCount(report?.metrics.orders)} raw={report?.metrics.orders} change={report?.metrics.change.orders ?? null} />
          <MetricCard testId="metric-purchasers" label={t('buyers')} text={formatCount(report?.metrics.purchasers)} raw={report?.metrics.purchasers} change={report?.metrics.change.purchasers ?? null} />
          <MetricCard testId="metric-aov" label={t('aov')} text={formatMoney(report?.metrics.aovFen)} raw={report?.metrics.aovFen ?? undefined} change={report?.metrics.change.aovFen ?? null} />
        </div>
        {report && prev && variant === 'panel' && (
          <DailyChart
            days={report.metrics.daily.map((d) => d.day)}
            currentFen={report.metrics.daily.map((d) => d.gmvFen)}
            previousFen={prev.metrics.daily.map((d) => d.gmvFen)}
            currentLabel={`${t('current')} ${report.window.start} ~ ${report.window.end}`}
            previousLabel={`${t('previousWindow')} ${prev.window.start} ~ ${prev.window.end}`}
          />
        )}
      </section>
      <section>
        <h2>{t('exports')}</h2>
        <div className="buttons">
          <button type="button" data-testid="export-firstOrder-csv" disabled={!report || computing} onClick={() => void exportTier('firstOrder')}>
            {t('exportFirstOrder')}
          </button>
          <button type="button" data-testid="export-repeat-csv" disabled={!report || computing} onClick={() => void exportTier('repeat')}>
            {t('exportRepeat')}
          </button>
          <button type="button" data-testid="export-report" disabled={!report || computing} onClick={exportReport}>
            {t('exportReport')}
          </button>
        </div>
      </section>
      <BackupControls engine={engine} shopId={activeShopId} t={t} onRestored={() => setGeneration((g) => g + 1)} />
    </div>
  );
}
