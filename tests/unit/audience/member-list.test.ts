// Issue 13 item 4: the member list behind a number — who, how to reach them, what they bought; searchable.
import { describe, expect, it } from 'vitest';
import { memberMatches, memberRows } from '@/lib/audience/member-list';
import { buildSnapshot, customerIndexOf } from '@/lib/engine';
import { contact, cust, key, order, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };
const paid = (id: string, day: string, amountFen: number) => order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen });

const data = world({
  customers: [
    cust('a', { nickname: '小王', buyerId: 'a', phone: '138****1234', province: '四川省', city: '成都市' }),
    cust('b', { nickname: 'Lily 的店', buyerId: 'b', phone: '13900001111', province: '北京市', city: '北京市' }),
    cust('c', { nickname: '老李' }),
  ],
  orders: [
    paid('a', '2026-10-02', 5000),
    paid('a', '2026-11-20', 1000), // a: last bought 11-20, two orders ¥60 in the lookback
    paid('b', '2026-11-25', 30000), // b: last bought 11-25
    paid('b', '2026-12-03', 99900), // after W: not in the list's figures
    // e: no customer record, bought once; named from its key
    paid('e', '2026-11-10', 2000),
  ],
  contacts: [contact('c', '2026-11-05')], // c: never bought
});
const snap = buildSnapshot(data);
const records = new Map(data.customers.map((c) => [c.customerKey, c]));
const all = ['a', 'b', 'c', 'e'].map((id) => customerIndexOf(snap, key(id)));

describe('memberRows', () => {
  const rows = memberRows(snap, records, Int32Array.from(all), W);

  it('one row per member: most recent buyer first, never-bought last', () => {
    expect(rows.map((r) => r.customerKey)).toEqual([key('b'), key('a'), key('e'), key('c')]);
  });

  it('has what the merchant needs: nickname, id and phone as shown, 省市, 最近购买, 次数, 金额', () => {
    expect(rows[1]).toEqual({
      customerKey: key('a'),
      nickname: '小王',
      buyerId: 'a',
      phone: '138****1234',
      region: '四川省 成都市',
      lastPaidDay: '2026-11-20',
      paidOrders: 2,
      paidFen: 6000,
    });
    // 北京市 北京市 reads once; an order after W.end counts nowhere
    expect(rows[0]).toMatchObject({ region: '北京市', lastPaidDay: '2026-11-25', paidOrders: 1, paidFen: 30000 });
    expect(rows[3]).toMatchObject({ nickname: '老李', lastPaidDay: null, paidOrders: 0, paidFen: 0 });
    expect(rows[3]!.region).toBeUndefined();
  });

  it('a member with no customer record keeps the buyer id of its key (no nickname known)', () => {
    expect(rows[2]).toMatchObject({ customerKey: key('e'), nickname: null, buyerId: 'e', paidOrders: 1, paidFen: 2000 });
    const byNick = memberRows(buildSnapshot(world({ orders: [paid('x', '2026-11-10', 100)].map((o) => ({ ...o, customerKey: 'douyin:S1:nick:阿花' })) })), new Map(), [0], W);
    expect(byNick[0]).toMatchObject({ nickname: '阿花', paidOrders: 1 });
    expect(byNick[0]!.buyerId).toBeUndefined();
  });

  it('only the members asked for', () => {
    expect(memberRows(snap, records, Int32Array.from([all[2]!]), W).map((r) => r.nickname)).toEqual(['老李']);
    expect(memberRows(snap, records, new Int32Array(0), W)).toEqual([]);
  });
});

describe('memberMatches', () => {
  const rows = memberRows(snap, records, Int32Array.from(all), W);
  const find = (q: string) => rows.filter((r) => memberMatches(r, q)).map((r) => r.nickname ?? r.buyerId);

  it('by part of the nickname, in any letter case', () => {
    expect(find('小')).toEqual(['小王']);
    expect(find('lily')).toEqual(['Lily 的店']);
  });

  it('by buyer id or phone as shown (a masked phone by its visible digits)', () => {
    expect(find('1234')).toEqual(['小王']);
    expect(find('0000111')).toEqual(['Lily 的店']);
    expect(find('e')).toEqual(['e']);
  });

  it('an empty search keeps everyone; no match keeps no one', () => {
    expect(find('  ')).toHaveLength(4);
    expect(find('不存在')).toEqual([]);
  });
});
