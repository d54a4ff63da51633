/**
 * Values as the seller consoles print them → canonical values (SPEC §2, §8).
 * Every parser is total: it never throws, and answers a value, `null` for an empty mark
 * ("-", "--", "暂无", ""), or a reason the text could not be read.
 */
import type { Channel, OrderStatus, Traffic } from '../model/schemas';
import type { Parsed } from '../model/parse';
import { normalizeInstant, parseInstant, toShanghaiIso, dayOfEpoch, addDays } from '../model/time';
import { isAbsentText } from '../model/optional-text';
import { ownValue } from '../model/own';

/** A parse result: the value, `null` for an empty cell, or a reason. */
export type Read<T> = Parsed<T | null>;

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Collapses every run of whitespace (incl. NBSP, ideographic space, zero-width) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

const EMPTY_MARKS = new Set(['', '-', '--', '---', '—', '——', '–', '/', '暂无', '无', '暂无数据', 'N/A', 'null', 'undefined']);

/** True for the marks consoles print for "no value" (a superset of the model's absent texts, SPEC §2). */
export function isEmptyMark(text: string): boolean {
  return isAbsentText(text) || EMPTY_MARKS.has(collapseWhitespace(text));
}

/** Text as shown, whitespace collapsed; empty marks → undefined. */
export function textOrUndefined(text: string): string | undefined {
  return isEmptyMark(text) ? undefined : collapseWhitespace(text);
}

const UNIT_EXP: Record<string, number> = { '': 0, 万: 4, w: 4, W: 4, 亿: 8 };

interface Decimal {
  neg: boolean;
  int: string;
  frac: string;
  exp: number;
}

// "1,234.50", "1234.5", "1.2万", "-3亿", "+12" — thousands separators only in groups of three.
const DECIMAL_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿|w|W)?$/;

function readDecimal(text: string): Decimal | null {
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  return { neg: m[1] === '-', int: m[2]!.replace(/,/g, ''), frac: m[3] ?? '', exp: ownValue(UNIT_EXP, m[4] ?? '') ?? 0 };
}

/** The decimal times 10^shift as an exact integer (BigInt), or null when it is not an integer. */
function scaledInteger(d: Decimal, shift: number): bigint | null {
  const digits = d.int + d.frac;
  const e = d.exp + shift - d.frac.length;
  if (e >= 0) return BigInt(digits) * 10n ** BigInt(e) * (d.neg ? -1n : 1n);
  const cut = digits.length + e;
  const rest = digits.slice(Math.max(0, cut));
  if (/[^0]/.test(rest)) return null;
  const head = cut > 0 ? digits.slice(0, cut) : '0';
  return BigInt(head) * (d.neg ? -1n : 1n);
}

