// @vitest-environment happy-dom
/**
 * The Fusion Next, Ant Design 5 and Semi readers. Fusion and antd tables are rendered by the real
 * libraries (react-dom client render into happy-dom), so the DOM is theirs: separate header/body
 * tables, lock clones, sticky fixed cells, measure rows, expanded rows, list-mode groups, virtual
 * bodies. Semi is not installed in this project: its test DOM is written by hand after Semi's
 * Table source (class names of BaseRow / SectionRow / ExpandedRow and the virtualised body).
 */
import '../../../fixtures/pages/shared/fusion-compat';
import { Table as FusionTable } from '@alifd/next';
import { Table as AntTable } from 'antd';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, test } from 'vitest';
import { readTables } from '@/lib/capture/table';
import { readAntdTable } from '@/lib/capture/table/antd';
import { readFusionTable } from '@/lib/capture/table/fusion';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
async function render(node: ReactNode) {
  if (root) act(() => root!.unmount());
  document.body.innerHTML = '<div id="r"></div>';
  root = createRoot(document.getElementById('r')!);
  await act(async () => root!.render(node));
}
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
});

const visitors = [
  { id: 'v1', nick: 't**9', time: '2026-11-20 10:00:00', src: '手淘搜索', page: '纯棉短袖T恤' },
  { id: 'v2', nick: '🌸小猫', time: '2026-11-20 11:00:00', src: '直通车', page: '店铺首页' },
  { id: 'v3', nick: '-', time: '2026-11-20 12:00:00', src: '购物车', page: '乳胶枕' },
];

describe('Fusion Next (real @alifd/next render)', () => {
  test('locked left/right columns (rendered twice by Fusion) are read once; fixed header joins header and body tables', async () => {
    await render(
      <FusionTable dataSource={visitors} primaryKey="id" fixedHeader maxBodyHeight={400}>
        <FusionTable.Column title="访客ID" dataIndex="id" lock="left" width={100} />
        <FusionTable.Column title="访客" dataIndex="nick" width={200} />
        <FusionTable.Column title="访问时间" dataIndex="time" width={200} />
        <FusionTable.Column title="入店来源" dataIndex="src" width={200} />
        <FusionTable.Column title="操作" cell={() => '查看'} lock="right" width={100} />
      </FusionTable>,
    );
    // Fusion really did draw the clones: the locked cells exist twice in the DOM.
    expect(document.querySelectorAll('.next-table-lock-left, .next-table-lock-right').length).toBe(2);
    expect(Array.from(document.querySelectorAll('td')).filter((td) => td.textContent === 'v1')).toHaveLength(2);
    const tables = readTables(document);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.library).toBe('fusion');
    expect(tables[0]!.el.classList.contains('next-table-lock')).toBe(true);
    expect(tables[0]!.headers).toEqual(['访客ID', '访客', '访问时间', '入店来源', '操作']);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual(visitors.map((v) => [v.id, v.nick, v.time, v.src, '查看']));
  });

  test('an opened expandable row: its detail row is not a data row (nor a group header)', async () => {
    await render(
      <FusionTable dataSource={visitors} primaryKey="id" openRowKeys={['v1', 'v3']} expandedRowRender={(r: { nick: string }) => <div>详情 {r.nick}</div>}>
        <FusionTable.Column title="访客ID" dataIndex="id" lock="left" width={100} />
        <FusionTable.Column title="访客" dataIndex="nick" width={200} />
      </FusionTable>,
    );
    expect(document.querySelectorAll('.next-table-expanded-row').length).toBeGreaterThanOrEqual(2);
    const t = readFusionTable(document.querySelector('.next-table')!);
    // The expand-control column has no header text.
    expect(t.headers).toEqual(['', '访客ID', '访客']);
    expect(t.rows.map((r) => r.cells.slice(1))).toEqual(visitors.map((v) => [v.id, v.nick]));
    expect(t.rows.some((r) => r.groupHeader)).toBe(false);
  });

  test('list mode (Table.GroupHeader): one group header row per record, its children as the group\u2019s rows', async () => {
    const orders = [
      { oid: '1001', created: '2026-11-20 10:00:00', children: [{ oid: '1001-1', item: '乳胶枕', price: '¥199.00' }, { oid: '1001-2', item: '瑜伽垫', price: '¥69.00' }] },
      { oid: '1002', created: '2026-11-19 09:00:00', children: [{ oid: '1002-1', item: '手机壳', price: '¥29.00' }] },
    ];
    await render(
      <FusionTable dataSource={orders} primaryKey="oid">
        <FusionTable.GroupHeader cell={(r: { oid: string; created: string }) => <div>订单号：{r.oid} 创建时间：{r.created}</div>} />
        <FusionTable.Column title="宝贝" dataIndex="item" />
        <FusionTable.Column title="单价" dataIndex="price" />
      </FusionTable>,
    );
    expect(document.querySelectorAll('.next-table-group-header')).toHaveLength(2);
    const t = readFusionTable(document.querySelector('.next-table')!);
    expect(t.headers).toEqual(['宝贝', '单价']);
    expect(t.rows.map((r) => [r.cells, r.groupHeader ?? false, r.group?.index ?? null])).toEqual([
      [['订单号：1001 创建时间：2026-11-20 10:00:00', ''], true, null],
      [['乳胶枕', '¥199.00'], false, 0],
      [['瑜伽垫', '¥69.00'], false, 0],
      [['订单号：1002 创建时间：2026-11-19 09:00:00', ''], true, null],
      [['手机壳', '¥29.00'], false, 3],
    ]);
  });

  test('an empty table has headers and no rows (the 没有数据 placeholder is not a row)', async () => {
    await render(
      <FusionTable dataSource={[]}>
        <FusionTable.Column title="访客" dataIndex="nick" />
        <FusionTable.Column title="访问时间" dataIndex="time" />
      </FusionTable>,
    );
    expect(document.querySelector('.next-table-empty')).not.toBeNull();
    const [t] = readTables(document);
    expect(t!.headers).toEqual(['访客', '访问时间']);
    expect(t!.rows).toEqual([]);
  });
});

