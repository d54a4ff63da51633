/** Natural keys of stored records that have no id of their own. */
import type { Capture, Contact } from '../model';

/**
 * The natural key of a contact as one deterministic string: shop, customer, instant, kind,
 * source and page. The same row captured twice gives the same id, so storing it is idempotent.
 */
export function contactIdOf(c: Pick<Contact, 'shopId' | 'customerKey' | 'at' | 'kind' | 'source' | 'page'>): string {
  // A JSON array cannot be ambiguous whatever the fields contain (":" in keys, emoji, quotes).
  return JSON.stringify([c.shopId, c.customerKey, c.at, c.kind, c.source ?? null, c.page ?? null]);
}

/** 53-bit string hash (cyrb53) as a number; two seeds give a 106-bit fingerprint. */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The content of a capture that makes it "the same page seen again" (not its id or time). */
export function captureContentOf(c: Capture): string {
  // A cross-check (SPEC §8) is part of what was seen; captures without one keep their old content.
  const seen = [c.url, c.adapter, c.headers, c.rawRows, c.rowCount, c.rejected];
  return JSON.stringify(c.crossCheck === undefined ? seen : [...seen, c.crossCheck]);
}

/** Fingerprint of what a capture saw; equal content gives an equal fingerprint. */
export function captureFingerprint(c: Capture): string {
  const text = captureContentOf(c);
  const hex = (seed: number) => cyrb53(text, seed).toString(16).padStart(14, '0');
  return `${hex(1)}${hex(2)}`;
}