/** The decimal times 10^shift as a JS number, via exact decimal text (1.1万 → 11000, not 11000.000000000002). */
function scaledNumber(d: Decimal, shift: number): number {
  const e = d.exp + shift;
  let int = d.int;
  let frac = d.frac;
  if (e > 0) {
    const moved = frac.padEnd(e, '0');
    int += moved.slice(0, e);
    frac = moved.slice(e);
  } else if (e < 0) {
    const padded = int.padStart(-e + 1, '0');
    frac = padded.slice(padded.length + e) + frac;
    int = padded.slice(0, padded.length + e);
  }
  const n = Number(`${d.neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
  return Object.is(n, -0) ? 0 : n;
}

/** ¥1,234.50 / ￥12 / 1234.5元 / ¥1.2万 → integer fen, exactly (no float arithmetic). */
export function parseFen(text: string): Read<number> {
  const t = collapseWhitespace(text);
  if (isEmptyMark(t)) return ok(null);
  // The sign may stand before or after the currency sign: -¥5.00, ¥-5.00.
  const m = /^([+-])?\s*(?:[¥￥]|RMB|CNY)?\s*([+-])?\s*(.*?)\s*元?$/.exec(t);
  const sign = m?.[1] ?? m?.[2] ?? '';
  const d = m ? readDecimal(`${sign}${m[3] ?? ''}`) : null;
  if (!d) return fail(`unreadable amount "${t}"`);
  const fen = scaledInteger(d, 2);
  if (fen === null) return fail(`amount "${t}" is finer than a fen`);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) return fail(`amount "${t}" is too large`);
  return ok(Number(fen));
}

/** 1,234 / 1.2万 / 3亿 → number (exact decimal scaling). */
export function parseCount(text: string): Read<number> {
  const t = collapseWhitespace(text).replace(/\s*(人|次|个|件|单|笔)$/, '');
  if (isEmptyMark(t)) return ok(null);
  const d = readDecimal(t);
  if (!d) return fail(`unreadable number "${t}"`);
  return ok(scaledNumber(d, 0));
}

/**
 * A count the console shows only as a range, 1万-2.5万 / 1,000~5,000 / 100万至250万 → { low, high }
 * (SPEC §2: kept as a range, never a guessed point); null when the text is not a range.
 */
export function parseCountRange(text: string): { low: number; high: number } | null {
  const m = /^(\d[\d,]*(?:\.\d+)?\s*(?:万|亿|w|W)?)\s*[-~～—–至]\s*(\d[\d,]*(?:\.\d+)?\s*(?:万|亿|w|W)?)$/.exec(collapseWhitespace(text));
  if (!m) return null;
  const low = parseCount(m[1]!);
  const high = parseCount(m[2]!);
  if (!low.ok || !high.ok || low.value === null || high.value === null || low.value > high.value) return null;
  return { low: low.value, high: high.value };
}

/** A positive whole quantity as consoles print it: 2, x2, ×2, *2, 2件. */
export function parseQuantity(text: string): Read<number> {
  const t = collapseWhitespace(text).replace(/^(?:[xX×*]\s*)/, '').replace(/\s*(件|个|份)$/, '');
  if (isEmptyMark(t)) return ok(null);
  if (!/^\d{1,9}$/.test(t)) return fail(`unreadable quantity "${collapseWhitespace(text)}"`);
  return ok(Number(t));
}

/** 12.3% → 0.123, +12.5% → 0.125, -3% → -0.03 (exact decimal scaling). */
export function parsePercent(text: string): Read<number> {
  const t = collapseWhitespace(text).replace(/[↑↓]/g, (c) => (c === '↓' ? '-' : '')).trim();
  if (isEmptyMark(t)) return ok(null);
  const m = /^([+-])?\s*(.*?)\s*%$/.exec(t);
  const d = m ? readDecimal(`${m[1] ?? ''}${m[2]}`) : null;
  if (!d || d.exp !== 0) return fail(`unreadable percentage "${t}"`);
  return ok(scaledNumber(d, -2));
}

const HOUR_MS = 3600_000;
const DAY_MS = 86_400_000;
const pad = (n: number | string) => String(n).padStart(2, '0');

function wallTime(day: string, hh = '0', mi = '0', ss = '0'): string | null {
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return null;
  return normalizeInstant(`${day}T${pad(hh)}:${pad(mi)}:${pad(ss)}+08:00`);
}

function dayText(y: number | string, m: number | string, d: number | string): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

const TIME_PART = String.raw`(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
const FULL_DATE_RE = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME_PART}$`);
const MONTH_DAY_RE = new RegExp(String.raw`^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?${TIME_PART}$`);
const RELATIVE_DAY_RE = new RegExp(String.raw`^(今天|今日|昨天|昨日|前天)${TIME_PART}$`);
const AGO_RE = /^(\d+)\s*(秒|分钟|分|小时|天|日)前$/;

/**
 * A console timestamp → canonical `YYYY-MM-DDTHH:mm:ss+08:00`, resolved against the capture time
 * for forms without a year or date: 2026-11-20 13:45:12, 2026/11/20, 2026年11月20日, 11月20日,
 * 11-20 13:45, 今天 / 昨天 13:45 / 前天, 3天前, 5分钟前, 刚刚. A year-less date later than the
 * capture day is last year's (consoles list the past). "3天前" is the capture instant minus 72 h.
 */
export function parseConsoleTime(text: string, capturedAt: string): Read<string> {
  const t = collapseWhitespace(text);
  if (isEmptyMark(t)) return ok(null);
  const iso = normalizeInstant(t);
  if (iso !== null) return ok(iso);
  const bad = fail(`unreadable time "${t}"`);
  const nowMs = parseInstant(capturedAt);
  let m = FULL_DATE_RE.exec(t);
  if (m) {
    const r = wallTime(dayText(m[1]!, m[2]!, m[3]!), m[4], m[5], m[6]);
    return r === null ? bad : ok(r);
  }
  if (nowMs === null) return fail(`cannot resolve "${t}": capture time "${capturedAt}" unreadable`);
  const today = dayOfEpoch(nowMs);
  if (t === '刚刚') return ok(toShanghaiIso(nowMs));
  m = MONTH_DAY_RE.exec(t);
  if (m) {
    let year = Number(today.slice(0, 4));
    let day = dayText(year, m[1]!, m[2]!);
    if (day > today) day = dayText(--year, m[1]!, m[2]!);
    const r = wallTime(day, m[3], m[4], m[5]);
    return r === null ? bad : ok(r);
  }
  m = RELATIVE_DAY_RE.exec(t);
  if (m) {
    const back = /^(今)/.test(m[1]!) ? 0 : /^(昨)/.test(m[1]!) ? 1 : 2;
    const r = wallTime(addDays(today, -back), m[2], m[3], m[4]);
    return r === null ? bad : ok(r);
  }
  m = AGO_RE.exec(t);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2]!;
    const ms = unit === '秒' ? 1000 : unit.startsWith('分') ? 60_000 : unit === '小时' ? HOUR_MS : DAY_MS;
    return ok(toShanghaiIso(nowMs - n * ms));
  }
  return bad;
}

/** Masked or full phone as seen, whitespace collapsed (a masked one stays masked: never "unmasked"). */
export function phoneAsShown(text: string): string | undefined {
  return textOrUndefined(text);
}

const STATUS: Record<string, OrderStatus> = {
  待支付: 'unpaid', 待付款: 'unpaid', 未支付: 'unpaid', 待买家付款: 'unpaid',
  待发货: 'paid', 已支付: 'paid', 备货中: 'paid', 待商家发货: 'paid',
  已发货: 'shipped', 待收货: 'shipped', 部分发货: 'shipped', 卖家已发货: 'shipped',
  已完成: 'completed', 交易成功: 'completed', 已签收: 'completed', 交易完成: 'completed',
  退款成功: 'refunded', 已退款: 'refunded', 退款完成: 'refunded',
  已关闭: 'closed', 交易关闭: 'closed', 已取消: 'closed', 订单关闭: 'closed',
};

/** Order status text (待支付/待发货/已发货/已完成/退款成功/已关闭 and their variants) → enum, or a reason. */
export function parseOrderStatus(text: string): Parsed<OrderStatus> {
  const t = collapseWhitespace(text).replace(/\s/g, '');
  const hit = ownValue(STATUS, t) ?? Object.entries(STATUS).find(([k]) => t.startsWith(k))?.[1];
  return hit ? ok(hit) : fail(`unknown 订单状态 "${collapseWhitespace(text)}"`);
}

const CHANNEL: [RegExp, Channel][] = [
  [/直播/, 'live'],
  [/短视频|视频/, 'video'],
  [/商品卡|橱窗|商城|搜索/, 'card'],
];

/** 渠道/体裁 text → channel; anything else (其他, empty) → 'other'. */
export function parseChannel(text: string): Channel {
  const t = collapseWhitespace(text);
  return CHANNEL.find(([re]) => re.test(t))?.[1] ?? 'other';
}

/** 流量来源 text → traffic; 付费 → paid, 自然 → organic, anything else → 'unknown'. */
export function parseTraffic(text: string): Traffic {
  const t = collapseWhitespace(text);
  if (/付费|广告|投放|千川/.test(t)) return 'paid';
  if (/自然/.test(t)) return 'organic';
  return 'unknown';
}

const MUNICIPALITIES = new Set(['北京市', '上海市', '天津市', '重庆市']);
const PROVINCE_RE = /^(.{2,7}?(?:省|自治区|特别行政区)|北京市|上海市|天津市|重庆市|香港|澳门|台湾)/;
const CITY_RE = /^(.{2,12}?(?:市|自治州|地区|盟))/;

/**
 * Province and city of an address as the console writes it ("四川省 成都市 武侯区 …" or run
 * together "四川省成都市武侯区…"); a municipality is both (北京市 / 北京市). The district is dropped.
 */
export function parseRegion(text: string): { province?: string; city?: string } {
  const t = collapseWhitespace(text);
  if (isEmptyMark(t)) return {};
  const pm = PROVINCE_RE.exec(t);
  if (!pm) return {};
  const province = pm[1]!;
  const rest = t.slice(province.length).trim();
  if (MUNICIPALITIES.has(province)) return { province, city: province };
  const cm = CITY_RE.exec(rest);
  return cm ? { province, city: cm[1]! } : { province };
}

/** Integer fen as console text: 123450 → "¥1,234.50" (for fixtures and round-trip tests). */
export function formatFenAsConsole(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Canonical instant → console text "2026-11-20 13:45:12" (UTC+8 wall time). */
export function formatConsoleTime(instant: string): string {
  const ms = parseInstant(instant);
  return ms === null ? instant : toShanghaiIso(ms).slice(0, 19).replace('T', ' ');
}

const LEADING_DATE_RE = /^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?/;
const LEADING_TIME_RE = /^\s*\d{1,2}:\d{2}(?::\d{2})?/;

/**
 * The date-time a label's value starts with, when words follow it on the same line (千牛's order
 * header: "创建时间：2026-11-12 18:11:28 号码保护订单"); any other text as it is.
 */
export function leadingDateTime(text: string): string {
  const date = LEADING_DATE_RE.exec(text);
  if (!date) return text;
  const time = LEADING_TIME_RE.exec(text.slice(date[0].length));
  const end = date[0].length + (time ? time[0].length : 0);
  return end === text.length || /\s/.test(text[end]!) ? text.slice(0, end).trim() : text;
}
