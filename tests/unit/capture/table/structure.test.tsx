// @vitest-environment happy-dom
/**
 * SPEC §8 "Structure first": one logical order table — 3 orders, 1–2 items each, per-order cells
 * spanning the item rows, remark rows closing two of the orders, a fixed right 操作 column — and one
 * flat table, each drawn by many libraries: antd 5 under `prefixCls` `auxo` and `ecom-g` (colSpan
 * order rows), antd with tree data (order = level-0 row of several cells, items level-1), Arco,
 * Fusion Next list mode (one <table> per order, lock clone of the fixed column), hand-written
 * antd 3 markup (split header/body, `ant-table-fixed-right` clone) inside 生意参谋's oui/alife-dt
 * wrappers, Element UI markup (tree rows, `el-table__fixed-right` clone, header gutter) and an ARIA
 * treegrid of divs. Every rendering must read to the same headers, rows and groups, written out
 * by hand below — never computed by the reader.
 */
import '../../../fixtures/pages/shared/fusion-compat';
import { Table as FusionTable } from '@alifd/next';
import { Table as ArcoTable } from '@arco-design/web-react';
import { ConfigProvider, Table as AntTable } from 'antd';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, test } from 'vitest';
import { detectLibrary, readTables, type ReadTable } from '@/lib/capture/table';
import { findVirtualBody } from '@/lib/capture/virtual';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
async function render(node: ReactNode): Promise<void> {
  unmount();
  document.body.innerHTML = '<div id="r"></div>';
  root = createRoot(document.getElementById('r')!);
  await act(async () => root!.render(node));
}
function unmount() {
  if (root) act(() => root!.unmount());
  root = null;
}
afterEach(unmount);
const html = (s: string) => {
  unmount();
  document.body.innerHTML = s;
};

// ---------------------------------------------------------------- the logical tables

type Item = { product: string; spec: string; price: string; qty: string };
type Order = { id: string; placed: string; amount: string; status: string; remark: string[]; items: Item[] };
const ORDERS: Order[] = [
  {
    id: '6919000000000001',
    placed: '2023/05/12 21:58:20',
    amount: '¥139.70',
    status: '已完成',
    remark: ['商家备注：加急', '买家留言：尽快发货'],
    items: [
      { product: '纯棉T恤', spec: '白色 XL', price: '¥49.90', qty: 'x2' },
      { product: '运动短裤', spec: '黑色 L', price: '¥39.90', qty: 'x1' },
    ],
  },
  { id: '6919000000000002', placed: '2023/05/13 09:01:02', amount: '¥199.00', status: '待发货', remark: [], items: [{ product: '乳胶枕', spec: '标准款', price: '¥199.00', qty: 'x1' }] },
  {
    id: '6919000000000003',
    placed: '2023/05/14 10:00:00',
    amount: '¥127.00',
    status: '已发货',
    remark: ['买家留言：放门口'],
    items: [
      { product: '瑜伽垫', spec: '6mm 灰', price: '¥69.00', qty: 'x1' },
      { product: '手机壳', spec: 'iPhone 15', price: '¥29.00', qty: 'x2' },
    ],
  },
];
const HEADERS = ['商品', '单价', '数量', '实付金额', '订单状态', '操作'];
const W = HEADERS.length;

/** What every rendering of the grouped table reads to, written out by hand. */
const GROUPED = {
  headers: ['商品', '单价', '数量', '实付金额', '订单状态', '操作'],
  rows: [
    { kind: 'header', group: null, cells: ['订单编号 6919000000000001 下单时间 2023/05/12 21:58:20', '', '', '', '', ''] },
    { kind: 'item', group: 0, cells: ['纯棉T恤 规格：白色 XL', '¥49.90', 'x2', '¥139.70', '已完成', '详情'] },
    { kind: 'item', group: 0, cells: ['运动短裤 规格：黑色 L', '¥39.90', 'x1', '¥139.70', '已完成', '详情'] },
    { kind: 'remark', group: 0, cells: ['商家备注：加急 买家留言：尽快发货', '', '', '', '', ''] },
    { kind: 'header', group: null, cells: ['订单编号 6919000000000002 下单时间 2023/05/13 09:01:02', '', '', '', '', ''] },
    { kind: 'item', group: 4, cells: ['乳胶枕 规格：标准款', '¥199.00', 'x1', '¥199.00', '待发货', '详情'] },
    { kind: 'header', group: null, cells: ['订单编号 6919000000000003 下单时间 2023/05/14 10:00:00', '', '', '', '', ''] },
    { kind: 'item', group: 6, cells: ['瑜伽垫 规格：6mm 灰', '¥69.00', 'x1', '¥127.00', '已发货', '详情'] },
    { kind: 'item', group: 6, cells: ['手机壳 规格：iPhone 15', '¥29.00', 'x2', '¥127.00', '已发货', '详情'] },
    { kind: 'remark', group: 6, cells: ['买家留言：放门口', '', '', '', '', ''] },
  ],
  groupTexts: [
    '订单编号 6919000000000001 下单时间 2023/05/12 21:58:20',
    '订单编号 6919000000000002 下单时间 2023/05/13 09:01:02',
    '订单编号 6919000000000003 下单时间 2023/05/14 10:00:00',
  ],
};

