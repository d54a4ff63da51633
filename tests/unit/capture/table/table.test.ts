// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { cellLines, cellText, layGrid, readHtmlTable, readTables } from '@/lib/capture/table';

const html = (s: string) => {
  document.body.innerHTML = s;
  return document.body;
};

describe('cellText', () => {
  test('collapses whitespace and separates block children (React renders no spaces between divs)', () => {
    const el = html('<div><div>张三</div><div>138****1234</div><span>四川省</span><span> 成都市</span>\n\t</div>').firstElementChild!;
    expect(cellText(el)).toBe('张三 138****1234 四川省 成都市');
  });
  test('prefers the full title of an ellipsised element, keeps sibling text', () => {
    const el = html('<div><span class="x-ellipsis" title="玻尿酸补水面膜 10片">玻尿酸补水…</span><div>规格：盒装</div></div>').firstElementChild!;
    expect(cellText(el)).toBe('玻尿酸补水面膜 10片 规格：盒装');
  });
  test('a truncated text ending in … or ... is replaced by its title even without an ellipsis class', () => {
    expect(cellText(html('<p><span title="很长很长的商品名称">很长很长...</span></p>').firstElementChild)).toBe('很长很长的商品名称');
  });
  test('a title that is not the full form of the text (a tooltip hint) is ignored', () => {
    expect(cellText(html('<p><span title="点击复制">123</span></p>').firstElementChild)).toBe('123');
  });
  test('skips scripts, styles, svg icons and hidden elements', () => {
    const el = html('<div>¥1<style>.a{}</style><svg><text>icon</text></svg><span hidden>x</span><span style="display:none">y</span>.50</div>').firstElementChild!;
    expect(cellText(el)).toBe('¥1.50');
  });
  test('cellLines splits on block children', () => {
    const el = html('<div><div><span>何**</span> <span>138****7682</span></div><div>陕西省 西安市</div></div>').firstElementChild!;
    expect(cellLines(el)).toEqual(['何** 138****7682', '陕西省 西安市']);
  });
});

describe('layGrid', () => {
  test('rowSpan and colSpan fill the covered slots', () => {
    html(`<table><tbody>
      <tr><td id="a" rowspan="2">a</td><td id="b" colspan="2">b</td></tr>
      <tr><td id="c">c</td><td id="d" rowspan="2">d</td></tr>
      <tr><td id="e">e</td><td id="f">f</td></tr></tbody></table>`);
    const ids = layGrid(Array.from(document.querySelectorAll('tr'))).map((r) => r.slots.map((s) => s?.id ?? null));
    expect(ids).toEqual([
      ['a', 'b', 'b'],
      ['a', 'c', 'd'],
      ['e', 'f', 'd'],
    ]);
  });
});

