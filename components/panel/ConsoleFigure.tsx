/**
 * Beside a local figure: the console's own figure for the same period ("罗盘口径 7,702 · 本地已采集 16
 * （0.2%）") and, when the figure rests on inputs the shop has not captured, a 数据不足 mark whose
 * reason opens on click (and shows on hover). The completeness answer comes from the strip
 * (CompletenessStrip publishes it here), so the views need no new props.
 */
import { useState, useSyncExternalStore } from 'react';
import type { CompletenessResult } from '@/components/engine/protocol';
import type { MarkedFigure, ShortReason } from '@/lib/engine/completeness';
import { shareCaptured, type ComparedFigure, type ConsoleFigure as Figure } from '@/lib/engine/console-figures';
import { formatCount, formatRate } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

let current: CompletenessResult | null = null;
const listeners = new Set<() => void>();

/** Sets the completeness of the shop and window shown (null while it is being computed). */
export function publishCompleteness(c: CompletenessResult | null): void {
  current = c;
  for (const l of listeners) l();
}

/** The completeness of the shop and window shown, or null. */
export function useCompleteness(): CompletenessResult | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** A console count as the consoles print it: 7,702 / 23.8万 / 1万 (a whole 万 without ".0"). */
export function consoleCount(n: number): string {
  // \u4e07 \u4ebf: the 万 / 亿 suffixes formatCount writes.
  return formatCount(n).replace(/\.0(?=[\u4e07\u4ebf])/, '');
}

/** A catalogue text with its `{name}` values filled in. */
export const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** The console figure's text: its number or range, and its period when not the window shown. */
function consoleText(f: Figure, t: (k: MessageKey) => string): string {
  const n = f.value !== undefined ? consoleCount(f.value) : `${consoleCount(f.low!)}–${consoleCount(f.high!)}`;
  // Not the window shown: the console's own period, or the day it was seen when it showed none.
  const period = f.exact ? '' : f.window ? fill(t('completeness_consolePeriod'), { from: f.window.start, to: f.window.end }) : fill(t('completeness_consoleSeenOn'), { day: f.seenOn });
  return `${t(`completeness_by_${f.source}` as MessageKey)} ${n}${period}`;
}

/** The reason of a mark, in the panel's language. */
export const reasonText = (reason: ShortReason, t: (k: MessageKey) => string) => t(`completeness_why_${reason}` as MessageKey);

/** The 数据不足 mark: a small button; its reason on hover (title) and, clicked, as text beside it. */
export function ShortMark({ figure, reason, t }: { figure: MarkedFigure; reason: ShortReason; t: (k: MessageKey) => string }) {
  const [open, setOpen] = useState(false);
  const why = reasonText(reason, t);
  return (
    <span className="short-mark-wrap" data-testid={`short-${figure}`}>
      <button type="button" className="short-mark" title={why} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('completeness_short')}
      </button>
      {open && <span className="short-reason small">{why}</span>}
    </span>
  );
}

/** Under a tier value: its 数据不足 mark (if any) and the consoles' figures of the same name for the window shown. */
export function FigureNotes({ figure, local, t }: { figure: string; local: number | null; t: (k: MessageKey) => string }) {
  const c = useCompleteness();
  if (!c) return null;
  const mark = c.marks.find((m) => m.figure === figure);
  const figures = c.figures.filter((f) => f.figure === (figure as ComparedFigure));
  if (!mark && figures.length === 0) return null;
  return (
    <div className="figure-notes small">
      {mark && <ShortMark figure={mark.figure} reason={mark.reason} t={t} />}
      {figures.map((f) => {
        const share = local !== null ? shareCaptured(local, f) : null;
        const localText = local === null ? '' : fill(t(figure === 'highPotential' ? 'completeness_localPredicted' : 'completeness_localCaptured'), { n: formatCount(local) });
        return (
          <div key={f.source} className="console-figure" data-testid={`console-${figure}`}>
            {consoleText(f, t)}
            {localText && ` · ${localText}`}
            {share !== null && fill(t('completeness_share'), { share: formatRate(share) })}
          </div>
        );
      })}
    </div>
  );
}

/** The name of a marked figure, as its card is titled. */
export const FIGURE_LABEL: Record<MarkedFigure, MessageKey> = {
  users: 'users',
  highPotential: 'completeness_predictedHighPotential',
  firstOrder: 'firstOrder',
  repeat: 'repeat',
  newVisitors: 'newVisitors',
  unpurchasedReturning: 'unpurchasedReturning',
  purchasedReturning: 'purchasedReturning',
  newVisitorSameDay: 'pathwayNewVisitor',
  unpurchasedReturn: 'pathwayUnpurchased',
  repurchase: 'pathwayRepurchase',
  relationship: 'relationship',
  active: 'active',
  dormant: 'dormant',
  comparison: 'completeness_figure_comparison',
};

/** Under a section title (pathways, asset layers): each of its figures that is marked, with the reason as text. */
export function FigureMarks({ figures, t }: { figures: readonly MarkedFigure[]; t: (k: MessageKey) => string }) {
  const c = useCompleteness();
  const marks = c ? c.marks.filter((m) => figures.includes(m.figure)) : [];
  if (marks.length === 0) return null;
  return (
    <ul className="figure-marks small">
      {marks.map((m) => (
        <li key={m.figure} data-testid={`short-${m.figure}`}>
          <span className="short-mark">{t('completeness_short')}</span> {fill(t('completeness_markLine'), { figure: t(FIGURE_LABEL[m.figure]), reason: reasonText(m.reason, t) })}
        </li>
      ))}
    </ul>
  );
}
