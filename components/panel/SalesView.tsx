import { BarChart } from '@/components/charts/BarChart';
import { DoughnutChart } from '@/components/charts/DoughnutChart';
import { formatCount, formatMoney, formatRate, moneyColumn, periodLabel, unitKey } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { DailyChart } from './DailyChart';
import { Definition, type DefinedMetric } from './Definition';
import { MetricCard } from './MetricCard';
import { PreferenceTable } from './PreferenceTable';
import type { ViewProps } from './types';

const CHANNELS = [
  ['live', 'channelLive'],
  ['video', 'channelVideo'],
  ['card', 'channelCard'],
  ['other', 'channelOther'],
] as const;
const TRAFFIC = [
  ['paid', 'trafficPaid'],
  ['organic', 'trafficOrganic'],
  ['unknown', 'trafficUnknown'],
] as const;

/** 成交: headline sales with change, 体裁 split, traffic shares, fan share, price bands, daily trend, top products. */
export function SalesView({ report, prev, extras, t, lang }: ViewProps) {
  if (!report) return <p className="empty">{t('noReport')}</p>;
  const m = report.metrics;
  const period = periodLabel(report.window, lang);
  const card = (testId: string, key: MessageKey & DefinedMetric, kind: 'count' | 'money', current: number | null, previous: number | null) => {
    const format = kind === 'money' ? formatMoney : formatCount;
    const unit = key === 'orders' ? 'orders' : 'persons';
    return <MetricCard testId={testId} label={t(key)} metric={key} text={format(current)} raw={current ?? undefined} cmp={{ current, previous, kind, format, unit }} period={period} t={t} lang={lang} />;
  };
  // A section title with its ⓘ and the period it covers.
  const heading = (key: MessageKey, metric: DefinedMetric) => (
    <h2>
      {t(key)} <Definition metric={metric} t={t} /> <span className="muted small period">{period}</span>
    </h2>
  );
  const channelMoney = moneyColumn(CHANNELS.map(([k]) => m.gmvByChannel[k]));
  const bandLabel = (b: { fromYuan: number; toYuan: number | null }) => (b.toYuan === null ? `≥${b.fromYuan}` : `${b.fromYuan}–${b.toYuan}`);
  return (
    <>
      <section>
        <h2>{t('keyMetrics')}</h2>
        <div className="grid metrics">
          {card('sales-gmv', 'gmv', 'money', m.gmvFen, m.previous.gmvFen)}
          {card('sales-aov', 'aov', 'money', m.aovFen, m.previous.aovFen)}
          {card('sales-orders', 'orders', 'count', m.orders, m.previous.orders)}
          {card('sales-purchasers', 'buyers', 'count', m.purchasers, m.previous.purchasers)}
        </div>
        <div className="muted small">
          {t('previousWindow')} {report.previousWindow.start} ~ {report.previousWindow.end}: {formatMoney(m.previous.gmvFen)} · {formatCount(m.previous.orders)} {t(unitKey('orders', m.previous.orders))} · {formatCount(m.previous.purchasers)} {t(unitKey('persons', m.previous.purchasers))}
        </div>
      </section>
      {prev && (
        <section>
          {heading('dailyGmv', 'dailyGmv')}
          <DailyChart
            days={m.daily.map((d) => d.day)}
            currentFen={m.daily.map((d) => d.gmvFen)}
            previousFen={prev.metrics.daily.map((d) => d.gmvFen)}
            currentLabel={`${t('current')} ${report.window.start} ~ ${report.window.end}`}
            previousLabel={`${t('previousWindow')} ${prev.window.start} ~ ${prev.window.end}`}
          />
        </section>
      )}
      <section>
        {heading('gmvByChannel', 'channelGmv')}
        <DoughnutChart
          testId="channel-doughnut"
          empty={t('noSales')}
          shareText={(s) => formatRate(s)}
          slices={CHANNELS.map(([k, key]) => ({ label: t(key), value: m.gmvByChannel[k], text: channelMoney(m.gmvByChannel[k]) }))}
        />
      </section>
      <section>
        {heading('trafficSources', 'traffic')}
        <table className="table" data-testid="traffic-table">
          <thead>
            <tr>
              <th>{t('trafficSource')}</th>
              <th className="num">{t('personsShare')}</th>
              <th className="num">{t('gmvShare')}</th>
            </tr>
          </thead>
          <tbody>
            {TRAFFIC.map(([k, key]) => (
              <tr key={k}>
                <td>{t(key)}</td>
                <td className="num" data-testid={`traffic-persons-${k}`} data-value={m.trafficPersonsShare[k] ?? ''}>
                  {formatRate(m.trafficPersonsShare[k])}
                </td>
                <td className="num" data-testid={`traffic-gmv-${k}`} data-value={m.trafficGmvShare[k] ?? ''}>
                  {formatRate(m.trafficGmvShare[k])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="muted small">{t('personsShareNote')}</div>
        <div className="grid metrics" style={{ marginTop: 8 }}>
          <div className="card">
            <div className="card-label">
              {t('fanGmvShare')} <Definition metric="fanGmvShare" t={t} />
            </div>
            <div className="card-value" data-testid="fan-gmv-share" data-value={m.fanGmvShare ?? ''}>
              {formatRate(m.fanGmvShare)}
            </div>
            <div className="card-sub muted period">{period}</div>
          </div>
        </div>
      </section>
      <section>
        {heading('priceBands', 'priceBands')}
        <BarChart testId="price-bands" label={t('orders')} labels={m.priceBands.map((b) => `¥${bandLabel(b)}`)} values={m.priceBands.map((b) => b.orders)} />
      </section>
      {extras && (
        <section>
          <h2>{t('topProducts')}</h2>
          <PreferenceTable prefs={extras.purchaserPreferences} t={t} testId="sales-top-products" />
        </section>
      )}
    </>
  );
}
