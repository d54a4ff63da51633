import { useState } from 'react';
import { liftVerdict, type ConversionReport } from '@/lib/audience/conversion';
import { recordFormatLabel } from '@/lib/export/formats';
import { changeClass, formatCount, formatMoney, formatRate } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';
import type { ExportRecord } from '@/lib/model';

/**
 * 转化报告: past exports, and the conversion report of one (members vs the held-out control), with a
 * verdict in plain words ("比对照组多转化 N 个百分点") — or why none can be given (no control, a
 * control under 30 people, nobody bought yet: lib/audience/conversion.ts liftVerdict).
 */
export function Conversion(p: {
  t: (k: MessageKey) => string;
  exportsList: ExportRecord[] | undefined;
  /** Computes an export's report; null when it failed (the caller shows why). */
  load: (exportId: string) => Promise<ConversionReport | null>;
}) {
  const { t, exportsList } = p;
  const label = (x: { zh: string; en: string }) => (t('exports_lang') === 'en' ? x.en : x.zh);
  const [conversion, setConversion] = useState<ConversionReport | null>(null);

  async function show(exportId: string) {
    const r = await p.load(exportId);
    if (r) setConversion(r);
  }

  return (
    <section>
      <h2>{t('conversionTitle')}</h2>
      {exportsList && exportsList.length === 0 && <p className="empty small">{t('noExports')}</p>}
      {exportsList && exportsList.length > 0 && (
        <table className="table" data-testid="export-records">
          <thead>
            <tr>
              <th>{t('audienceName')}</th>
              <th>{t('format')}</th>
              <th>{t('exportedAt')}</th>
              <th className="num">{t('exportedMembers')}</th>
              <th className="num">{t('controlGroup')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {exportsList.slice(0, 50).map((e) => (
              <tr key={e.exportId} data-testid="export-record" data-id={e.exportId}>
                <td className="ellipsis" title={e.name}>
                  {e.name}
                </td>
                <td className="nowrap small" data-format={e.format}>
                  {label(recordFormatLabel(e.format))}
                </td>
                <td className="nowrap small">{e.exportedAt.slice(0, 16).replace('T', ' ')}</td>
                <td className="num">{formatCount(e.members.length)}</td>
                <td className="num">{formatCount(e.control.length)}</td>
                <td className="nowrap">
                  <button type="button" className="link" data-testid="export-record-conversion" onClick={() => void show(e.exportId)}>
                    {t('conversionReport')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {conversion && <ConversionCard conversion={conversion} t={t} />}
    </section>
  );
}

/** The verdict sentence of a report (see liftVerdict). */
function verdictText(conversion: ConversionReport, label: (x: { zh: string; en: string }) => string): string {
  const v = liftVerdict(conversion);
  switch (v.kind) {
    case 'no-control':
      return label(textOf('exports_verdictNoControl'));
    case 'control-too-small':
      return label(textOf('exports_verdictSmallControl', { n: v.control, min: v.min }));
    case 'no-purchases':
      return label(textOf('exports_verdictNoBuyers'));
    case 'difference': {
      const vars = { pp: Math.abs(v.points).toFixed(1), m: formatRate(v.memberRate), c: formatRate(v.controlRate) };
      if (vars.pp === '0.0') return label(textOf('exports_verdictSame', vars));
      return label(textOf(v.points > 0 ? 'exports_verdictMore' : 'exports_verdictLess', vars));
    }
  }
}

function ConversionCard({ conversion, t }: { conversion: ConversionReport; t: (k: MessageKey) => string }) {
  const verdict = liftVerdict(conversion);
  // The view's language, read through `t` so the component's props stay as they were.
  const label = (x: { zh: string; en: string }) => (t('exports_lang') === 'en' ? x.en : x.zh);
  return (
    <div className="card conversion" data-testid="conversion-report" data-export={conversion.exportId}>
      <div className="muted small">
        {conversion.from} ~ {conversion.to} · {conversion.days} {t('daysUnit')}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th />
            <th className="num">{t('groupSize')}</th>
            <th className="num">{t('buyers')}</th>
            <th className="num">{t('conversionRate')}</th>
            <th className="num">{t('gmv')}</th>
            <th className="num">{t('aov')}</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['members', t('exportedMembers'), conversion.members],
              ['control', t('controlGroup'), conversion.control],
            ] as const
          ).map(([k, title, g]) => (
            <tr key={k} data-testid={`conversion-${k}`}>
              <td>{title}</td>
              <td className="num">{formatCount(g?.size)}</td>
              <td className="num" data-testid={`conversion-${k}-purchasers`} data-value={g?.purchasers ?? ''}>
                {formatCount(g?.purchasers)}
              </td>
              <td className="num" data-testid={`conversion-${k}-rate`} data-value={g?.rate ?? ''}>
                {formatRate(g?.rate)}
              </td>
              <td className="num" data-testid={`conversion-${k}-gmv`} data-value={g?.gmvFen ?? ''}>
                {formatMoney(g?.gmvFen)}
              </td>
              <td className="num">{formatMoney(g?.aovFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        {t('exports_verdictTitle')}:{' '}
        <b
          data-testid="conversion-lift"
          data-value={conversion.lift ?? ''}
          data-verdict={verdict.kind}
          className={verdict.kind === 'difference' ? changeClass(verdict.points) : 'muted'}
        >
          {verdictText(conversion, label)}
        </b>
      </div>
    </div>
  );
}
