import type { PropensitySelection } from '@/lib/engine/propensity/backtest';
import { formatCount, formatRate } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { InfoToggle } from './Definition';

/** Fewer buyers than this in the backtest: its AUC could be off by ±0.1 or more, so it is only a rough guide. */
const FEW_BUYERS = 30;

/** A backtest AUC as a merchant's word: how far to trust the order of the list. */
function gradeKey(auc: number, positives: number): MessageKey {
  if (positives < FEW_BUYERS) return 'selection.grade.few';
  if (auc >= 0.85) return 'selection.grade.high';
  if (auc >= 0.75) return 'selection.grade.good';
  if (auc >= 0.65) return 'selection.grade.fair';
  return 'selection.grade.low';
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/**
 * 高潜's "排序方式" line (issue 14): which scorer ranks the list — the shop's own model or the
 * simple rule that beat it in the shop's own backtest — and how well it ranked there, with an ⓘ
 * that says what the figure means in plain words.
 */
export function RankingLine({ selection, t }: { selection: PropensitySelection; t: (k: MessageKey) => string }) {
  const { chosen } = selection;
  const auc = selection.auc[chosen];
  const model = selection.auc.model;
  let detail: string;
  if (auc === null) detail = t('selection.notChecked');
  else {
    const key: MessageKey = chosen === 'model' ? 'selection.accuracy' : model === null ? 'selection.accuracyNoModel' : 'selection.accuracyBeatModel';
    detail = fill(t(key), { auc: auc.toFixed(2), grade: t(gradeKey(auc, selection.positives)), model: model?.toFixed(2) ?? '' });
  }
  const explain =
    auc === null
      ? null
      : fill(t('selection.explain'), {
          weeks: String(selection.days.length),
          pct: formatRate(auc, 0),
          population: formatCount(selection.population),
          positives: formatCount(selection.positives),
        });
  return (
    <div className="sel-line" data-testid="potential-selection" data-chosen={chosen} data-auc={auc ?? ''}>
      {t('selection.rankedBy')}
      <b data-testid="potential-selection-chosen">{t(`selection.${chosen}`)}</b>
      <span data-testid="potential-selection-detail">{detail}</span>
      {explain && (
        <>
          {' '}
          <InfoToggle
            text={explain}
            label={t('selection.explainButton')}
            testId="potential-selection-why"
            textClass="sel-explain"
            textTestId="potential-selection-explain"
          />
        </>
      )}
    </div>
  );
}
