/**
 * The 大促 calendar: dated shop-wide sales events (双11, 618, 双12, 年货节, 38节) that move
 * customers' behaviour — traffic and cart adds surge in the warm-up (预热) before the day,
 * purchases concentrate on it. The 高潜 model (SPEC §5.3) reads it to tell a warm-up from an
 * ordinary week; the fixture generator reads it to place its 大促 season.
 *
 * One line per event. To add a year, append its five lines (年货节 moves with 春节: its main day
 * is the platforms' headline day, about two to three weeks before 春节). Days are `YYYY-MM-DD`
 * (UTC+8, as every day of the model); the table may be in any order (it is sorted below).
 */
import { dayNumber } from '../model';

/** One 大促: its main day and how many days of warm-up lead into it. */
export interface PromoDay {
  /** Stable id of the event (same id every year). */
  id: string;
  labelZh: string;
  labelEn: string;
  /** Main day, `YYYY-MM-DD`. */
  day: string;
  /** Days of warm-up (预热 / 预售) before the main day. */
  warmupDays: number;
}

const EVENTS = {
  d11: { id: 'double11', labelZh: '双11', labelEn: 'Double 11', warmupDays: 14 },
  d618: { id: '618', labelZh: '618', labelEn: '618', warmupDays: 14 },
  d12: { id: 'double12', labelZh: '双12', labelEn: 'Double 12', warmupDays: 7 },
  nianhuo: { id: 'nianhuo', labelZh: '年货节', labelEn: 'New Year shopping festival', warmupDays: 10 },
  d38: { id: '38', labelZh: '38节', labelEn: "Women's Day (3.8)", warmupDays: 7 },
} as const;

const TABLE: readonly PromoDay[] = [
  { ...EVENTS.nianhuo, day: '2024-01-20' }, // 春节 2024-02-10
  { ...EVENTS.d38, day: '2024-03-08' },
  { ...EVENTS.d618, day: '2024-06-18' },
  { ...EVENTS.d11, day: '2024-11-11' },
  { ...EVENTS.d12, day: '2024-12-12' },
  { ...EVENTS.nianhuo, day: '2025-01-10' }, // 春节 2025-01-29
  { ...EVENTS.d38, day: '2025-03-08' },
  { ...EVENTS.d618, day: '2025-06-18' },
  { ...EVENTS.d11, day: '2025-11-11' },
  { ...EVENTS.d12, day: '2025-12-12' },
  { ...EVENTS.nianhuo, day: '2026-01-24' }, // 春节 2026-02-17
  { ...EVENTS.d38, day: '2026-03-08' },
  { ...EVENTS.d618, day: '2026-06-18' },
  { ...EVENTS.d11, day: '2026-11-11' },
  { ...EVENTS.d12, day: '2026-12-12' },
  { ...EVENTS.nianhuo, day: '2027-01-16' }, // 春节 2027-02-06
  { ...EVENTS.d38, day: '2027-03-08' },
  { ...EVENTS.d618, day: '2027-06-18' },
  { ...EVENTS.d11, day: '2027-11-11' },
  { ...EVENTS.d12, day: '2027-12-12' },
];

/** Every 大促 of the calendar, earliest first. */
export const PROMO_DAYS: readonly PromoDay[] = [...TABLE].sort((a, b) => a.day.localeCompare(b.day));

const PROMO_NUMS: readonly number[] = PROMO_DAYS.map((p) => dayNumber(p.day));

/** Index of the first 大促 on or after day number `dayNum` (PROMO_DAYS.length when none). */
function firstOnOrAfter(dayNum: number): number {
  let lo = 0, hi = PROMO_NUMS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (PROMO_NUMS[mid]! < dayNum) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The next 大促 on or after day number `dayNum` and the days until it (0 on the day), or null past the table. */
export function nextPromo(dayNum: number): { promo: PromoDay; days: number; dayNum: number } | null {
  const i = firstOnOrAfter(dayNum);
  return i < PROMO_NUMS.length ? { promo: PROMO_DAYS[i]!, days: PROMO_NUMS[i]! - dayNum, dayNum: PROMO_NUMS[i]! } : null;
}

/** Days from day number `dayNum` to the next 大促 main day (0 on the day), or null past the table. */
export function daysToNextPromo(dayNum: number): number | null {
  return nextPromo(dayNum)?.days ?? null;
}

/** Days since the last 大促 main day on or before day number `dayNum` (0 on the day), or null before the table. */
export function daysSinceLastPromo(dayNum: number): number | null {
  const i = firstOnOrAfter(dayNum + 1) - 1;
  return i >= 0 ? dayNum - PROMO_NUMS[i]! : null;
}
