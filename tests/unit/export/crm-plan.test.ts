// SPEC §7 (抖店 CRM 运营计划 order-number import).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { crmPlanFiles, crmPlanRowsFromOrders, formatMonthDay, type CrmPlanRow } from '@/lib/export/crm-plan';
import { Order } from '@/lib/model';

const dec = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
const base = { shopId: '10001', planName: '双11', at: '2026-11-20T10:00:00+08:00' };
const rows = (n: number, start = 0): CrmPlanRow[] =>
  Array.from({ length: n }, (_, i) => ({ orderId: String(6929384756102900000n + BigInt(start + i)), productName: '羊毛围巾', delayTo: '2026-03-05', reason: '工厂延期' }));

async function sheet(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('formatMonthDay', () => {
  it('writes MM月DD日 zero-padded', () => {
    expect(formatMonthDay('2026-03-05')).toBe('03月05日');
    expect(formatMonthDay('2026-12-31')).toBe('12月31日');
    expect(() => formatMonthDay('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
});

describe('crmPlanFiles', () => {
  it('延迟发货协商 CSV: BOM, the four columns, order ids exact', async () => {
    const r = await crmPlanFiles(rows(2), { ...base, kind: 'delay', format: 'csv' });
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.name).toBe('seller-lens-crm-10001-延迟发货协商_双11-20261120.csv');
    const b = r.files[0]!.bytes;
    expect([...b.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(dec(b.slice(3))).toBe(
      '订单号,商品名称,延迟发货时间,原因\r\n"=""6929384756102900000""",羊毛围巾,03月05日,工厂延期\r\n"=""6929384756102900001""",羊毛围巾,03月05日,工厂延期\r\n',
    );
  });

  it('缺货提醒 XLSX: 解决方案 column, order numbers as text cells', async () => {
    const r = await crmPlanFiles(
      [{ orderId: '6929384756102938475', productName: '面膜', solution: '换同款其他颜色', reason: '缺货' }],
      { ...base, kind: 'outOfStock' },
    );
    expect(r.files[0]!.name).toMatch(/缺货提醒_双11-20261120\.xlsx$/);
    const ws = await sheet(r.files[0]!.bytes);
    expect(ws.name).toBe('缺货提醒');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['订单号', '商品名称', '解决方案', '原因']);
    expect(ws.getCell('A2').value).toBe('6929384756102938475');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').value).toBe('换同款其他颜色');
  });

  it('exactly 10,000 rows: one unnumbered file', async () => {
    const r = await crmPlanFiles(rows(10_000), { ...base, kind: 'delay', format: 'csv' });
    expect(r.files.map((f) => f.rows)).toEqual([10_000]);
    expect(r.files[0]!.name).not.toMatch(/_1-/);
    expect(dec(r.files[0]!.bytes).split('\r\n')).toHaveLength(10_002); // header + rows + final empty
  });

  it('10,001 rows: two numbered files, 10,000 + 1, nothing lost (CSV and XLSX)', async () => {
    const r = await crmPlanFiles(rows(10_001), { ...base, kind: 'delay', format: 'csv' });
    expect(r.files.map((f) => f.rows)).toEqual([10_000, 1]);
    expect(r.files.map((f) => f.name)).toEqual([
      'seller-lens-crm-10001-延迟发货协商_双11_1-20261120.csv',
      'seller-lens-crm-10001-延迟发货协商_双11_2-20261120.csv',
    ]);
    const second = dec(r.files[1]!.bytes).split('\r\n');
    expect(second[1]).toBe('"=""6929384756102910000""",羊毛围巾,03月05日,工厂延期');
    const x = await crmPlanFiles(rows(10_001), { ...base, kind: 'delay' });
    expect(x.files.map((f) => f.rows)).toEqual([10_000, 1]);
    const ws1 = await sheet(x.files[0]!.bytes), ws2 = await sheet(x.files[1]!.bytes);
    expect(ws1.rowCount).toBe(10_001);
    expect(ws2.rowCount).toBe(2);
    expect(ws2.getCell('A2').value).toBe('6929384756102910000');
  });

  it('drops duplicate order numbers and returns rows it cannot import, with reasons', async () => {
    const r = await crmPlanFiles(
      [
        { orderId: ' 1 ', productName: 'a', delayTo: '2026-03-05', reason: 'x' },
        { orderId: '1', productName: 'a', delayTo: '2026-03-06', reason: 'x' },
        { orderId: '', productName: 'a', delayTo: '2026-03-05', reason: 'x' },
        { orderId: '2', productName: 'a', reason: 'x' },
        { orderId: '3', productName: 'a', delayTo: '3月5日', reason: 'x' },
      ],
      { ...base, kind: 'delay', format: 'csv' },
    );
    expect(r.rows).toBe(1);
    expect(r.duplicates).toBe(1);
    expect(r.rejected.map((x) => x.orderId)).toEqual(['', '2', '3']);
    expect(r.rejected[1]!.reason).toMatch(/延迟发货时间无效/);
    const o = await crmPlanFiles([{ orderId: '9', productName: 'a', reason: 'x' }], { ...base, kind: 'outOfStock', format: 'csv' });
    expect(o.rejected[0]!.reason).toMatch(/缺少解决方案/);
    expect(o.files).toEqual([]);
  });
});

describe('crmPlanRowsFromOrders', () => {
  it('takes the shop\'s paid, not yet shipped orders with the first item\'s name', () => {
    const mk = (orderId: string, status: string, shopId = '10001') =>
      Order.parse({ orderId, shopId, customerKey: 'k', placedAt: '2026-11-01 10:00', amountFen: 1, quantity: 1, productName: `p${orderId}`, channel: 'live', traffic: 'paid', status });
    const got = crmPlanRowsFromOrders([mk('1', 'paid'), mk('2', 'shipped'), mk('3', 'unpaid'), mk('4', 'paid', 'other')], '10001', { delayTo: '2026-11-25', reason: '备货' });
    expect(got).toEqual([{ orderId: '1', productName: 'p1', delayTo: '2026-11-25', reason: '备货' }]);
  });
});
