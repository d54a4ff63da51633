/**
 * 抖店 CRM 运营计划 order-number import (SPEC §7): 延迟发货协商 and 缺货提醒 plans take a list of
 * order numbers with what to tell the buyer.
 *
 * Columns, in this order:
 *   延迟发货协商: 订单号, 商品名称, 延迟发货时间 (MM月DD日, zero-padded: 03月05日), 原因
 *   缺货提醒:     订单号, 商品名称, 解决方案, 原因
 * At most 10,000 rows a file; more go into files numbered _1, _2 … (one file keeps no number).
 *
 * Format: the 抖店 import page takes an Excel file made from its template, so XLSX (exceljs) is
 * the default; order numbers are text cells (19-digit ids would lose digits as numbers). CSV
 * (UTF-8 with BOM, same columns) is offered for merchants who edit in other tools.
 * An order number appears once per plan (later duplicates are dropped and counted); rows that
 * cannot be imported (no order number, no valid delay day, no solution) are returned with the reason.
 */
import { isDay, isPaidStatus, type Order } from '../model';
import { toCsv, type CsvColumn } from './csv';
import { exportFileName } from './download-names';
import { toXlsx, type XlsxColumn } from './xlsx';

export type CrmPlanKind = 'delay' | 'outOfStock';

export const CRM_PLAN_LABELS: Record<CrmPlanKind, { zh: string; en: string }> = {
  delay: { zh: '延迟发货协商', en: 'Delayed shipping' },
  outOfStock: { zh: '缺货提醒', en: 'Out-of-stock notice' },
};

/** Rows per file the 抖店 import accepts. */
export const CRM_MAX_ROWS = 10_000;

/** One order of a plan. */
export interface CrmPlanRow {
  orderId: string;
  productName: string;
  /** 延迟发货协商: the new ship day, `YYYY-MM-DD`. */
  delayTo?: string;
  /** 缺货提醒: what the shop offers (换货 / 退款 / 等待到货 …). */
  solution?: string;
  reason: string;
}

export interface CrmPlanOptions {
  kind: CrmPlanKind;
  /** Default 'xlsx'. */
  format?: 'xlsx' | 'csv';
  shopId: string;
  /** Plan name for the file name. */
  planName: string;
  /** Rows per file (default 10,000). */
  maxRows?: number;
  at?: number | string | Date;
}

export interface CrmPlanExport {
  files: { name: string; bytes: Uint8Array; rows: number }[];
  /** Rows written over all files. */
  rows: number;
  /** Later rows of an order number already in the plan (dropped). */
  duplicates: number;
  rejected: { orderId: string; reason: string }[];
}

/** `MM月DD日` (zero-padded) of a `YYYY-MM-DD` day. */
export function formatMonthDay(day: string): string {
  if (!isDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return `${day.slice(5, 7)}月${day.slice(8, 10)}日`;
}

/** The plan's columns for its kind. */
export function crmPlanColumns(kind: CrmPlanKind): XlsxColumn<CrmPlanRow>[] {
  return [
    { header: '订单号', value: (r) => r.orderId, kind: 'text', width: 22 },
    { header: '商品名称', value: (r) => r.productName, kind: 'text', width: 30 },
    kind === 'delay'
      ? { header: '延迟发货时间', value: (r) => (r.delayTo ? formatMonthDay(r.delayTo) : undefined), kind: 'text', width: 14 }
      : { header: '解决方案', value: (r) => r.solution, kind: 'text', width: 20 },
    { header: '原因', value: (r) => r.reason, kind: 'text', width: 30 },
  ];
}

/**
 * Plan rows from orders (e.g. the orders of an audience still waiting to ship): one per order of
 * `shopId` that is paid and not yet shipped (status `paid`), product = the first item's name.
 */
export function crmPlanRowsFromOrders(
  orders: readonly Order[],
  shopId: string,
  fill: { delayTo?: string; solution?: string; reason: string },
): CrmPlanRow[] {
  return orders
    .filter((o) => o.shopId === shopId && isPaidStatus(o.status) && o.status === 'paid')
    .map((o) => ({ orderId: o.orderId, productName: o.items?.[0]?.productName ?? o.productName ?? '', ...fill }));
}

/** Builds the import file(s) of a plan: validated, deduplicated, split at 10,000 rows a file. */
export async function crmPlanFiles(rows: readonly CrmPlanRow[], opts: CrmPlanOptions): Promise<CrmPlanExport> {
  const maxRows = opts.maxRows ?? CRM_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError(`rows per file must be a positive integer, got ${maxRows}`);
  const format = opts.format ?? 'xlsx';
  const rejected: CrmPlanExport['rejected'] = [];
  const seen = new Set<string>();
  const ok: CrmPlanRow[] = [];
  let duplicates = 0;
  for (const r of rows) {
    const orderId = r.orderId.trim();
    if (!orderId) {
      rejected.push({ orderId: r.orderId, reason: '缺少订单号 / no order number' });
      continue;
    }
    if (opts.kind === 'delay' && (!r.delayTo || !isDay(r.delayTo))) {
      rejected.push({ orderId, reason: `延迟发货时间无效 / invalid delay day: ${r.delayTo ?? '(none)'}` });
      continue;
    }
    if (opts.kind === 'outOfStock' && !r.solution?.trim()) {
      rejected.push({ orderId, reason: '缺少解决方案 / no solution' });
      continue;
    }
    if (seen.has(orderId)) {
      duplicates++;
      continue;
    }
    seen.add(orderId);
    ok.push({ ...r, orderId });
  }

  const columns = crmPlanColumns(opts.kind);
  const chunks: CrmPlanRow[][] = [];
  for (let i = 0; i < ok.length; i += maxRows) chunks.push(ok.slice(i, i + maxRows));
  const label = `${CRM_PLAN_LABELS[opts.kind].zh}_${opts.planName}`;
  const files: CrmPlanExport['files'] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const name = exportFileName('crm', opts.shopId, chunks.length > 1 ? `${label}_${i + 1}` : label, format, opts.at);
    const bytes =
      format === 'csv' ? toCsv(columns as CsvColumn<CrmPlanRow>[], chunk) : await toXlsx(columns, chunk, { sheetName: CRM_PLAN_LABELS[opts.kind].zh });
    files.push({ name, bytes, rows: chunk.length });
  }
  return { files, rows: ok.length, duplicates, rejected };
}
