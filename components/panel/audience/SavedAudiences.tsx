import { useEffect, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Audience, ExportRecord } from '@/lib/model';

/** Saved audiences (their conditions in words) with their size in the window shown and their last export; load, lookalike, delete. */
export function SavedAudiences(p: {
  t: (k: MessageKey) => string;
  engine: EngineClient;
  /** The request the sizes are asked for (null until a report is shown). */
  scope: { shopId: string; window: { from: string; to: string }; token: string } | null;
  saved: Audience[] | undefined;
  exportsList: ExportRecord[] | undefined;
  /** An expression's conditions in the merchant's words. */
  describe: (expression: string) => string;
  onLoad: (a: Audience) => void;
  onLookalike: (a: Audience, size: number | null) => void;
}) {
  const { t, engine, scope, saved } = p;
  // Keyed by audience id (a Map: an id read from a restored file can be any text).
  const [sizes, setSizes] = useState<Map<string, number | null>>(new Map());

  useEffect(() => {
    if (!scope || !saved) return;
    let live = true;
    void Promise.all(
      saved.map(async (a) => {
        const r = await engine.audienceSize({ kind: 'audienceSize', ...scope, source: { expression: a.expression } });
        return [a.audienceId, r.ok ? r.size : null] as const;
      }),
    ).then((pairs) => live && setSizes(new Map(pairs)));
    return () => {
      live = false;
    };
  }, [engine, saved, scope?.shopId, scope?.token, scope?.window.from, scope?.window.to]);

  const lastExportOf = (audienceId: string) => p.exportsList?.find((e) => e.audienceId === audienceId);

  return (
    <section>
      <h2>
        {t('savedAudiences')} <span className="muted small">({saved?.length ?? 0})</span>
      </h2>
      {saved && saved.length === 0 && <p className="empty small">{t('noSavedAudiences')}</p>}
      {saved && saved.length > 0 && (
        <table className="table" data-testid="saved-audiences">
          <thead>
            <tr>
              <th>{t('audienceName')}</th>
              <th className="num">{t('audienceSize')}</th>
              <th>{t('lastExport')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {saved.map((a) => {
              const last = lastExportOf(a.audienceId);
              const size = sizes.get(a.audienceId);
              return (
                <tr key={a.audienceId} data-testid="saved-audience" data-id={a.audienceId}>
                  <td className="ellipsis" title={p.describe(a.expression)}>
                    <b>{a.name}</b>
                    <div className="muted small" data-testid="saved-audience-conditions">{p.describe(a.expression)}</div>
                  </td>
                  <td className="num" data-testid="saved-audience-size" data-value={size ?? ''}>
                    {formatCount(size)}
                  </td>
                  <td className="nowrap small">{last ? last.exportedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                  <td className="nowrap">
                    <button type="button" className="link" data-testid="saved-audience-load" onClick={() => p.onLoad(a)}>
                      {t('load')}
                    </button>
                    <button type="button" className="link" data-testid="saved-audience-lookalike" onClick={() => p.onLookalike(a, size ?? null)}>
                      {t('lookalike')}
                    </button>
                    <button type="button" className="link danger-link" data-testid="saved-audience-delete" onClick={() => void engine.deleteAudience({ kind: 'deleteAudience', audienceId: a.audienceId })}>
                      {t('delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
