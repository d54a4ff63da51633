import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RFM_CLASSES } from '@/lib/engine/rfm';
import {
  RFM_CLASS_IDS,
  SETTINGS,
  captureRetentionDaysSetting,
  readSetting,
  settingKey,
  shopSettingKeys,
  tierLookupSetting,
  upgradeSetting,
} from '@/lib/db/settings/registry';
import { clearShopFromLocal, readLocalSetting, writeLocalSetting, type LocalArea } from '@/lib/db/settings/local';
import { observeJsonSetting, shopAnswerSetting } from '@/lib/db/settings/registry';
import { putSetting } from '@/lib/db/writer';
import { freshDb } from './helpers';

/** A chrome.storage.local stand-in over a Map. */
function fakeArea(init: Record<string, unknown> = {}): LocalArea & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    get: async (keys) => {
      const list = keys === null ? [...data.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    set: async (items) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (keys) => void (typeof keys === 'string' ? [keys] : keys).forEach((k) => data.delete(k)),
  };
}

describe('settings registry', () => {
  it('every setting has a migration for each version after 1 and a golden example of every version, which upgrades to a valid value', () => {
    for (const def of SETTINGS) {
      const versions = Array.from({ length: def.version }, (_, i) => i + 1);
      expect(Object.keys(def.examples).map(Number), def.prefix).toEqual(versions);
      expect(Object.keys(def.migrations).map(Number), def.prefix).toEqual(versions.slice(1));
      for (const v of versions) {
        const up = upgradeSetting<unknown>(def, def.examples[v], v);
        expect(up, `${def.prefix} v${v}`).not.toBeUndefined();
        expect(def.schema.safeParse(up).success, `${def.prefix} v${v}`).toBe(true);
      }
    }
  });

  it('each key prefix is declared once', () => {
    const prefixes = SETTINGS.map((d) => d.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('the tier lookup of version 1 (Chinese labels) upgrades to tier ids', () => {
    expect(upgradeSetting(tierLookupSetting, tierLookupSetting.examples[1], 1)).toEqual(tierLookupSetting.examples[2]);
    expect(RFM_CLASS_IDS).toEqual(RFM_CLASSES);
  });

  it('an invalid, future-version or missing value reads as the fallback, never throws', async () => {
    const db = freshDb();
    expect(await readSetting(db, captureRetentionDaysSetting)).toBe(90);
    await db.settings.put({ key: 'captureRetentionDays', value: 'forever' });
    expect(await readSetting(db, captureRetentionDaysSetting)).toBe(90);
    await db.settings.put({ key: 'captureRetentionDays', value: 30, version: 7 });
    expect(await readSetting(db, captureRetentionDaysSetting)).toBe(90);
    await db.settings.put({ key: settingKey(tierLookupSetting, 's'), value: { tiers: 'nope' } });
    expect(await readSetting(db, tierLookupSetting, 's')).toBeUndefined();
  });

  it('putSetting validates and stamps the version; the value reads back', async () => {
    const db = freshDb();
    await putSetting(db, captureRetentionDaysSetting, 30);
    expect(await readSetting(db, captureRetentionDaysSetting)).toBe(30);
    await expect(putSetting(db, captureRetentionDaysSetting, -1)).rejects.toThrow();
    await putSetting(db, tierLookupSetting, tierLookupSetting.examples[2] as never, '10001');
    expect(await db.settings.get('tierCache:10001')).toMatchObject({ version: 2 });
  });

  it('a shop has these Dexie keys (deleteShop clears them)', () => {
    expect(shopSettingKeys('10001').sort()).toEqual(
      ['analysisModels:10001', 'analysisToken:10001', 'dataChange:10001', 'dataVersion:10001', 'lastReport:10001', 'tierCache:10001'].sort(),
    );
    expect(shopSettingKeys('10001', 'derived').sort()).toEqual(['analysisModels:10001', 'analysisToken:10001', 'lastReport:10001', 'tierCache:10001'].sort());
  });

  it('chrome.storage.local settings: typed read (invalid → fallback) and the entries naming a shop cleared', async () => {
    const area = fakeArea({
      observeJson: 'yes',
      'shopAnswer:sycm.taobao.com': { shopId: '10001', platform: 'taobao', name: '甲店' },
      'shopAnswer:fxg.jinritemai.com': { shopId: '20002', platform: 'douyin', name: '乙店' },
      'genericPrefs:https://example.test/orders': { mapping: {} },
    });
    expect(await readLocalSetting(area, observeJsonSetting)).toBe(true);
    await writeLocalSetting(area, observeJsonSetting, false);
    expect(await readLocalSetting(area, observeJsonSetting)).toBe(false);
    expect((await readLocalSetting(area, shopAnswerSetting, 'sycm.taobao.com'))?.shopId).toBe('10001');
    expect(await clearShopFromLocal(area, '10001', SETTINGS)).toEqual(['shopAnswer:sycm.taobao.com']);
    expect([...area.data.keys()].sort()).toEqual(['genericPrefs:https://example.test/orders', 'observeJson', 'shopAnswer:fxg.jinritemai.com']);
  });
});
