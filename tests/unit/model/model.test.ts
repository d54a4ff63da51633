import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Contact,
  Customer,
  Order,
  Shop,
  addDays,
  customerKeyOf,
  dayOf,
  daysBetween,
  derivedShopId,
  isDay,
  isPaidStatus,
  normalizeInstant,
  parseWith,
} from '@/lib/model';

const order = {
  orderId: '6907772112999801167',
  shopId: 's1',
  customerKey: 'douyin:s1:id:42',
  placedAt: '2026-11-20 13:45:12',
  amountFen: 12345,
  quantity: 2,
  productName: '猫砂 豆腐砂',
  channel: 'live',
  traffic: 'paid',
  status: 'completed',
};

describe('time (UTC+8)', () => {
  it('reads offsets and converts to Shanghai; no offset means UTC+8 wall time', () => {
    expect(normalizeInstant('2026-11-20T17:00:00Z')).toBe('2026-11-21T01:00:00+08:00');
    expect(normalizeInstant('2026-11-20 13:45:12')).toBe('2026-11-20T13:45:12+08:00');
    expect(normalizeInstant('2026-11-20T13:45:12-05:00')).toBe('2026-11-21T02:45:12+08:00');
    expect(normalizeInstant('2026-11-20T13:45:12.5+0800')).toBe('2026-11-20T13:45:12+08:00');
    expect(dayOf('2026-11-20T16:00:00Z')).toBe('2026-11-21');
    expect(dayOf('2026-11-20T15:59:59Z')).toBe('2026-11-20');
  });

  it('refuses unreadable or impossible timestamps', () => {
    for (const bad of ['', 'yesterday', '2026-02-30 10:00:00', '2026-13-01', '2026-11-20 25:00:00', '20/11/2026'])
      expect(normalizeInstant(bad)).toBeNull();
  });

  it('day arithmetic across months, years and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2025-11-20', '2026-11-20')).toBe(365);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('normalising is idempotent and keeps the instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (sec) => {
        const iso = new Date(sec * 1000).toISOString();
        const once = normalizeInstant(iso)!;
        expect(normalizeInstant(once)).toBe(once);
        expect(Date.parse(once)).toBe(sec * 1000);
      }),
    );
  });
});

describe('schemas', () => {
  it('an order without items reads as one item from the top-level product; orderId stays a string', () => {
    const r = parseWith(Order, order);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.placedAt).toBe('2026-11-20T13:45:12+08:00');
    expect(r.value.items).toEqual([{ productName: '猫砂 豆腐砂', quantity: 2 }]);
    expect(typeof r.value.orderId).toBe('string');
    const none = parseWith(Order, { ...order, productName: undefined });
    expect(none.ok && none.value.items).toEqual([]);
  });

  it('gives human-readable reasons naming the field', () => {
    const r = parseWith(Order, { ...order, amountFen: 12.5, status: 'lost', placedAt: 'soon' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain('amountFen: amount must be integer fen');
    expect(r.reason).toContain('status');
    expect(r.reason).toContain('placedAt: unreadable timestamp "soon"');
    expect(parseWith(Order, { ...order, amountFen: -1 }).ok).toBe(false);
    expect(parseWith(Order, { ...order, orderId: 6907772112999801167 }).ok).toBe(false);
  });

  it('customers default tags; contacts and shops validate enums', () => {
    const c = parseWith(Customer, { customerKey: 'k', shopId: 's1', nickname: '🍀樱桃君' });
    expect(c.ok && c.value.tags).toEqual([]);
    expect(parseWith(Customer, { customerKey: 'k', shopId: 's1', nickname: 'x', gender: 'x' }).ok).toBe(false);
    expect(parseWith(Contact, { shopId: 's1', customerKey: 'k', at: '2026-11-20 08:00', kind: 'visit' }).ok).toBe(true);
    expect(parseWith(Contact, { shopId: 's1', customerKey: 'k', at: '2026-11-20 08:00', kind: 'stare' }).ok).toBe(false);
    expect(parseWith(Shop, { shopId: 's1', platform: 'jd', name: 'x' }).ok).toBe(false);
  });
});

describe('keys', () => {
  it('customerKey uses the buyer id when visible, else the nickname exactly as shown', () => {
    expect(customerKeyOf('douyin', 's1', { buyerId: '42', nickname: 'a' })).toBe('douyin:s1:id:42');
    expect(customerKeyOf('taobao', 's1', { nickname: 't**9' })).toBe('taobao:s1:nick:t**9');
    expect(customerKeyOf('douyin', 's1', { nickname: '🍀樱桃君8191' })).toBe('douyin:s1:nick:🍀樱桃君8191');
  });

  it('derived shop ids are stable per platform and name, and differ across them', () => {
    expect(derivedShopId('taobao', '小鹿优选')).toBe(derivedShopId('taobao', ' 小鹿优选 '));
    expect(derivedShopId('taobao', '小鹿优选')).not.toBe(derivedShopId('douyin', '小鹿优选'));
    expect(derivedShopId('taobao', '小鹿优选')).toMatch(/^name-[0-9a-f]{8}$/);
  });

  it('paid statuses are paid, shipped and completed only', () => {
    expect(['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed'].filter(isPaidStatus)).toEqual(['paid', 'shipped', 'completed']);
  });
});
