/** Issue 13 item 6: identifier counts before an export, the notes they give, and the conversion verdict. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liftVerdict, type GroupConversion } from '@/lib/audience/conversion';
import { recordFormatLabel } from '@/lib/export/formats';
import { crmNotes, dmpReadiness, identifierCounts, ordersToShipByCustomer, smsNotes } from '@/lib/export/identifiers';
import type { Order } from '@/lib/model';
import { textOf } from '@/lib/i18n/text';

const douyinMasked = [
  { customerKey: 'douyin:s1:id:1', phone: '138****1234', nickname: '小鱼' },
  { customerKey: 'douyin:s1:id:2', phone: '139****0000' },
  { customerKey: 'douyin:s1:nick:阿花', phone: '' },
];

describe('identifierCounts', () => {
  it('counts full phones, masked-only phones, no phone, nicknames, buyer ids (from the record or the key)', () => {
    const c = identifierCounts(
      [
        { customerKey: 'taobao:t:id:2200123', phone: '+86 138 0013 8000', nickname: 'tb_ab' },
        { customerKey: 'taobao:t:nick:t**9', phone: '138****1234' },
        { customerKey: 'taobao:t:id:77' },
      ],
      'taobao',
    );
    expect(c).toEqual({ platform: 'taobao', members: 3, fullPhone: 1, maskedPhoneOnly: 1, noPhone: 1, nickname: 1, buyerId: 2, membersWithOrdersToShip: 0, ordersToShip: 0 });
  });

  it('order numbers waiting to ship: paid (not shipped) orders of the shop, per member', () => {
    const o = (customerKey: string, status: Order['status'], shopId = 's1') => ({ customerKey, status, shopId }) as Order;
    const toShip = ordersToShipByCustomer([o('a', 'paid'), o('a', 'paid'), o('a', 'shipped'), o('b', 'completed'), o('c', 'paid', 's2')], 's1');
    expect([...toShip]).toEqual([['a', 2]]);
    const c = identifierCounts([{ customerKey: 'a' }, { customerKey: 'b' }, { customerKey: 'c' }], 'douyin', toShip);
    expect([c.membersWithOrdersToShip, c.ordersToShip]).toEqual([1, 2]);
  });

  it('every member is in exactly one phone bucket (property)', () => {
    const phone = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('13800138000'), fc.constant('138****1234'), fc.string());
    fc.assert(
      fc.property(fc.array(phone), (phones) => {
        const c = identifierCounts(phones.map((p, i) => ({ customerKey: `k${i}`, phone: p })), 'douyin');
        expect(c.fullPhone + c.maskedPhoneOnly + c.noPhone).toBe(phones.length);
      }),
    );
  });
});

describe('dmpReadiness', () => {
  it('抖店 customers whose phones are all masked: 0 usable, the masked-phone warning naming the platform', () => {
    const r = dmpReadiness(identifierCounts(douyinMasked, 'douyin'), 'qianchuan', 'phone-sha256');
    expect(r.usable).toBe(0);
    expect(r.leftOut).toBe(3);
    expect(r.notes.map((n) => textOf(n.key, n.vars).zh)).toEqual([
      '0 位有可用手机号；抖店手机号均为脱敏（2 人只有 138****1234 这样的号码），无法用于巨量千川 / 云图人群包',
    ]);
  });

  it('some full phones: the usable count, the masked members left out, the small-audience note', () => {
    const members = [...douyinMasked, { customerKey: 'douyin:s1:id:9', phone: '13800138000' }];
    const r = dmpReadiness(identifierCounts(members, 'douyin'), 'tencent', 'phone-md5', 10);
    expect(r.usable).toBe(1);
    expect(r.notes.map((n) => textOf(n.key, n.vars).zh)).toEqual(['2 人只有脱敏手机号，不会导出', '可用 1 人，少于 10，平台可能无法投放']);
  });

  it('淘宝昵称 for a 抖店 shop is refused before the export; for a Taobao shop it counts nicknames', () => {
    expect(dmpReadiness(identifierCounts(douyinMasked, 'douyin'), 'damopan', 'taobao-nick').notes[0]!.key).toBe('exports_taobaoOnly');
    const r = dmpReadiness(identifierCounts([{ customerKey: 'taobao:t:nick:abc' }, { customerKey: 'taobao:t:nick:a**' }], 'taobao'), 'damopan', 'taobao-nick', 1);
    expect([r.usable, r.leftOut, r.notes]).toEqual([1, 1, []]);
  });
});

describe('smsNotes / crmNotes', () => {
  it('a list without full phones cannot be used for SMS; with some, says how many', () => {
    expect(smsNotes(identifierCounts(douyinMasked, 'douyin')).map((n) => textOf(n.key, n.vars).zh)).toEqual([
      '0 位有完整手机号（2 人只有脱敏号码）：这份名单不能直接用于短信群发',
    ]);
    expect(smsNotes(identifierCounts([{ customerKey: 'a', phone: '13800138000' }, { customerKey: 'b' }], 'douyin')).map((n) => textOf(n.key, n.vars).en)).toEqual([
      '1 of 2 members have a full phone usable for SMS',
    ]);
  });
  it('a CRM plan with no order waiting to ship says so', () => {
    expect(crmNotes(identifierCounts([{ customerKey: 'a' }], 'douyin')).map((n) => n.key)).toEqual(['exports_crmNothing']);
    expect(crmNotes(identifierCounts([{ customerKey: 'a' }], 'douyin', new Map([['a', 1]])))).toEqual([]);
  });
});

describe('liftVerdict', () => {
  const g = (size: number, purchasers: number): GroupConversion => ({ size, purchasers, rate: size ? purchasers / size : null, orders: purchasers, gmvFen: 0, aovFen: null });
  it('no control, a control under 30, nobody bought: no lift is claimed', () => {
    expect(liftVerdict({ members: g(90, 9), control: null, lift: null })).toEqual({ kind: 'no-control' });
    expect(liftVerdict({ members: g(90, 9), control: g(10, 1), lift: 0 })).toEqual({ kind: 'control-too-small', control: 10, min: 30 });
    expect(liftVerdict({ members: g(90, 9), control: g(29, 1), lift: 0 })).toEqual({ kind: 'control-too-small', control: 29, min: 30 });
    expect(liftVerdict({ members: g(300, 0), control: g(30, 0), lift: null })).toEqual({ kind: 'no-purchases' });
  });
  it('a control of 30 or more: the difference in percentage points, even when the control bought nothing', () => {
    expect(liftVerdict({ members: g(300, 30), control: g(40, 2), lift: 1 })).toEqual({ kind: 'difference', points: 5, memberRate: 0.1, controlRate: 0.05, lift: 1 });
    const none = liftVerdict({ members: g(200, 10), control: g(50, 0), lift: null });
    expect(none).toEqual({ kind: 'difference', points: 5, memberRate: 0.05, controlRate: 0, lift: null });
  });
});

describe('recordFormatLabel', () => {
  it("names a past export's format in the merchant's words, never as an id", () => {
    expect(recordFormatLabel('dmp:qianchuan')).toEqual({ zh: '导出人群包 · 巨量千川 / 云图', en: 'Export DMP file · Ocean Engine Qianchuan / Yuntu' });
    expect(recordFormatLabel('crm:delay').zh).toBe('导出订单号 · 延迟发货协商');
    expect(recordFormatLabel('csv')).toEqual({ zh: 'CSV', en: 'CSV' });
    expect(recordFormatLabel('dmp:constructor').zh).toBe('导出人群包');
    expect(recordFormatLabel('weird')).toEqual({ zh: 'weird', en: 'weird' });
  });
});
