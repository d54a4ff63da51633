import type { Report, PreviousFigures } from '@/lib/engine';
import { describeChange, periodLabel } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { useId, useState } from 'react';

type TierName = keyof Report['douyin'] | 'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning';

/** The eight tiers of SPEC §3–§4 in the consoles' order: 抖音 five, then 淘宝 three. */
const TIERS: readonly TierName[] = ['users', 'purchasers', 'firstOrder', 'repeat', 'highPotential', 'newVisitors', 'unpurchasedReturning', 'purchasedReturning'];

/** The consoles' colour of a change: ▲ red, ▼ green. */
const DIRECTION_CLASS = { up: 'rise', down: 'fall', flat: 'muted', none: 'muted' } as const;

function valueOf(r: { douyin: Report['douyin']; taobao: Pick<Report['taobao'], 'newVisitors' | 'unpurchasedReturning' | 'purchasedReturning'> } | null | undefined, name: TierName): number | null {
  if (!r) return null;
  return name === 'newVisitors' || name === 'unpurchasedReturning' || name === 'purchasedReturning' ? r.taobao[name] : r.douyin[name];
}

/**
 * The popup's daily glance of the eight tiers: small tiles (name, count — the `tier-<name>` hook
 * with the bare integer, SPEC §10 — an ⓘ whose definition, as on 概览, opens under the tiles, and its change vs
 * the previous period), under one period line.
 */
export function PopupGlance(p: { report: Report | null; prev: PreviousFigures | null; pending: boolean; t: (k: MessageKey) => string; lang: Lang }) {
  const { report, prev, t, lang } = p;
  // One definition open at a time, under the tiles at full width: inside a 90-px tile it would stretch the whole row.
  const [open, setOpen] = useState<TierName | null>(null);
  const noteId = useId();
  return (
    <section className="popup-glance" data-testid="popup-glance">
      <div className="muted small">{report ? `${periodLabel(report.window, lang)} · ${t('card_vsPrevious')}` : ' '}</div>
      <div className="glance-tiles">
        {TIERS.map((name) => {
          const pending = name === 'highPotential' && p.pending;
          const value = pending ? null : valueOf(report, name);
          const change = describeChange(value, pending ? null : valueOf(prev, name), 'count', lang, 'persons');
          return (
            <div key={name} className="glance-tile">
              {/* The local 高潜 is the shop model's prediction, named as on 概览 (never the 罗盘's 高潜). */}
              <div className="glance-tile-label">
                {t(name === 'highPotential' ? 'completeness_predictedHighPotential' : name)}
                <button
                  type="button"
                  className="def-button"
                  aria-label={t('card_definition')}
                  aria-expanded={open === name}
                  aria-controls={noteId}
                  title={t(`def_${name}`)}
                  data-testid={`def-${name}`}
                  onClick={() => setOpen(open === name ? null : name)}
                >
                  ⓘ
                </button>
              </div>
              <div className="glance-tile-value">
                <span data-testid={`tier-${name}`} data-pending={pending || undefined}>
                  {pending ? '…' : (value ?? '')}
                </span>
              </div>
              <div className={`change small ${DIRECTION_CLASS[change.direction]}`}>{change.text}</div>
            </div>
          );
        })}
      </div>
      {open && (
        <div className="def-text" id={noteId} role="note" data-testid="glance-definition">
          <b>{t(open === 'highPotential' ? 'completeness_predictedHighPotential' : open)}</b>
          {lang === 'zh' ? '：' : ': '}
          {t(`def_${open}`)}
        </div>
      )}
    </section>
  );
}
