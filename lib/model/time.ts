/**
 * Time in seller-lens: every instant is an ISO 8601 string with the +08:00 offset
 * (Asia/Shanghai has no DST), every day a `YYYY-MM-DD` string in UTC+8.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO-like timestamp (with or without offset; none = UTC+8 wall time) to epoch ms, or null. */
export function parseInstant(text: string): number | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-31 over into March: refuse such dates instead.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (off === undefined) utc -= SHANGHAI_OFFSET_MS;
  else if (off !== 'Z') {
    const sign = off.startsWith('-') ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2)) * 60_000);
  }
  return utc;
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
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
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

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayFromNumber(dayNumber(text)) === text;
}

/** Today's UTC+8 day. */
export function today(now: number = Date.now()): string {
  return dayOfEpoch(now);
}
