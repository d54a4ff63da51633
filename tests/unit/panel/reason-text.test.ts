/**
 * Issue 14 item 1: a 高潜 reason in the merchant's words, zh-CN and English — what the customer
 * did, with numbers formatted as elsewhere; never a model column's name. Texts written by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ScoreReason } from '@/components/engine/extras';
import { reasonText } from '@/components/panel/reason-text';
import { FEATURES } from '@/lib/engine/propensity';
import { REASON_READINGS, type ReasonGroup } from '@/lib/engine/propensity/reasons';
import { t as translate, type Lang, type MessageKey } from '@/lib/i18n/messages';

const tr = (lang: Lang) => (k: MessageKey) => translate(k, lang);
const up = (feature: string, value: number, group: ReasonGroup = 'activity', promo?: string): ScoreReason => ({ group, contribution: 0.8, feature, value, ...(promo ? { promo } : {}) });
const down = (feature: string, value: number, group: ReasonGroup = 'activity'): ScoreReason => ({ group, contribution: -0.8, feature, value });
const both = (r: ScoreReason) => [reasonText(r, tr('zh')), reasonText(r, tr('en'))];

describe('高潜 reasons in plain words', () => {
  it('activity: counts and recency, the words following the arrow', () => {
    expect(both(up('contacts7d', 3))).toEqual(['近7天互动 3 次', 'Contacts in the last 7 days: 3']);
    expect(both(down('contacts7d', 0))).toEqual(['近7天没有互动', 'No contact in the last 7 days']);
    expect(both(up('contacts1d', 5))).toEqual(['今天互动 5 次', 'Contacts today: 5']);
    expect(both(up('daysSinceLastContact', 0))).toEqual(['今天来过', 'Came today']);
    expect(both(up('daysSinceLastContact', 1))).toEqual(['1 天前来过', 'Came yesterday']);
    expect(both(up('daysSinceLastContact', 3))).toEqual(['3 天前来过', 'Came 3 days ago']);
    expect(both(down('daysSinceLastContact', 20))).toEqual(['20 天没来过', 'Has not come for 20 days']);
    expect(both(up('activeDays7d', 2))).toEqual(['近7天有 2 天来过', 'Came on 2 of the last 7 days']);
    expect(both(up('contactGrowth', 2.449))).toEqual(['本周互动是前四周周均的 2.4 倍', 'Contacts this week: 2.4× the weekly average of the 4 weeks before']);
    expect(both(up('contactsBefore30d', 12_345))).toEqual(['一年内30天以前互动 1.2万 次', 'Contacts from a year to 30 days ago: 1.2万']);
    expect(both(down('contactsBefore30d', 0))).toEqual(['一年内30天以前没有互动', 'No contact from a year to 30 days ago']);
  });

  it('cart adds, past purchases, fan and member, newcomers', () => {
    expect(both(up('daysSinceLastCart', 3, 'cart'))).toEqual(['3 天前加购', 'Added to cart 3 days ago']);
    expect(both(up('daysSinceLastCart', 0, 'cart'))).toEqual(['今天加购', 'Added to cart today']);
    expect(both(down('daysSinceLastCart', 12, 'cart'))).toEqual(['12 天没加购', 'No cart add for 12 days']);
    expect(both(down('daysSinceLastCart', 60, 'cart'))).toEqual(['60 天内没加购', 'No cart add in 60 days']);
    expect(both(down('cartAdds30d', 0, 'cart'))).toEqual(['近30天没加购', 'No cart add in the last 30 days']);
    expect(both(up('cartAdds3d', 1, 'cart'))).toEqual(['近3天加购 1 次', 'Cart adds in the last 3 days: 1']);
    expect(both(up('paidOrders', 2, 'purchases'))).toEqual(['历史成交 2 单', 'Orders paid so far: 2']);
    expect(both(down('paidOrders', 0, 'purchases'))).toEqual(['从没买过', 'Never bought']);
    expect(both(down('daysSinceLastPaid', 400, 'purchases'))).toEqual(['从没买过', 'Never bought']);
    expect(both(up('daysSinceLastPaid', 45, 'purchases'))).toEqual(['45 天前买过', 'Bought 45 days ago']);
    expect(both(up('paidYuan', 1234.5, 'purchases'))).toEqual(['历史成交 ¥1,234.50', 'Spent so far: ¥1,234.50']);
    expect(both(up('purchasesPerMonth', 2.5, 'purchases'))).toEqual(['平均每月成交 2.5 次', 'Purchases a month on average: 2.5']);
    expect(both(up('promoPurchases', 2, 'purchases'))).toEqual(['过去一年 2 次大促买过', 'Festivals of the past year bought in: 2']);
    expect(both(up('isFan', 1, 'relation'))).toEqual(['是粉丝', 'Is a fan']);
    expect(both(down('isMember', 0, 'relation'))).toEqual(['不是会员', 'Not a member']);
    expect(both(up('daysSinceFirstContact', 2, 'newcomer'))).toEqual(['新客（2 天前第一次来）', 'New customer: first came 2 days ago']);
    expect(both(down('daysSinceFirstContact', 125, 'newcomer'))).toEqual(['不是新客（125 天前第一次来）', 'Not new: first came 125 days ago']);
  });

  it('大促 timing names the festival', () => {
    expect(both(up('daysToNextPromo', 5, 'promo', 'double11'))).toEqual(['距双11还有 5 天', 'Double 11 in 5 days']);
    expect(both(down('daysToNextPromo', 40, 'promo'))).toEqual(['距下个大促还有 40 天', 'Next festival in 40 days']);
    expect(both(down('daysToNextPromo', 60, 'promo'))).toEqual(['60 天内没有大促', 'No shopping festival in the next 60 days']);
  });

  it('every column a reason can show has its own words: never a column label, never a raw id', () => {
    for (const f of FEATURES) {
      const reading = REASON_READINGS[f.feature]!;
      if (!reading.shown) continue;
      for (const value of [0, 1, 3, 80]) {
        for (const lang of ['zh', 'en'] as const) {
          const text = reasonText({ group: reading.group, contribution: value > 1 ? 1 : -1, feature: f.feature, value, promo: 'double11' }, tr(lang));
          expect(text, f.feature).not.toBe(translate(`reasons.group.${reading.group}`, lang));
          expect(text).not.toContain(f.feature);
          const label = lang === 'zh' ? f.labelZh : f.labelEn;
          expect((text.startsWith(label) && /^[:：]? ?[\d.,万亿¥%]+$/.test(text.slice(label.length))), text).toBe(false); // "近7天活跃天数 2": a column, not a fact
          expect(text).not.toMatch(/\{\w+\}|NaN|undefined/);
        }
      }
    }
  });
});
