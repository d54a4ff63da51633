// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { findDataTables } from '@/lib/capture/generic';
import { findVirtualBody } from '@/lib/capture/virtual';

test('an antd virtual table: header table + div rows read as one table, the holder found as its virtual body', () => {
  document.body.innerHTML = `<div class="ant-table"><div class="ant-table-container">
    <div class="ant-table-header"><table><thead class="ant-table-thead"><tr><th class="ant-table-cell">会员号</th><th class="ant-table-cell">昵称</th></tr></thead></table></div>
    <div class="ant-table-tbody-virtual ant-table-tbody"><div class="ant-table-tbody-virtual-holder"><div><div class="ant-table-tbody-virtual-holder-inner">
      <div class="ant-table-row" data-row-key="M1"><div class="ant-table-cell">M1</div><div class="ant-table-cell">会员001</div></div>
      <div class="ant-table-row" data-row-key="M2"><div class="ant-table-cell">M2</div><div class="ant-table-cell">会员002</div></div>
    </div></div></div></div></div></div>`;
  const tables = findDataTables(document);
  expect(tables).toHaveLength(1);
  expect(tables[0]).toMatchObject({ library: 'antd:ant', headers: ['会员号', '昵称'], rows: [{ cells: ['M1', '会员001'] }, { cells: ['M2', '会员002'] }] });
  const holder = document.querySelector<HTMLElement>('.ant-table-tbody-virtual-holder')!;
  Object.defineProperty(holder, 'scrollHeight', { value: 9000 });
  Object.defineProperty(holder, 'clientHeight', { value: 240 });
  expect(findVirtualBody(tables[0]!.el, 2)).toBe(holder);
});
