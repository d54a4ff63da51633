import type { PickedWindow, PickerPreset } from '@/lib/engine/window';
import type { Shop } from '@/lib/model';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { WindowPicker } from '../WindowPicker';
import { LastCapture } from './LastCapture';
import type { Shown } from './useAnalysis';

/** The shell's header: the product name and the language toggle. */
export function TopBar({ t, onToggleLang }: { t: (k: MessageKey) => string; onToggleLang: () => void }) {
  return (
    <header className="topbar">
      <h1>{t('appName')}</h1>
      <button type="button" className="link" data-testid="lang-toggle" onClick={onToggleLang}>
        {t('language')}
      </button>
    </header>
  );
}

export interface ControlsProps {
  shops: Shop[] | undefined;
  activeShopId: string | null;
  onShop: (shopId: string) => void;
  /** The window shown (the report's, resolved). */
  window: { start: string; end: string } | null;
  selection: PickedWindow | null;
  onSelect: (s: PickedWindow) => void;
  /** Preset buttons to offer (all when absent). */
  presets?: readonly PickerPreset[];
  latestDay: string | null;
  shown: Shown | null;
  token: string | null;
  t: (k: MessageKey) => string;
  lang: Lang;
}

/** Shop picker, window picker (SPEC §10 hooks), 上次采集 and the latest day with data. */
export function Controls(p: ControlsProps) {
  const { t, shown, latestDay } = p;
  const result = shown?.result ?? null;
  // 今日 before today's orders were captured: the window is honest, the figures would be zeros.
  const beyondData = latestDay !== null && p.window !== null && p.window.start > latestDay;
  return (
    <section className="controls">
      <label className="shop">
        <span>{t('shop')}</span>
        <select data-testid="shop-picker" value={p.activeShopId ?? ''} onChange={(e) => p.onShop(e.target.value)}>
          {(p.shops ?? []).map((s) => (
            <option key={s.shopId} value={s.shopId}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <WindowPicker
        from={p.window?.start ?? ''}
        to={p.window?.end ?? ''}
        active={p.selection && 'preset' in p.selection ? p.selection.preset : p.selection ? null : 30}
        t={t}
        presets={p.presets}
        onPreset={(preset) => p.onSelect({ preset })}
        onCustom={(from, to) => p.onSelect({ from, to })}
      />
      {beyondData && (
        <div className="warn small" data-testid="window-no-data">
          {t('glance.noDataForWindow').replace('{day}', latestDay ?? '')}
        </div>
      )}
      {p.activeShopId && (
        <div className="muted small glance-line">
          <LastCapture shopId={p.activeShopId} t={t} lang={p.lang} />
          {latestDay && ` · ${t('latestDay')}: ${latestDay}`}
          {result && !shown?.stale && ` · ${t('computedIn')} ${Math.round(result.ms)} ms`}
          {shown?.stale &&
            // Computed from this very data: its figures are exact, only the full 高潜 list is still coming.
            (shown.savedToken !== undefined && shown.savedToken === p.token ? (
              <span className="muted" data-testid="saved-result">
                {' '}
                · {t('savedResultCurrent')}
              </span>
            ) : (
              <span className="stale" data-testid="stale-result">
                {' '}
                · {t('staleResult')}
              </span>
            ))}
        </div>
      )}
    </section>
  );
}
