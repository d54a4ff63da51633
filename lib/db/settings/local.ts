/**
 * Typed reads and writes of the registry's chrome.storage.local settings, for the overlay, the
 * popup and the background. The storage area is passed in (browser.storage.local in the
 * extension, a Map-backed fake in tests), so this stays pure. Values are stored bare at
 * version 1; a later version is stored as `{ v, value }` (read back through the migrations).
 */
import { isKeyOf, settingKey, upgradeSetting, type SettingDef } from './define';

/** The part of chrome.storage.local these functions use. */
export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface Versioned {
  v: number;
  value: unknown;
}
const isVersioned = (x: unknown): x is Versioned =>
  typeof x === 'object' && x !== null && Object.keys(x).length === 2 && Number.isInteger((x as Versioned).v) && 'value' in x;

/** The stored value of one raw chrome.storage.local entry, upgraded and validated (fallback when unreadable). */
export function parseLocalSetting<T>(def: SettingDef<T>, raw: unknown): T | undefined {
  return def.version > 1 && isVersioned(raw) ? upgradeSetting(def, raw.value, raw.v) : upgradeSetting(def, raw, 1);
}

/** Reads one chrome.storage.local setting (never throws: a failing area reads as the fallback). */
export async function readLocalSetting<T>(area: LocalArea, def: SettingDef<T>, scopeId?: string): Promise<T | undefined> {
  const key = settingKey(def, scopeId);
  const got = await area.get(key).catch(() => ({}) as Record<string, unknown>);
  return parseLocalSetting(def, got[key]);
}

/** Writes one chrome.storage.local setting after validating it (throws on a value its schema refuses). */
export async function writeLocalSetting<T>(area: LocalArea, def: SettingDef<T>, value: T, scopeId?: string): Promise<void> {
  const checked = def.schema.parse(value);
  await area.set({ [settingKey(def, scopeId)]: def.version > 1 ? { v: def.version, value: checked } : checked });
}

/**
 * Removes every chrome.storage.local entry that names a shop: a registry setting whose value
 * says so (shopOf: the merchant's shop answers), or a per-shop key ending in `:<shopId>`.
 * Returns the keys removed.
 */
export async function clearShopFromLocal(area: LocalArea, shopId: string, settings: readonly SettingDef<unknown>[]): Promise<string[]> {
  const all = await area.get(null);
  const gone: string[] = [];
  for (const [key, raw] of Object.entries(all)) {
    const def = settings.find((d) => d.area === 'chrome.storage.local' && isKeyOf(d, key));
    const value = def?.shopOf ? parseLocalSetting(def, raw) : undefined;
    const names = value !== undefined && def?.shopOf?.(value) === shopId;
    if (names || key.endsWith(`:${shopId}`)) gone.push(key);
  }
  if (gone.length > 0) await area.remove(gone);
  return gone;
}
