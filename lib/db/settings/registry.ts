/**
 * Every setting of seller-lens, declared once (issue 12 item 2): the Dexie `settings` rows (per
 * shop tokens, caches, fitted models; the global retention) and the chrome.storage.local entries
 * (overlay preferences, the merchant's shop answers, generic column mappings). deleteShop and
 * eraseCustomer clear by this list, restore drops the `derived` ones; tests/unit/db/settings.test.ts
 * upgrades every version's golden example.
 */
import { z } from 'zod';
import { Shop } from '../../model/schemas';
import type { RfmClass } from '../../engine/rfm';
import { messages } from '../../i18n/messages';
import { defineSetting, settingKey, upgradeSetting, type SettingDef } from './define';
import type { SellerLensDb } from '../schema';
import type { PersistedModel } from '../analysis-snapshot';
import { GENERIC_FIELDS } from '../../capture/generic/fields';
import type { GenericPrefs } from '../../capture/generic';

export * from './define';

const shopToken = (prefix: string, example: unknown) =>
  defineSetting<number>({
    prefix,
    area: 'dexie',
    scope: 'shop',
    version: 1,
    schema: z.number(),
    migrations: {},
    derived: false,
    fallback: undefined,
    examples: { 1: example },
  });

/** A shop's restore stamp (Date.now() of its last restore; part of its data token). */
export const dataVersionSetting = shopToken('dataVersion', 1764979200000);
/** A shop's change counter: +1 for every stored batch that changed something (part of its data token). */
export const dataChangeSetting = shopToken('dataChange', 42);

/** The side panel's last computed result of a shop (lib cannot know the panel's types: checked loosely). */
export interface SavedReportSetting {
  request: string;
  token: string;
  savedAt: string;
  result: { report: { shopId: string } };
}
export const lastReportSetting = defineSetting<SavedReportSetting>({
  prefix: 'lastReport',
  area: 'dexie',
  scope: 'shop',
  version: 1,
  schema: z.looseObject({
    request: z.string(),
    token: z.string(),
    savedAt: z.string(),
    result: z.looseObject({ report: z.looseObject({ shopId: z.string() }) }),
  }),
  migrations: {},
  derived: true,
  fallback: undefined,
  examples: { 1: { request: '{"kind":"latest"}', token: 'c3:vnull', savedAt: '2026-11-20T05:00:00.000Z', result: { report: { shopId: '10001' }, extras: {} } } },
});

/** The RFM classes (lib/engine/rfm's RFM_CLASSES; listed here so content scripts do not load the engine — a test keeps them equal). */
export const RFM_CLASS_IDS = [
  'importantValue',
  'importantDevelop',
  'importantKeep',
  'importantRetain',
  'generalValue',
  'generalDevelop',
  'generalKeep',
  'generalRetain',
] as const satisfies readonly RfmClass[];

/** A tier chip's id: 抖音 tier, 高潜, or the RFM class (labels come from the i18n catalogue). */
export type TierId = 'firstOrder' | 'repeat' | 'highPotential' | `rfm:${RfmClass}`;
export const TIER_IDS: readonly TierId[] = ['firstOrder', 'repeat', 'highPotential', ...RFM_CLASS_IDS.map((k) => `rfm:${k}` as const)];
/** The tier chips' per-shop lookup: each customer's tier ids for one analysed window. */
export interface TierLookup {
  shopId: string;
  window: { start: string; end: string };
  computedAt: string;
  tiers: Record<string, TierId[]>;
}
/** The zh-CN label of a tier id (what the chips show). */
export function tierLabel(id: TierId, lang: 'zh' | 'en' = 'zh'): string {
  if (id === 'firstOrder') return lang === 'zh' ? '首单' : 'First order';
  if (id === 'repeat') return lang === 'zh' ? '复购' : 'Repeat';
  if (id === 'highPotential') return lang === 'zh' ? '高潜' : 'High potential';
  return messages[`rfm_${id.slice(4) as RfmClass}`][lang];
}
/** Version 1 stored the chips' Chinese labels; version 2 their ids. */
function tierIdOfLabel(label: string): TierId | undefined {
  return TIER_IDS.find((id) => tierLabel(id) === label);
}
export const tierLookupSetting = defineSetting<TierLookup>({
  prefix: 'tierCache',
  area: 'dexie',
  scope: 'shop',
  version: 2,
  schema: z.object({
    shopId: z.string(),
    window: z.object({ start: z.string(), end: z.string() }),
    computedAt: z.string(),
    tiers: z.record(z.string(), z.array(z.enum(TIER_IDS as [TierId, ...TierId[]]))),
  }),
  migrations: {
    2: (v1) => {
      const old = v1 as { tiers?: Record<string, string[]> } & Record<string, unknown>;
      const tiers: Record<string, TierId[]> = {};
      for (const [k, labels] of Object.entries(old.tiers ?? {}))
        tiers[k] = (Array.isArray(labels) ? labels : []).map(tierIdOfLabel).filter((x): x is TierId => x !== undefined);
      return { ...old, tiers };
    },
  },
  derived: true,
  fallback: undefined,
  examples: {
    1: { shopId: '10001', window: { start: '2026-10-22', end: '2026-11-20' }, computedAt: '2026-11-20T13:00:00+08:00', tiers: { 'douyin:10001:id:b1': ['复购', '重要价值'] } },
    2: { shopId: '10001', window: { start: '2026-10-22', end: '2026-11-20' }, computedAt: '2026-11-20T13:00:00+08:00', tiers: { 'douyin:10001:id:b1': ['repeat', 'rfm:importantValue'] } },
  },
});

