/** The crm export format: 延迟发货协商 import of the members' paid, unshipped orders. */
import { expect, test } from 'vitest';
import { crmFormat } from '@/lib/export/formats';
import { input, sheetRows } from './fixture';

test('crm delay: 订单号 / 商品名称 / 延迟发货时间 (MM月DD日) / 原因', async () => {
  const out = await crmFormat.write(input, { kind: 'crm', plan: 'delay', delayTo: '2026-12-05', reason: '仓库盘点' });
  expect(out.files.map((f) => [f.name, f.mime])).toEqual([
    ['seller-lens-crm-s1-延迟发货协商_复购-20261201.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ]);
  expect([...out.files[0]!.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  expect(await sheetRows(out.files[0]!.bytes)).toEqual([
    ['订单号', '商品名称', '延迟发货时间', '原因'],
    ['6907772112999801167', '猫砂 豆腐砂', '12月05日', '仓库盘点'],
  ]);
  expect(out.crm).toEqual({ rows: 1, duplicates: 0, rejected: 0 });
});

test('crm options: a delay plan needs its day, an out-of-stock plan its solution', () => {
  expect(crmFormat.options.safeParse({ kind: 'crm', plan: 'delay', reason: 'x' }).success).toBe(false);
  expect(crmFormat.options.safeParse({ kind: 'crm', plan: 'outOfStock', reason: 'x', solution: '退款' }).success).toBe(true);
  expect(crmFormat.options.safeParse({ kind: 'crm', plan: 'outOfStock', reason: ' ', solution: '退款' }).success).toBe(false);
});
