/**
 * The typed settings registry's building block (issue 12 item 2, Read Frog's one-schema idea):
 * each setting is declared ONCE with its storage area, key, scope, zod schema, version,
 * migrations, whether it is derived (recomputable from a shop's data, so dropped on restore) and
 * a golden example per version. Pure: no Dexie or browser globals (content scripts use it too).
 */
import type { z } from 'zod';

/** Where a setting lives: the Dexie `settings` table, or the extension's chrome.storage.local. */
export type SettingArea = 'dexie' | 'chrome.storage.local';
/** What one stored value belongs to: the profile, one shop, one console host, one URL pattern. */
export type SettingScope = 'global' | 'shop' | 'host' | 'urlPattern';

/** One declared setting; `T` is the value of its current version. */
export interface SettingDef<T> {
  /** Key of a global setting; `<prefix>:<scope id>` otherwise. */
  prefix: string;
  area: SettingArea;
  scope: SettingScope;
  /** Current version; a value stored without one is version 1. */
  version: number;
  schema: z.ZodType<T>;
  /** `migrations[v]` turns a version v-1 value into version v (every v in 2..version). */
  migrations: Readonly<Record<number, (previous: unknown) => unknown>>;
  /** Computed from a shop's data (a cache): dropped when the data is replaced or erased. */
  derived: boolean;
  /** What a missing or invalid value reads as. */
  fallback: T | undefined;
  /** A golden stored value of every version 1..version (tests upgrade each to the current schema). */
  examples: Readonly<Record<number, unknown>>;
  /** The shop a stored value names (host-scoped answers): deleting that shop removes it. */
  shopOf?(value: T): string | undefined;
}

/** Declares a setting (returns it typed; the registry lists every one). */
export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  if (def.scope === 'global' && def.prefix.includes(':')) throw new Error(`global setting ${def.prefix} must not hold ":"`);
  return def;
}

/** The storage key of `def` for a scope id (shopId, host, URL pattern); none for a global one. */
export function settingKey<T>(def: SettingDef<T>, scopeId?: string): string {
  if (def.scope === 'global') return def.prefix;
  if (scopeId === undefined) throw new Error(`setting ${def.prefix} is per ${def.scope}: give its id`);
  return `${def.prefix}:${scopeId}`;
}

/** True when a stored key is one of `def`'s keys. */
export function isKeyOf<T>(def: SettingDef<T>, key: string): boolean {
  return def.scope === 'global' ? key === def.prefix : key.startsWith(`${def.prefix}:`);
}

/**
 * A stored value of version `version` as the current version's value: migrated step by step,
 * then validated; anything unreadable (a failing migration, a newer version, a schema miss)
 * reads as the fallback — never throws.
 */
export function upgradeSetting<T>(def: SettingDef<T>, stored: unknown, version = 1): T | undefined {
  if (stored === undefined) return def.fallback;
  if (!Number.isInteger(version) || version < 1 || version > def.version) return def.fallback;
  let value: unknown = stored;
  try {
    for (let v = version + 1; v <= def.version; v++) {
      const step = def.migrations[v];
      if (!step) return def.fallback;
      value = step(value);
    }
  } catch {
    return def.fallback;
  }
  const parsed = def.schema.safeParse(value);
  return parsed.success ? parsed.data : def.fallback;
}
