/** 数据完整度 rules (lib/engine/completeness.ts): hand-written worlds, hand-written expectations. */
import { describe, expect, it } from 'vitest';
import { adaptersForUrl } from '@/lib/capture/adapters';
import { buildSnapshot } from '@/lib/engine';
import { capturedPages, completeness, dataInputs, type DataInputs } from '@/lib/engine/completeness';
import { CONSOLE_PAGES } from '@/lib/engine/console-pages';
import { contact, cust, order, world } from './world';

const W = { start: '2026-11-01', end: '2026-11-30' };

/** Inputs of a shop with browse contacts everywhere, fans, and a year of data: nothing marked. */
const full: DataInputs = {
  firstDay: '2025-06-01',
  lastDay: '2026-11-30',
  orders: 40,
  browseEver: 500,
  browseInWindow: 80,
  browseBefore: 300,
  browseForScore: 80,
  fansOrMembers: 12,
};
const run = (inputs: Partial<DataInputs>, extra: Partial<Parameters<typeof completeness>[0]> = {}) =>
  completeness({ platform: 'taobao', window: W, inputs: { ...full, ...inputs }, captures: [], snapshots: [{ source: 'sycm-customer', seenOn: '2026-11-30' }], ...extra });
const marked = (c: ReturnType<typeof completeness>) => c.marks.map((m) => `${m.figure}:${m.reason}`).sort();

describe('dataInputs: counts from a snapshot', () => {
  it('first / last day, browse contacts per period, orders, fans and members', () => {
    const snap = buildSnapshot(
      world({
        customers: [cust('A', { isFan: true }), cust('B', { isMember: true }), cust('C')],
        contacts: [
          contact('A', '2025-10-01', 'view'), // before W.start − L (2025-11-01): not in the lookback
          contact('A', '2025-11-01', 'click'), // the first day of the lookback
          contact('A', '2026-11-05', 'visit'), // in W and in the 30 days ending W.end
          contact('B', '2026-11-20', 'cart'),
          contact('C', '2026-11-21', 'order'), // an explicit order contact is not browsing
        ],
        orders: [order('C', { placedAt: '2026-10-20', paidAt: '2026-10-20', status: 'paid', amountFen: 100 }), order('C', { placedAt: '2026-12-02', status: 'unpaid', amountFen: 100 })],
      }),
    );
    expect(dataInputs(snap, W)).toEqual({
      firstDay: '2025-10-01',
      lastDay: '2026-12-02',
      orders: 2,
      browseEver: 4,
      browseInWindow: 2,
      browseBefore: 1,
      browseForScore: 2,
      fansOrMembers: 2,
    });
  });
  it('an empty shop has no days', () => {
    expect(dataInputs(buildSnapshot(world({})), W)).toMatchObject({ firstDay: null, lastDay: null, orders: 0, browseEver: 0 });
  });
});

