/**
 * The §9 report as a workbook a merchant reads in Excel: one sheet per section, zh-CN headers,
 * money in yuan (numbers, two decimals), rates as percentages, a rate without a denominator as "—".
 * The JSON report stays the exact, versioned format; this is its readable companion.
 *
 * The sheets come from the indicator registry (lib/engine/indicators): a 概览 sheet of the shop and
 * the windows, then each indicator's parts in registry order — its own sheets, or key/value rows
 * joined into a sheet of that name (新客黄金期 joins 用户资产, the headline sales join 概览).
 */
import { indicatorList, indicatorText as label, type KV, type XlsxPart } from '../engine/indicators';
import type { Report } from '../engine/report';
import { reportFileName } from './download-names';
import { toXlsxWorkbook, type XlsxColumn, type XlsxSheet } from './xlsx';

const DASH = '—';

/** A two-column key/value sheet whose value cell is formatted by each row's kind ("—" for null). */
function kvSheet(name: string, keyHeader: string, valueHeader: string, rows: KV[]): XlsxSheet<KV> {
  const value: XlsxColumn<KV> = {
    header: valueHeader,
    value: (r) => (r.value === null ? DASH : r.value),
    kindOf: (r) => (typeof r.value === 'number' ? r.kind : 'text'),
  };
  return { name, columns: [{ header: keyHeader, value: (r) => r.label, kind: 'text' }, value], rows };
}

/** Joins parts into sheets: key/value parts naming the same sheet become one sheet, at its first place. */
function joinParts(parts: readonly XlsxPart[]): XlsxSheet<unknown>[] {
  const out: XlsxSheet<unknown>[] = [];
  const kvRows = new Map<string, { headers: string; rows: KV[] }>();
  for (const part of parts) {
    if ('sheet' in part) {
      out.push(part.sheet as XlsxSheet<unknown>);
      continue;
    }
    const { name, keyHeader, valueHeader, rows } = part.kv;
    const joined = kvRows.get(name);
    if (joined) {
      if (joined.headers !== `${keyHeader}|${valueHeader}`) throw new Error(`sheet ${name}: parts disagree on its headers`);
      joined.rows.push(...rows);
    } else {
      const own = { headers: `${keyHeader}|${valueHeader}`, rows: [...rows] };
      kvRows.set(name, own);
      out.push(kvSheet(name, keyHeader, valueHeader, own.rows) as XlsxSheet<unknown>);
    }
  }
  return out;
}

/** The sheets of a report (exposed for tests and for callers who add their own). */
export function reportSheets(r: Report): XlsxSheet<unknown>[] {
  const overview = (rows: KV[]): XlsxPart => ({ kv: { name: label('viewOverview'), keyHeader: label('xlsx_item'), valueHeader: label('xlsx_value'), rows } });
  const text = (l: string, value: string): KV => ({ label: l, value, kind: 'text' });
  const period = (w: { start: string; end: string }) => label('xlsx_periodRange', 'zh', { start: w.start, end: w.end });
  const fields = r as unknown as Record<string, unknown>;
  return joinParts([
    overview([text(label('xlsx_shopId'), r.shopId), text(label('xlsx_period'), period(r.window)), text(label('xlsx_comparePeriod'), period(r.previousWindow))]),
    ...indicatorList.flatMap((indicator) => indicator.xlsx(fields[indicator.id])),
    overview([text(label('xlsx_reportFormat'), `${r.format} v${r.version}`)]),
  ]);
}

/** XLSX bytes of the report and its file name `seller-lens-report-<shopId>-<from>-<to>.xlsx`. */
export async function reportXlsx(r: Report, opts: { at?: Date } = {}): Promise<{ name: string; bytes: Uint8Array }> {
  const bytes = await toXlsxWorkbook(reportSheets(r), opts);
  return { name: reportFileName(r.shopId, r.window.start, r.window.end).replace(/\.json$/, '.xlsx'), bytes };
}
