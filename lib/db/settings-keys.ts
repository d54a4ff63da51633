/** Keys of per-shop entries in the Dexie `settings` table, in one place (no imports: content scripts use it too). */

/** A shop's restore stamp (part of its data token). */
export const dataVersionKey = (shopId: string) => `dataVersion:${shopId}`;
/** The side panel's last computed result, shown at once on reopening. */
export const lastReportKey = (shopId: string) => `lastReport:${shopId}`;
/** Tier labels per customer for the inline chips, written by the engine worker. */
export const tierCacheKey = (shopId: string) => `tierCache:${shopId}`;
