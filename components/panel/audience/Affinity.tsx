import type { AffinityRecommendation } from '@/lib/engine/affinity';
import { formatRate } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';

/**
 * 人货匹配: products the members have not bought that go with what they did, in the merchant's words
 * (no 置信度 / 提升度: "of those who bought X, this share also bought it", "N times all buyers").
 */
export function Affinity({ t, label, affinity }: { t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string; affinity: readonly AffinityRecommendation[] }) {
  return (
    <section>
      <h2>{t('affinityTitle')}</h2>
      <div className="muted small">{t('affinityNote')}</div>
      <table className="table fixed" data-testid="audience-affinity">
        <thead>
          <tr>
            <th style={{ width: '36%' }}>{t('product')}</th>
            <th className="num" style={{ width: '16%' }}>{t('expectedBuyers')}</th>
            <th style={{ width: '32%' }}>{t('audience_affinityBecause')}</th>
            <th className="num" style={{ width: '16%' }}>{t('audience_affinityLift')}</th>
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
              <td className="num">{label(textOf('audience_affinityTimes', { x: a.because.lift.toFixed(1) }))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
