/**
 * Issue 11 item 2: lookups keyed by data never reach Object.prototype. One test per lookup family,
 * each with the keys that would: constructor, __proto__, toString, hasOwnProperty.
 */
import { describe, expect, it } from 'vitest';
import { hasOwnKey, ownValue } from '@/lib/model';
import { parseOrderStatus } from '@/lib/capture/normalize';
import { mapUserAsset } from '@/lib/capture/adapters/compass-user-asset';
import { backupCountLabel, channelLabel, snapshotMetricLabel } from '@/components/panel/labels';
import { t as translate, type MessageKey } from '@/lib/i18n/messages';

const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;
const zh = (k: MessageKey) => translate(k, 'zh');

describe('ownValue / hasOwnKey', () => {
  const map: Record<string, number> = { a: 1 };
  it.each(HOSTILE)('%s is not a key of a plain map', (key) => {
    expect(ownValue(map, key)).toBeUndefined();
    expect(hasOwnKey(map, key)).toBe(false);
  });
  it('own keys are found', () => {
    expect(ownValue(map, 'a')).toBe(1);
    expect(hasOwnKey(map, 'a')).toBe(true);
    // A JSON-parsed own "__proto__" key is an own key like any other.
    const parsed = JSON.parse('{"__proto__": 7}') as Record<string, number>;
    expect(ownValue(parsed, '__proto__')).toBe(7);
  });
});

describe('panel label maps (数据 snapshot metrics, channels, backup counts)', () => {
  it.each(HOSTILE)('a metric / channel / array named %s is unknown, never a prototype member', (key) => {
    // An unknown 罗盘 metric reads as 其他指标 (merchant words, issue 13 item 7), never as its field name.
    expect(snapshotMetricLabel(key, zh)).toBe('其他指标');
    expect(channelLabel(key, `name:${key}`, zh)).toBe(`name:${key}`);
    expect(backupCountLabel(key, zh)).toBe(key);
  });
  it('known names get their catalogue label', () => {
    expect(snapshotMetricLabel('repeat', zh)).toBe('复购用户');
    expect(channelLabel('live', 'x', zh)).toBe('直播');
  });
});

describe('catalogue t()', () => {
  it.each(HOSTILE)('%s reads as itself', (key) => {
    expect(translate(key as MessageKey, 'zh')).toBe(key);
    expect(translate(key as MessageKey, 'en')).toBe(key);
  });
});

describe('console text → status maps', () => {
  it.each(HOSTILE)('订单状态 "%s" is an unknown status, not a prototype member', (key) => {
    expect(parseOrderStatus(key)).toEqual({ ok: false, reason: `unknown 订单状态 "${key}"` });
  });
});

describe('observed 罗盘 index names', () => {
  const ctx = { pageUrl: 'https://compass.jinritemai.com/shop/user-asset', capturedAt: '2026-11-20T10:00:00+08:00', shop: { shopId: 's1', platform: 'douyin' as const, name: '店' } };
  it.each(HOSTILE)('an index named %s is kept as a raw row only', (key) => {
    const json = {
      st: 0,
      data: { module_data: { user_asset_overview: { index_list: [{ index_name: key, value: { value: 5 } }, { index_name: 'pay_user_cnt', value: { value: 12 } }] } } },
    };
    const out = mapUserAsset(json, undefined, ctx);
    expect('ignored' in out).toBe(false);
    if ('ignored' in out) return;
    expect(out.rawRows[0]![1]).toBe(key);
    expect(Object.keys(out.snapshots[0]!.metrics)).toEqual(['purchasers']);
  });
});