type Flat = { id: string; nick: string; amount: string };
const FLAT_ROWS: Flat[] = [
  { id: '6919000000000001', nick: '小子🌸', amount: '¥139.70' },
  { id: '6919000000000002', nick: 't**9', amount: '¥199.00' },
  { id: '6919000000000003', nick: '樱**', amount: '¥127.00' },
];
const FLAT_HEADERS = ['订单编号', '买家', '实付金额', '操作'];
const FLAT = {
  headers: ['订单编号', '买家', '实付金额', '操作'],
  rows: [
    { kind: 'item', group: null, cells: ['6919000000000001', '小子🌸', '¥139.70', '详情'] },
    { kind: 'item', group: null, cells: ['6919000000000002', 't**9', '¥199.00', '详情'] },
    { kind: 'item', group: null, cells: ['6919000000000003', '樱**', '¥127.00', '详情'] },
  ],
  groupTexts: [] as string[],
};

/** The reading reduced to what must agree across libraries. */
function shape(t: ReadTable) {
  return {
    headers: t.headers,
    rows: t.rows.map((r) => ({ kind: r.groupHeader ? 'header' : r.remark ? 'remark' : 'item', group: r.group?.index ?? null, cells: r.cells })),
    groupTexts: t.rows.filter((r) => r.groupHeader).map((r) => r.cells[0]),
  };
}

/** The only table on the page, read; its library as ReadTable and detectLibrary name it. */
function readOnly(): { table: ReadTable; library: string } {
  const tables = readTables(document);
  expect(tables).toHaveLength(1);
  const table = tables[0]!;
  expect(detectLibrary(table.el)).toBe(table.library);
  return { table, library: table.library };
}

// ---------------------------------------------------------------- React renderings

const headLine = (o: Order) => (
  <span className="auxo-pair-head-wrapper">
    <span className="index_text__3y09K">订单编号{'\u00a0'}{o.id}</span> <span className="index_text__3y09K">下单时间{'\u00a0'}{o.placed}</span>
  </span>
);
const productCell = (i: Item) => (
  <div className="style_detail__x1">
    <div className="style_name__3ChB9 index_ellipsis__29MP5" title={i.product}>
      {i.product}
    </div>
    <div className="style_desc__9aQ">规格：{i.spec}</div>
  </div>
);
const remarkCell = (o: Order) => (
  <div className="index_footerContent__Qq1">
    {o.remark.map((t) => (
      <div key={t}>{t}</div>
    ))}
  </div>
);

/** Flat rows of the grouped table, as colSpan renderings take them: order, items, remark. */
type Row = { key: string; kind: 'order' | 'item' | 'remark'; o: Order; i: number };
const flatRows = (): Row[] =>
  ORDERS.flatMap((o) => [
    { key: o.id, kind: 'order' as const, o, i: -1 },
    ...o.items.map((_, i) => ({ key: `${o.id}-${i}`, kind: 'item' as const, o, i })),
    ...(o.remark.length ? [{ key: `${o.id}-remark`, kind: 'remark' as const, o, i: -1 }] : []),
  ]);

/** antd columns with onCell colSpan (order and remark rows) and rowSpan (per-order cells). */
function antColumns() {
  const wide = (r: Row, first: boolean) => (r.kind === 'item' ? {} : { colSpan: first ? W : 0 });
  const perOrder = (r: Row) => (r.kind !== 'item' ? { colSpan: 0 } : { rowSpan: r.i === 0 ? r.o.items.length : 0 });
  return [
    {
      title: '商品',
      key: 'product',
      width: 260,
      onCell: (r: Row) => wide(r, true),
      render: (_: unknown, r: Row) => (r.kind === 'order' ? headLine(r.o) : r.kind === 'remark' ? remarkCell(r.o) : productCell(r.o.items[r.i]!)),
    },
    { title: '单价', key: 'price', width: 100, onCell: (r: Row) => wide(r, false), render: (_: unknown, r: Row) => (r.kind === 'item' ? r.o.items[r.i]!.price : null) },
    { title: '数量', key: 'qty', width: 80, onCell: (r: Row) => wide(r, false), render: (_: unknown, r: Row) => (r.kind === 'item' ? r.o.items[r.i]!.qty : null) },
    { title: '实付金额', key: 'amount', width: 120, onCell: perOrder, render: (_: unknown, r: Row) => <div className="index_payAmount__8sd">{r.o.amount}</div> },
    { title: '订单状态', key: 'status', width: 100, onCell: perOrder, render: (_: unknown, r: Row) => <span data-kora={r.o.status}>{r.o.status}</span> },
    { title: '操作', key: 'op', width: 80, fixed: 'right' as const, onCell: perOrder, render: () => <a>详情</a> },
  ];
}

const flatAntColumns = [
  { title: '订单编号', dataIndex: 'id', width: 180 },
  { title: '买家', dataIndex: 'nick', width: 120 },
  { title: '实付金额', dataIndex: 'amount', width: 120 },
  { title: '操作', key: 'op', width: 80, fixed: 'right' as const, render: () => <a>详情</a> },
];

