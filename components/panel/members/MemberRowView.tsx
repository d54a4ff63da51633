import type { MemberRow } from '@/lib/audience/member-list';
import { fenToYuanText, formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

/** Height of one member row (px): two lines, nickname over id and phone. */
export const MEMBER_ROW_HEIGHT = 44;

/** The list's column heads (the row's cells line up under them). */
export function MemberHead({ t }: { t: (k: MessageKey) => string }) {
  return (
    <div className="member-row member-head muted small" role="row">
      <span className="m-name">{t('members_colName')}</span>
      <span className="m-last">{t('members_colLastPaid')}</span>
      <span className="m-orders num">{t('members_colOrders')}</span>
      <span className="m-amount num">{t('members_colAmount')}</span>
      <span className="m-region">{t('members_colRegion')}</span>
    </div>
  );
}

/** One member: nickname (id and phone as shown under it), 最近购买, 购买次数, 成交金额 (one money format for the column), 省市. */
export function MemberRowView({ row, t }: { row: MemberRow | undefined; t: (k: MessageKey) => string }) {
  if (!row)
    return (
      <div className="member-row muted" role="row">
        {t('members_loading')}
      </div>
    );
  const ids = [row.buyerId && row.buyerId !== row.nickname ? `${t('members_id')} ${row.buyerId}` : '', row.phone ? `${t('members_phone')} ${row.phone}` : ''].filter(Boolean);
  return (
    <div className="member-row" role="row" data-testid="member-row" data-key={row.customerKey}>
      <span className="m-name">
        <span className="m-nick" data-testid="member-name">
          {row.nickname ?? row.buyerId ?? '—'}
        </span>
        {ids.length > 0 && (
          <span className="muted small m-ids" title={ids.join(' · ')}>
            {ids.join(' · ')}
          </span>
        )}
      </span>
      <span className="m-last">{row.lastPaidDay ?? '—'}</span>
      <span className="m-orders num">{formatCount(row.paidOrders)}</span>
      <span className="m-amount num">¥{fenToYuanText(row.paidFen)}</span>
      <span className="m-region" title={row.region}>
        {row.region ?? '—'}
      </span>
    </div>
  );
}
