import { saveFile } from '@/components/download';
import type { Report } from '@/lib/engine';
import { reportFileName } from '@/lib/export/download-names';

/** Downloads the §9 report of the window shown as JSON (the export-report hook, SPEC §10). */
export function downloadReportJson(report: Report): void {
  saveFile(JSON.stringify(report, null, 2), reportFileName(report.shopId, report.window.start, report.window.end), 'application/json');
}

/** Downloads the report as an XLSX workbook; exceljs is loaded on demand (its own chunk), only when a merchant asks for one. */
export async function downloadReportXlsx(report: Report): Promise<void> {
  const { reportXlsx } = await import('@/lib/export/report-xlsx');
  const file = await reportXlsx(report);
  saveFile(file.bytes as BlobPart, file.name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
