/** DOM + observed JSON made one result (lib/capture/observe/merge.ts) and the observed log (observer.ts). */
import { describe, expect, test } from 'vitest';
import { mergeObserved, recordKey } from '@/lib/capture/observe/merge';
import { NO_MAPPER, OBSERVE_OFF, ObservedLog } from '@/lib/capture/observe/observer';
import { NOT_JSON } from '@/lib/capture/observe/decode';
import { TAP_MARK, type TapObserved } from '@/lib/capture/observe/tap';
import { emptyResult, type Adapter, type AdapterResult } from '@/lib/capture/types';
import type { OrderInput } from '@/lib/model';

const order = (orderId: string, patch: Partial<OrderInput> = {}): OrderInput => ({
  orderId,
  shopId: 's1',
  customerKey: `douyin:s1:id:${orderId}`,
  placedAt: '2026-11-20T10:00:00+08:00',
  amountFen: 4990,
  quantity: 1,
  channel: 'live',
  traffic: 'paid',
  status: 'paid',
  ...patch,
});

function result(rows: string[][], orders: OrderInput[], rowOf: number[]): AdapterResult {
  return { ...emptyResult('douyin-orders'), shop: { shopId: 's1', platform: 'douyin', name: '店' }, headers: ['h'], rawRows: rows, orders, rowOf: { orders: rowOf, customers: [], contacts: [], snapshots: [] } };
}

describe('mergeObserved', () => {
  test('the JSON record wins where both show it; DOM rows stay; DOM-only records stay; a disagreement is recorded', () => {
    const dom = result([['A'], ['B'], ['C']], [order('1', { amountFen: 4990 }), order('2', { status: 'shipped' }), order('3')], [0, 1, 2]);
    const json = result([['j1'], ['j2'], ['j9']], [order('1', { amountFen: 4990, paidAt: '2026-11-20T10:01:00+08:00' }), order('2', { status: 'completed' }), order('9')], [0, 1, 2]);
    const m = mergeObserved(dom, [json]);
    expect(m.result.rawRows).toEqual([['A'], ['B'], ['C']]);
    expect(m.result.orders).toEqual([json.orders[0], json.orders[1], dom.orders[2]]);
    expect(m.result.rowOf.orders).toEqual([0, 1, 2]);
    expect(m.crossCheck).toEqual({
      observed: 3,
      dom: 3,
      matched: 2,
      disagreementCount: 1,
      disagreements: [{ key: 'order:2', field: 'status', dom: 'shipped', observed: 'completed' }],
    });
    // Order 9 is only in the JSON: its own batch with the mapper's row.
    expect(m.observedOnly?.orders).toEqual([json.orders[2]]);
    expect(m.observedOnly?.rawRows).toEqual([['j9']]);
    expect(m.observedOnly?.rowOf.orders).toEqual([0]);
    // Already stored: not sent again.
    expect(mergeObserved(dom, [json], new Set([recordKey('orders', json.orders[2])])).observedOnly).toBeNull();
  });

  test('no DOM reading: the observed records are the result; later responses win for the same order', () => {
    const a = result([['a1']], [order('1', { status: 'paid' })], [0]);
    const b = result([['b1']], [order('1', { status: 'shipped' })], [0]);
    const m = mergeObserved(null, [a, b]);
    expect(m.result.orders).toEqual([b.orders[0]]);
    expect(m.result.rawRows).toEqual([['b1']]);
    expect(m.crossCheck).toBeNull();
    expect(m.observedOnly).toBeNull();
  });

  test('snapshots: the JSON’s exact figures over the DOM’s abbreviated ones, within ½% is not a disagreement', () => {
    const snap = (metrics: Record<string, { value: number }>) => ({ shopId: 's1', source: 'compass-user-asset', seenOn: '2026-11-21', metrics });
    const dom = { ...emptyResult('compass-user-asset'), rawRows: [['高潜用户', '18.25万']], snapshots: [snap({ highPotential: { value: 182500 }, repeat: { value: 30 } })], rowOf: { orders: [], customers: [], contacts: [], snapshots: [0] } };
    const json = { ...emptyResult('compass-user-asset'), snapshots: [snap({ highPotential: { value: 182537 }, repeat: { value: 35 } })], rowOf: { orders: [], customers: [], contacts: [], snapshots: [0] } };
    const m = mergeObserved(dom, [json]);
    expect(m.result.snapshots[0]!.metrics).toEqual({ highPotential: { value: 182537 }, repeat: { value: 35 } });
    expect(m.crossCheck?.disagreements).toEqual([{ key: 'snapshot:compass-user-asset|2026-11-21', field: 'metrics.repeat', dom: '30', observed: '35' }]);
  });
});

describe('ObservedLog', () => {
  const mapped = result([['m']], [order('7')], [0]);
  const adapter = {
    id: 'douyin-orders',
    endpoints: [
      {
        id: 'douyin-searchlist',
        host: 'fxg.jinritemai.com',
        path: /^\/api\/order\/searchlist/,
        map: (json: unknown) => ((json as { code?: number }).code === 10008 ? { ignored: '未登录 (logged out)' } : mapped),
      },
    ],
  } as unknown as Adapter;
  const msg = (patch: Partial<TapObserved>): TapObserved => ({ [TAP_MARK]: 1, kind: 'observed', via: 'xhr', url: 'https://fxg.jinritemai.com/api/order/searchlist?page=0', method: 'GET', status: 200, ...patch });
  const ctx = { pageUrl: 'https://fxg.jinritemai.com/ffa/morder/order/list', capturedAt: '2026-11-21T10:00:00+08:00', shop: { shopId: 's1', platform: 'douyin' as const, name: '店' } };

  test('maps JSON bodies (bytes or text); counts every ignored body by reason', () => {
    const log = new ObservedLog([adapter]);
    log.take(msg({ bytes: new TextEncoder().encode('{"code":0,"data":[]}').buffer }), true);
    log.take(msg({ text: '{"code":10008,"msg":"未登录"}' }), true);
    log.take(msg({ text: '<html>登录</html>' }), true);
    log.take(msg({ skipped: '响应过大，未复制 (body of 9 bytes > 8)' }), true);
    log.take(msg({ text: '{"code":0}' }), false);
    log.take(msg({ url: 'https://compass.jinritemai.com/compass_api/other', text: '{}' }), true);
    expect(log.has('douyin-orders')).toBe(true);
    expect(log.resultsFor('douyin-orders', ctx)).toEqual([mapped]);
    expect(log.endpointStats()['douyin-searchlist']).toEqual({
      seen: 5,
      mapped: 1,
      ignored: { [NOT_JSON]: 1, '响应过大，未复制 (body of 9 bytes > 8)': 1, [OBSERVE_OFF]: 1, '未登录 (logged out)': 1 },
    });
    expect(log.ignoredReasons()[NO_MAPPER]).toBe(1);
  });
});
