/** How a later capture of a record combines with what is stored: enrich, never blank. */
import type { Contact, Customer, Order, Shop } from '../model';

/** True when a value carries information (undefined and blank strings do not). */
function known(v: unknown): boolean {
  return v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

/** A copy without undefined-valued keys (IndexedDB would keep them as real keys). */
export function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** `incoming`'s known fields over `existing`'s: a later capture wins where it says something. */
function overlay<T extends object>(existing: T, incoming: T): T {
  const out: Record<string, unknown> = { ...(withoutUndefined(existing) as Record<string, unknown>) };
  for (const [k, v] of Object.entries(incoming)) if (known(v)) out[k] = v;
  return out as T;
}

/** Shop: the latest non-blank name and platform win. */
export function mergeShop(existing: Shop | undefined, incoming: Shop): Shop {
  return existing ? overlay(existing, incoming) : withoutUndefined(incoming);
}

/** How many characters of a value the console hid (`*`): 138****1234 → 4, a full number → 0. */
function maskedCount(v: string): number {
  let n = 0;
  for (const ch of v) if (ch === '*') n++;
  return n;
}

/** Keeps `existing`'s value of each field of `fields` where the merged one is more masked. */
function keepLeastMasked<T extends object>(merged: T, existing: T, fields: readonly (keyof T & string)[]): void {
  for (const f of fields) {
    const old = existing[f], next = merged[f];
    if (typeof old === 'string' && typeof next === 'string' && known(old) && known(next) && maskedCount(next) > maskedCount(old))
      merged[f] = old;
  }
}

/**
 * Customer: later known fields win, nothing known is blanked, tags are unioned (first seen first),
 * and a masked phone or nickname never replaces a more complete one (SPEC §2: 138****1234 does
 * not replace 13812341234); equally complete values: the later wins.
 */
export function mergeCustomer(existing: Customer | undefined, incoming: Customer): Customer {
  if (!existing) return withoutUndefined({ ...incoming, tags: [...new Set(incoming.tags)] });
  const merged = overlay(existing, incoming);
  keepLeastMasked(merged, existing, ['phone', 'nickname']);
  merged.tags = [...new Set([...existing.tags, ...incoming.tags])];
  // 非会员 seen later: the old level no longer holds (SPEC §2: no level without membership).
  if (incoming.isMember === false && incoming.memberLevel === undefined) delete merged.memberLevel;
  return merged;
}

/**
 * Order: last seen wins for status, paidAt and the rest, but an unknown field never blanks a
 * known one and a masked recipient (138****1234, 张*) never replaces a more complete one.
 */
export function mergeOrder<T extends Order>(existing: T | undefined, incoming: T): T {
  if (!existing) return withoutUndefined(incoming);
  const merged = overlay(existing, incoming);
  keepLeastMasked(merged, existing, ['recipientPhone', 'recipientName']);
  // A capture without item rows says nothing about the items.
  merged.items = incoming.items.length > 0 ? incoming.items : existing.items;
  return merged;
}

/** Contact: same natural key; other fields (channel, region) are enriched. */
export function mergeContact<T extends Contact>(existing: T | undefined, incoming: T): T {
  return existing ? overlay(existing, incoming) : withoutUndefined(incoming);
}

/** Structural equality of plain records (key order ignored, undefined keys ignored). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameRecord(v, b[i]));
  }
  if (a instanceof ArrayBuffer || b instanceof ArrayBuffer) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
