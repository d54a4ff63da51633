/** The merchant's column mapping and picked table, remembered per URL pattern in chrome.storage.local. */
import { urlPattern, type GenericPrefs } from '@/lib/capture/generic';
import { readLocalSetting, writeLocalSetting } from '@/lib/db/settings/local';
import { genericPrefsSetting, settingKey } from '@/lib/db/settings/registry';

/** Storage key of a page's prefs (origin + path with ids wildcarded). */
export const prefsKey = (url: string) => settingKey(genericPrefsSetting, urlPattern(url));

/** The prefs of `url`'s pattern (empty when none saved). */
export async function loadPrefs(url: string): Promise<GenericPrefs> {
  const got = await readLocalSetting(browser.storage.local, genericPrefsSetting, urlPattern(url));
  return { mapping: { ...(got?.mapping ?? {}) }, ...(got?.pickedTable ? { pickedTable: got.pickedTable } : {}) };
}

/** Saves `patch` over the pattern's prefs; resolves with what is stored. */
export async function savePrefs(url: string, patch: Partial<GenericPrefs>): Promise<GenericPrefs> {
  const current = await loadPrefs(url);
  const next: GenericPrefs = { mapping: { ...current.mapping, ...(patch.mapping ?? {}) } };
  const picked = 'pickedTable' in patch ? patch.pickedTable : current.pickedTable;
  if (picked) next.pickedTable = picked;
  await writeLocalSetting(browser.storage.local, genericPrefsSetting, next, urlPattern(url));
  return next;
}