/** The data token of the shop's persisted analysis snapshot (read before the big record). */
export const analysisTokenSetting = defineSetting<string>({
  prefix: 'analysisToken',
  area: 'dexie',
  scope: 'shop',
  version: 1,
  schema: z.string(),
  migrations: {},
  derived: true,
  fallback: undefined,
  examples: { 1: 'c12:v1764979200000' },
});

/** A fitted (or fallback) 高潜 model as plain data (see lib/db/analysis-snapshot.ts; params checked by modelFromPersisted). */
const PersistedModelSchema = z.custom<PersistedModel>(
  (v) =>
    z
      .looseObject({
        kind: z.enum(['logistic', 'fallback']),
        asOfDay: z.number(),
        trainingDays: z.array(z.number()),
        rows: z.number(),
        positives: z.number(),
        selection: z
          .looseObject({ chosen: z.enum(['model', 'fallback', 'recency', 'contacts7d']), days: z.array(z.number()), population: z.number(), positives: z.number() })
          .optional(),
        calibration: z.object({ slope: z.number(), intercept: z.number(), center: z.number() }).optional(),
      })
      .safeParse(v).success,
);
/** The shop's fitted 高潜 models of one data token. */
export interface StoredModelsSetting {
  token: string;
  models: PersistedModel[];
}
export const analysisModelsSetting = defineSetting<StoredModelsSetting>({
  prefix: 'analysisModels',
  area: 'dexie',
  scope: 'shop',
  // 2: the 大促-aware model (issue 14): more feature columns, the self-backtest's selection.
  // 3: one more column (the year's cart adds per visit): version 2 models cannot score.
  // 4: four more columns (the ordinary-phase ones: festival share of purchases, days since the last click …).
  // 5: the ordinary-day fit recipe (24 weeks, the day-level columns held at 0, positives weighted up; session 11).
  version: 5,
  schema: z.object({ token: z.string(), models: z.array(PersistedModelSchema) }),
  migrations: {
    // Models of version 1 were fitted on the old feature set: none can score now, so all are refitted.
    2: (v1) => ({ ...(v1 as Record<string, unknown>), models: [] }),
    // Version 2 models have one column fewer than the model now writes: refitted too.
    3: (v2) => ({ ...(v2 as Record<string, unknown>), models: [] }),
    // Version 3 models have four columns fewer than the model now writes: refitted too.
    4: (v3) => ({ ...(v3 as Record<string, unknown>), models: [] }),
    // Version 4 models could still score, but an ordinary day's was fitted by the recipe before session 11: refitted.
    5: (v4) => ({ ...(v4 as Record<string, unknown>), models: [] }),
  },
  derived: true,
  fallback: undefined,
  examples: {
    1: { token: 'c12:v1764979200000', models: [{ kind: 'fallback', asOfDay: 20412, fallbackReason: 'too few buyers', trainingDays: [], rows: 0, positives: 0 }] },
    2: {
      token: 'c12:v1764979200000',
      models: [
        { kind: 'fallback', asOfDay: 20412, fallbackReason: 'too few buyers', trainingDays: [], rows: 0, positives: 0 },
        {
          kind: 'fallback',
          asOfDay: 20413,
          fallbackReason: 'only 40 days of history (need 60)',
          trainingDays: [],
          rows: 0,
          positives: 0,
          selection: { chosen: 'recency', auc: { model: 0.71, fallback: 0.7, recency: 0.74, contacts7d: 0.69 }, days: [20406, 20399], population: 5210, positives: 402 },
          calibration: { slope: 0.21, intercept: -1.9, center: -6.5 },
        },
      ],
    },
    3: { token: 'c12:v1764979200000', models: [{ kind: 'fallback', asOfDay: 20412, fallbackReason: 'too few buyers', trainingDays: [], rows: 0, positives: 0 }] },
    4: { token: 'c12:v1764979200000', models: [{ kind: 'fallback', asOfDay: 20412, fallbackReason: 'too few buyers', trainingDays: [], rows: 0, positives: 0 }] },
    5: { token: 'c12:v1764979200000', models: [{ kind: 'fallback', asOfDay: 20412, fallbackReason: 'too few buyers', trainingDays: [], rows: 0, positives: 0 }] },
  },
});

