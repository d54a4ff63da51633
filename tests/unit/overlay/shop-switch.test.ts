/** Shop identity bound per tab (components/overlay/shop-switch.ts): a single-page shop switch never files the old page's rows under the new shop. */
import { expect, test } from 'vitest';
import { ShopSwitchGuard } from '@/components/overlay/shop-switch';
import type { CaptureBatch } from '@/lib/capture/ingest';

const batch = (shopId: string, rows: string[][]): CaptureBatch => ({
  adapter: 'crm-customers',
  primary: 'customers',
  url: 'https://crm.taobao.com/customer/list',
  capturedAt: '2026-11-21T10:00:00+08:00',
  shop: { shopId, platform: 'taobao', name: shopId },
  headers: ['客户'],
  rawRows: rows,
  customers: [],
  orders: [],
  contacts: [],
  snapshots: [],
  rejected: [],
});

test('the header switched but the table still shows the old shop’s rows: held, nothing taken for the new shop', () => {
  const g = new ShopSwitchGuard();
  expect(g.check([batch('A', [['a1'], ['a2']])])).toEqual({ ok: true });
  const held = g.check([batch('B', [['a1'], ['a2']])]);
  expect(held).toMatchObject({ ok: false, from: 'A', to: 'B' });
  // A partly re-rendered table (one old row left) is still held.
  expect(g.check([batch('B', [['b1'], ['a2']])]).ok).toBe(false);
  expect(g.check([batch('B', [['b1'], ['b2']])])).toEqual({ ok: true });
  // Once the new shop's rows were taken, its own rows are never held again.
  expect(g.check([batch('B', [['b1'], ['b2'], ['b3']])])).toEqual({ ok: true });
});

test('an empty table in between (loading) clears the hold; the old rows are still never taken for the new shop later', () => {
  const g = new ShopSwitchGuard();
  g.check([batch('A', [['a1']])]);
  expect(g.check([batch('B', [])])).toEqual({ ok: true });
  expect(g.check([batch('B', [['b1']])])).toEqual({ ok: true });
});

test('switching back: the second shop’s rows are held for the first', () => {
  const g = new ShopSwitchGuard();
  g.check([batch('A', [['a1']])]);
  g.check([batch('B', [['b1']])]);
  expect(g.check([batch('A', [['b1']])]).ok).toBe(false);
  expect(g.check([batch('A', [['a1']])])).toEqual({ ok: true });
});

test('reads of one shop, rows changing page after page, are never held', () => {
  const g = new ShopSwitchGuard();
  for (let p = 0; p < 5; p++) expect(g.check([batch('A', [[`r${p}`], [`r${p + 1}`]])])).toEqual({ ok: true });
});
