import { useState } from 'react';
import { conditionId, MAX_CONDITION_N, type ConditionKind } from '@/lib/audience/conditions';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Target } from './Builder';

const ROWS: { kind: ConditionKind; before: MessageKey; after: MessageKey | null; initial: number; exclusion: boolean }[] = [
  { kind: 'recentPaid', before: 'audience_condRecentBefore', after: 'audience_condRecentAfter', initial: 30, exclusion: false },
  { kind: 'paidCount', before: 'audience_condCountBefore', after: null, initial: 2, exclusion: false },
  { kind: 'exported', before: 'audience_condExportedBefore', after: 'audience_condExportedAfter', initial: 7, exclusion: true },
];

/**
 * 购买与导出条件: 最近购买 N 天内 and 购买次数 ≥ N join the group being edited; 近 N 天已导出 is an
 * exclusion (its button says 排除 and it always goes to the exclusions).
 */
export function ConditionPicker(p: { t: (k: MessageKey) => string; target: Target; onAdd: (id: string, where: Target) => void }) {
  const { t } = p;
  const [values, setValues] = useState<Record<ConditionKind, string>>({ recentPaid: '30', paidCount: '2', exported: '7' });
  return (
    <section>
      <h2>{t('audience_conditions')}</h2>
      <div className="cond-rows">
        {ROWS.map((r) => {
          const n = Number(values[r.kind]);
          const ok = Number.isInteger(n) && n >= 1 && n <= MAX_CONDITION_N;
          return (
            <div key={r.kind} className="cond-row" data-testid={`cond-${r.kind}`}>
              <span>{t(r.before)}</span>
              <input
                type="number"
                min={1}
                max={MAX_CONDITION_N}
                className="pct"
                data-testid={`cond-${r.kind}-n`}
                value={values[r.kind]}
                onChange={(e) => setValues((v) => ({ ...v, [r.kind]: e.target.value }))}
              />
              {r.after && <span>{t(r.after)}</span>}
              <button
                type="button"
                className={r.exclusion ? 'cond-add neg' : 'cond-add'}
                data-testid={`cond-${r.kind}-add`}
                disabled={!ok}
                onClick={() => p.onAdd(conditionId(r.kind, n), r.exclusion ? 'exclude' : p.target)}
              >
                {r.exclusion ? `− ${t('audience_condExclude')}` : `+ ${t('audience_condAdd')}`}
              </button>
            </div>
          );
        })}
      </div>
      <div className="muted small">{t('audience_condNote')}</div>
    </section>
  );
}
