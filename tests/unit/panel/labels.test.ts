/**
 * Issue 13 item 7: pages and platform figures in the merchant's words — an adapter id or a field
 * name never reaches the screen (高潜 reasons: reason-text.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { pageLabel, snapshotMetricLabel } from '@/components/panel/labels';
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
