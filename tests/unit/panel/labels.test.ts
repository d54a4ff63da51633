/**
 * Issue 13 item 7: pages, platform figures and 高潜 reasons in the merchant's words — an adapter
 * id or a field name never reaches the screen; a reason says what the person did.
 */
import { describe, expect, it } from 'vitest';
import { pageLabel, reasonText, snapshotMetricLabel } from '@/components/panel/labels';
import { adapters } from '@/lib/capture/adapters';
import { t as translate, type Lang, type MessageKey } from '@/lib/i18n/messages';

const tr = (lang: Lang) => (k: MessageKey) => translate(k, lang);

describe('page names', () => {
  it('every registered adapter has its page name in zh and en, never its id', () => {
    for (const lang of ['zh', 'en'] as const)
      for (const a of adapters) {
        const text = pageLabel(a.id, tr(lang));
        expect(text).not.toContain(a.id);
        expect(text).not.toBe(translate('page_unknown', lang));
      }
    expect(pageLabel('douyin-orders', tr('zh'))).toBe('抖店 订单管理');
    expect(pageLabel('generic', tr('zh'))).toBe('其他后台表格');
    expect(pageLabel('constructor', tr('en'))).toBe('Other page');
  });
});

describe('platform figures', () => {
  it('named in words, composite 生意参谋 keys as group · figure, unknown ones never as the field', () => {
    expect(snapshotMetricLabel('gmvFen', tr('zh'))).toBe('支付金额');
    expect(snapshotMetricLabel('aovFen', tr('en'))).toBe('Average order value');
    expect(snapshotMetricLabel('newVisitorAovFen', tr('zh'))).toBe('新访客户 · 客单价');
    expect(snapshotMetricLabel('purchasedReturningPeerTop', tr('zh'))).toBe('已购客户回访 · 同行同层优秀');
    expect(snapshotMetricLabel('somethingNewFen', tr('zh'))).toBe('其他指标');
  });
});

describe('高潜 reasons', () => {
  const r = (feature: string, value: number, contribution = 1) => ({ zh: 'ZH', en: 'EN', feature, value, contribution });
  it('a short cart gap reads as a recent cart add (it is what raises the score), a long one as none', () => {
    expect(reasonText(r('daysSinceLastCart', 2), 'zh', tr('zh'))).toBe('最近加购（2 天前）');
    expect(reasonText(r('daysSinceLastCart', 2), 'en', tr('en'))).toBe('Added to cart recently (2 days ago)');
    expect(reasonText(r('daysSinceLastCart', 60, -1), 'zh', tr('zh'))).toBe('60 天未加购');
    expect(reasonText(r('daysSinceLastContact', 0), 'zh', tr('zh'))).toBe('最近来过（今天）');
    expect(reasonText(r('daysSinceLastCart', 1), 'en', tr('en'))).toBe('Added to cart recently (1 day ago)');
    expect(reasonText(r('daysSinceLastPaid', 400, -1), 'zh', tr('zh'))).toBe('从没买过');
  });
  it('flags and counts say the fact', () => {
    expect(reasonText(r('isFan', 1), 'zh', tr('zh'))).toBe('是粉丝');
    expect(reasonText(r('daysSinceFirstContact', 0), 'zh', tr('zh'))).toBe('新来的（今天第一次来）');
    expect(reasonText(r('daysSinceFirstContact', 120, -1), 'en', tr('en'))).toBe('First came 120 days ago');
    expect(reasonText(r('isFan', 0, -1), 'en', tr('en'))).toBe('Not a fan');
    expect(reasonText({ zh: '近7天访问次数', en: 'Visits, last 7 days', feature: 'visits7d', value: 3, contribution: 1 }, 'zh', tr('zh'))).toBe('近7天访问次数 3');
    expect(reasonText({ zh: '近7天访问次数', en: 'Visits, last 7 days', contribution: 1 }, 'en', tr('en'))).toBe('Visits, last 7 days');
  });
});
