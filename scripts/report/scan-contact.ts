/**
 * A canonical contact line (`{"shopId":"…","customerKey":"…","at":"…","kind":"…",…}` as
 * JSON.stringify writes it) read without JSON.parse — most of a backup's lines are contacts.
 * Accepts exactly what fastContact would accept from JSON.parse of the line, or steps aside
 * (null): any escape, control character, whitespace, other key, other order or value type.
 */
import { isCanonicalInstant } from '../../lib/db/fast-records';
import { CONTACT_KINDS, dayNumberOfInstant } from '../../lib/engine/snapshot';
import { isAbsentText } from '../../lib/model';

const KEYS = ['shopId', 'customerKey', 'at', 'kind', 'channel', 'source', 'page', 'province', 'city'];
/** CONTACT_KINDS codes a contact record may carry (visit … order; placed / paid are the builder's own). */
const RECORD_KINDS = 5;

/** What a scanned contact gives the snapshot. */
export interface ScannedContact {
  shopId: string;
  customerKey: string;
  day: number;
  kind: number;
}

const trimmed = (s: string) => s.length > 0 && s.trim() === s;

/**
 * Reads the contact line `body[start, end)` (no indentation, no trailing comma); `shopHint` spares a string for
 * the usual shopId. `latin1`: the line is the file's bytes one character each (not decoded): its
 * punctuation is still exact (UTF-8 never puts a byte below 0x80 inside a character), so only the
 * texts kept or checked here (shopId, customerKey, province, city) must be ASCII.
 */
export function scanContact(body: string, start: number, end: number, shopHint: string, out: ScannedContact, latin1: boolean): boolean {
  if (body.charCodeAt(start) !== 123 || body.charCodeAt(end - 1) !== 125) return false;
  let i = start + 1, next = 0, seen = 0;
  for (;;) {
    if (body.charCodeAt(i) !== 34) return false;
    let k = next;
    while (k < KEYS.length) {
      const key = KEYS[k]!;
      if (body.startsWith(key, i + 1) && body.charCodeAt(i + 1 + key.length) === 34 && body.charCodeAt(i + 2 + key.length) === 58) break;
      k++;
    }
    if (k === KEYS.length) return false;
    next = k + 1;
    seen |= 1 << k;
    const vs = i + 4 + KEYS[k]!.length;
    if (body.charCodeAt(vs - 1) !== 34) return false;
    const e = body.indexOf('"', vs);
    if (e < 0 || e >= end) return false;
    const ascii = latin1 && (k < 2 || k >= 7);
    for (let j = vs; j < e; j++) {
      const c = body.charCodeAt(j);
      if (c < 0x20 || c === 92 || (ascii && c >= 0x80)) return false;
    }
    if (k === 0) {
      if (e - vs === shopHint.length && body.startsWith(shopHint, vs)) out.shopId = shopHint;
      else if (!trimmed((out.shopId = body.slice(vs, e)))) return false;
    } else if (k === 1) {
      if (!trimmed((out.customerKey = body.slice(vs, e)))) return false;
    } else if (k === 2) {
      const at = body.slice(vs, e);
      if (!isCanonicalInstant(at)) return false;
      out.day = dayNumberOfInstant(at);
    } else if (k === 3) {
      const kind = CONTACT_KINDS.indexOf(body.slice(vs, e) as (typeof CONTACT_KINDS)[number]);
      if (kind < 0 || kind >= RECORD_KINDS) return false;
      out.kind = kind;
    } else if (k >= 7) {
      const s = body.slice(vs, e);
      if (!isAbsentText(s) && !trimmed(s)) return false;
    }
    i = e + 1;
    const c = body.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    return c === 125 && i === end - 1 && (seen & 15) === 15;
  }
}
