import type { ReactNode } from 'react';
import { formatCount, formatMoney } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { Funnel } from './Funnel';
import { MetricCard } from './MetricCard';
import { TierCard } from './TierCard';
import type { ViewProps } from './types';

/** 概览 (the popup shows it compact: tiers and sales only): Douyin tiers, Taobao classes, headline sales, the three pathways as funnels, asset layers. */
export function OverviewView({ report, prev, t, exportsSlot, compact = false, highPotentialPending = false }: ViewProps & { exportsSlot: ReactNode; compact?: boolean }) {
  const tier = (name: string, key: MessageKey, value: number | undefined, previous: number | undefined, hint?: MessageKey, pending = false) => (
    <TierCard name={name} label={t(key)} value={value ?? null} previous={previous ?? null} hint={hint ? t(hint) : undefined} pending={pending} />
  );
  const tb = report?.taobao;
  const pw = tb?.pathways;
  const labels = { rateLabel: t('pathwayRate'), prevLabel: t('previousWindow') };
  // 回访 and 复购 pathways have the same three steps: assets → recalled (召回率) → converted (支付转化率).
  const recallSteps = (p: { assets: number; recalled: number; recallRate: number | null; converted: number; payConversion: number | null }, assetsLabel: string, convertedLabel: string) => [
    { id: 'assets', label: assetsLabel, value: p.assets },
    { id: 'recalled', label: t('recalled'), value: p.recalled, rate: p.recallRate, rateLabel: t('recallRate') },
    { id: 'converted', label: convertedLabel, value: p.converted, rate: p.payConversion, rateLabel: t('payConversion') },
  ];
  return (
    <>
      <section>
        <h2>{t('douyinAssets')}</h2>
        <div className="grid tiers">
          {tier('users', 'users', report?.douyin.users, prev?.douyin.users, 'usersHint')}
          {tier('purchasers', 'purchasers', report?.douyin.purchasers, prev?.douyin.purchasers)}
          {tier('firstOrder', 'firstOrder', report?.douyin.firstOrder, prev?.douyin.firstOrder, 'firstOrderHint')}
          {tier('repeat', 'repeat', report?.douyin.repeat, prev?.douyin.repeat, 'repeatHint')}
          {tier('highPotential', 'highPotential', report?.douyin.highPotential, prev?.douyin.highPotential, 'highPotentialHint', highPotentialPending)}
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
              {...labels}
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
              {...labels}
              steps={recallSteps(pw.unpurchasedReturn, t('unpurchasedAssets'), t('converted'))}
            />
            <Funnel
              testId="funnel-repurchase"
              title={t('pathwayRepurchase')}
              rate={pw.repurchase.rate}
              prevRate={tb.previous.repurchase}
              {...labels}
              steps={recallSteps(pw.repurchase, t('purchasedAssets'), t('repurchased'))}
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
