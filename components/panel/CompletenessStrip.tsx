/**
 * 数据完整度 strip above every view (issue 13 item 1): the days the data covers, the console pages
 * captured (with the last capture), what is missing and where to capture it (links open the
 * console page in a new tab), and how many figures are marked 数据不足; expandable for the pages,
 * every console page of the platform and each marked figure with its reason. Asked of the worker
 * once the report of the window is shown, so the first screen does not wait for it.
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { CompletenessResult } from '@/components/engine/protocol';
import { CONSOLE_PAGES, type ConsolePageId } from '@/lib/engine/console-pages';
import type { DayWindow } from '@/lib/engine/window';
import { formatAgo } from '@/lib/i18n/ago';
import { formatCount } from '@/lib/i18n/format';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { FIGURE_LABEL, fill, publishCompleteness, reasonText, useCompleteness } from './ConsoleFigure';

type T = (k: MessageKey) => string;

/** A catalogue text with `{name}` placeholders replaced by nodes (links), the rest kept as text. */
function fillNodes(text: string, vars: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return <Fragment key={i}>{m && m[1]! in vars ? vars[m[1]!] : part}</Fragment>;
  });
}

const pageName = (id: ConsolePageId | null, t: T) => t(id ? (`completeness_page_${id}` as MessageKey) : 'completeness_page_other');

function PageLink({ id, t }: { id: ConsolePageId; t: T }) {
  const page = CONSOLE_PAGES.find((p) => p.id === id)!;
  return (
    <a href={page.url} target="_blank" rel="noreferrer" data-testid={`capture-link-${id}`}>
      {pageName(id, t)}
    </a>
  );
}

/** A capture time (ISO) or a snapshot's day as "2 小时前". */
const agoText = (at: string, lang: Lang) => formatAgo(Date.parse(at.length === 10 ? `${at}T00:00:00+08:00` : at), Date.now(), lang);

/** The strip; it asks the worker for the shop's completeness whenever the data token or the window shown changes. */
export function CompletenessStrip({ engine, shopId, token, window, t, lang }: { engine: EngineClient; shopId: string | null; token: string | null; window: DayWindow | null; t: T; lang: Lang }) {
  const c = useCompleteness();
  const [open, setOpen] = useState(false);
  const from = window?.start, to = window?.end;
  // Another shop: its figures go at once; a new token or window keeps the last answer until the next arrives.
  useEffect(() => publishCompleteness(null), [shopId]);
  useEffect(() => {
    if (!shopId || token == null || !from || !to) return;
    let live = true;
    engine
      .completeness({ kind: 'completeness', shopId, token, window: { from, to } })
      .then((r) => live && publishCompleteness(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [engine, shopId, token, from, to]);
  if (!c) return null;
  return (
    <section className="completeness" data-testid="completeness-strip">
      <div className="completeness-line small">
        <span data-testid="completeness-range">
          {c.firstDay && c.lastDay ? fill(t('completeness_range'), { from: c.firstDay, to: c.lastDay }) : t('completeness_noData')}
        </span>
        {' · '}
        <span data-testid="completeness-pages">
          {fill(t('completeness_pages'), { n: String(c.pages.length) })}
          {c.lastCaptureAt && fill(t('completeness_last'), { ago: agoText(c.lastCaptureAt, lang) })}
        </span>
        {c.missing.length > 0 && (
          <span data-testid="completeness-missing">
            {' · '}
            {t('completeness_missing')}
            {c.missing.map((m, i) => (
              <Fragment key={m.input}>
                {i > 0 && t('completeness_listSep')}
                {fillNodes(t('completeness_missingItem'), {
                  need: t((m.input === 'consoleFigures' ? `completeness_need_consoleFigures_${c.platform}` : `completeness_need_${m.input}`) as MessageKey),
                  where: m.page ? fillNodes(t('completeness_goCapture'), { page: <PageLink id={m.page} t={t} /> }) : t('completeness_noPage'),
                })}
              </Fragment>
            ))}
          </span>
        )}
        {c.marks.length > 0 && (
          <>
            {' · '}
            <span className="short-count">{fill(t('completeness_marksCount'), { n: String(c.marks.length) })}</span>
          </>
        )}{' '}
        <button type="button" className="link" data-testid="completeness-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('completeness_hide') : t('completeness_details')}
        </button>
      </div>
      {open && <Details c={c} t={t} lang={lang} />}
    </section>
  );
}

function Details({ c, t, lang }: { c: CompletenessResult; t: T; lang: Lang }) {
  const captured = new Set(c.pages.map((p) => p.page));
  return (
    <div className="completeness-details small" data-testid="completeness-details">
      {c.windowBeforeData && c.firstDay && <p className="muted">{fill(t('completeness_windowBeforeData'), { from: c.window.start, first: c.firstDay })}</p>}
      {c.pages.length > 0 && (
        <table className="table">
          <caption>{t('completeness_pagesTitle')}</caption>
          <thead>
            <tr>
              <th>{t('completeness_pageCol')}</th>
              <th className="num">{t('completeness_capturesCol')}</th>
              <th className="num">{t('completeness_rowsCol')}</th>
              <th>{t('completeness_lastCol')}</th>
            </tr>
          </thead>
          <tbody>
            {c.pages.map((p) => (
              <tr key={p.adapter} data-testid={`completeness-page-${p.adapter}`}>
                <td>{pageName(p.page, t)}</td>
                <td className="num">{formatCount(p.captures)}</td>
                <td className="num">{formatCount(p.rows)}</td>
                <td>
                  {agoText(p.lastAt, lang)}
                  {p.captures === 0 && t('completeness_snapshotOnly')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>{t('completeness_allPagesTitle')}</div>
      <ul className="completeness-consoles">
        {CONSOLE_PAGES.filter((p) => p.platform === c.platform).map((p) => (
          <li key={p.id}>
            <PageLink id={p.id} t={t} /> <span className="muted">{captured.has(p.id) ? t('completeness_captured') : t('completeness_notCaptured')}</span>
          </li>
        ))}
      </ul>
      {c.marks.length > 0 && (
        <>
          <div>{t('completeness_marksTitle')}</div>
          <ul className="completeness-marks" data-testid="completeness-marks">
            {c.marks.map((m) => (
              <li key={m.figure}>{fill(t('completeness_markLine'), { figure: t(FIGURE_LABEL[m.figure]), reason: reasonText(m.reason, t) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
