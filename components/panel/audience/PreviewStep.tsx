import { useEffect, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { AudiencePreviewResult } from '@/components/engine/protocol';
import { countColumn, formatCount, moneyColumn } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { textOf } from '@/lib/i18n/text';
import { Affinity } from './Affinity';
import type { AudienceDraft, AudienceScope } from './useAudienceDraft';

/** How many members the preview lists. */
const PREVIEW_ROWS = 50;

/** Step 2 预览: the first members (昵称, 最近购买, 购买次数, 金额) and the 人货匹配 suggestions; asked for only while shown. */
export function PreviewStep(p: { t: (k: MessageKey) => string; label: (x: { zh: string; en: string }) => string; engine: EngineClient; scope: AudienceScope | null; draft: AudienceDraft; active: boolean }) {
  const { t, draft, scope } = p;
  const source = draft.source;
  const [preview, setPreview] = useState<AudiencePreviewResult | null>(null);

  useEffect(() => {
    if (!p.active || !scope || !source) return setPreview(null);
    let live = true;
    void p.engine.audiencePreview({ kind: 'audiencePreview', ...scope, source, limit: PREVIEW_ROWS }).then((r) => live && setPreview(r));
    return () => {
      live = false;
    };
  }, [p.active, p.engine, scope?.shopId, scope?.token, scope?.window.from, scope?.window.to, source?.expression, source?.lookalike?.n]);

  const size = draft.size;
  // One format per column (never ¥5,000.80 above ¥1.54万).
  const money = moneyColumn(preview?.rows.map((r) => r.paidFen) ?? []);
  const orders = countColumn(preview?.rows.map((r) => r.paidOrders) ?? []);
  return (
    <>
      <section>
        <h2>{t('audience_previewTitle')}</h2>
        {!source && <p className="empty small">{t('audience_pickFirst')}</p>}
        {source && !preview && <p className="muted">{t('computing')}</p>}
        {preview?.ok && preview.size === 0 && <p className="empty small">{t('emptyAudience')}</p>}
        {preview?.ok && preview.rows.length > 0 && (
          <>
            <div className="muted small">{p.label(textOf('audience_previewNote', { n: formatCount(preview.rows.length) }))}</div>
            <table className="table" data-testid="audience-preview" data-size={preview.size}>
              <thead>
                <tr>
                  <th>{t('audience_colNickname')}</th>
                  <th className="nowrap">{t('audience_colLastPaid')}</th>
                  <th className="num">{t('audience_colPaidOrders')}</th>
                  <th className="num">{t('audience_colPaidAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.customerKey} data-testid="audience-preview-row">
                    <td className="ellipsis">{r.nickname ?? '—'}</td>
                    <td className="nowrap">{r.lastPaidDay ?? '—'}</td>
                    <td className="num">{orders(r.paidOrders)}</td>
                    <td className="num">{money(r.paidFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      {size?.ok && size.affinity.length > 0 && <Affinity t={t} label={p.label} affinity={size.affinity} />}
    </>
  );
}
