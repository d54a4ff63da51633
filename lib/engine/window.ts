/** Windows of whole UTC+8 days (SPEC §2): default, presets, previous window, lookback. */
import { dayFromNumber, dayNumber, isDay, today } from '../model';
import { NO_DAY, type Snapshot } from './snapshot';

/** A window [start, end] of `YYYY-MM-DD` days, both included. */
export interface DayWindow {
  start: string;
  end: string;
}

/** The same window as day numbers, both included. */
export interface DayRange {
  start: number;
  end: number;
}

/** The lookback L of SPEC §2, in days. */
export const LOOKBACK_DAYS = 365;
/** Default window length (SPEC §2). */
export const DEFAULT_WINDOW_DAYS = 30;

export const WINDOW_PRESETS = ['近7天', '近30天', '近90天', '自然月'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];
/** The one-day presets: calendar days of the merchant's clock (UTC+8), not of the data. */
export type DayPreset = '今日' | '昨日';

/** Latest day with data of a snapshot (any contact, placedAt or paidAt) as `YYYY-MM-DD`; `fallbackDay` when none. */
export function latestDataDay(snap: Snapshot, fallbackDay: string): string {
  return snap.latestDay === NO_DAY ? fallbackDay : dayFromNumber(snap.latestDay);
}

function checkDay(label: string, day: string): void {
  if (!isDay(day)) throw new Error(`${label} "${day}" is not a YYYY-MM-DD day`);
}

/**
 * The window for an optional start and end (SPEC §2): neither → the 30 days ending `latestDay`;
 * only an end → the 30 days ending there; only a start → from it to `latestDay`.
 * Throws a clear error for a malformed day or a start after the end.
 */
export function resolveWindow(range: { from?: string; to?: string }, latestDay: string): DayWindow {
  checkDay('latest day', latestDay);
  if (range.from !== undefined) checkDay('start', range.from);
  if (range.to !== undefined) checkDay('end', range.to);
  const end = range.to ?? latestDay;
  const start = range.from ?? dayFromNumber(dayNumber(end) - (DEFAULT_WINDOW_DAYS - 1));
  if (dayNumber(start) > dayNumber(end)) throw new Error(`window start ${start} is after its end ${end}`);
  return { start, end };
}

/** The previous window: same length, ending the day before `w.start`. */
export function previousWindow(w: DayWindow): DayWindow {
  const s = dayNumber(w.start), e = dayNumber(w.end);
  const len = e - s + 1;
  return { start: dayFromNumber(s - len), end: dayFromNumber(s - 1) };
}

/** Number of days in a window. */
export function windowLength(w: DayWindow): number {
  return dayNumber(w.end) - dayNumber(w.start) + 1;
}

/** A window as day numbers. */
export function toRange(w: DayWindow): DayRange {
  return { start: dayNumber(w.start), end: dayNumber(w.end) };
}

/**
 * A preset window ending on `latestDay`: 近7天 / 近30天 / 近90天 are the N days ending it;
 * 自然月 is the calendar month of `month` (`YYYY-MM`, whole month) or, without it, the month of
 * `latestDay` from its 1st up to `latestDay` (the days after it have no data yet).
 */
export function presetWindow(preset: WindowPreset, latestDay: string, month?: string): DayWindow {
  checkDay('latest day', latestDay);
  const last = dayNumber(latestDay);
  switch (preset) {
    case '近7天':
      return { start: dayFromNumber(last - 6), end: latestDay };
    case '近30天':
      return { start: dayFromNumber(last - 29), end: latestDay };
    case '近90天':
      return { start: dayFromNumber(last - 89), end: latestDay };
    case '自然月': {
      if (month !== undefined) {
        const first = `${month}-01`;
        checkDay('month', first);
        const y = Number(month.slice(0, 4)), mo = Number(month.slice(5, 7));
        const nextFirst = Date.UTC(y, mo, 1) / 86_400_000;
        return { start: first, end: dayFromNumber(nextFirst - 1) };
      }
      return { start: `${latestDay.slice(0, 7)}-01`, end: latestDay };
    }
  }
}

/**
 * 今日 is the UTC+8 calendar day of the instant `nowMs`, 昨日 the day before: one whole day each
 * (SPEC §2), whose previous window (previousWindow) is the day before it.
 */
export function dayPresetWindow(preset: DayPreset, nowMs: number): DayWindow {
  const day = preset === '今日' ? today(nowMs) : dayFromNumber(dayNumber(today(nowMs)) - 1);
  return { start: day, end: day };
}

/** A preset of the panel's window picker: 近N天 by its N, 自然月, 今日, 昨日. */
export type PickerPreset = 7 | 30 | 90 | 'month' | 'today' | 'yesterday';
/** What the merchant picked: a preset, or a custom range of days. */
export type PickedWindow = { preset: PickerPreset } | { from: string; to: string };

const DATA_PRESETS: Record<7 | 30 | 90 | 'month', WindowPreset> = { 7: '近7天', 30: '近30天', 90: '近90天', month: '自然月' };

/**
 * The window of a pick: 今日 / 昨日 from the clock; 近N天 / 自然月 ending on the latest day with
 * data (null while that day is not known yet: the worker's default window then); a custom range as it is.
 */
export function pickedWindow(pick: PickedWindow, latestDay: string | null, nowMs: number): DayWindow | null {
  if (!('preset' in pick)) return { start: pick.from, end: pick.to };
  if (pick.preset === 'today') return dayPresetWindow('今日', nowMs);
  if (pick.preset === 'yesterday') return dayPresetWindow('昨日', nowMs);
  return latestDay ? presetWindow(DATA_PRESETS[pick.preset], latestDay) : null;
}
