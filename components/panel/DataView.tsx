import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import { LineChart } from '@/components/charts/LineChart';
import { getDb } from '@/lib/db';
import { COVERAGE_TARGET } from '@/lib/engine/coverage';
import { formatCount, formatMoney, formatRate, unitKey } from '@/lib/i18n/format';
import { pageLabel, snapshotMetricLabel } from './labels';
import type { ViewProps } from './types';

/** What the 数据 view needs beyond every view's props; `engine` prunes old raw rows (the one writer, in the worker). */
export interface DataViewProps {
  shopId: string | null;
  engine?: EngineClient;
}

/**
 * 数据: coverage against the 70% target, captures with the rows that could not be read, 罗盘 history.
 * Retention, erasing a customer and deleting the shop are in 设置与数据 (SettingsView).
 */
export function DataView({ report, extras, t, shopId, engine }: ViewProps & DataViewProps) {
  // Summaries only (schema v4): the list never loads the captures' raw rows.
  const captures = useLiveQuery(async () => {
    if (!shopId) return [];
    const all = await getDb().captureSummaries.where('[shopId+capturedAt]').between([shopId, ''], [shopId, '\uffff']).reverse().toArray();
    return all;
  }, [shopId]);
  // Retention: on opening, raw rows of captures older than captureRetentionDays are emptied (records stay).
  useEffect(() => {
    if (shopId && engine) void engine.pruneCaptures({ kind: 'pruneCaptures', shopId }).catch(() => undefined);
  }, [engine, shopId]);
  const snapshots = useLiveQuery(async () => (shopId ? getDb().platformSnapshots.where('shopId').equals(shopId).toArray() : []), [shopId]);
  const [open, setOpen] = useState<string | null>(null);

  const history = useMemo(() => {
    const bySource = new Map<string, typeof snapshots>();
    for (const s of snapshots ?? []) bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
    return [...bySource.entries()].flatMap(([source, list]) => {
      const sorted = [...list!].sort((a, b) => (a.seenOn < b.seenOn ? -1 : 1));
      const keys = [...new Set(sorted.flatMap((s) => Object.keys(s.metrics)))];
      // One chart per unit (counts, money, rates): mixing fen, fractions and counts on one axis says nothing.
      return (['count', 'money', 'rate'] as const)
        .map((kind) => ({
          source,
          kind,
          labels: sorted.map((s) => s.seenOn),
          series: keys
            .filter((k) => metricKind(k) === kind)
            .map((k) => ({ label: snapshotMetricLabel(k, t), values: sorted.map((s) => s.metrics[k]?.value ?? null) })),
        }))
        .filter((h) => h.series.length > 0);
    });
  }, [snapshots, t]);

  const rejectedTotal = (captures ?? []).reduce((s, c) => s + c.rejected.length, 0);
  const cov = report?.coverage;
  const counts = extras?.coverageCounts;

  return (
    <>
      <section>
        <h2>{t('coverageTitle')}</h2>
        <div className="muted small">
          {t('coverageNote')} {counts ? `(${formatCount(counts.base)} ${t(unitKey('persons', counts.base))})` : ''}
        </div>
        {cov ? (
          <div className="coverage" data-testid="coverage">
            {(['all', 'gender', 'city', 'phone'] as const).map((k) => {
              const v = cov[k];
              const ok = v !== null && v >= COVERAGE_TARGET;
              return (
                <div key={k} className="cov-row">
                  <span className="cov-label">{t(`coverage_${k}`)}</span>
                  <span className="cov-bar">
                    <span className={ok ? 'ok' : 'low'} style={{ width: `${Math.round((v ?? 0) * 100)}%` }} />
                    <i style={{ left: `${COVERAGE_TARGET * 100}%` }} title={t('coverageTarget')} />
                  </span>
                  <span className={`cov-value num ${ok ? 'up' : 'down'}`} data-testid={`coverage-${k}`} data-value={v ?? ''}>
                    {formatRate(v)}
                  </span>
                  <span className="cov-count muted small num">{counts ? formatCount(counts[k]) : ''}</span>
                </div>
              );
            })}
            <div className="muted small">
              {t('coverageTarget')} {formatRate(COVERAGE_TARGET, 0)}
            </div>
          </div>
        ) : (
          <p className="empty">{t('noReport')}</p>
        )}
      </section>

      <section>
        <h2>
          {t('capturesTitle')} <span className="muted small">({formatCount(captures?.length ?? 0)})</span>
        </h2>
        {rejectedTotal > 0 && (
          <div className="warn small" data-testid="rejected-total" data-value={rejectedTotal}>
            {rejectedTotal} {t('rejectedRows')}
          </div>
        )}
        {captures && captures.length === 0 && <p className="empty small">{t('noCaptures')}</p>}
        {captures && captures.length > 0 && (
          <table className="table captures" data-testid="captures-table">
            <thead>
              <tr>
                <th>{t('capturedAt')}</th>
                <th>{t('page')}</th>
                <th className="num">{t('rows')}</th>
                <th className="num">{t('rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {captures.slice(0, 200).map((c) => (
                <Fragment key={c.captureId}>
                  <tr data-testid="capture-row" className={c.rejected.length ? 'clickable' : ''} onClick={() => c.rejected.length && setOpen(open === c.captureId ? null : c.captureId)}>
                    <td className="nowrap">{c.capturedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td className="ellipsis" title={c.url}>
                      <span className="tag">{pageLabel(c.adapter, t)}</span> {c.url.replace(/^https?:\/\//, '')}
                      {c.refreshCount ? (
                        <span className="muted small" data-testid="capture-refreshed" title={t('capturesRefreshed')}>
                          {' '}×{c.refreshCount + 1}
                        </span>
                      ) : null}
                      {c.rawRowsPruned ? (
                        <span className="muted small" data-testid="capture-pruned">
                          {' '}· {t('capturesPruned')}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{formatCount(c.rowCount)}</td>
                    <td className={`num ${c.rejected.length ? 'down' : 'muted'}`}>
                      {c.rejected.length}
                      {c.rejected.length > 0 && (open === c.captureId ? ' ▾' : ' ▸')}
                    </td>
                  </tr>
                  {open === c.captureId && (
                    <tr>
                      <td colSpan={4}>
                        <ul className="rejected" data-testid="rejected-list">
                          {c.rejected.map((r, i) => (
                            <li key={i}>
                              <b>
                                {t('row')} {r.row + 1}
                              </b>
                              : {r.reason}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h2>{t('platformHistory')}</h2>
        {history.length === 0 ? (
          <p className="empty small">{t('noPlatformSnapshots')}</p>
        ) : (
          history.map((h) => (
            <div key={`${h.source}-${h.kind}`} data-testid={h.kind === 'count' ? `history-${h.source}` : `history-${h.source}-${h.kind}`}>
              <div className="muted small">
                {pageLabel(h.source, t)} · {h.labels.length} {t('daysUnit')}
              </div>
              <LineChart labels={h.labels.map((d) => d.slice(5))} series={h.series} format={FORMAT_OF[h.kind]} />
            </div>
          ))
        )}
      </section>

    </>
  );
}

/** How a platform metric is measured: `…Fen` money, shares and rates as fractions, else counts; preference lists are not history. */
function metricKind(key: string): 'count' | 'money' | 'rate' | null {
  if (key.startsWith('prefer')) return null;
  if (key.endsWith('Fen')) return 'money';
  if (/(Rate|Conversion|Share)$/.test(key)) return 'rate';
  return 'count';
}

const FORMAT_OF = { count: (v: number) => formatCount(v), money: (v: number) => formatMoney(v), rate: (v: number) => formatRate(v) };
