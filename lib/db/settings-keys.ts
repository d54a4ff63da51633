/** Keys of per-shop entries in the Dexie `settings` table, from the one settings registry (lib/db/settings/registry.ts). */
import { dataVersionSetting, lastReportSetting, settingKey, tierLookupSetting } from './settings/registry';

/** A shop's restore stamp (part of its data token). */
export const dataVersionKey = (shopId: string) => settingKey(dataVersionSetting, shopId);
/** The side panel's last computed result, shown at once on reopening. */
export const lastReportKey = (shopId: string) => settingKey(lastReportSetting, shopId);
/** The tier chips' per-shop lookup (tier ids per customer), written by the engine worker. */
export const tierCacheKey = (shopId: string) => settingKey(tierLookupSetting, shopId);
