/**
 * Time in seller-lens: every instant is an ISO 8601 string with the +08:00 offset
 * (Asia/Shanghai has no DST), every day a `YYYY-MM-DD` string in UTC+8.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Years an instant or day may have (UTC+8): older or later ones are refused, never misread. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** Date.UTC for any year: Date.UTC reads years 0–99 as 1900–1999. */
function utcOf(year: number, month0: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month0, day, hour, minute, second, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** True when epoch ms falls in a UTC+8 year from MIN_YEAR to MAX_YEAR. */
function inYears(epochMs: number): boolean {
  const y = new Date(epochMs + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return Number.isFinite(epochMs) && y >= MIN_YEAR && y <= MAX_YEAR;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO-like timestamp (with or without offset; none = UTC+8 wall time) to epoch ms, or
 * null — also for an instant outside the years MIN_YEAR–MAX_YEAR in UTC+8 (0001-01-01 is refused,
 * not read as 1901).
 */
export function parseInstant(text: string): number | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  let utc = utcOf(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-31 over into March: refuse such dates instead.
  const check = new Date(utcOf(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (off === undefined) utc -= SHANGHAI_OFFSET_MS;
  else if (off !== 'Z') {
    const sign = off.startsWith('-') ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2)) * 60_000);
  }
  return inYears(utc) ? utc : null;
}

/** Formats epoch ms as `YYYY-MM-DDTHH:mm:ss+08:00`. */
export function toShanghaiIso(epochMs: number): string {
  const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())}+08:00`;
}

/** Normalises any accepted timestamp text to the canonical +08:00 form, or null when unreadable. */
export function normalizeInstant(text: string): string | null {
  const ms = parseInstant(text);
  return ms === null ? null : toShanghaiIso(ms);
}

/** The UTC+8 calendar day (`YYYY-MM-DD`) of an epoch-ms instant. */
export function dayOfEpoch(epochMs: number): string {
  return toShanghaiIso(epochMs).slice(0, 10);
}

/** The UTC+8 day of a timestamp string (canonical +08:00 strings are sliced, others parsed). */
export function dayOf(instant: string): string {
  if (instant.length >= 10 && instant.endsWith('+08:00')) return instant.slice(0, 10);
  const ms = parseInstant(instant);
  if (ms === null) throw new Error(`unreadable timestamp: ${instant}`);
  return dayOfEpoch(ms);
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` day, for cheap arithmetic. */
export function dayNumber(day: string): number {
  return Math.floor(utcOf(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

/** The `YYYY-MM-DD` day of a day number. */
export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` shifted by `n` days. */
export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** True for a real calendar day written `YYYY-MM-DD`, in the years MIN_YEAR–MAX_YEAR. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR && dayFromNumber(dayNumber(text)) === text;
}

/** Today's UTC+8 day. */
export function today(now: number = Date.now()): string {
  return dayOfEpoch(now);
}
