/**
 * The multi-shop summary as a table: one row a shop, headers in the merchant's words (zh, then en),
 * written as CSV (lib/export's writer: UTF-8 BOM, digit-only ids kept whole) or XLSX (lib/export's
 * workbook: numbers as numbers, ¥ and % formats, bold frozen header). A refused file's row carries
 * its reason and leaves the figures empty.
 */
import { indicatorText as label } from '../../lib/engine/indicators';
import { fenToYuan, toCsv, type CsvColumn } from '../../lib/export/csv';
import { toXlsxWorkbook, type XlsxColumn } from '../../lib/export/xlsx';
import type { MessageKey } from '../../lib/i18n/messages';
import type { ShopFigures, SummaryRow } from './summary-row';

type Kind = 'text' | 'number' | 'money' | 'percent';
type Cell = string | number | null | undefined;

/** A summary column: header, kind (money in fen) and the cell of a shop's figures. */
interface SummaryColumn {
  header: string;
  kind: Kind;
  of: (f: ShopFigures) => Cell;
}

const DASH = '—';
/** A header from the catalogue, zh then en. */
const both = (key: MessageKey) => `${label(key, 'zh')} ${label(key, 'en')}`;
const text = (header: string, of: SummaryColumn['of']): SummaryColumn => ({ header, kind: 'text', of });
const count = (header: string, of: SummaryColumn['of']): SummaryColumn => ({ header, kind: 'number', of });
const money = (header: string, of: SummaryColumn['of']): SummaryColumn => ({ header, kind: 'money', of });
const percent = (header: string, of: SummaryColumn['of']): SummaryColumn => ({ header, kind: 'percent', of });

const TIERS = ['users', 'purchasers', 'firstOrder', 'repeat', 'highPotential', 'newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const;

const STATUS_HEADER = '状态 status';
const REASON_HEADER = '原因 reason';
const FILE_HEADER = '文件 file';

// After status / reason / file: the shop, the window, the eight tiers (§3, §4), the three
// pathways (§4), sales (§5.1) and the change vs the previous window of the same length.
const FIGURES: readonly SummaryColumn[] = [
  text('店铺ID shop id', (f) => f.shopId),
  text('店铺名称 shop name', (f) => f.name),
  text('平台 platform', (f) => f.platform),
  text('统计开始 from', (f) => f.window.start),
  text('统计结束 to', (f) => f.window.end),
  ...TIERS.map((k) => count(both(k), (f) => f.tiers[k])),
  percent(both('xlsx_pathNewVisitor'), (f) => f.pathways.newVisitorSameDay),
  percent(both('xlsx_pathUnpurchased'), (f) => f.pathways.unpurchasedReturn),
  percent(both('xlsx_pathRepurchase'), (f) => f.pathways.repurchase),
  money('成交金额(元) GMV (yuan)', (f) => f.gmvFen),
  count('成交订单数 paid orders', (f) => f.orders),
  count('成交人数 buyers', (f) => f.purchasers),
  money('客单价(元) AOV (yuan)', (f) => f.aovFen),
  text('对比开始 previous from', (f) => f.previousWindow.start),
  text('对比结束 previous to', (f) => f.previousWindow.end),
  money('上期成交金额(元) previous GMV (yuan)', (f) => f.previous.gmvFen),
  percent('成交金额变化 GMV change', (f) => f.change.gmvFen),
  count('上期成交人数 previous buyers', (f) => f.previous.purchasers),
  percent('成交人数变化 buyers change', (f) => f.change.purchasers),
  money('上期客单价(元) previous AOV (yuan)', (f) => f.previous.aovFen),
  percent('客单价变化 AOV change', (f) => f.change.aovFen),
];

/** The cell of `column` in `row`: undefined for a refused file (empty), null for "no value" ("—"). */
const cellOf = (row: SummaryRow, column: SummaryColumn): Cell => (row.status === 'ok' ? column.of(row.figures) : undefined);

/** A rate as the CSV shows it: a percentage with two decimals, which spreadsheets read as a number. */
const percentText = (r: number) => `${(r * 100).toFixed(2)}%`;

/** The summary's CSV bytes (UTF-8 with BOM, CRLF), one row per file. */
export function summaryCsv(rows: readonly SummaryRow[]): Uint8Array {
  const columns: CsvColumn<SummaryRow>[] = [
    { header: STATUS_HEADER, value: (r) => r.status },
    { header: REASON_HEADER, value: (r) => (r.status === 'refused' ? r.reason : undefined) },
    { header: FILE_HEADER, value: (r) => r.file },
    ...FIGURES.map(
      (c): CsvColumn<SummaryRow> => ({
        header: c.header,
        numeric: c.kind !== 'text',
        value: (r) => {
          const v = cellOf(r, c);
          if (v === undefined || typeof v === 'string') return v;
          if (v === null) return DASH;
          return c.kind === 'money' ? fenToYuan(v) : c.kind === 'percent' ? percentText(v) : v;
        },
      }),
    ),
  ];
  return toCsv(columns, rows);
}

const NUM_FMT: Partial<Record<Kind, string>> = { money: '"¥"#,##0.00', percent: '0.00%', number: '#,##0' };

/** The summary's XLSX bytes: one sheet, numbers as numbers (¥ and % formats), "—" where a rate has no denominator. */
export function summaryXlsx(rows: readonly SummaryRow[], opts: { at?: Date } = {}): Promise<Uint8Array> {
  const columns: XlsxColumn<SummaryRow>[] = [
    { header: STATUS_HEADER, value: (r) => r.status, kind: 'text' },
    { header: REASON_HEADER, value: (r) => (r.status === 'refused' ? r.reason : undefined), kind: 'text' },
    { header: FILE_HEADER, value: (r) => r.file, kind: 'text' },
    ...FIGURES.map(
      (c): XlsxColumn<SummaryRow> => ({
        header: c.header,
        kind: c.kind,
        numFmt: NUM_FMT[c.kind],
        value: (r) => {
          const v = cellOf(r, c);
          if (v === null) return DASH;
          return c.kind === 'money' && typeof v === 'number' ? v / 100 : (v ?? undefined);
        },
        kindOf: (r) => (typeof cellOf(r, c) === 'number' ? c.kind : 'text'),
      }),
    ),
  ];
  return toXlsxWorkbook([{ name: '店铺汇总', columns, rows }], { at: opts.at });
}