const antGrouped = (prefixCls: string, hash = 'ULgxX') => (
  <ConfigProvider prefixCls={prefixCls}>
    <AntTable<Row>
      rowKey="key"
      dataSource={flatRows()}
      columns={antColumns()}
      scroll={{ x: 1200 }}
      pagination={false}
      rowClassName={(r) => `row-vertical-top index_table-row__${hash}${r.kind === 'remark' ? ` ${prefixCls}-pair-group-row-last` : ''}`}
    />
  </ConfigProvider>
);
const antFlat = (prefixCls: string) => (
  <ConfigProvider prefixCls={prefixCls}>
    <AntTable<Flat> rowKey="id" dataSource={FLAT_ROWS} columns={flatAntColumns} scroll={{ x: 1200 }} pagination={false} />
  </ConfigProvider>
);

/** antd tree data: each order a level-0 row (订单编号 and 下单时间 in two cells), items and the remark its level-1 children. */
type TreeRow = { key: string; kind: 'order' | 'item' | 'remark'; o: Order; i: number; children?: TreeRow[] };
function antTree() {
  const data: TreeRow[] = ORDERS.map((o) => ({
    key: o.id,
    kind: 'order',
    o,
    i: -1,
    children: [
      ...o.items.map((_, i) => ({ key: `${o.id}-${i}`, kind: 'item' as const, o, i })),
      ...(o.remark.length ? [{ key: `${o.id}-remark`, kind: 'remark' as const, o, i: -1 }] : []),
    ],
  }));
  const item = (r: TreeRow, f: (i: Item) => ReactNode) => (r.kind === 'item' ? f(r.o.items[r.i]!) : null);
  const remarkSpan = (r: TreeRow, first: boolean) => (r.kind === 'remark' ? { colSpan: first ? W : 0 } : {});
  const perOrder = (r: TreeRow) => (r.kind === 'remark' ? { colSpan: 0 } : r.kind === 'item' ? { rowSpan: r.i === 0 ? r.o.items.length : 0 } : {});
  const columns = [
    {
      title: '商品',
      key: 'product',
      width: 260,
      onCell: (r: TreeRow) => remarkSpan(r, true),
      render: (_: unknown, r: TreeRow) => (r.kind === 'order' ? <span>订单编号{'\u00a0'}{r.o.id}</span> : r.kind === 'remark' ? remarkCell(r.o) : productCell(r.o.items[r.i]!)),
    },
    {
      title: '单价',
      key: 'price',
      width: 100,
      onCell: (r: TreeRow) => remarkSpan(r, false),
      render: (_: unknown, r: TreeRow) => (r.kind === 'order' ? <span>下单时间{'\u00a0'}{r.o.placed}</span> : item(r, (i) => i.price)),
    },
    { title: '数量', key: 'qty', width: 80, onCell: (r: TreeRow) => remarkSpan(r, false), render: (_: unknown, r: TreeRow) => item(r, (i) => i.qty) },
    { title: '实付金额', key: 'amount', width: 120, onCell: perOrder, render: (_: unknown, r: TreeRow) => (r.kind === 'item' ? r.o.amount : null) },
    { title: '订单状态', key: 'status', width: 100, onCell: perOrder, render: (_: unknown, r: TreeRow) => (r.kind === 'item' ? r.o.status : null) },
    { title: '操作', key: 'op', width: 80, fixed: 'right' as const, onCell: perOrder, render: (_: unknown, r: TreeRow) => (r.kind === 'item' ? <a>详情</a> : null) },
  ];
  return (
    <ConfigProvider prefixCls="auxo">
      <AntTable<TreeRow> rowKey="key" dataSource={data} columns={columns} scroll={{ x: 1200 }} pagination={false} expandable={{ defaultExpandAllRows: true }} />
    </ConfigProvider>
  );
}

/** Arco: render returns { children, props: { colSpan, rowSpan } } (as the 抖店 Arco fixture does). */
function arcoGrouped() {
  const wide = (r: Row, first: boolean, children: ReactNode) =>
    r.kind === 'item' ? children : { children: first ? (r.kind === 'order' ? headLine(r.o) : remarkCell(r.o)) : null, props: { colSpan: first ? W : 0 } };
  const perOrder = (r: Row, children: ReactNode) =>
    r.kind !== 'item' ? { children: null, props: { colSpan: 0 } } : { children: r.i === 0 ? children : null, props: { rowSpan: r.i === 0 ? r.o.items.length : 0 } };
  const columns = [
    { title: '商品', dataIndex: 'product', width: 260, render: (_: unknown, r: Row) => wide(r, true, r.kind === 'item' ? productCell(r.o.items[r.i]!) : null) },
    { title: '单价', dataIndex: 'price', width: 100, render: (_: unknown, r: Row) => wide(r, false, r.kind === 'item' ? r.o.items[r.i]!.price : null) },
    { title: '数量', dataIndex: 'qty', width: 80, render: (_: unknown, r: Row) => wide(r, false, r.kind === 'item' ? r.o.items[r.i]!.qty : null) },
    { title: '实付金额', dataIndex: 'amount', width: 120, render: (_: unknown, r: Row) => perOrder(r, r.o.amount) },
    { title: '订单状态', dataIndex: 'status', width: 100, render: (_: unknown, r: Row) => perOrder(r, r.o.status) },
    { title: '操作', dataIndex: 'op', width: 80, fixed: 'right' as const, render: (_: unknown, r: Row) => perOrder(r, <a>详情</a>) },
  ];
  return <ArcoTable rowKey="key" data={flatRows()} columns={columns} scroll={{ x: 1200 }} pagination={false} />;
}
const arcoFlat = () => (
  <ArcoTable
    rowKey="id"
    data={FLAT_ROWS}
    scroll={{ x: 1200 }}
    pagination={false}
    columns={[
      { title: '订单编号', dataIndex: 'id', width: 180 },
      { title: '买家', dataIndex: 'nick', width: 120 },
      { title: '实付金额', dataIndex: 'amount', width: 120 },
      { title: '操作', dataIndex: 'op', width: 80, fixed: 'right' as const, render: () => <a>详情</a> },
    ]}
  />
);

