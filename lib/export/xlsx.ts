/**
 * XLSX export (SPEC §7): the same columns as the CSV exporters, written with exceljs.
 *
 * Cells: header row bold and frozen, with an auto-filter; money columns (header with "(元)", or
 * `kind: 'money'`) as numbers in the `0.00` format; numbers as numbers; everything else as text
 * cells in the `@` (Text) format, so order ids, buyer ids and phones stay exactly as written (no
 * 1.23E+18, no lost leading zeros). A text cell is never a formula in XLSX, so text is written as
 * is — the CSV's leading-`'` guard is not needed (and would show).
 *
 * exceljs is loaded on first use (dynamic import) so the side panel does not pay for it upfront.
 */
import { customerAudienceColumns, type AudienceMember, type CsvColumn, type CustomerPurchaseStats } from './csv';

/** A column of an XLSX sheet: a CSV column, optionally with its cell kind and width. */
export interface XlsxColumn<R> extends CsvColumn<R> {
  /** `money`: yuan text or number → number with two decimals; `text`: always a text cell; default by header / value. */
  kind?: 'text' | 'number' | 'money' | 'percent';
  /** Width in characters (default: from the header and the first rows). */
  width?: number;
  /** Per-row kind, overriding `kind` (key/value sheets mixing money, counts and rates). */
  kindOf?: (row: R) => XlsxColumn<R>['kind'];
  /** Number format of its numeric cells, overriding the kind's (e.g. `"¥"#,##0.00`). */
  numFmt?: string;
}

/** One sheet of a workbook. */
export interface XlsxSheet<R> {
  name: string;
  columns: readonly XlsxColumn<R>[];
  rows: readonly R[];
}

const MONEY_HEADER = /[(（]元[)）]/;

/** Most characters Excel keeps in a cell. */
export const XLSX_MAX_CELL_CHARS = 32_767;
// Characters XML 1.0 does not allow (a workbook holding one does not open), tab / LF / CR aside.
// eslint-disable-next-line no-control-regex
const XML_DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text a cell can hold: characters XML forbids and lone surrogates → U+FFFD, at most 32,767 characters. */
export function cellText(text: string): string {
  const clean = text.replace(XML_DISALLOWED, '\ufffd');
  if (clean.length <= XLSX_MAX_CELL_CHARS) return clean;
  // Cut before a surrogate pair rather than through it.
  const end = /[\ud800-\udbff]/.test(clean[XLSX_MAX_CELL_CHARS - 2]!) ? XLSX_MAX_CELL_CHARS - 2 : XLSX_MAX_CELL_CHARS - 1;
  return `${clean.slice(0, end)}…`;
}

/** The exceljs module, loaded on first use. */
async function loadExcel() {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof mod }).default ?? mod;
}

/** A sheet name Excel accepts: no []:*?/\ , at most 31 characters, unique within `used`. */
export function sheetName(name: string, used: Set<string> = new Set()): string {
  const base = (name.replace(/[[\]:*?/\\]/g, '_').trim() || 'Sheet').slice(0, 31);
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(out.toLowerCase());
  return out;
}

/** Display width of text: CJK and other wide characters count as two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Workbook bytes (.xlsx) of one or more sheets. */
// Sheets of different row types in one list: each sheet's columns read its own rows, which `any` (an existential here) allows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function toXlsxWorkbook(sheets: readonly XlsxSheet<any>[], opts: { at?: Date } = {}): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'seller-lens';
  const at = opts.at ?? new Date();
  wb.created = at;
  wb.modified = at;
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const cols = sheet.columns;
    const kinds = cols.map((c) => c.kind ?? (MONEY_HEADER.test(c.header) ? 'money' : undefined));
    const widths = cols.map((c) => c.width ?? textWidth(c.header));
    const header = ws.getRow(1);
    cols.forEach((c, j) => {
      const cell = header.getCell(j + 1);
      cell.value = cellText(c.header);
      cell.font = { bold: true };
      cell.numFmt = '@';
    });
    header.commit();
    sheet.rows.forEach((row, i) => {
      const r = ws.getRow(i + 2);
      cols.forEach((c, j) => {
        const v = c.value(row);
        if (v === undefined || v === '') return;
        const cell = r.getCell(j + 1);
        const kind = c.kindOf?.(row) ?? kinds[j];
        if (kind === 'money' || kind === 'number' || kind === 'percent') {
          const num = typeof v === 'number' ? v : Number(v);
          if (Number.isFinite(num)) {
            cell.value = num;
            cell.numFmt = kind === 'money' ? '0.00' : kind === 'percent' ? '0.00%' : '0';
            if (kind === 'number' && !Number.isInteger(num)) cell.numFmt = 'General';
            if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
          } else {
            cell.value = cellText(String(v));
            cell.numFmt = '@';
          }
        } else if (typeof v === 'number' && kind !== 'text') {
          cell.value = v;
        } else {
          cell.value = cellText(String(v));
          cell.numFmt = '@';
        }
        if (i < 200 && c.width === undefined) widths[j] = Math.max(widths[j]!, textWidth(String(v)));
      });
    });
    cols.forEach((_, j) => {
      ws.getColumn(j + 1).width = Math.min(60, Math.max(6, widths[j]! + 2));
    });
    if (cols.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: cols.length } };
  }
  const buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return buf instanceof Uint8Array ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
}

/** XLSX bytes of rows under the given columns, in one sheet (same columns as the CSV). */
export async function toXlsx<R>(columns: readonly XlsxColumn<R>[], rows: readonly R[], opts: { sheetName?: string; at?: Date } = {}): Promise<Uint8Array> {
  return toXlsxWorkbook([{ name: opts.sheetName ?? '人群', columns, rows }], { at: opts.at });
}

/** XLSX bytes of an audience, with exactly the columns of `customerAudienceCsv`. */
export async function customerAudienceXlsx(
  members: readonly AudienceMember[],
  stats: ReadonlyMap<string, CustomerPurchaseStats>,
  options: { segmentOf?: (customerKey: string) => string | undefined; sheetName?: string; at?: Date } = {},
): Promise<Uint8Array> {
  const columns: XlsxColumn<AudienceMember>[] = customerAudienceColumns(stats, options.segmentOf).map((c) =>
    c.header === '成交订单数' ? { ...c, kind: 'number' } : { ...c, kind: MONEY_HEADER.test(c.header) ? 'money' : 'text' },
  );
  return toXlsx(columns, members, { sheetName: options.sheetName, at: options.at });
}
