/** Numbers formatted the way the consoles print them: ¥1,234.50, 12.3万, 12.5%, "—" for none. */
import { t, type Lang, type MessageKey } from './messages';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Integer fen as yuan text with two decimals and thousands separators, e.g. 123450 → "1,234.50" (exact, no floats). */
export function fenToYuanText(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${group(String(yuan))}.${cents}`;
}

/** Money for display: ¥1,234.50 below 1万 yuan, ¥12.35万 / ¥1.20亿 above, as the consoles do. */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 1e8) return `¥${(yuan / 1e8).toFixed(2)}亿`;
  if (Math.abs(yuan) >= 1e4) return `¥${(yuan / 1e4).toFixed(2)}万`;
  return `¥${fenToYuanText(fen)}`;
}

/** Counts: 9,999 below 1万, then 1.2万 / 3.4亿 (one decimal, as 罗盘 prints them). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 1e8) return `${trim1(n / 1e8)}亿`;
  if (Math.abs(n) >= 1e4) return `${trim1(n / 1e4)}万`;
  return group(String(Math.round(n)));
}

const trim1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const groupDecimal = (text: string) => text.replace(/^-?\d+/, (int) => group(int));

/** A fraction as a percentage with one decimal (0.125 → 12.5%); null/NaN → "—", never NaN. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A relative change with arrow and sign (▲ +12.5%, ▼ -3.2%), "—" when unknown. */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  const sign = change > 0 ? '+' : '';
  const arrow = change > 0 ? '▲ ' : change < 0 ? '▼ ' : '';
  return `${arrow}${sign}${(change * 100).toFixed(1)}%`;
}

/** CSS class of a change: rise (▲ red) or fall (▼ green), the consoles' colours; none for zero and unknown. */
export function changeClass(change: number | null | undefined): '' | 'rise' | 'fall' {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) return '';
  return change > 0 ? 'rise' : 'fall';
}

// ——— changes, periods and columns (issue 13 items 3 and 10) ———

/**
 * Below this previous value a count's change is shown as a difference ("+3 人"), not a
 * percentage: "+150%" on a base of 2 says more about the base than the shop.
 */
export const SMALL_BASE = 20;

/** What a figure measures, which decides how its change is written. */
export type ChangeKind = 'count' | 'money' | 'rate';

/** A change as shown: text with arrow and sign, and its direction (up = ▲ red, down = ▼ green, as the consoles colour them). */
export interface ChangeText {
  text: string;
  direction: 'up' | 'down' | 'flat' | 'none';
}

/** What a count counts: 'persons' (人 / people) or 'orders' (单 / orders). */
export type CountUnit = 'persons' | 'orders';

/** The catalogue key of `unit` beside a count of n: English says "1 person" and "1 order"; Chinese has one form. */
export function unitKey(unit: CountUnit, n: number): MessageKey {
  if (unit === 'orders') return n === 1 ? 'orderUnitOne' : 'ordersUnit';
  return n === 1 ? 'person' : 'persons';
}

/**
 * The change from `previous` to `current`:
 * - rates (fractions) in 个百分点 / pts: 0.12 → 0.15 is "▲ +3.0 个百分点";
 * - counts in % when the previous value is ≥ SMALL_BASE, else as a difference with `unit` ("▲ +3 人");
 * - money in % when there was money before, else as a difference ("▲ +¥12.00").
 * Unknown on either side → "—"; equal → 持平 / no change.
 */
export function describeChange(current: number | null | undefined, previous: number | null | undefined, kind: ChangeKind, lang: Lang, unit?: CountUnit): ChangeText {
  if (current === null || current === undefined || previous === null || previous === undefined || !Number.isFinite(current) || !Number.isFinite(previous)) return { text: '—', direction: 'none' };
  const diff = current - previous;
  if (diff === 0) return { text: t('change_flat', lang), direction: 'flat' };
  const direction = diff > 0 ? 'up' : 'down';
  const arrow = diff > 0 ? '▲' : '▼';
  const sign = diff > 0 ? '+' : '-';
  const abs = Math.abs(diff);
  let body: string;
  if (kind === 'rate') body = `${sign}${(abs * 100).toFixed(1)} ${t('change_points', lang)}`;
  else if (kind === 'money' && previous <= 0) body = `${sign}${formatMoney(abs)}`;
  else if (kind === 'count' && previous < SMALL_BASE) body = `${sign}${formatCount(abs)}${unit ? ` ${t(unitKey(unit, abs), lang)}` : ''}`;
  else body = `${sign}${((abs / previous) * 100).toFixed(1)}%`;
  return { text: `${arrow} ${body}`, direction };
}

/** Whole days of a window, both ends included. */
function windowDays(w: { start: string; end: string }): number {
  return Math.round((Date.parse(`${w.end}T00:00:00Z`) - Date.parse(`${w.start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A card's period: "近30天" / "Last 30 days" (the windows end on the day shown), one day as its date "11-20". */
export function periodLabel(w: { start: string; end: string }, lang: Lang): string {
  const n = windowDays(w);
  if (!Number.isFinite(n) || n <= 1) return w.end.slice(5);
  return t('period_lastDays', lang).replace('{n}', String(n));
}

/** A figure taken at the end of a window: "截至 11-20" / "as of 11-20". */
export function asOfLabel(day: string, lang: Lang): string {
  return t('period_asOf', lang).replace('{day}', day.slice(5));
}

/**
 * One money format for a whole table column: exact yuan (¥5,000.80, ¥15,400.00) for every row,
 * switching the whole column to 万 only when a value reaches 1亿 yuan — never ¥5,000.80 above ¥1.54万.
 */
export function moneyColumn(fens: readonly (number | null | undefined)[]): (fen: number | null | undefined) => string {
  const big = fens.some((f) => f !== null && f !== undefined && Math.abs(f) >= 1e10);
  return (fen) => {
    if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
    return big ? `¥${groupDecimal((fen / 1e6).toFixed(2))}万` : `¥${fenToYuanText(fen)}`;
  };
}

/** One count format for a whole table column: grouped integers (12,345) unless a value reaches 100万, then 万 for every row. */
export function countColumn(values: readonly (number | null | undefined)[]): (n: number | null | undefined) => string {
  const big = values.some((v) => v !== null && v !== undefined && Math.abs(v) >= 1e6);
  return (n) => {
    if (n === null || n === undefined || !Number.isFinite(n)) return '—';
    return big ? `${trim1(n / 1e4)}万` : group(String(Math.round(n)));
  };
}
