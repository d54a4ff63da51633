import { formatCount, formatRate, periodLabel } from '@/lib/i18n/format';
import { Definition } from './Definition';
import { CardNumber } from './MetricCard';
import { isGroupedReason, reasonGroupName, reasonText } from './reason-text';
import { RankingLine } from './PotentialSelection';
import { PreferenceTable } from './PreferenceTable';
import type { ViewProps } from './types';
import { VirtualList } from './VirtualList';

const ROW = 52;
/** English reasons are longer and wrap onto up to three lines: taller rows, so none spills into the next. */
const ROW_EN = 84;

/** 高潜: customers ranked by purchase propensity, each with the reasons that pushed the score most, in plain words (reason-text.ts). */
export function PotentialView({ report, extras, t, lang, openMembers }: ViewProps) {
  if (!report || !extras) return <p className="empty">{t('noReport')}</p>;
  const rows = extras.highPotential;
  return (
    <>
      <section>
        <h2>
          {t('completeness_predictedHighPotential')} <Definition metric="highPotential" t={t} /> <span className="muted small">
            (
            <CardNumber onOpen={openMembers && (() => openMembers({ tagId: 'tier:highPotential', label: t('completeness_predictedHighPotential') }))} t={t}>
              {formatCount(extras.highPotentialTotal)}
            </CardNumber>
            )
          </span>{' '}
          <span className="muted small period">{periodLabel(report.window, lang)}</span>
        </h2>
        {extras.model.selection && <RankingLine selection={extras.model.selection} t={t} />}
        <div className="muted small" data-testid="model-info" data-kind={extras.model.kind}>
          {extras.model.kind === 'logistic' ? t('potential_modelShop').replace('{n}', formatCount(extras.model.rows)) : t('potential_modelRule')}
          {' · '}
          {t('potential_cutoff')} <Definition metric="score" t={t} />
        </div>
        {rows.length === 0 ? (
          <p className="empty">{t('noHighPotential')}</p>
        ) : (
          <VirtualList
            testId="potential-list"
            items={rows}
            rowHeight={lang === 'en' ? ROW_EN : ROW}
            height={420}
            render={(r, i) => (
              <div className="prow" data-testid="potential-row" data-key={r.key} data-score={r.score}>
                <span className="prank muted">{i + 1}</span>
                <span className="pname" title={r.key}>
                  {r.name}
                </span>
                <span className="pscore">
                  <span className="scorebar">
                    <span style={{ width: `${Math.round(r.score * 100)}%` }} />
                  </span>
                  <b className="num">{formatRate(r.score)}</b>
                </span>
                <span className="preasons">
                  {r.reasons.filter(isGroupedReason).map((x) => {
                    const up = x.contribution > 0;
                    const why = [reasonGroupName(x, t), ...(x.group === 'promo' ? [t('reasons.sameForAll')] : []), t(up ? 'card_raises' : 'card_lowers')];
                    return (
                      <span key={x.group} className={`reason ${up ? 'pos' : 'neg'}`} data-group={x.group} data-up={up} title={why.join(' · ')}>
                        {up ? '↑' : '↓'} {reasonText(x, t)}
                      </span>
                    );
                  })}
                </span>
              </div>
            )}
          />
        )}
        {rows.length < extras.highPotentialTotal && (
          <div className="muted small">
            {t('listTruncated')} {formatCount(rows.length)} / {formatCount(extras.highPotentialTotal)}
          </div>
        )}
      </section>
      <section>
        <h2>{t('potentialPreferences')}</h2>
        <div className="muted small">{t('potentialPreferencesNote')}</div>
        <PreferenceTable prefs={extras.potentialPreferences} t={t} testId="potential-preferences" />
      </section>
    </>
  );
}
