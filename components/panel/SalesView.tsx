import { BarChart } from '@/components/charts/BarChart';
import { DoughnutChart } from '@/components/charts/DoughnutChart';
import { formatCount, formatMoney, formatRate } from '@/lib/i18n/format';
import { DailyChart } from './DailyChart';
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
export function SalesView({ report, prev, extras, t }: ViewProps) {
  if (!report) return <p className="empty">{t('noReport')}</p>;
  const m = report.metrics;
  const bandLabel = (b: { fromYuan: number; toYuan: number | null }) => (b.toYuan === null ? `≥${b.fromYuan}` : `${b.fromYuan}–${b.toYuan}`);
  return (
    <>
      <section>
        <h2>{t('keyMetrics')}</h2>
        <div className="grid metrics">
          <MetricCard testId="sales-gmv" label={t('gmv')} text={formatMoney(m.gmvFen)} raw={m.gmvFen} change={m.change.gmvFen} />
          <MetricCard testId="sales-aov" label={t('aov')} text={formatMoney(m.aovFen)} raw={m.aovFen ?? undefined} change={m.change.aovFen} />
          <MetricCard testId="sales-orders" label={t('orders')} text={formatCount(m.orders)} raw={m.orders} change={m.change.orders} />
          <MetricCard testId="sales-purchasers" label={t('buyers')} text={formatCount(m.purchasers)} raw={m.purchasers} change={m.change.purchasers} />
        </div>
        <div className="muted small">
          {t('previousWindow')} {report.previousWindow.start} ~ {report.previousWindow.end}: {formatMoney(m.previous.gmvFen)} · {formatCount(m.previous.orders)} {t('ordersUnit')} · {formatCount(m.previous.purchasers)} {t('persons')}
        </div>
      </section>
      {prev && (
        <section>
          <h2>{t('dailyGmv')}</h2>
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
        <h2>{t('gmvByChannel')}</h2>
        <DoughnutChart
          testId="channel-doughnut"
          empty={t('noSales')}
          shareText={(s) => formatRate(s)}
          slices={CHANNELS.map(([k, key]) => ({ label: t(key), value: m.gmvByChannel[k], text: formatMoney(m.gmvByChannel[k]) }))}
        />
      </section>
      <section>
        <h2>{t('trafficSources')}</h2>
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
            <div className="card-label">{t('fanGmvShare')}</div>
            <div className="card-value" data-testid="fan-gmv-share" data-value={m.fanGmvShare ?? ''}>
              {formatRate(m.fanGmvShare)}
            </div>
          </div>
        </div>
      </section>
      <section>
        <h2>{t('priceBands')}</h2>
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
