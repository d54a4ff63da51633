import { RFM_CLASSES, type RfmClass } from '@/lib/engine';
import { asOfLabel, formatCount, formatMoney, formatRate } from '@/lib/i18n/format';
import { Definition } from './Definition';
import { CardNumber } from './MetricCard';
import type { ViewProps } from './types';

const ARROWS: Record<RfmClass, string> = {
  importantValue: 'R↑ F↑ M↑',
  importantDevelop: 'R↑ F↓ M↑',
  importantKeep: 'R↓ F↑ M↑',
  importantRetain: 'R↓ F↓ M↑',
  generalValue: 'R↑ F↑ M↓',
  generalDevelop: 'R↑ F↓ M↓',
  generalKeep: 'R↓ F↑ M↓',
  generalRetain: 'R↓ F↓ M↓',
};

/**
 * RFM 八大客户类型 as a grid (count, share, paid amount); clicking a class starts an audience from it.
 * With `onOpen(cls)` the count becomes its own "查看名单" button beside the class's pick button (no button in a button).
 */
export function RfmView({ report, extras, t, lang, onPick, openMembers, ...p }: ViewProps & { onPick: (cls: RfmClass) => void; onOpen?: (cls: RfmClass) => void }) {
  if (!report) return <p className="empty">{t('noReport')}</p>;
  // A class's members: the 人群 tag `rfm:<class>` (the member drill) unless the host gives its own.
  const onOpen = p.onOpen ?? (openMembers && ((k: RfmClass) => openMembers({ tagId: `rfm:${k}`, label: t(`rfm_${k}`) })));
  const total = RFM_CLASSES.reduce((s, k) => s + report.rfm[k], 0);
  const means = extras?.rfm.means;
  const sub = (k: RfmClass) => (
    <div className="card-sub muted">
      {formatRate(total > 0 ? report.rfm[k] / total : null)}
      {extras && (
        <>
          {' · '}
          <span data-testid={`rfm-${k}-gmv`} data-value={extras.rfm.gmvFen[k]}>
            {formatMoney(extras.rfm.gmvFen[k])}
          </span>
        </>
      )}
    </div>
  );
  const label = (k: RfmClass) => (
    <div className="card-label">
      {t(`rfm_${k}`)} <span className="muted">{ARROWS[k]}</span>
    </div>
  );
  const kind = (k: RfmClass) => (k.startsWith('important') ? 'important' : 'general');
  return (
    <section>
      <h2>
        {t('rfmTitle')} <Definition metric="rfm" t={t} />{' '}
        <span className="muted small period" data-testid="rfm-period">
          {t('period_last365')} · {asOfLabel(report.window.end, lang)}
        </span>
      </h2>
      <div className="muted small">{t('rfmNote')}</div>
      <div className="grid rfm" data-testid="rfm-grid">
        {RFM_CLASSES.map((k) =>
          onOpen ? (
            <div key={k} className={`card rfm-cell ${kind(k)}`}>
              <button type="button" className="rfm-pick" data-testid={`rfm-${k}`} data-value={report.rfm[k]} title={t('rfmPickHint')} onClick={() => onPick(k)}>
                {label(k)}
              </button>
              <div className="card-value">
                <CardNumber onOpen={() => onOpen(k)} t={t}>
                  {formatCount(report.rfm[k])}
                </CardNumber>
              </div>
              {sub(k)}
            </div>
          ) : (
            <button key={k} type="button" className={`card rfm-cell ${kind(k)}`} data-testid={`rfm-${k}`} data-value={report.rfm[k]} title={t('rfmPickHint')} onClick={() => onPick(k)}>
              {label(k)}
              <div className="card-value">{formatCount(report.rfm[k])}</div>
              {sub(k)}
            </button>
          ),
        )}
      </div>
      {means && (
        <div className="muted small" data-testid="rfm-means">
          {t('rfmMeans')}: R {means.r.toFixed(1)} {t('daysUnit')} · F {means.f.toFixed(2)} · M {formatMoney(Math.round(means.m))}
        </div>
      )}
      {total === 0 && <p className="empty">{t('noPurchases')}</p>}
    </section>
  );
}