const antCols = [
  { title: '访客ID', dataIndex: 'id', fixed: 'left' as const, width: 100 },
  { title: '访客', dataIndex: 'nick', width: 200 },
  { title: '访问时间', dataIndex: 'time', width: 200, ellipsis: true },
  { title: '操作', key: 'op', fixed: 'right' as const, width: 100, render: () => '查看' },
];

describe('Ant Design 5 (real antd render)', () => {
  test('fixed header + fixed left/right columns + an expanded row: measure row and detail row skipped, each column once', async () => {
    await render(
      <AntTable
        rowKey="id"
        dataSource={visitors}
        columns={antCols}
        scroll={{ x: 1200, y: 400 }}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <p>详情 {r.nick}</p>, defaultExpandedRowKeys: ['v1'] }}
      />,
    );
    expect(document.querySelector('.ant-table-measure-row')).not.toBeNull();
    expect(document.querySelector('.ant-table-expanded-row')).not.toBeNull();
    expect(document.querySelector('.ant-table-cell-fix-left')).not.toBeNull();
    const tables = readTables(document);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.library).toBe('antd:ant');
    expect(tables[0]!.headers).toEqual(['', '访客ID', '访客', '访问时间', '操作']);
    expect(tables[0]!.rows.map((r) => r.cells.slice(1))).toEqual(visitors.map((v) => [v.id, v.nick, v.time, '查看']));
  });

  test('grouped rows by onCell colSpan/rowSpan: order header line + item rows with per-order cells spanning them', async () => {
    type R = { key: string; head?: string; item?: string; price?: string; amount?: string; first?: boolean; n?: number };
    const rows: R[] = [
      { key: 'h1', head: '订单号：1001 创建时间：2026-11-20 10:00:00' },
      { key: 'i1', item: '乳胶枕', price: '¥199.00', amount: '¥268.00', first: true, n: 2 },
      { key: 'i2', item: '瑜伽垫', price: '¥69.00', amount: '¥268.00', n: 2 },
    ];
    const cols = [
      { title: '宝贝', key: 'item', render: (_: unknown, r: R) => r.head ?? r.item, onCell: (r: R) => (r.head ? { colSpan: 3 } : {}) },
      { title: '单价', key: 'price', dataIndex: 'price', onCell: (r: R) => (r.head ? { colSpan: 0 } : {}) },
      { title: '实收款', key: 'amount', dataIndex: 'amount', onCell: (r: R) => (r.head ? { colSpan: 0 } : { rowSpan: r.first ? r.n : 0 }) },
    ];
    await render(<AntTable rowKey="key" dataSource={rows} columns={cols} pagination={false} />);
    const t = readAntdTable(document.querySelector('.ant-table')!);
    expect(t.rows.map((r) => [r.cells, r.groupHeader ?? false, r.group?.index ?? null])).toEqual([
      [['订单号：1001 创建时间：2026-11-20 10:00:00', '', ''], true, null],
      [['乳胶枕', '¥199.00', '¥268.00'], false, 0],
      [['瑜伽垫', '¥69.00', '¥268.00'], false, 0],
    ]);
  });

  test('a virtual body (div rows) is read from the rows antd has drawn', async () => {
    await render(<AntTable rowKey="id" virtual dataSource={visitors} columns={antCols.slice(0, 3)} scroll={{ x: 1200, y: 400 }} pagination={false} />);
    expect(document.querySelector('.ant-table-tbody-virtual')).not.toBeNull();
    const [t] = readTables(document);
    expect(t!.headers).toEqual(['访客ID', '访客', '访问时间']);
    expect(t!.rows.map((r) => r.cells)).toEqual(visitors.map((v) => [v.id, v.nick, v.time]));
  });

  test('an empty table: the placeholder is not a row', async () => {
    await render(<AntTable rowKey="id" dataSource={[]} columns={antCols} pagination={false} />);
    const [t] = readTables(document);
    expect(t!.rows).toEqual([]);
  });
});

