/** Numbers formatted the way the consoles print them: ¥1,234.50, 12.3万, 12.5%, "—" for none. */

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

/** A fraction as a percentage with one decimal (0.125 → 12.5%); null/NaN → "—", never NaN. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A change vs the previous window with sign and arrow (+12.5% ↑), "—" when unknown. */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  const sign = change > 0 ? '+' : '';
  const arrow = change > 0 ? ' ↑' : change < 0 ? ' ↓' : '';
  return `${sign}${(change * 100).toFixed(1)}%${arrow}`;
}

/** CSS class of a change: up (green), down (red), or none for zero and unknown. */
export function changeClass(change: number | null | undefined): '' | 'up' | 'down' {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) return '';
  return change > 0 ? 'up' : 'down';
}
