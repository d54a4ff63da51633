import type { ReactNode } from 'react';
import { formatCount, formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { Funnel } from './Funnel';
import { MetricCard } from './MetricCard';
import { TierCard } from './TierCard';
import type { ViewProps } from './types';

/** 概览 (the popup shows it compact: tiers and sales only): Douyin tiers, Taobao classes, headline sales, the three pathways as funnels, asset layers. */
export function OverviewView({ report, prev, t, exportsSlot, compact = false }: ViewProps & { exportsSlot: ReactNode; compact?: boolean }) {
  const tier = (name: string, key: MessageKey, value: number | undefined, previous: number | undefined, hint?: MessageKey) => (
    <TierCard name={name} label={t(key)} value={value ?? null} previous={previous ?? null} hint={hint ? t(hint) : undefined} />
  );
  const tb = report?.taobao;
  const pw = tb?.pathways;
  return (
    <>
      <section>
        <h2>{t('douyinAssets')}</h2>
        <div className="grid tiers">
          {tier('users', 'users', report?.douyin.users, prev?.douyin.users, 'usersHint')}
          {tier('purchasers', 'purchasers', report?.douyin.purchasers, prev?.douyin.purchasers)}
          {tier('firstOrder', 'firstOrder', report?.douyin.firstOrder, prev?.douyin.firstOrder, 'firstOrderHint')}
          {tier('repeat', 'repeat', report?.douyin.repeat, prev?.douyin.repeat, 'repeatHint')}
          {tier('highPotential', 'highPotential', report?.douyin.highPotential, prev?.douyin.highPotential, 'highPotentialHint')}
        </div>
      </section>
      <section>
        <h2>{t('taobaoOverview')}</h2>
        <div className="grid tiers">
          {tier('newVisitors', 'newVisitors', tb?.newVisitors, prev?.taobao.newVisitors)}
          {tier('unpurchasedReturning', 'unpurchasedReturning', tb?.unpurchasedReturning, prev?.taobao.unpurchasedReturning)}
          {tier('purchasedReturning', 'purchasedReturning', tb?.purchasedReturning, prev?.taobao.purchasedReturning)}
        </div>
        {tb && !compact && (
          <table className="table" data-testid="class-table">
            <thead>
              <tr>
                <th>{t('customerClass')}</th>
                <th className="num">{t('customers')}</th>
                <th className="num">{t('buyers')}</th>
                <th className="num">{t('gmv')}</th>
              </tr>
            </thead>
            <tbody>
              {(['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const).map((k) => (
                <tr key={k} data-testid={`class-${k}`}>
                  <td>{t(k)}</td>
                  <td className="num">{formatCount(tb[k])}</td>
                  <td className="num" data-testid={`class-${k}-purchasers`} data-value={tb.byClass[k].purchasers}>
                    {formatCount(tb.byClass[k].purchasers)}
                  </td>
                  <td className="num" data-testid={`class-${k}-gmv`} data-value={tb.byClass[k].gmvFen}>
                    {formatMoney(tb.byClass[k].gmvFen)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>{t('keyMetrics')}</h2>
        <div className="grid metrics">
          <MetricCard testId="metric-gmv" label={t('gmv')} text={formatMoney(report?.metrics.gmvFen)} raw={report?.metrics.gmvFen} change={report?.metrics.change.gmvFen ?? null} />
          <MetricCard testId="metric-orders" label={t('orders')} text={formatCount(report?.metrics.orders)} raw={report?.metrics.orders} change={report?.metrics.change.orders ?? null} />
          <MetricCard testId="metric-purchasers" label={t('buyers')} text={formatCount(report?.metrics.purchasers)} raw={report?.metrics.purchasers} change={report?.metrics.change.purchasers ?? null} />
          <MetricCard testId="metric-aov" label={t('aov')} text={formatMoney(report?.metrics.aovFen)} raw={report?.metrics.aovFen ?? undefined} change={report?.metrics.change.aovFen ?? null} />
        </div>
      </section>
      {pw && tb && !compact && (
        <section>
          <h2>{t('pathways')}</h2>
          <div className="grid funnels">
            <Funnel
              testId="funnel-newVisitorSameDay"
              title={t('pathwayNewVisitor')}
              rate={pw.newVisitorSameDay.rate}
              prevRate={tb.previous.newVisitorSameDay}
              rateLabel={t('pathwayRate')}
              prevLabel={t('previousWindow')}
              steps={[
                { id: 'base', label: t('newVisitors'), value: pw.newVisitorSameDay.base },
                { id: 'converted', label: t('sameDayBuyers'), value: pw.newVisitorSameDay.converted, rate: pw.newVisitorSameDay.rate, rateLabel: t('sameDayConversion') },
              ]}
            />
            <Funnel
              testId="funnel-unpurchasedReturn"
              title={t('pathwayUnpurchased')}
              rate={pw.unpurchasedReturn.rate}
              prevRate={tb.previous.unpurchasedReturn}
              rateLabel={t('pathwayRate')}
              prevLabel={t('previousWindow')}
              steps={[
                { id: 'assets', label: t('unpurchasedAssets'), value: pw.unpurchasedReturn.assets },
                { id: 'recalled', label: t('recalled'), value: pw.unpurchasedReturn.recalled, rate: pw.unpurchasedReturn.recallRate, rateLabel: t('recallRate') },
                { id: 'converted', label: t('converted'), value: pw.unpurchasedReturn.converted, rate: pw.unpurchasedReturn.payConversion, rateLabel: t('payConversion') },
              ]}
            />
            <Funnel
              testId="funnel-repurchase"
              title={t('pathwayRepurchase')}
              rate={pw.repurchase.rate}
              prevRate={tb.previous.repurchase}
              rateLabel={t('pathwayRate')}
              prevLabel={t('previousWindow')}
              steps={[
                { id: 'assets', label: t('purchasedAssets'), value: pw.repurchase.assets },
                { id: 'recalled', label: t('recalled'), value: pw.repurchase.recalled, rate: pw.repurchase.recallRate, rateLabel: t('recallRate') },
                { id: 'converted', label: t('repurchased'), value: pw.repurchase.converted, rate: pw.repurchase.payConversion, rateLabel: t('payConversion') },
              ]}
            />
          </div>
        </section>
      )}
      {report && !compact && (
        <section>
          <h2>{t('assetLayers')}</h2>
          <div className="grid tiers">
            {(['relationship', 'active', 'dormant'] as const).map((k) => (
              <div key={k} className="card tier" title={t(`${k}Hint`)}>
                <div className="card-label">{t(k)}</div>
                <div className="card-value" data-testid={`asset-${k}`} data-value={report.assets[k]}>
                  {formatCount(report.assets[k])}
                </div>
                <div className="card-sub muted">{t(`${k}Hint`)}</div>
              </div>
            ))}
          </div>
        </section>
      )}
      {exportsSlot}
    </>
  );
}
