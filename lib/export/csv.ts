/**
 * CSV export (SPEC §7): UTF-8 with BOM so Excel opens Chinese text, a header row, CRLF line
 * ends (RFC 4180, what Excel writes), formula-injection guard, money in yuan with two decimals.
 *
 * Digit-string ids (order numbers, buyer ids, phones, a nickname of digits: any text cell of only
 * digits) are written as the formula ="0012345" (RFC-quoted in the file). Opened with defaults,
 * Excel and LibreOffice Calc both read a bare 6919487795067412060 as a number (6.91948779506741E+18,
 * digits lost) and 0012345 as 12345; the formula's result is the text itself, so every digit stays.
 * A leading tab, zero-width space or ' also keeps them text, but stays visible in the cell: only
 * the formula reads back exactly (tests/unit/export/spreadsheet-roundtrip.test.ts checks it in
 * Calc). Numbers a column returns as numbers (counts) stay plain. DMP .txt files are not CSV: their
 * identifiers stay bare, one per line.
 */
import Papa from 'papaparse';
import { isPaidStatus, normalizeInstant, type Customer, type Order } from '../model';

/** One CSV column: its header and how to read a row's cell. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | undefined;
  /** Cells made from numbers only (a signed amount, "-1.23%"), never text from a file: written without the formula guard, so a negative stays a number. */
  numeric?: boolean;
}

export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
export const CSV_NEWLINE = '\r\n';

/** Cells a spreadsheet would read as a formula (or that hide one behind a tab / CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `fen` as yuan with two decimals ("12.30"), by integer arithmetic only. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be integer fen, got ${fen}`);
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** Text of only digits, short enough for a formula's string literal (Excel allows 255 characters). */
const DIGIT_ID = /^\d{1,255}$/;

/**
 * A cell's text: `'` in front of anything that starts like a formula (injection guard), and a text
 * of only digits as ="…" so spreadsheets keep it as text (see the header).
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') {
    const text = Number.isFinite(value) ? String(value) : '';
    return FORMULA_START.test(text) ? `'${text}` : text;
  }
  if (DIGIT_ID.test(value)) return `="${value}"`;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV text (no BOM) of rows under the given columns; every line ends with CRLF. */
export function toCsvText<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const fields = columns.map((c) => csvCell(c.header));
  const data = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      return c.numeric === true && v !== undefined ? String(v) : csvCell(v);
    }),
  );
  const body = Papa.unparse(
    { fields, data },
    { header: true, newline: CSV_NEWLINE, quotes: false, quoteChar: '"', escapeChar: '"', delimiter: ',', escapeFormulae: false },
  );
  return body + CSV_NEWLINE;
}

/** The CSV file's bytes: UTF-8 BOM, header row, one row per record. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): Uint8Array {
  const text = new TextEncoder().encode(toCsvText(columns, rows));
  const out = new Uint8Array(UTF8_BOM.length + text.length);
  out.set(UTF8_BOM, 0);
  out.set(text, UTF8_BOM.length);
  return out;
}

// ---- customer audience (首单 / 复购 …) ----

/** A customer's paid orders (status as last seen), as shown in an audience export. */
export interface CustomerPurchaseStats {
  paidOrders: number;
  gmvFen: number;
  firstPaidAt?: string;
  lastPaidAt?: string;
}

/** An audience member: a customer record, or only a key seen in orders / contacts (it still counts). */
export type AudienceMember = Pick<Customer, 'customerKey'> & Partial<Omit<Customer, 'customerKey'>>;

/**
 * Paid-order stats per customerKey; a paid order happens at paidAt (placedAt when unknown).
 * With a window, only orders happening on its days (UTC+8, both ends included) count.
 */
