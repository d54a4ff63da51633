/** The one writer's typed settings writes (Dexie `settings` rows, declared in lib/db/settings/registry.ts). */
import { settingKey, type SettingDef } from '../settings/define';
import type { SellerLensDb } from '../schema';

/**
 * Writes a Dexie setting after validating it against its schema (throws on a value the schema
 * refuses), stamped with the setting's version. Works inside the caller's transaction, if any.
 */
export async function putSettingIn<T>(db: SellerLensDb, def: SettingDef<T>, value: T, scopeId?: string): Promise<void> {
  if (def.area !== 'dexie') throw new Error(`setting ${def.prefix} lives in ${def.area}, not IndexedDB`);
  const checked = def.schema.parse(value);
  const row = { key: settingKey(def, scopeId), value: checked, ...(def.version > 1 ? { version: def.version } : {}) };
  await db.settings.put(row);
}

/** Deletes a Dexie setting. */
export async function deleteSettingIn<T>(db: SellerLensDb, def: SettingDef<T>, scopeId?: string): Promise<void> {
  await db.settings.delete(settingKey(def, scopeId));
}