describe('Semi (DOM after Semi\u2019s Table source)', () => {
  test('fixed header, sticky fixed columns, a section (group) row and an expanded row', () => {
    document.body.innerHTML = `<div class="semi-table-wrapper"><div class="semi-table semi-table-default"><div class="semi-table-container">
      <div class="semi-table-header"><table><thead class="semi-table-thead"><tr class="semi-table-row">
        <th class="semi-table-row-head semi-table-cell-fixed-left">订单号</th><th class="semi-table-row-head">宝贝</th><th class="semi-table-row-head semi-table-cell-fixed-right">操作</th>
      </tr></thead></table></div>
      <div class="semi-table-body"><table><tbody class="semi-table-tbody">
        <tr class="semi-table-row-section"><td class="semi-table-row-cell" colspan="3">2026-11-20</td></tr>
        <tr class="semi-table-row"><td class="semi-table-row-cell semi-table-cell-fixed-left">1001</td><td class="semi-table-row-cell">乳胶枕</td><td class="semi-table-row-cell semi-table-cell-fixed-right">详情</td></tr>
        <tr class="semi-table-row-expand"><td class="semi-table-row-cell" colspan="3"><div class="semi-table-expand-inner">物流：已签收</div></td></tr>
        <tr class="semi-table-row"><td class="semi-table-row-cell semi-table-cell-fixed-left">1002</td><td class="semi-table-row-cell">瑜伽垫</td><td class="semi-table-row-cell semi-table-cell-fixed-right">详情</td></tr>
      </tbody></table></div></div></div></div>`;
    const tables = readTables(document);
    expect(tables.map((t) => t.library)).toEqual(['semi']);
    expect(tables[0]!.headers).toEqual(['订单号', '宝贝', '操作']);
    expect(tables[0]!.rows.map((r) => [r.cells, r.groupHeader ?? false])).toEqual([
      [['2026-11-20', '', ''], true],
      [['1001', '乳胶枕', '详情'], false],
      [['1002', '瑜伽垫', '详情'], false],
    ]);
  });

  test('a virtualised body of div rows and cells; an empty placeholder is skipped', () => {
    document.body.innerHTML = `<div class="semi-table"><div class="semi-table-header"><table><thead class="semi-table-thead"><tr>
        <th class="semi-table-row-head">访客</th><th class="semi-table-row-head">访问时间</th></tr></thead></table></div>
      <div class="semi-table-body"><div style="height:400px"><div>
        <div class="semi-table-row"><div class="semi-table-row-cell">t**9</div><div class="semi-table-row-cell">2026-11-20 10:00:00</div></div>
        <div class="semi-table-row"><div class="semi-table-row-cell">小猫</div><div class="semi-table-row-cell">2026-11-20 11:00:00</div></div>
      </div></div></div></div>`;
    const [t] = readTables(document);
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ['t**9', '2026-11-20 10:00:00'],
      ['小猫', '2026-11-20 11:00:00'],
    ]);
  });
});
