// SPEC §6.1 (tags: every tier, class, layer and attribute as a member set).
import { describe, expect, it } from 'vitest';
import { buildTagIndex, TAG_GROUPS } from '@/lib/audience/tags';
import { evaluateAudience } from '@/lib/audience/evaluate';
import { analyzeWindow, buildSnapshot, keysOf, RFM_CLASSES, type Snapshot } from '@/lib/engine';
import type { Order } from '@/lib/model';
import { contact, cust, key, order, world } from '../engine/world';

const W = { start: '2026-11-01', end: '2026-11-30' };

/** Order with a product and channel. */
function buy(id: string, day: string, amountFen: number, productName: string, extra: Partial<Order> = {}): Order {
  return { ...order(id, { placedAt: day, paidAt: day, status: 'paid', amountFen }), productName, items: [{ productName, quantity: 1 }], ...extra };
}

const data = world({
  customers: [
    cust('a', { province: '四川省', city: '成都市', isFan: true, gender: 'f', phone: '13800138000', memberLevel: 'VIP会员', isMember: true, tags: ['老粉', ' 团购 '] }),
    cust('b', { province: '四川省', city: '绵阳市', phone: '138****1234', tags: ['老粉'] }),
    cust('c', { province: '北京市', city: '北京市', gender: 'm', memberLevel: '普通会员', isMember: true }),
    cust('d', { tags: [] }),
    cust('x', { shopId: 'OTHER', tags: ['别店'] }, 'OTHER'),
  ],
  orders: [
    // a: repeat buyer (bought in October, again in November, live, 防晒霜 SPF50 ¥120)
    buy('a', '2026-10-05', 3000, '防晒霜 SPF50', { channel: 'live', traffic: 'paid' }),
    buy('a', '2026-11-10', 12000, '防晒霜 SPF50', { channel: 'live', traffic: 'paid' }),
    buy('a', '2026-11-12', 4999, '面膜', { channel: 'video', traffic: 'organic' }),
    // b: first order in November through a product card, ¥500 exactly
    buy('b', '2026-11-20', 50000, '面膜', { channel: 'card', traffic: 'organic' }),
    // c: refunded in November: not a purchaser
    { ...buy('c', '2026-11-21', 8000, '面膜'), status: 'refunded' },
    // e: no customer record, bought in November (still counts)
    buy('e', '2026-11-25', 100, '交换机', { channel: 'other', traffic: 'unknown' }),
  ],
  contacts: [contact('c', '2026-09-15'), contact('d', '2026-11-29'), contact('a', '2026-08-01')],
});

const snap: Snapshot = buildSnapshot(data);
const idx = buildTagIndex(snap, W, { customers: data.customers });
const who = (id: string) => keysOf(snap, idx.members(id)!).map((k) => k.split(':').pop()).sort();
const size = (id: string) => idx.info(id)?.size;