/** Fusion list mode: GroupHeader = the order line, GroupFooter = the remark, one <table> per order. */
type FusionItem = Item & { key: string; o: Order; i: number };
type FusionOrder = { key: string; o: Order; children: FusionItem[] };
function fusionGrouped() {
  const data: FusionOrder[] = ORDERS.map((o) => ({ key: o.id, o, children: o.items.map((it, i) => ({ ...it, key: `${o.id}-${i}`, o, i })) }));
  const perOrderCols = new Set(['amount', 'status', 'op']);
  return (
    <FusionTable
      dataSource={data}
      primaryKey="key"
      cellProps={(_row: number, _col: number, dataIndex: string, record: FusionItem) =>
        perOrderCols.has(dataIndex) && record.i === 0 ? { rowSpan: record.o.items.length } : undefined
      }
    >
      <FusionTable.GroupHeader cell={(r: FusionOrder) => headLine(r.o)} />
      <FusionTable.GroupFooter cell={(r: FusionOrder) => (r.o.remark.length ? remarkCell(r.o) : null)} />
      <FusionTable.Column title="商品" dataIndex="product" width={260} cell={(_: unknown, __: number, r: FusionItem) => productCell(r)} />
      <FusionTable.Column title="单价" dataIndex="price" width={100} />
      <FusionTable.Column title="数量" dataIndex="qty" width={80} />
      <FusionTable.Column title="实付金额" dataIndex="amount" width={120} cell={(_: unknown, __: number, r: FusionItem) => r.o.amount} />
      <FusionTable.Column title="订单状态" dataIndex="status" width={100} cell={(_: unknown, __: number, r: FusionItem) => r.o.status} />
      <FusionTable.Column title="操作" dataIndex="op" width={80} lock="right" cell={() => <a>详情</a>} />
    </FusionTable>
  );
}
const fusionFlat = () => (
  <FusionTable dataSource={FLAT_ROWS} primaryKey="id">
    <FusionTable.Column title="订单编号" dataIndex="id" width={180} />
    <FusionTable.Column title="买家" dataIndex="nick" width={120} />
    <FusionTable.Column title="实付金额" dataIndex="amount" width={120} />
    <FusionTable.Column title="操作" dataIndex="op" width={80} lock="right" cell={() => <a>详情</a>} />
  </FusionTable>
);

// ---------------------------------------------------------------- hand-written markup

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const headHtml = (o: Order) => `<span class="x-head"><span>订单编号&nbsp;${o.id}</span> <span>下单时间&nbsp;${esc(o.placed)}</span></span>`;
const productHtml = (i: Item) => `<div><div class="name" title="${i.product}">${i.product}</div><div>规格：${esc(i.spec)}</div></div>`;
const remarkHtml = (o: Order) => o.remark.map((t) => `<div>${t}</div>`).join('');

/** Grouped body rows as <tr>s: colSpan order/remark rows, rowSpan per-order cells; `cellCls` per column, `rowAttrs` per row kind. */
function groupedTrs(cellCls: (col: number) => string, rowAttrs: (kind: Row['kind'], o: Order) => string, td = (cls: string, attrs: string, inner: string) => `<td class="${cls}"${attrs}>${inner}</td>`): string {
  return flatRows()
    .map((r) => {
      if (r.kind !== 'item') return `<tr ${rowAttrs(r.kind, r.o)}>${td(cellCls(0), ` colspan="${W}"`, r.kind === 'order' ? headHtml(r.o) : remarkHtml(r.o))}</tr>`;
      const it = r.o.items[r.i]!;
      const per = (col: number, inner: string) => (r.i === 0 ? td(cellCls(col), ` rowspan="${r.o.items.length}"`, inner) : '');
      return `<tr ${rowAttrs('item', r.o)}>${td(cellCls(0), '', productHtml(it))}${td(cellCls(1), '', it.price)}${td(cellCls(2), '', it.qty)}${per(3, r.o.amount)}${per(4, r.o.status)}${per(5, '<a>详情</a>')}</tr>`;
    })
    .join('');
}

