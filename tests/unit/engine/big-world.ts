import { contact, cust, order, world } from './world';

/**
 * A hand-computed world. W = 2026-11-01 … 2026-11-30, previous = 2026-10-02 … 2026-10-31,
 * lookback of W.start = 2025-11-01 … 2026-10-31.
 *
 * A  visits 2025-11-01 (exactly 365 days before W.start) and 2026-11-05.
 * B  visits 2025-11-01 and 2026-11-01 (W.start: 365 days before v → 未购回访).
 * C  visits 2025-10-31 (366 days before v → outside) and 2026-11-01 → 新访.
 * D  fan; paid order 2026-06-10 (5000, video, organic, shipped); order placed 2026-10-31 23:50,
 *    paid 2026-11-01 00:10 (12000, live, paid traffic, completed).
 * E  order 2026-03-01 refunded (paidAt 03-01); order placed 11-10, paid 11-11, refunded.
 * F  member, customer record only, no contact.
 * G  first seen on W.end: visit and a paid order 2026-11-30 (9900, card, organic).
 * H  fan; cart at 2026-11-28T17:00:00Z = 2026-11-29 01:00 +08:00.
 * I  visit at 2026-11-27T15:59:59Z = 2026-11-27 23:59:59 +08:00.
 * J  unpaid order 11-15, closed order 11-16.
 * K  paid 2026-10-05 (20000, live, paid); paid 2026-11-20 (4002, video, unknown).
 * L  fan; order 2026-11-03 completed without paidAt (50000, other, organic) and paid 11-03 (1000, card, paid).
 * M  visit 2026-09-01 (91 days before W.end: dormant). N  visit 2026-09-02 (active).
 * Shop S2 records (an extra contact on 2026-12-05, a huge paid order for key A, a fan record for A) must not count.
 */
export function bigWorld() {
  return world({
    customers: [
      cust('A', { gender: 'm', phone: '13800138000' }),
      cust('D', { isFan: true, gender: 'f', city: '成都市', phone: '+86 138-0013-8000' }),
      cust('F', { isMember: true, memberLevel: 'VIP会员' }),
      cust('G', { gender: 'm', city: '  ', phone: '138****8000' }),
      cust('H', { isFan: true }),
      cust('L', { isFan: true, city: '北京市', phone: '0086 13912345678' }),
      { ...cust('A', { isFan: true, gender: 'f', city: '上海市' }, 'S2') },
    ],
    orders: [
      order('D', { placedAt: '2026-06-10T10:00:00+08:00', paidAt: '2026-06-10T10:05:00+08:00', status: 'shipped', amountFen: 5000, channel: 'video', traffic: 'organic' }),
      order('D', { placedAt: '2026-10-31T23:50:00+08:00', paidAt: '2026-11-01T00:10:00+08:00', status: 'completed', amountFen: 12000, channel: 'live', traffic: 'paid' }),
      order('E', { placedAt: '2026-03-01', paidAt: '2026-03-01', status: 'refunded', amountFen: 8000, channel: 'card', traffic: 'paid' }),
      order('E', { placedAt: '2026-11-10', paidAt: '2026-11-11', status: 'refunded', amountFen: 30000, channel: 'live', traffic: 'organic' }),
      order('G', { placedAt: '2026-11-30T23:30:00+08:00', paidAt: '2026-11-30T23:31:00+08:00', status: 'paid', amountFen: 9900, channel: 'card', traffic: 'organic' }),
      order('J', { placedAt: '2026-11-15', status: 'unpaid', amountFen: 2000 }),
      order('J', { placedAt: '2026-11-16', status: 'closed', amountFen: 3000 }),
      order('K', { placedAt: '2026-10-05', paidAt: '2026-10-05', status: 'completed', amountFen: 20000, channel: 'live', traffic: 'paid' }),
      order('K', { placedAt: '2026-11-20', paidAt: '2026-11-20', status: 'completed', amountFen: 4002, channel: 'video', traffic: 'unknown' }),
      order('L', { placedAt: '2026-11-03', status: 'completed', amountFen: 50000, channel: 'other', traffic: 'organic' }),
      order('L', { placedAt: '2026-11-03', paidAt: '2026-11-03', status: 'completed', amountFen: 1000, channel: 'card', traffic: 'paid' }),
      order('A', { placedAt: '2026-11-15', paidAt: '2026-11-15', status: 'completed', amountFen: 1_000_000, shop: 'S2' }),
    ],
    contacts: [
      contact('A', '2025-11-01'),
      contact('A', '2026-11-05', 'view'),
      contact('B', '2025-11-01'),
      contact('B', '2026-11-01'),
      contact('C', '2025-10-31'),
      contact('C', '2026-11-01'),
      contact('G', '2026-11-30T08:00:00+08:00'),
      contact('H', '2026-11-28T17:00:00Z', 'cart'),
      contact('I', '2026-11-27T15:59:59Z'),
      contact('M', '2026-09-01'),
      contact('N', '2026-09-02'),
      contact('Z', '2026-12-05', 'visit', 'S2'),
      contact('A', '2026-11-20', 'visit', 'S2'),
    ],
  });
}

