import { memo } from 'react';
import { asOfLabel, countColumn, formatCount, formatMoney, moneyColumn, periodLabel } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { OverviewReport } from '@/lib/engine';
import { Definition, type DefinedMetric } from './Definition';
import { FigureMarks, FigureNotes } from './ConsoleFigure';
import { Funnel } from './Funnel';
import { CardNumber, MetricCard } from './MetricCard';
import { StepLinks } from './members/StepLinks';
import { pathwayTagId } from '@/lib/audience/pathway-tags';
import { TierCard } from './TierCard';
import type { ViewProps } from './types';

/**
 * 概览: Douyin tiers, Taobao classes, headline sales, the three pathways as funnels, asset layers (the popup has its own glance).
 * Memoised: the whole report and the lists that follow the 概览's figures do not draw it again (cold open, issue 14).
 */
export const OverviewView = memo(function OverviewView({ report, prev, t, lang, highPotentialPending = false, openMembers }: Pick<ViewProps, 'prev' | 't' | 'lang' | 'highPotentialPending' | 'openMembers'> & { report: OverviewReport | null }) {
  const period = report ? periodLabel(report.window, lang) : '';
  // Every number opens its members (issue 13 item 4): the 人群 tag it counts.
  const drill = (tagId: string, label: string) => (openMembers && report ? () => openMembers({ tagId, label }) : undefined);
  const tagOfTier = (name: string) => `${name === 'newVisitors' || name === 'unpurchasedReturning' || name === 'purchasedReturning' ? 'class' : 'tier'}:${name}`;
  const tier = (name: string, key: MessageKey & DefinedMetric, value: number | undefined, previous: number | undefined, pending = false) => (
    // The local 高潜 is the shop model's prediction, not the console's 高潜 (issue 13 item 2).
    <TierCard name={name} label={t(key === 'highPotential' ? 'completeness_predictedHighPotential' : key)} metric={key} value={value ?? null} previous={previous ?? null} period={period} t={t} lang={lang} pending={pending} onOpen={drill(tagOfTier(name), t(key))}>
      <FigureNotes figure={name} local={pending ? null : (value ?? null)} t={t} />
    </TierCard>
  );
  const metric = (testId: string, key: MessageKey & DefinedMetric, kind: 'count' | 'money', current: number | null | undefined, previous: number | null | undefined, tagId?: string) => {
    const format = kind === 'money' ? formatMoney : formatCount;
    const unit = key === 'orders' ? 'orders' : 'persons';
    return (
      <MetricCard testId={testId} label={t(key)} metric={key} text={format(current)} raw={current ?? undefined} cmp={{ current, previous, kind, format, unit }} period={period} t={t} lang={lang} onOpen={tagId ? drill(tagId, t(key)) : undefined} />
    );
  };
  const tb = report?.taobao;
  const pw = tb?.pathways;
  const labels = { period, t, lang };
  const classes = ['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const;
  const gmvColumn = moneyColumn(tb ? classes.map((k) => tb.byClass[k].gmvFen) : []);
  const customersColumn = countColumn(tb ? classes.map((k) => tb[k]) : []);
  const buyersColumn = countColumn(tb ? classes.map((k) => tb.byClass[k].purchasers) : []);
  // 回访 and 复购 pathways have the same three steps: assets → recalled (召回率) → converted (支付转化率).
  const recallSteps = (p: { assets: number; recalled: number; recallRate: number | null; converted: number; payConversion: number | null }, assetsLabel: string, convertedLabel: string, side: 'unpurchased' | 'purchased') => [
    { id: 'assets', label: assetsLabel, value: p.assets, onOpen: drill(pathwayTagId(`${side}Assets`), t(`pathway_${side}Assets`)) },
    { id: 'recalled', label: t('recalled'), value: p.recalled, rate: p.recallRate, rateLabel: t('recallRate'), onOpen: drill(pathwayTagId(`${side}Recalled`), t(`pathway_${side}Recalled`)) },
    { id: 'converted', label: convertedLabel, value: p.converted, rate: p.payConversion, rateLabel: t('payConversion'), onOpen: drill(pathwayTagId(`${side}Converted`), t(`pathway_${side}Converted`)) },
  ];
  // The 回访 (未购资产) and 复购 (已购资产) funnels, each with its 未召回 / 召回未成交 links.
  const recallFunnel = (side: 'unpurchased' | 'purchased', testId: string, title: 'pathwayUnpurchased' | 'pathwayRepurchase', assetsLabel: MessageKey, convertedLabel: MessageKey) => {
    if (!tb || !pw) return null;
    const pathway = side === 'unpurchased' ? pw.unpurchasedReturn : pw.repurchase;
    return (
      <div className="funnel-cell">
        <Funnel
          testId={testId}
          title={t(title)}
          metric={title}
          rate={pathway.rate}
          prevRate={side === 'unpurchased' ? tb.previous.unpurchasedReturn : tb.previous.repurchase}
          {...labels}
          steps={recallSteps(pathway, t(assetsLabel), t(convertedLabel), side)}
        />
        <StepLinks testId={testId} side={side} pathway={pathway} t={t} lang={lang} drill={drill} />
      </div>
    );
  };
  return (
    <>
      <section className="overview-part">
        <h2>{t('douyinAssets')}</h2>
        <div className="grid tiers">
          {tier('users', 'users', report?.douyin.users, prev?.douyin.users)}
          {tier('purchasers', 'purchasers', report?.douyin.purchasers, prev?.douyin.purchasers)}
          {tier('firstOrder', 'firstOrder', report?.douyin.firstOrder, prev?.douyin.firstOrder)}
          {tier('repeat', 'repeat', report?.douyin.repeat, prev?.douyin.repeat)}
          {tier('highPotential', 'highPotential', report?.douyin.highPotential, prev?.douyin.highPotential, highPotentialPending)}
        </div>
      </section>
      <section className="overview-part">
        <h2>{t('taobaoOverview')}</h2>
        <div className="grid tiers">
          {tier('newVisitors', 'newVisitors', tb?.newVisitors, prev?.taobao.newVisitors)}
          {tier('unpurchasedReturning', 'unpurchasedReturning', tb?.unpurchasedReturning, prev?.taobao.unpurchasedReturning)}
          {tier('purchasedReturning', 'purchasedReturning', tb?.purchasedReturning, prev?.taobao.purchasedReturning)}
        </div>
        {tb && (
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
              {classes.map((k) => (
                <tr key={k} data-testid={`class-${k}`}>
                  <td>{t(k)}</td>
                  <td className="num">{customersColumn(tb[k])}</td>
                  <td className="num" data-testid={`class-${k}-purchasers`} data-value={tb.byClass[k].purchasers}>
                    {buyersColumn(tb.byClass[k].purchasers)}
                  </td>
                  <td className="num" data-testid={`class-${k}-gmv`} data-value={tb.byClass[k].gmvFen}>
                    {gmvColumn(tb.byClass[k].gmvFen)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="overview-part">
        <h2>{t('keyMetrics')}</h2>
        <div className="grid metrics">
          {metric('metric-gmv', 'gmv', 'money', report?.metrics.gmvFen, report?.metrics.previous.gmvFen)}
          {metric('metric-orders', 'orders', 'count', report?.metrics.orders, report?.metrics.previous.orders)}
          {metric('metric-purchasers', 'buyers', 'count', report?.metrics.purchasers, report?.metrics.previous.purchasers, 'tier:purchasers')}
          {metric('metric-aov', 'aov', 'money', report?.metrics.aovFen, report?.metrics.previous.aovFen)}
        </div>
      </section>
      {pw && tb && (
        <section className="overview-part">
          <h2>{t('pathways')}</h2>
          <FigureMarks figures={['newVisitorSameDay', 'unpurchasedReturn', 'repurchase']} t={t} />
          <div className="grid funnels">
            <Funnel
              testId="funnel-newVisitorSameDay"
              title={t('pathwayNewVisitor')}
              metric="pathwayNewVisitor"
              rate={pw.newVisitorSameDay.rate}
              prevRate={tb.previous.newVisitorSameDay}
              {...labels}
              steps={[
                { id: 'base', label: t('newVisitors'), value: pw.newVisitorSameDay.base, onOpen: drill('class:newVisitors', t('newVisitors')) },
                { id: 'converted', label: t('sameDayBuyers'), value: pw.newVisitorSameDay.converted, rate: pw.newVisitorSameDay.rate, rateLabel: t('sameDayConversion'), onOpen: drill(pathwayTagId('newVisitorSameDay'), t('pathway_newVisitorSameDay')) },
              ]}
            />
            {recallFunnel('unpurchased', 'funnel-unpurchasedReturn', 'pathwayUnpurchased', 'unpurchasedAssets', 'converted')}
            {recallFunnel('purchased', 'funnel-repurchase', 'pathwayRepurchase', 'purchasedAssets', 'repurchased')}
          </div>
        </section>
      )}
      {report && (
        <section className="overview-part">
          <h2>{t('assetLayers')}</h2>
          <FigureMarks figures={['relationship', 'active', 'dormant']} t={t} />
          <div className="grid tiers">
            {(['relationship', 'active', 'dormant'] as const).map((k) => (
              <div key={k} className="card tier">
                <div className="card-label">
                  {t(k)} <Definition metric={k} t={t} />
                </div>
                <div className="card-value" data-testid={`asset-${k}`} data-value={report.assets[k]}>
                  <CardNumber onOpen={drill(`asset:${k}`, t(k))} t={t}>
                    {formatCount(report.assets[k])}
                  </CardNumber>
                </div>
                <div className="card-sub muted">{t(`${k}Hint`)}</div>
                <div className="card-sub muted period" data-testid={`asset-${k}-period`}>
                  {asOfLabel(report.window.end, lang)}
                </div>
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
});
