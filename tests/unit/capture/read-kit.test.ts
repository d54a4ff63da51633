// @vitest-environment happy-dom
/** The shared reading skeleton (lib/capture/read-kit.ts, grouped-orders.ts): the parts adapters lean on. */
import { describe, expect, test } from 'vitest';
import { groupsOf } from '@/lib/capture/grouped-orders';
import { cellsOf, customerOnce, guardedRead, need, openTablePage, RowError, type TablePage } from '@/lib/capture/read-kit';
import type { TableRow } from '@/lib/capture/table';
import { emptyResult } from '@/lib/capture/types';

const PAGE: TablePage<'name' | 'level'> = {
  id: 'kit-test',
  platform: 'taobao',
  shop: { nameSelectors: ['.shop-name'], idSelectors: ['.shop-id'], idPatterns: [/店铺ID：(\d{4,})/] },
  columns: { name: ['客户'], level: ['会员等级'] },
  required: ['name', 'level'],
  table: { zh: '客户列表', en: 'customer table' },
};
const TABLE = '<table><thead><tr><th>客户</th><th>会员等级</th></tr></thead><tbody><tr><td>小鹿</td><td>VIP</td></tr><tr><td>阿木</td><td>-</td></tr></tbody></table>';

describe('openTablePage', () => {
  test('no table → the problem names the table and its required columns', () => {
    document.body.innerHTML = '<header><div class="shop-name">店</div></header>';
    const { out, open } = openTablePage(document, PAGE);
    expect(open).toBeNull();
    expect(out.problem).toBe('没有找到客户列表 (no customer table: needs columns 客户 / 会员等级)');
  });
  test('a table but no shop → every raw row kept and rejected for it', () => {
    document.body.innerHTML = TABLE;
    const { out, open } = openTablePage(document, PAGE);
    expect(open).toBeNull();
    expect(out.rawRows).toEqual([['小鹿', 'VIP'], ['阿木', '-']]);
    expect(out.rejected).toEqual([0, 1].map((row) => ({ row, reason: 'no shop identity on the page' })));
    expect(out.problem).toContain('店铺信息无法识别');
  });
  test('table and shop → headers, raw rows, column map and shop id', () => {
    document.body.innerHTML = `<header><div class="shop-name">店</div><div class="shop-id">店铺ID：12345</div></header>${TABLE}`;
    const { out, open } = openTablePage(document, PAGE);
    expect(out.problem).toBeNull();
    expect(out.headers).toEqual(['客户', '会员等级']);
    expect(open?.shopId).toBe('12345');
    expect(cellsOf(open!.cols, out.rawRows[0]!)('level')).toBe('VIP');
  });
});

test('cellsOf gives "" for a field the table has no column for', () => {
  const get = cellsOf<'a' | 'b'>({ a: 1 }, ['x', 'y']);
  expect([get('a'), get('b')]).toEqual(['y', '']);
});

test('customerOnce keeps the first row a customer is seen at', () => {
  const out = emptyResult('t');
  const add = customerOnce(out);
  add({ customerKey: 'k1', shopId: 's', nickname: 'a' }, 3);
  add({ customerKey: 'k1', shopId: 's', nickname: 'a2' }, 5);
  add({ customerKey: 'k2', shopId: 's', nickname: 'b' }, 7);
  expect(out.customers.map((c) => c.nickname)).toEqual(['a', 'b']);
  expect(out.rowOf.customers).toEqual([3, 7]);
});

test('need: a failed parse is a RowError naming the field; null is undefined', () => {
  expect(need({ ok: true, value: null }, 'x')).toBeUndefined();
  expect(() => need({ ok: false, reason: 'bad' }, '单价')).toThrow(new RowError('单价: bad'));
});

test('guardedRead turns a bug into the page problem with nothing half-read', () => {
  const read = guardedRead('t', () => {
    throw new Error('boom');
  });
  const r = read(document, 'https://x.test/', '2026-11-20T10:00:00+08:00');
  expect(r.problem).toBe('adapter error: boom');
  expect(r.adapter).toBe('t');
  expect(r.orders).toEqual([]);
});

test('groupsOf: header rows open orders, item rows join them, rows outside any order are orphans; flat tables are one row per order', () => {
  const row = (extra: Partial<TableRow>): TableRow => ({ cells: [], cellEls: [], el: document.body, ...extra });
  const group = { index: 1, text: '', el: document.body };
  const grouped = [row({}), row({ groupHeader: true }), row({ group }), row({ group }), row({ groupHeader: true })];
  expect(groupsOf(grouped)).toEqual({ groups: [{ header: 1, items: [2, 3] }, { header: 4, items: [] }], orphans: [0] });
  expect(groupsOf([row({}), row({})]).groups).toEqual([{ header: null, items: [0] }, { header: null, items: [1] }]);
});
