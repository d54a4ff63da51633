import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, computeReport } from '@/lib/engine';
import { reportSheets, reportXlsx } from '@/lib/export/report-xlsx';
import { contact, cust, order, world } from '../engine/world';

const data = world({
  customers: [cust('a', { isFan: true, gender: 'f', city: '成都市', phone: '13800138000' }), cust('b')],
  orders: [
    order('a', { placedAt: '2026-10-05', paidAt: '2026-10-05', status: 'paid', amountFen: 3000 }),
    order('a', { placedAt: '2026-11-10', paidAt: '2026-11-10', status: 'paid', amountFen: 12345, channel: 'live', traffic: 'paid' }),
    order('b', { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'completed', amountFen: 50000, channel: 'card', traffic: 'organic' }),
  ],
  contacts: [contact('b', '2026-11-01')],
});
const report = computeReport(buildSnapshot(data), { start: '2026-11-01', end: '2026-11-30' });

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}
/** Row of a key/value sheet by its label. */
function find(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let i = 1; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === label) return ws.getRow(i);
  throw new Error(`no row ${label} in ${ws.name}`);
}

describe('reportXlsx', () => {
  it('one sheet per section with zh headers, named after the report file', async () => {
    const { name, bytes } = await reportXlsx(report);
    expect(name).toBe('seller-lens-report-S1-2026-11-01-2026-11-30.xlsx');
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概览', '用户资产', '客户概况', '三大通路', '店铺客户资产', '成交指标', '成交构成', '价格带分布', '每日成交', '八大客户类型', '基准数据覆盖率',
    ]);
    for (const ws of wb.worksheets) expect(ws.getCell('A1').font?.bold).toBe(true);
  });

  it('writes the report figures: counts, yuan with two decimals, percentages, "—" for null', async () => {
    const wb = await load((await reportXlsx(report)).bytes);
    const dy = wb.getWorksheet('用户资产')!;
    expect(find(dy, '成交用户').getCell(2).value).toBe(report.douyin.purchasers);
    expect(find(dy, '首单用户').getCell(2).value).toBe(1);
    expect(find(dy, '复购用户').getCell(2).value).toBe(1);

    const km = wb.getWorksheet('成交指标')!;
    expect((km.getRow(1).values as unknown[]).slice(1)).toEqual(['指标', '本期', '上期', '变化']);
    const gmv = find(km, '成交金额(元)');
    expect(gmv.getCell(2).value).toBe(623.45); // 12345 + 50000 fen
    expect(gmv.getCell(2).numFmt).toBe('0.00');
    expect(gmv.getCell(3).value).toBe(30); // previous window: the October order
    expect(gmv.getCell(4).value).toBeCloseTo(report.metrics.change.gmvFen!, 12);
    expect(gmv.getCell(4).numFmt).toBe('0.00%');
    expect(find(km, '客单价(元)').getCell(2).value).toBe(report.metrics.aovFen! / 100);
    expect(find(km, '成交人数').getCell(2).value).toBe(2);

    const paths = wb.getWorksheet('三大通路')!;
    const sameDay = find(paths, '新访当日成交转化率');
    expect(sameDay.getCell(2).value).toBe(report.taobao.pathways.newVisitorSameDay.base);
    expect(sameDay.getCell(4).value).toBeNull(); // no recall on this pathway
    expect(sameDay.getCell(8).value).toBe(report.taobao.previous.newVisitorSameDay); // a, new on Oct 5, bought that day
    expect(sameDay.getCell(8).value).toBe(1);
    // the previous window had no 未购资产 → rate null → "—"
    expect(report.taobao.previous.unpurchasedReturn).toBeNull();
    expect(find(paths, '回访成交率（未购资产）').getCell(8).value).toBe('—');

    const mix = wb.getWorksheet('成交构成')!;
    expect(find(mix, '体裁 商品卡 成交金额(元)').getCell(2).value).toBe(500);
    expect(find(mix, '付费流量 成交人数占比').getCell(2).value).toBe(0.5);

    const daily = wb.getWorksheet('每日成交')!;
    expect(daily.rowCount).toBe(1 + 30);
    expect(find(daily, '2026-11-20').getCell(2).value).toBe(500);

    const rfm = wb.getWorksheet('八大客户类型')!;
    expect(rfm.rowCount).toBe(9);
    const total = [...Array(8).keys()].reduce((s, i) => s + (rfm.getRow(i + 2).getCell(2).value as number), 0);
    expect(total).toBe(2);
    expect(find(wb.getWorksheet('基准数据覆盖率')!, '目标').getCell(2).value).toBe(0.7);
  });

  it('every sheet has a header and at least one row', () => {
    for (const s of reportSheets(report)) expect(s.rows.length).toBeGreaterThan(0);
  });
});
