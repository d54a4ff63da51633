import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { customerAudienceColumns, customerPurchaseStats, toCsvText } from '@/lib/export/csv';
import { customerAudienceXlsx, sheetName, toXlsx, toXlsxWorkbook, type XlsxColumn } from '@/lib/export/xlsx';
import { Order } from '@/lib/model';

async function read(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

type Row = { orderId: string; phone: string; fen: string; n: number; note?: string };
const cols: XlsxColumn<Row>[] = [
  { header: '订单号', value: (r) => r.orderId },
  { header: '手机号', value: (r) => r.phone },
  { header: '金额(元)', value: (r) => r.fen },
  { header: '件数', value: (r) => r.n },
  { header: '备注', value: (r) => r.note },
];

describe('toXlsx', () => {
  it('is a zip (xlsx) whose sheet reads back with typed cells', async () => {
    const bytes = await toXlsx(cols, [
      { orderId: '6929384756102938475', phone: '013800138000', fen: '12345.60', n: 3, note: '=SUM(A1)' },
      { orderId: '0001', phone: '138****1234', fen: '0.05', n: 1 },
    ]);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const ws = (await read(bytes)).getWorksheet('人群')!;
    expect(ws.getRow(1).values).toEqual([undefined, '订单号', '手机号', '金额(元)', '件数', '备注']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    // Long order ids and leading zeros survive as text.
    expect(ws.getCell('A2').value).toBe('6929384756102938475');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('A3').value).toBe('0001');
    expect(ws.getCell('B2').value).toBe('013800138000');
    expect(ws.getCell('B3').value).toBe('138****1234');
    // Money: a number with two decimals.
    expect(ws.getCell('C2').value).toBe(12345.6);
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C2').numFmt).toBe('0.00');
    expect(ws.getCell('C3').value).toBe(0.05);
    expect(ws.getCell('D2').value).toBe(3);
    // Text that looks like a formula stays text, not a formula.
    expect(ws.getCell('E2').value).toBe('=SUM(A1)');
    expect(ws.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(3);
  });

  it('names sheets as Excel allows, uniquely', () => {
    const used = new Set<string>();
    expect(sheetName('a/b:c', used)).toBe('a_b_c');
    expect(sheetName('A/B:C', used)).toBe('A_B_C_2');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName('  ')).toBe('Sheet');
  });

  it('writes several sheets', async () => {
    const wb = await read(await toXlsxWorkbook([
      { name: '一', columns: cols, rows: [] },
      { name: '二', columns: [{ header: 'x', value: () => 1 }], rows: [{}] },
    ]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一', '二']);
    expect(wb.getWorksheet('二')!.getCell('A2').value).toBe(1);
  });
});

describe('customerAudienceXlsx', () => {
  it('has exactly the CSV columns and the same values (money as numbers)', async () => {
    const orders = [
      Order.parse({ orderId: '1', shopId: '1', customerKey: 'k1', placedAt: '2026-11-01 10:00', amountFen: 1234567, quantity: 1, channel: 'live', traffic: 'paid', status: 'paid' }),
    ];
    const stats = customerPurchaseStats(orders);
    const members = [
      { customerKey: 'k1', shopId: '1', nickname: '张三', buyerId: '00123', phone: '13800138000', tags: ['老客'] },
      { customerKey: 'douyin:1:nick:小🐟' },
    ];
    const ws = (await read(await customerAudienceXlsx(members, stats))).worksheets[0]!;
    const headers = customerAudienceColumns(stats).map((c) => c.header);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const csvLines = toCsvText(customerAudienceColumns(stats), members).split('\r\n');
    expect(csvLines[0]).toBe(headers.join(','));
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.getRow(2).getCell(col('买家ID')).value).toBe('00123');
    expect(ws.getRow(2).getCell(col('手机号')).value).toBe('13800138000');
    expect(ws.getRow(2).getCell(col('成交金额(元)')).value).toBe(12345.67);
    expect(ws.getRow(2).getCell(col('成交金额(元)')).numFmt).toBe('0.00');
    expect(ws.getRow(2).getCell(col('成交订单数')).value).toBe(1);
    expect(ws.getRow(3).getCell(col('客户')).value).toBe('小🐟');
    expect(ws.getRow(3).getCell(col('成交金额(元)')).value).toBe(0);
    expect(ws.getRow(3).getCell(col('客户标识')).value).toBe('douyin:1:nick:小🐟');
  });
});