export function customerPurchaseStats(
  orders: readonly Order[],
  window?: { start: string; end: string },
): Map<string, CustomerPurchaseStats> {
  const stats = new Map<string, CustomerPurchaseStats>();
  for (const o of orders) {
    if (!isPaidStatus(o.status)) continue;
    const at = o.paidAt ?? o.placedAt;
    const day = at.slice(0, 10); // canonical +08:00 instants: the prefix is the UTC+8 day
    if (window && (day < window.start || day > window.end)) continue;
    const s = stats.get(o.customerKey) ?? { paidOrders: 0, gmvFen: 0 };
    s.paidOrders++;
    s.gmvFen += o.amountFen;
    if (s.firstPaidAt === undefined || at < s.firstPaidAt) s.firstPaidAt = at;
    if (s.lastPaidAt === undefined || at > s.lastPaidAt) s.lastPaidAt = at;
    stats.set(o.customerKey, s);
  }
  return stats;
}

/** `2026-11-20 13:45:12` (UTC+8 wall time, which Excel reads as a date-time). */
export function excelDateTime(instant: string | undefined): string | undefined {
  if (instant === undefined) return undefined;
  const iso = normalizeInstant(instant);
  return iso === null ? instant : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Nickname or buyer id of a member without a record, read back from its customerKey. */
function fromKey(customerKey: string, kind: 'nick' | 'id'): string | undefined {
  const m = /^[^:]+:.*?:(nick|id):([\s\S]*)$/.exec(customerKey);
  return m && m[1] === kind ? m[2] : undefined;
}

/** Average order value in fen, rounded half up (as the report's aovFen). */
function aovFen(gmvFen: number, orders: number): number | undefined {
  return orders > 0 ? Math.floor((2 * gmvFen + orders) / (2 * orders)) : undefined;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? '是' : '否');

/** Columns of an audience export, in the merchant's words; `segmentOf` adds a 客户分层 column. */
export function customerAudienceColumns(
  stats: ReadonlyMap<string, CustomerPurchaseStats>,
  segmentOf?: (customerKey: string) => string | undefined,
): CsvColumn<AudienceMember>[] {
  const st = (m: AudienceMember) => stats.get(m.customerKey);
  const columns: CsvColumn<AudienceMember>[] = [
    { header: '客户', value: (m) => m.nickname || fromKey(m.customerKey, 'nick') },
    { header: '买家ID', value: (m) => m.buyerId ?? fromKey(m.customerKey, 'id') },
    { header: '手机号', value: (m) => m.phone },
    { header: '性别', value: (m) => (m.gender === 'f' ? '女' : m.gender === 'm' ? '男' : undefined) },
    { header: '省份', value: (m) => m.province },
    { header: '城市', value: (m) => m.city },
    { header: '粉丝', value: (m) => yesNo(m.isFan) },
    { header: '会员等级', value: (m) => m.memberLevel ?? (m.isMember === false ? '非会员' : undefined) },
    { header: '成交订单数', value: (m) => st(m)?.paidOrders ?? 0 },
    { header: '成交金额(元)', value: (m) => fenToYuan(st(m)?.gmvFen ?? 0) },
    {
      header: '客单价(元)',
      value: (m) => {
        const s = st(m);
        const aov = s ? aovFen(s.gmvFen, s.paidOrders) : undefined;
        return aov === undefined ? undefined : fenToYuan(aov);
      },
    },
    { header: '首次成交时间', value: (m) => excelDateTime(st(m)?.firstPaidAt) },
    { header: '最近成交时间', value: (m) => excelDateTime(st(m)?.lastPaidAt) },
    { header: '标签', value: (m) => (m.tags && m.tags.length ? m.tags.join('、') : undefined) },
    { header: '客户标识', value: (m) => m.customerKey },
  ];
  if (segmentOf) columns.splice(1, 0, { header: '客户分层', value: (m) => segmentOf(m.customerKey) });
  return columns;
}

/**
 * CSV bytes of an audience (e.g. 首单 / 复购 customers) with contact fields and paid-order stats,
 * one row per member in the given order.
 */
export function customerAudienceCsv(
  members: readonly AudienceMember[],
  stats: ReadonlyMap<string, CustomerPurchaseStats>,
  options: { segmentOf?: (customerKey: string) => string | undefined } = {},
): Uint8Array {
  return toCsv(customerAudienceColumns(stats, options.segmentOf), members);
}
