/**
 * Lookups keyed by data (a metric name from a restored file, a cell's text, a tag name) that can
 * never reach Object.prototype: `constructor`, `toString`, `__proto__`, `hasOwnProperty` are
 * ordinary unknown keys.
 */

/** `map[key]` when `key` is one of the map's own keys, else undefined. */
export function ownValue<V>(map: Readonly<Record<string, V>>, key: string | number): V | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** True when `key` is one of the map's own keys (the `in` check that ignores the prototype). */
export function hasOwnKey<K extends string>(map: Readonly<Record<K, unknown>>, key: string): key is K {
  return Object.hasOwn(map, key);
}