/** antd 3 (生意参谋): header/body split, the fixed right column drawn again in `ant-table-fixed-right`, in oui / alife-dt wrappers. */
function antd3(grouped: boolean): string {
  const headers = grouped ? HEADERS : FLAT_HEADERS;
  const th = (h: string) =>
    `<th class=""><span class="ant-table-header-column"><div><span class="ant-table-column-title">${h}</span><span class="ant-table-column-sorter"><i class="anticon anticon-caret-up"><svg></svg></i></span></div></span></th>`;
  const rowAttr = (kind: Row['kind'], o: Order) => `class="ant-table-row ant-table-row-level-0" data-row-key="${o.id}-${kind}"`;
  const body = grouped
    ? groupedTrs((c) => (c === 3 ? 'alife-dt-card-common-table-sortable-td' : c === 5 ? 'ant-table-fixed-columns-in-body alife-dt-card-common-table-right-column' : ''), rowAttr)
    : FLAT_ROWS.map(
        (f) =>
          `<tr class="ant-table-row ant-table-row-level-0" data-row-key="${f.id}"><td>${f.id}</td><td>${f.nick}</td><td class="alife-dt-card-common-table-sortable-td"><div class="alife-dt-card-common-table-sortable-value"><span>${f.amount}</span></div></td><td class="ant-table-fixed-columns-in-body">详情</td></tr>`,
      ).join('');
  const cloneBody = grouped
    ? flatRows()
        .map((r) => (r.kind !== 'item' ? `<tr class="ant-table-row"><td colspan="1">&nbsp;</td></tr>` : r.i === 0 ? `<tr class="ant-table-row"><td rowspan="${r.o.items.length}">详情</td></tr>` : '<tr class="ant-table-row"></tr>'))
        .join('')
    : FLAT_ROWS.map(() => '<tr class="ant-table-row"><td>详情</td></tr>').join('');
  return `<div class="oui-card"><div class="oui-card-header-wrapper"><div class="oui-card-title">实时访客</div></div><div class="oui-card-content"><div class="contentContainer">
    <div class="alife-dt-card-common-table"><div class="ant-table-wrapper"><div class="ant-spin-nested-loading"><div class="ant-spin-container">
    <div class="ant-table ant-table-default ant-table-fixed-header ant-table-scroll-position-left"><div class="ant-table-content">
      <div class="ant-table-scroll">
        <div class="ant-table-header"><table><thead class="ant-table-thead"><tr>${headers.map(th).join('')}</tr></thead></table></div>
        <div class="ant-table-body"><table><tbody class="ant-table-tbody">${body}</tbody></table></div>
      </div>
      <div class="ant-table-fixed-right">
        <div class="ant-table-header"><table class="ant-table-fixed"><thead class="ant-table-thead"><tr>${th('操作')}</tr></thead></table></div>
        <div class="ant-table-body-outer"><div class="ant-table-body-inner"><table class="ant-table-fixed"><tbody class="ant-table-tbody">${cloneBody}</tbody></table></div></div>
      </div>
    </div></div></div></div></div>
    <div class="alife-dt-card-common-table-pagination-container"><ul class="ant-pagination"><li class="ant-pagination-item ant-pagination-item-1 ant-pagination-item-active">1</li></ul></div>
    </div></div></div></div>`;
}

/** Element UI 2: tree rows (`el-table__row--level-0/1`), the fixed right column drawn again in `el-table__fixed-right`, a header gutter. */
function element(grouped: boolean): string {
  const headers = grouped ? HEADERS : FLAT_HEADERS;
  const th = (h: string, i: number) => `<th colspan="1" rowspan="1" class="el-table_1_column_${i + 1} is-leaf"><div class="cell">${h}</div></th>`;
  const head = `<thead class="has-gutter"><tr>${headers.map(th).join('')}<th class="gutter" style="width: 0px;"></th></tr></thead>`;
  const td = (cls: string, attrs: string, inner: string) => `<td${attrs} class="${cls}"><div class="cell">${inner}</div></td>`;
  const body = grouped
    ? ORDERS.map((o) => {
        const top = `<tr class="el-table__row el-table__row--level-0"><td class="el-table_1_column_1"><div class="cell"><div class="el-table__expand-icon el-table__expand-icon--expanded"><i class="el-icon-arrow-right"></i></div>订单编号&nbsp;${o.id}</div></td><td class="el-table_1_column_2"><div class="cell">下单时间&nbsp;${o.placed}</div></td><td></td><td></td><td></td><td class="is-hidden"></td></tr>`;
        const items = o.items
          .map((it, i) => {
            const per = (col: number, inner: string) => (i === 0 ? td(`el-table_1_column_${col + 1}${col === 5 ? ' is-hidden' : ''}`, ` rowspan="${o.items.length}"`, inner) : '');
            return `<tr class="el-table__row el-table__row--level-1">${td('el-table_1_column_1', '', `<span class="el-table__indent" style="padding-left: 16px;"></span>${productHtml(it)}`)}${td('el-table_1_column_2', '', it.price)}${td('el-table_1_column_3', '', it.qty)}${per(3, o.amount)}${per(4, o.status)}${per(5, '<button class="el-button el-button--text"><span>详情</span></button>')}</tr>`;
          })
          .join('');
        const remark = o.remark.length ? `<tr class="el-table__row el-table__row--level-1">${td('el-table_1_column_1', ` colspan="${W}"`, remarkHtml(o))}</tr>` : '';
        return top + items + remark;
      }).join('')
    : FLAT_ROWS.map((f) => `<tr class="el-table__row">${td('c1', '', f.id)}${td('c2', '', f.nick)}${td('c3', '', f.amount)}${td('c4 is-hidden', '', '详情')}</tr>`).join('');
  const cloneRows = grouped ? ORDERS.map((o) => `<tr class="el-table__row"><td>${o.id}</td></tr>`).join('') : FLAT_ROWS.map(() => '<tr class="el-table__row"><td><div class="cell">详情</div></td></tr>').join('');
  return `<div class="el-table el-table--fit el-table--scrollable-x el-table--enable-row-hover"><div class="hidden-columns"><div></div></div>
    <div class="el-table__header-wrapper"><table class="el-table__header" cellspacing="0" cellpadding="0" border="0">${head}</table></div>
    <div class="el-table__body-wrapper is-scrolling-left"><table class="el-table__body" cellspacing="0" cellpadding="0" border="0"><tbody>${body}</tbody></table></div>
    <div class="el-table__fixed-right" style="width: 80px;">
      <div class="el-table__fixed-header-wrapper"><table class="el-table__header"><thead><tr>${th(headers[headers.length - 1]!, 9)}</tr></thead></table></div>
      <div class="el-table__fixed-body-wrapper"><table class="el-table__body"><tbody>${cloneRows}</tbody></table></div>
    </div><div class="el-table__fixed-right-patch"></div><div class="el-table__column-resize-proxy" style="display: none;"></div></div>`;
}

