import type { Preferences } from '@/lib/engine/preferences';
import { countColumn, formatCount, formatMoney, moneyColumn, unitKey } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { channelLabel } from './labels';

/** 偏好榜单: top products and channels of an audience (ranked by the engine). */
export function PreferenceTable({ prefs, t, testId }: { prefs: Preferences; t: (k: MessageKey) => string; testId: string }) {
  if (prefs.products.length === 0 && prefs.channels.length === 0) return <p className="empty small">{t('noPurchases')}</p>;
  // One format per column (never ¥5,000.80 above ¥1.54万).
  const gmv = moneyColumn(prefs.products.map((r) => r.gmvFen));
  const buyers = countColumn(prefs.products.map((r) => r.buyers));
  const orders = countColumn(prefs.products.map((r) => r.orders));
  return (
    <div className="pref" data-testid={testId}>
      <table className="table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('product')}</th>
            <th className="num">{t('buyers')}</th>
            <th className="num">{t('orders')}</th>
            <th className="num">{t('gmv')}</th>
          </tr>
        </thead>
        <tbody>
          {prefs.products.map((r, i) => (
            <tr key={r.key}>
              <td className="muted">{i + 1}</td>
              <td className="ellipsis" title={r.name}>
                {r.name}
              </td>
              <td className="num">{buyers(r.buyers)}</td>
              <td className="num">{orders(r.orders)}</td>
              <td className="num">{gmv(r.gmvFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {prefs.channels.length > 0 && (
        <div className="chips small">
          {prefs.channels.map((c) => (
            <span key={c.key} className="chip static">
              {channelLabel(c.key, c.name, t)} · {formatCount(c.buyers)} {t(unitKey('persons', c.buyers))} · {formatMoney(c.gmvFen)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