describe('readHtmlTable', () => {
  test('header from <thead>, group header rows detected, rowSpan cells repeat on each covered row', () => {
    html(`<table><thead><tr><th>商品</th><th>数量</th><th>实付金额</th></tr></thead><tbody>
      <tr><td colspan="3">订单编号：1 下单时间：2026-11-20</td></tr>
      <tr><td>A</td><td>x1</td><td rowspan="2">¥10.00</td></tr>
      <tr><td>B</td><td>x2</td></tr>
      <tr><td colspan="3">订单编号：2</td></tr>
      <tr><td>C</td><td>x1</td><td>¥5.00</td></tr></tbody></table>`);
    const t = readHtmlTable(document.querySelector('table')!);
    expect(t.headers).toEqual(['商品', '数量', '实付金额']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['订单编号：1 下单时间：2026-11-20', '', ''],
      ['A', 'x1', '¥10.00'],
      ['B', 'x2', '¥10.00'],
      ['订单编号：2', '', ''],
      ['C', 'x1', '¥5.00'],
    ]);
    expect(t.rows.map((r) => r.groupHeader ?? false)).toEqual([true, false, false, true, false]);
    expect(t.rows.map((r) => r.group?.index ?? null)).toEqual([null, 0, 0, null, 3]);
  });
  test('a first row of <th> is the header when there is no <thead>; placeholder rows are skipped', () => {
    html(`<table><tr><th>日期</th><th>访客数</th></tr><tr><td>11-20</td><td>1.2万</td></tr>
      <tr class="x-table-placeholder"><td colspan="2">暂无数据</td></tr></table>`);
    const t = readHtmlTable(document.querySelector('table')!);
    expect(t.headers).toEqual(['日期', '访客数']);
    expect(t.rows.map((r) => r.cells)).toEqual([['11-20', '1.2万']]);
  });
  test('two-level headers name each column by its lowest header cell', () => {
    html(`<table><thead><tr><th rowspan="2">日期</th><th colspan="2">访客</th></tr><tr><th>新访客</th><th>老访客</th></tr></thead>
      <tbody><tr><td>11-20</td><td>3</td><td>4</td></tr></tbody></table>`);
    expect(readHtmlTable(document.querySelector('table')!).headers).toEqual(['日期', '新访客', '老访客']);
  });
});

describe('readTables (Arco DOM)', () => {
  test('header and body in separate tables are joined; a nested table in a cell is not a second table', () => {
    html(`<div class="arco-table"><div class="arco-table-header"><table><thead><tr><th>商品信息</th><th>订单状态</th></tr></thead></table></div>
      <div class="arco-table-body"><table><tbody>
        <tr class="arco-table-tr"><td>A<table><tbody><tr><td>inner</td></tr></tbody></table></td><td>已完成</td></tr>
      </tbody></table></div></div>`);
    const tables = readTables(document);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.library).toBe('arco');
    expect(tables[0]!.headers).toEqual(['商品信息', '订单状态']);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([['A inner', '已完成']]);
  });
  test('frozen columns rendered a second time (fixed-left/right clones) are read once', () => {
    html(`<div class="arco-table">
      <div class="arco-table-content"><table><thead><tr><th>订单编号</th><th>金额</th><th>操作</th></tr></thead>
        <tbody><tr><td>1</td><td>¥1.00</td><td>详情</td></tr><tr><td>2</td><td>¥2.00</td><td>详情</td></tr></tbody></table></div>
      <div class="arco-table-fixed-left"><table><thead><tr><th>订单编号</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table></div>
      <div class="arco-table-fixed-right"><table><thead><tr><th>操作</th></tr></thead><tbody><tr><td>详情</td></tr><tr><td>详情</td></tr></tbody></table></div>
    </div>`);
    const [t] = readTables(document);
    expect(t!.headers).toEqual(['订单编号', '金额', '操作']);
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ['1', '¥1.00', '详情'],
      ['2', '¥2.00', '详情'],
    ]);
  });
  test('Arco column ellipsis (title on .arco-table-cell) and an empty selection column', () => {
    html(`<div class="arco-table"><table><thead><tr><th></th><th>商品</th></tr></thead><tbody>
      <tr><td><input type="checkbox"></td><td><div class="arco-table-cell arco-table-cell-text-ellipsis" title="一个很长的商品名称 XL"><span>一个很长的商品名称 XL</span></div></td></tr>
    </tbody></table></div>`);
    const [t] = readTables(document);
    expect(t!.headers).toEqual(['', '商品']);
    expect(t!.rows[0]!.cells).toEqual(['', '一个很长的商品名称 XL']);
  });
  test('plain tables beside a library table are read by the html reader', () => {
    html(`<div class="arco-table"><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>
      <table><thead><tr><th>b</th></tr></thead><tbody><tr><td>2</td></tr></tbody></table>`);
    expect(readTables(document).map((t) => [t.library, t.headers[0]])).toEqual([
      ['arco', 'a'],
      ['html', 'b'],
    ]);
  });
});