/** An ARIA treegrid of divs: aria-level 1 = order, 2 = items and remark; per-order cells span by aria-rowspan. */
function aria(grouped: boolean): string {
  const headers = grouped ? HEADERS : FLAT_HEADERS;
  const head = `<div role="rowgroup"><div role="row">${headers.map((h) => `<div role="columnheader">${h}</div>`).join('')}</div></div>`;
  const cell = (inner: string, attrs = '') => `<div role="gridcell"${attrs}><div class="c">${inner}</div></div>`;
  const body = grouped
    ? ORDERS.map((o) => {
        const top = `<div role="row" aria-level="1" aria-expanded="true">${cell(headHtml(o), ` aria-colspan="${W}"`)}</div>`;
        const items = o.items
          .map((it, i) => {
            const per = (inner: string) => (i === 0 ? cell(inner, ` aria-rowspan="${o.items.length}"`) : '');
            return `<div role="row" aria-level="2">${cell(productHtml(it))}${cell(it.price)}${cell(it.qty)}${per(o.amount)}${per(o.status)}${per('<a>详情</a>')}</div>`;
          })
          .join('');
        const remark = o.remark.length ? `<div role="row" aria-level="2">${cell(remarkHtml(o), ` aria-colspan="${W}"`)}</div>` : '';
        return top + items + remark;
      }).join('')
    : FLAT_ROWS.map((f) => `<div role="row">${cell(f.id)}${cell(f.nick)}${cell(f.amount)}${cell('<a>详情</a>')}</div>`).join('');
  return `<div class="grid_wrap__aB3" role="treegrid" aria-label="订单">${head}<div role="rowgroup" class="grid_body__x9">${body}</div></div>`;
}

// ---------------------------------------------------------------- the tests

const grouped: [string, string, () => Promise<void>][] = [
  ['antd 5 prefixCls auxo (colSpan order rows)', 'antd:auxo', () => render(antGrouped('auxo'))],
  ['antd 5 prefixCls ecom-g (colSpan order rows)', 'antd:ecom-g', () => render(antGrouped('ecom-g'))],
  ['antd tree data (level-0 order rows, level-1 items and remark)', 'antd:auxo', () => render(antTree())],
  ['Arco', 'arco', () => render(arcoGrouped())],
  ['Fusion Next list mode (one <table> per order)', 'fusion', () => render(fusionGrouped())],
  ['antd 3 markup with fixed-right clone (生意参谋 wrappers)', 'antd:ant', async () => html(antd3(true))],
  ['Element UI markup (tree rows, fixed-right clone)', 'element', async () => html(element(true))],
  ['ARIA treegrid of divs', 'aria', async () => html(aria(true))],
];
const flat: [string, string, () => Promise<void>][] = [
  ['antd 5 prefixCls auxo', 'antd:auxo', () => render(antFlat('auxo'))],
  ['antd 5 prefixCls ecom-g', 'antd:ecom-g', () => render(antFlat('ecom-g'))],
  ['Arco', 'arco', () => render(arcoFlat())],
  ['Fusion Next (locked right column)', 'fusion', () => render(fusionFlat())],
  ['antd 3 markup with fixed-right clone', 'antd:ant', async () => html(antd3(false))],
  ['Element UI markup', 'element', async () => html(element(false))],
  ['ARIA grid of divs', 'aria', async () => html(aria(false))],
];

describe('the same grouped order table in eight renderings reads the same', () => {
  test.each(grouped)('%s', async (_name, library, draw) => {
    await draw();
    const { table } = readOnly();
    expect(table.library).toBe(library);
    expect(shape(table)).toEqual(GROUPED);
  });

  test('the renderings really differ: sticky cells, a lock clone, a fixed clone, one table per order, tree levels', async () => {
    await render(antGrouped('auxo'));
    expect(document.querySelector('.auxo-table-cell-fix-right')).not.toBeNull();
    await render(fusionGrouped());
    expect(document.querySelectorAll('.next-table-body > table').length).toBeGreaterThanOrEqual(3);
    expect(document.querySelector('.next-table-lock-right')).not.toBeNull();
    await render(antTree());
    expect(document.querySelectorAll('.auxo-table-row-level-0')).toHaveLength(3);
    expect(document.querySelectorAll('.auxo-table-row-level-1')).toHaveLength(7);
    html(antd3(true));
    // Each order's 操作 cell is drawn twice: in the main body and in the fixed-right clone.
    expect(Array.from(document.querySelectorAll('td')).filter((td) => td.textContent === '详情')).toHaveLength(6);
  });

  test('a tree order row keeps its element (data-row-key = the order id) for its items and remark', async () => {
    await render(antTree());
    const { table } = readOnly();
    const remark = table.rows.find((r) => r.remark)!;
    expect(remark.group!.el.getAttribute('data-row-key')).toBe('6919000000000001');
    expect(table.rows[1]!.group!.el.getAttribute('data-row-key')).toBe('6919000000000001');
  });
});