describe('completeness rules', () => {
  it('a shop with every input: nothing marked, nothing missing', () => {
    const c = run({});
    expect(c.marks).toEqual([]);
    expect(c.missing).toEqual([]);
    expect(c.windowBeforeData).toBe(false);
  });

  it('orders only (one 抖店 page): pathways, 新访 and 高潜 marked with their reasons; visits, 罗盘 and fans missing', () => {
    const c = completeness({
      platform: 'douyin',
      window: { start: '2026-10-22', end: '2026-11-20' },
      inputs: { firstDay: '2026-11-07', lastDay: '2026-11-20', orders: 20, browseEver: 0, browseInWindow: 0, browseBefore: 0, browseForScore: 0, fansOrMembers: 0 },
      captures: [{ adapter: 'douyin-orders', capturedAt: '2026-11-21T09:00:00+08:00', rowCount: 20 }],
      snapshots: [],
    });
    expect(marked(c)).toEqual([
      'active:ordersOnly',
      'comparison:noHistory',
      'dormant:shortHistory',
      'firstOrder:noHistory',
      'highPotential:noScoreContacts',
      'newVisitorSameDay:sameDayAllOrders',
      'newVisitors:ordersOnly',
      'purchasedReturning:noHistory',
      'relationship:noFanMember',
      'repeat:noHistory',
      'repurchase:noHistory',
      'unpurchasedReturn:noBrowseBefore',
      'unpurchasedReturning:ordersOnly',
      'users:ordersOnly',
    ]);
    // Douyin consoles show no visitor list and no fan list the extension reads: missing, with nowhere to capture.
    expect(c.missing).toEqual([
      { input: 'visits', page: null },
      { input: 'consoleFigures', page: 'compass-user-asset' },
      { input: 'fansMembers', page: null },
    ]);
    expect(c.windowBeforeData).toBe(true);
    expect(c.firstDay).toBe('2026-11-07');
    expect(c.lastCaptureAt).toBe('2026-11-21T09:00:00+08:00');
    expect(c.pages).toEqual([{ page: 'douyin-orders', adapter: 'douyin-orders', captures: 1, rows: 20, lastAt: '2026-11-21T09:00:00+08:00' }]);
  });

  it('taobao: each missing input names its page', () => {
    const c = completeness({ platform: 'taobao', window: W, inputs: { ...full, orders: 0, browseEver: 0, fansOrMembers: 0 }, captures: [], snapshots: [] });
    expect(c.missing).toEqual([
      { input: 'orders', page: 'qianniu-sold' },
      { input: 'visits', page: 'sycm-visitors' },
      { input: 'consoleFigures', page: 'sycm-customer' },
      { input: 'fansMembers', page: 'crm-customers' },
    ]);
  });

  it('each rule at its boundary', () => {
    // Browsing only before W: the window's own figures are order-only, the 未购 pathway is not.
    expect(marked(run({ browseInWindow: 0, browseForScore: 0 }))).toEqual([
      'active:ordersOnly',
      'highPotential:noScoreContacts',
      'newVisitorSameDay:sameDayAllOrders',
      'newVisitors:ordersOnly',
      'unpurchasedReturning:ordersOnly',
      'users:ordersOnly',
    ]);
    expect(marked(run({ browseBefore: 0 }))).toEqual(['unpurchasedReturn:noBrowseBefore']);
    // Data from W.start on: no history. From the day before: history of one day, not marked.
    expect(marked(run({ firstDay: '2026-11-01' }))).toEqual([
      'comparison:noHistory',
      'dormant:shortHistory',
      'firstOrder:noHistory',
      'purchasedReturning:noHistory',
      'repeat:noHistory',
      'repurchase:noHistory',
    ]);
    expect(run({ firstDay: '2026-11-01' }).windowBeforeData).toBe(false);
    expect(run({ firstDay: '2026-11-02' }).windowBeforeData).toBe(true);
    expect(marked(run({ firstDay: '2026-10-31' }))).toEqual(['dormant:shortHistory']);
    // 90 days ending 11-30 start on 09-02 (30 + 31 + 29 days back): data from 09-02 is enough, from 09-03 it is not.
    expect(marked(run({ firstDay: '2026-09-02' }))).toEqual([]);
    expect(marked(run({ firstDay: '2026-09-03' }))).toEqual(['dormant:shortHistory']);
    expect(marked(run({ fansOrMembers: 0 }))).toEqual(['relationship:noFanMember']);
  });

  it('a shop without any data marks nothing (there is no figure to doubt)', () => {
    const empty: DataInputs = { firstDay: null, lastDay: null, orders: 0, browseEver: 0, browseInWindow: 0, browseBefore: 0, browseForScore: 0, fansOrMembers: 0 };
    const c = completeness({ platform: 'douyin', window: W, inputs: empty, captures: [], snapshots: [] });
    expect(c.marks).toEqual([]);
    expect(c.missing.map((m) => m.input)).toEqual(['orders', 'visits', 'consoleFigures', 'fansMembers']);
    expect(c.lastCaptureAt).toBeNull();
  });
});

describe('captured pages', () => {
  it('grouped by adapter in the consoles order, with counts, rows and the last time; snapshot-only pages by their day', () => {
    const pages = capturedPages(
      [
        { adapter: 'generic', capturedAt: '2026-11-02T10:00:00+08:00', rowCount: 3 },
        { adapter: 'sycm-visitors', capturedAt: '2026-11-03T10:00:00+08:00', rowCount: 50 },
        { adapter: 'qianniu-sold', capturedAt: '2026-11-04T10:00:00+08:00', rowCount: 20 },
        { adapter: 'qianniu-sold', capturedAt: '2026-11-01T10:00:00+08:00', rowCount: 15 },
      ],
      [
        { source: 'sycm-customer', seenOn: '2026-11-19' },
        { source: 'sycm-customer', seenOn: '2026-11-20' },
        { source: 'sycm-visitors', seenOn: '2026-12-01' }, // a page with captures keeps its capture time
      ],
    );
    expect(pages).toEqual([
      { page: 'qianniu-sold', adapter: 'qianniu-sold', captures: 2, rows: 35, lastAt: '2026-11-04T10:00:00+08:00' },
      { page: 'sycm-visitors', adapter: 'sycm-visitors', captures: 1, rows: 50, lastAt: '2026-11-03T10:00:00+08:00' },
      { page: 'sycm-customer', adapter: 'sycm-customer', captures: 0, rows: 0, lastAt: '2026-11-20' },
      { page: null, adapter: 'generic', captures: 1, rows: 3, lastAt: '2026-11-02T10:00:00+08:00' },
    ]);
  });

  it('each console page address is read by the adapter of that id', () => {
    expect(CONSOLE_PAGES.map((p) => p.id).sort()).toEqual(['compass-user-asset', 'crm-customers', 'douyin-orders', 'qianniu-sold', 'sycm-customer', 'sycm-visitors']);
    for (const p of CONSOLE_PAGES) {
      const [first] = adaptersForUrl(p.url);
      expect([p.id, first?.adapter.id, first?.pathMatches, first?.adapter.platform]).toEqual([p.id, p.id, true, p.platform]);
    }
  });
});

