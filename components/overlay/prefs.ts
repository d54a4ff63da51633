/** The merchant's column mapping and picked table, remembered per URL pattern in chrome.storage.local. */
import { urlPattern, type GenericPrefs } from '@/lib/capture/generic';

/** Storage key of a page's prefs (origin + path with ids wildcarded). */
export const prefsKey = (url: string) => `genericPrefs:${urlPattern(url)}`;

/** The prefs of `url`'s pattern (empty when none saved). */
export async function loadPrefs(url: string): Promise<GenericPrefs> {
  const key = prefsKey(url);
  const got = (await browser.storage.local.get(key))[key] as Partial<GenericPrefs> | undefined;
  return { mapping: { ...(got?.mapping ?? {}) }, ...(got?.pickedTable ? { pickedTable: got.pickedTable } : {}) };
}

/** Saves `patch` over the pattern's prefs; resolves with what is stored. */
export async function savePrefs(url: string, patch: Partial<GenericPrefs>): Promise<GenericPrefs> {
  const current = await loadPrefs(url);
  const next: GenericPrefs = { mapping: { ...current.mapping, ...(patch.mapping ?? {}) } };
  const picked = 'pickedTable' in patch ? patch.pickedTable : current.pickedTable;
  if (picked) next.pickedTable = picked;
  await browser.storage.local.set({ [prefsKey(url)]: next });
  return next;
}