describe('the same flat table in seven renderings reads the same', () => {
  test.each(flat)('%s', async (_name, library, draw) => {
    await draw();
    const { table } = readOnly();
    expect(table.library).toBe(library);
    expect(shape(table)).toEqual(FLAT);
  });
});

describe('what must not change the reading', () => {
  test('a CSS-module hash that changes with every release (index_table-row__ULgxX → __Zq81P) does not', async () => {
    await render(antGrouped('auxo', 'ULgxX'));
    expect(document.querySelector('.index_table-row__ULgxX')).not.toBeNull();
    const before = shape(readOnly().table);
    await render(antGrouped('auxo', 'Zq81P'));
    expect(document.querySelector('.index_table-row__ULgxX')).toBeNull();
    expect(shape(readOnly().table)).toEqual(before);
    expect(before).toEqual(GROUPED);
  });

  test('every class attribute stripped from the rows and cells of an auxo table: still one table, same rows', async () => {
    await render(antGrouped('auxo'));
    for (const el of Array.from(document.querySelectorAll('tr, td, th, span, div, a'))) if (!/-table($|-container|-content|-thead|-tbody)/.test(el.getAttribute('class') ?? '')) el.removeAttribute('class');
    // The root and its parts keep their classes (the structure); the measure row lost its class but keeps aria-hidden.
    expect(shape(readOnly().table)).toEqual(GROUPED);
  });
});

describe('罗盘 aurora tables: the hidden first tbody row is not data', () => {
  const body = `<tr class="aurora-table-row aurora-table-row-level-0" data-row-key="1"><td class="aurora-table-cell">1</td><td class="aurora-table-cell">好物小店</td><td class="aurora-table-cell">￥20.17万</td></tr>
    <tr class="aurora-table-row aurora-table-row-level-0" data-row-key="2"><td class="aurora-table-cell">2</td><td class="aurora-table-cell">🌸花店</td><td class="aurora-table-cell">1万-2.5万</td></tr>`;
  const table = (hidden: string) => `<div class="aurora-table-wrapper"><div class="aurora-spin-container"><div class="aurora-table aurora-table-ping-right">
    <div class="aurora-table-container"><div class="aurora-table-header"><table><thead class="aurora-table-thead"><tr>
      <th class="aurora-table-cell">排名</th><th class="aurora-table-cell"><div class="aurora-table-column-sorters"><span class="aurora-table-column-title">店铺名称</span><span class="aurora-table-column-sorter">↑</span></div></th><th class="aurora-table-cell">用户支付金额</th>
    </tr></thead></table></div>
    <div class="aurora-table-body"><table><tbody class="aurora-table-tbody">${hidden}${body}</tbody></table></div></div></div></div></div>`;
  const EXPECTED = {
    headers: ['排名', '店铺名称', '用户支付金额'],
    rows: [
      { kind: 'item', group: null, cells: ['1', '好物小店', '￥20.17万'] },
      { kind: 'item', group: null, cells: ['2', '🌸花店', '1万-2.5万'] },
    ],
    groupTexts: [],
  };
  test.each([
    ['antd 4 measure row (aria-hidden, 0 px high)', '<tr aria-hidden="true" class="aurora-table-measure-row" style="height: 0px; font-size: 0px;"><td style="padding: 0px; border: 0px; height: 0px;"><div style="height: 0px; overflow: hidden;">&nbsp;</div></td><td></td><td></td></tr>'],
    ['a 0 px row with no class or aria', '<tr style="height: 0px;"><td><div>&nbsp;</div></td><td><div>x</div></td><td></td></tr>'],
    ['the header texts drawn again as <th>s (首行是隐藏表头)', '<tr><th>排名</th><th>店铺名称</th><th>用户支付金额</th></tr>'],
  ])('%s', (_name, hidden) => {
    html(table(hidden));
    const { table: t } = readOnly();
    expect(t.library).toBe('antd:aurora');
    expect(shape(t)).toEqual(EXPECTED);
  });
});

describe('virtual bodies under any prefix', () => {
  test('antd 5 virtual with prefixCls ecom-g (抖店 SKU editor): div rows read, the …-virtual-holder is the scroll box', async () => {
    await render(
      <ConfigProvider prefixCls="ecom-g">
        <AntTable<Flat> rowKey="id" virtual dataSource={FLAT_ROWS} columns={flatAntColumns} scroll={{ x: 1200, y: 400 }} pagination={false} />
      </ConfigProvider>,
    );
    expect(document.querySelector('.ecom-g-table-tbody-virtual')).not.toBeNull();
    const { table } = readOnly();
    expect(table.library).toBe('antd:ecom-g');
    expect(shape(table)).toEqual(FLAT);
    const holder = document.querySelector<HTMLElement>('.ecom-g-table-tbody-virtual-holder')!;
    Object.defineProperty(holder, 'scrollHeight', { value: 9000 });
    Object.defineProperty(holder, 'clientHeight', { value: 240 });
    expect(findVirtualBody(table.el, 3)).toBe(holder);
  });
});

