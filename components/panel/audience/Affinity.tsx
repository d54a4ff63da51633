import type { AffinityRecommendation } from '@/lib/engine/affinity';
import { formatRate } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

/** 人货匹配: products the members have not bought that go with what they did. */
export function Affinity({ t, affinity }: { t: (k: MessageKey) => string; affinity: readonly AffinityRecommendation[] }) {
  return (
    <section>
      <h2>{t('affinityTitle')}</h2>
      <div className="muted small">{t('affinityNote')}</div>
      <table className="table fixed" data-testid="audience-affinity">
        <thead>
          <tr>
            <th style={{ width: '38%' }}>{t('product')}</th>
            <th className="num" style={{ width: '17%' }}>{t('expectedBuyers')}</th>
            <th style={{ width: '33%' }}>{t('because')}</th>
            <th className="num" style={{ width: '12%' }}>{t('lift')}</th>
          </tr>
        </thead>
        <tbody>
          {affinity.map((a) => (
            <tr key={a.productKey}>
              <td className="clip" title={a.productName}>
                {a.productName}
              </td>
              <td className="num">{a.expectedBuyers.toFixed(1)}</td>
              <td className="muted small clip" title={a.because.productName}>
                {a.because.productName} → {formatRate(a.because.confidence)}
              </td>
              <td className="num">{a.because.lift.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
