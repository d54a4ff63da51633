import type { PickerPreset } from '@/lib/engine/window';
import type { MessageKey } from '@/lib/i18n/messages';

type PresetId = PickerPreset;

export interface WindowPickerProps {
  /** The window shown (always the resolved one; SPEC §10). */
  from: string;
  to: string;
  active: PresetId | null;
  t: (k: MessageKey) => string;
  onPreset: (p: PresetId) => void;
  onCustom: (from: string, to: string) => void;
}

const PRESETS: { id: PresetId; key: MessageKey }[] = [
  { id: 'today', key: 'glance.today' },
  { id: 'yesterday', key: 'glance.yesterday' },
  { id: 7, key: 'last7' },
  { id: 30, key: 'last30' },
  { id: 90, key: 'last90' },
  { id: 'month', key: 'naturalMonth' },
];

/**
 * Presets (今日 / 昨日 / 近7天 / 近30天 / 近90天 / 自然月) and a custom range of date inputs;
 * `presets` limits the buttons (the popup's daily glance shows 今日 / 昨日 / 近7天).
 */
export function WindowPicker(p: WindowPickerProps & { presets?: readonly PresetId[] }) {
  const shown = p.presets ? PRESETS.filter((x) => p.presets!.includes(x.id)) : PRESETS;
  return (
    <div className="window-picker">
      <div className="segmented" role="group" aria-label={p.t('window')}>
        {shown.map((x) => (
          <button key={x.id} type="button" className={p.active === x.id ? 'on' : ''} data-testid={`window-preset-${x.id}`} onClick={() => p.onPreset(x.id)}>
            {p.t(x.key)}
          </button>
        ))}
      </div>
      <label>
        <input
          type="date"
          data-testid="window-from"
          aria-label={p.t('from')}
          value={p.from}
          max={p.to || undefined}
          onChange={(e) => e.target.value && p.onCustom(e.target.value, p.to)}
        />
      </label>
      <span className="muted">~</span>
      <label>
        <input
          type="date"
          data-testid="window-to"
          aria-label={p.t('to')}
          value={p.to}
          min={p.from || undefined}
          onChange={(e) => e.target.value && p.onCustom(p.from, e.target.value)}
        />
      </label>
    </div>
  );
}