describe('detectLibrary', () => {
  test('from the root, a cell inside it, or a wrapper around it', async () => {
    await render(antGrouped('ecom-g'));
    expect(detectLibrary(document.querySelector('.ecom-g-table')!)).toBe('antd:ecom-g');
    expect(detectLibrary(document.querySelector('td')!)).toBe('antd:ecom-g');
    expect(detectLibrary(document.getElementById('r')!)).toBe('antd:ecom-g');
    html(antd3(true));
    expect(detectLibrary(document.querySelector('.oui-card')!)).toBe('antd:ant');
  });
  test('a `<p>-table` class without the table parts is no library: a plain table inside it is html', () => {
    html('<div class="order-table"><table><thead><tr><th>订单编号</th><th>金额</th></tr></thead><tbody><tr><td>1</td><td>¥1.00</td></tr></tbody></table></div>');
    const { table } = readOnly();
    expect(table.library).toBe('html');
    expect(detectLibrary(document.querySelector('.order-table')!)).toBe('html');
    expect(table.rows.map((r) => r.cells)).toEqual([['1', '¥1.00']]);
  });
  test('Fusion, Arco, Element and ARIA roots', async () => {
    await render(fusionFlat());
    expect(detectLibrary(document.querySelector('.next-table')!)).toBe('fusion');
    await render(arcoFlat());
    expect(detectLibrary(document.querySelector('.arco-table')!)).toBe('arco');
    html(element(false));
    expect(detectLibrary(document.querySelector('td')!)).toBe('element');
    html(aria(false));
    expect(detectLibrary(document.querySelector('[role="gridcell"]')!)).toBe('aria');
  });
});

describe('one order on the page (千牛, a single <table> in the body)', () => {
  test('the library\u2019s group-header row heads the order even with several cells; its group-footer closes it', () => {
    html(`<div class="next-table"><div class="next-table-header"><table><thead><tr><th class="next-table-selection"></th><th>宝贝</th><th>单价</th><th>实收款</th></tr></thead></table></div>
      <div class="next-table-body"><table class="next-table-row first last"><tbody>
        <tr class="next-table-group-header"><td class="next-table-selection"><input type="checkbox"></td><td><span>订单号：3001</span></td><td colspan="2"><span>创建时间：2026-11-20 10:00:00</span></td></tr>
        <tr><td colspan="2">乳胶枕</td><td>￥199.00</td><td rowspan="2">￥268.00</td></tr>
        <tr><td colspan="2">瑜伽垫</td><td>￥69.00</td></tr>
        <tr class="next-table-group-footer"><td colspan="4">买家留言：放门口</td></tr>
      </tbody></table></div></div>`);
    const { table } = readOnly();
    expect(shape(table)).toEqual({
      headers: ['', '宝贝', '单价', '实收款'],
      rows: [
        { kind: 'header', group: null, cells: ['订单号：3001 创建时间：2026-11-20 10:00:00', '', '', ''] },
        { kind: 'item', group: 0, cells: ['', '乳胶枕', '￥199.00', '￥268.00'] },
        { kind: 'item', group: 0, cells: ['', '瑜伽垫', '￥69.00', '￥268.00'] },
        { kind: 'remark', group: 0, cells: ['买家留言：放门口', '', '', ''] },
      ],
      groupTexts: ['订单号：3001 创建时间：2026-11-20 10:00:00'],
    });
  });
});

describe('tree rows: a remark drawn as a top-level sibling of the order', () => {
  test('a full-width level-0 row after item rows and before the next order row closes the order', () => {
    const tr = (level: number, cells: string) => `<tr class="auxo-table-row auxo-table-row-level-${level}">${cells}</tr>`;
    html(`<div class="auxo-table"><div class="auxo-table-content"><table><thead class="auxo-table-thead"><tr><th>商品</th><th>单价</th><th>实付金额</th></tr></thead>
      <tbody class="auxo-table-tbody">
        ${tr(0, '<td>订单编号&nbsp;1</td><td>下单时间&nbsp;2023/05/12 21:58:20</td><td></td>')}
        ${tr(1, '<td>乳胶枕</td><td>¥199.00</td><td>¥199.00</td>')}
        ${tr(0, '<td colspan="3">买家留言：放门口</td>')}
        ${tr(0, '<td>订单编号&nbsp;2</td><td>下单时间&nbsp;2023/05/13 09:01:02</td><td></td>')}
        ${tr(1, '<td>瑜伽垫</td><td>¥69.00</td><td>¥69.00</td>')}
      </tbody></table></div></div>`);
    expect(shape(readOnly().table).rows).toEqual([
      { kind: 'header', group: null, cells: ['订单编号 1 下单时间 2023/05/12 21:58:20', '', ''] },
      { kind: 'item', group: 0, cells: ['乳胶枕', '¥199.00', '¥199.00'] },
      { kind: 'remark', group: 0, cells: ['买家留言：放门口', '', ''] },
      { kind: 'header', group: null, cells: ['订单编号 2 下单时间 2023/05/13 09:01:02', '', ''] },
      { kind: 'item', group: 3, cells: ['瑜伽垫', '¥69.00', '¥69.00'] },
    ]);
  });
});
