/** One small export input shared by the format tests (values written by hand). */
import type { Order } from '@/lib/model';
import type { FormatInput } from '@/lib/export/formats';

export const order: Order = {
  orderId: '6907772112999801167',
  shopId: 's1',
  customerKey: 'douyin:s1:id:b1',
  placedAt: '2026-11-20T13:40:00+08:00',
  paidAt: '2026-11-20T13:45:12+08:00',
  amountFen: 12345,
  quantity: 1,
  items: [{ productName: '猫砂 豆腐砂', quantity: 1 }],
  channel: 'live',
  traffic: 'paid',
  status: 'paid',
};

export const input: FormatInput = {
  members: [{ customerKey: 'douyin:s1:id:b1', nickname: '=HYPERLINK("x")', buyerId: 'b1', phone: '13812341234', tags: [] }],
  stats: new Map([['douyin:s1:id:b1', { paidOrders: 2, gmvFen: 12345, firstPaidAt: '2026-11-02T10:00:00+08:00', lastPaidAt: '2026-11-20T13:45:12+08:00' }]]),
  orders: [order],
  shopId: 's1',
  platform: 'douyin',
  audienceName: '复购',
  window: { start: '2026-11-01', end: '2026-11-30' },
  at: '2026-12-01T09:00:00+08:00',
};

/** Cell texts of the first sheet of an .xlsx, row by row (read back with exceljs). */
export async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v)))));
  return rows;
}
