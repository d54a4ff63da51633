/** The xlsx export format: a zip (PK) workbook whose cells read back as written. */
import { expect, test } from 'vitest';
import { xlsxFormat } from '@/lib/export/formats';
import { input, sheetRows } from './fixture';

test('xlsx: the CSV columns, text kept as text (no formula), money as numbers', async () => {
  const out = await xlsxFormat.write(input, { kind: 'xlsx' });
  expect(out.files.map((f) => [f.name, f.mime])).toEqual([
    ['seller-lens-audience-s1-复购_2026-11-01_2026-11-30-20261201.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ]);
  const bytes = out.files[0]!.bytes;
  expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const rows = await sheetRows(bytes);
  expect(rows[0]).toEqual(['客户', '客户分层', '买家ID', '手机号', '性别', '省份', '城市', '粉丝', '会员等级', '成交订单数', '成交金额(元)', '客单价(元)', '首次成交时间', '最近成交时间', '标签', '客户标识']);
  expect(rows[1]).toEqual(['=HYPERLINK("x")', '复购', 'b1', '13812341234', '', '', '', '', '', '2', '123.45', '61.73', '2026-11-02 10:00:00', '2026-11-20 13:45:12', '', 'douyin:s1:id:b1']);
});