/** Days a capture keeps its raw rows (records stay); the 数据 tab prunes older ones. */
export const captureRetentionDaysSetting = defineSetting<number>({
  prefix: 'captureRetentionDays',
  area: 'dexie',
  scope: 'global',
  version: 1,
  schema: z.number().int().min(1).max(3650),
  migrations: {},
  derived: false,
  fallback: 90,
  examples: { 1: 90 },
});

/** chrome.storage.local: false turns the observed JSON off (DOM only). */
export const observeJsonSetting = defineSetting<boolean>({
  prefix: 'observeJson',
  area: 'chrome.storage.local',
  scope: 'global',
  version: 1,
  schema: z.boolean(),
  migrations: {},
  derived: false,
  fallback: true,
  examples: { 1: false },
});

/** chrome.storage.local: ms between two pages of 采集全部分页. */
export const captureDelayMsSetting = defineSetting<number>({
  prefix: 'captureDelayMs',
  area: 'chrome.storage.local',
  scope: 'global',
  version: 1,
  schema: z.number().int().min(0).max(60_000),
  migrations: {},
  derived: false,
  fallback: 1500,
  examples: { 1: 1500 },
});

/** chrome.storage.local: the merchant's answer to the shop prompt for one console host. */
export const shopAnswerSetting = defineSetting<z.infer<typeof Shop>>({
  prefix: 'shopAnswer',
  area: 'chrome.storage.local',
  scope: 'host',
  version: 1,
  schema: Shop,
  migrations: {},
  derived: false,
  fallback: undefined,
  examples: { 1: { shopId: 'taobao:name:小店', platform: 'taobao', name: '小店' } },
  shopOf: (shop) => shop.shopId,
});

/** chrome.storage.local: the merchant's column mapping and picked table of one URL pattern. */
export const genericPrefsSetting = defineSetting<GenericPrefs>({
  prefix: 'genericPrefs',
  area: 'chrome.storage.local',
  scope: 'urlPattern',
  version: 1,
  schema: z
    .object({ mapping: z.record(z.string(), z.enum([...GENERIC_FIELDS, 'ignore'])).default({}), pickedTable: z.string().optional() })
    .transform(({ mapping, pickedTable }): GenericPrefs => (pickedTable === undefined ? { mapping } : { mapping, pickedTable })),
  migrations: {},
  derived: false,
  fallback: undefined,
  examples: { 1: { mapping: { 客户: 'nickname', 备注: 'ignore' }, pickedTable: 'table|客户|手机' } },
});

/**
 * chrome.storage.local: when a shop's tier lookup was last written. Console tabs watch it
 * (storage.onChanged) and ask the background for their chips again — pushed, not polled.
 */
export const tierStampSetting = defineSetting<string>({
  prefix: 'tierStamp',
  area: 'chrome.storage.local',
  scope: 'shop',
  version: 1,
  schema: z.string(),
  migrations: {},
  derived: true,
  fallback: undefined,
  examples: { 1: '2026-11-20T13:00:00.000Z' },
});

/** chrome.storage.local: the merchant's UI language, chosen in the side panel or popup and followed by the console overlay. */
export const uiLangSetting = defineSetting<'zh' | 'en'>({
  prefix: 'uiLang',
  area: 'chrome.storage.local',
  scope: 'global',
  version: 1,
  schema: z.enum(['zh', 'en']),
  migrations: {},
  derived: false,
  fallback: undefined,
  examples: { 1: 'en' },
});

/** Every setting (a new key is declared here, or the registry test fails on its key). */
export const SETTINGS = [
  dataVersionSetting,
  dataChangeSetting,
  lastReportSetting,
  tierLookupSetting,
  analysisTokenSetting,
  analysisModelsSetting,
  captureRetentionDaysSetting,
  observeJsonSetting,
  captureDelayMsSetting,
  shopAnswerSetting,
  genericPrefsSetting,
  tierStampSetting,
  uiLangSetting,
] as const satisfies readonly SettingDef<unknown>[];

/** The Dexie `settings` keys of one shop (every shop-scoped Dexie setting). */
export function shopSettingKeys(shopId: string, only: 'all' | 'derived' = 'all'): string[] {
  return SETTINGS.filter((d) => d.area === 'dexie' && d.scope === 'shop' && (only === 'all' || d.derived)).map((d) => settingKey<unknown>(d, shopId));
}

/** A Dexie setting, validated and upgraded on load (invalid or missing → its fallback; never throws). */
export async function readSetting<T>(db: SellerLensDb, def: SettingDef<T>, scopeId?: string): Promise<T | undefined> {
  const row = await db.settings.get(settingKey(def, scopeId)).catch(() => undefined);
  return upgradeSetting(def, row?.value, row?.version ?? 1);
}