describe('buildTagIndex', () => {
  it('has the engine tiers, classes, RFM and asset layers, with sizes matching the members', () => {
    const a = analyzeWindow(snap, W);
    expect(who('tier:purchasers')).toEqual(['a', 'b', 'e']);
    expect(who('tier:firstOrder')).toEqual(['b', 'e']);
    expect(who('tier:repeat')).toEqual(['a']);
    expect(size('tier:users')).toBe(a.report.douyin.users);
    expect(size('tier:highPotential')).toBe(a.report.douyin.highPotential);
    expect(size('tier:goldenWindow')).toBe(a.report.goldenWindow);
    expect(size('class:newVisitors')).toBe(a.report.taobao.newVisitors);
    expect(size('class:purchasedReturning')).toBe(a.report.taobao.purchasedReturning);
    expect(who('class:purchasedReturning')).toEqual(['a']);
    for (const k of RFM_CLASSES) expect(size(`rfm:${k}`)).toBe(a.report.rfm[k]);
    expect(size('asset:relationship')).toBe(a.report.assets.relationship);
    expect(size('asset:dormant')).toBe(a.report.assets.dormant);
    // the same tags from a precomputed analysis
    const again = buildTagIndex(snap, W, { customers: data.customers, analysis: a });
    for (const t of idx.tags) expect(again.info(t.id)?.size).toBe(t.size);
    expect(() => buildTagIndex(snap, { start: '2026-11-02', end: '2026-11-30' }, { analysis: a })).toThrow(/analysis is of/);
  });

  it('every tag size equals its member count and flags are 0/1', () => {
    for (const t of idx.tags) {
      const f = idx.flags(t.id)!;
      expect(f.every((x) => x === 0 || x === 1)).toBe(true);
      expect(idx.members(t.id)!.length).toBe(t.size);
    }
    expect(idx.flags('nope')).toBeUndefined();
  });

  it('channel, traffic, price band and product from paid orders in W (refunds and October excluded)', () => {
    expect(who('channel:live')).toEqual(['a']);
    expect(who('channel:video')).toEqual(['a']);
    expect(who('channel:card')).toEqual(['b']);
    expect(who('channel:other')).toEqual(['e']);
    expect(who('traffic:paid')).toEqual(['a']);
    expect(who('traffic:organic')).toEqual(['a', 'b']);
    expect(who('traffic:unknown')).toEqual(['e']);
    expect(who('price:0-50')).toEqual(['a', 'e']); // ¥49.99 and ¥1
    expect(who('price:100-200')).toEqual(['a']);
    expect(who('price:500+')).toEqual(['b']); // ¥500 exactly is in [500, ∞)
    expect(size('price:50-100')).toBe(0);
    expect(who('product:防晒霜 SPF50')).toEqual(['a']);
    expect(who('product:面膜')).toEqual(['a', 'b']);
    expect(who('product:交换机')).toEqual(['e']);
    expect(idx.info('product:面膜')).toMatchObject({ group: 'product', zh: '面膜' });
  });

  it('attributes, member levels, regions, first-contact month and manual tags', () => {
    expect(who('attr:fan')).toEqual(['a']);
    expect(who('attr:member')).toEqual(['a', 'c']);
    expect(who('attr:female')).toEqual(['a']);
    expect(who('attr:male')).toEqual(['c']);
    expect(who('attr:phone')).toEqual(['a']); // a masked phone is not a full number
    expect(who('level:VIP会员')).toEqual(['a']);
    expect(who('level:普通会员')).toEqual(['c']);
    expect(who('province:四川省')).toEqual(['a', 'b']);
    expect(who('city:北京市')).toEqual(['c']);
    expect(who('month:2026-08')).toEqual(['a']);
    expect(who('month:2026-09')).toEqual(['c']);
    expect(who('month:2026-11')).toEqual(['b', 'd', 'e']);
    expect(who('manual:老粉')).toEqual(['a', 'b']);
    expect(who('manual:团购')).toEqual(['a']); // trimmed
    expect(idx.info('manual:别店')).toBeUndefined(); // another shop's record
    expect(who('all')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('groups follow TAG_GROUPS order; data groups are biggest first; ids are unique', () => {
    const order = idx.tags.map((t) => TAG_GROUPS.indexOf(t.group));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const prov = idx.tags.filter((t) => t.group === 'province').map((t) => t.id);
    expect(prov).toEqual(['province:四川省', 'province:北京市']);
    expect(new Set(idx.tags.map((t) => t.id)).size).toBe(idx.tags.length);
    expect(idx.tags.every((t) => t.zh && t.en)).toBe(true);
  });

  it('evaluates expressions over the tags', () => {
    const r = evaluateAudience(idx, '(tier:firstOrder 并 tier:repeat) 交 province:四川省 差 "product:防晒霜 SPF50"');
    expect(r.ok).toBe(true);
    if (r.ok) expect(keysOf(snap, r.members)).toEqual([key('b')]);
    const bad = evaluateAudience(idx, 'tier:repeat 交 product:交换机');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.en).toMatch(/unknown tag "product:"/);
    const quoted = evaluateAudience(idx, 'tier:purchasers 差 "product:交换机"');
    expect(quoted.ok && quoted.size).toBe(2);
  });
});
