/**
 * A canonical contact line (`{"shopId":"…","customerKey":"…","at":"…","kind":"…",…}` as
 * JSON.stringify writes it) read from the file's bytes without JSON.parse and without a string of
 * the line — most of a backup's lines are contacts. Accepts exactly what fastContact would accept
 * from JSON.parse of the line, or steps aside (false): any escape, control character, whitespace,
 * other key, other order or value type.
 */
import { isCanonicalInstant } from '../../lib/db/fast-records';
import { CONTACT_KINDS, dayNumberOfInstant } from '../../lib/engine/snapshot';
import { isAbsentText } from '../../lib/model';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Each key as it opens a string value: `"key":"`. */
const KEYS = ['shopId', 'customerKey', 'at', 'kind', 'channel', 'source', 'page', 'province', 'city'].map((k) => ascii(`"${k}":"`));
/** CONTACT_KINDS a contact record may carry (visit … order; placed / paid are the builder's own). */
const RECORD_KINDS = CONTACT_KINDS.slice(0, 5).map(ascii);

/** What a scanned contact gives the snapshot; the customer key is left in the bytes (keyStart, keyEnd). */
export interface ScannedContact {
  shopId: string;
  keyStart: number;
  keyEnd: number;
  day: number;
  kind: number;
  /** The last `at` date read (YYYYMMDD as a number) and its day: contacts of a customer come in runs of a day. */
  lastDate: number;
  lastDay: number;
}

const trimmed = (s: string) => s.length > 0 && s.trim() === s;

const at = (buf: Uint8Array, i: number, pat: Uint8Array): boolean => {
  for (let j = 0; j < pat.length; j++) if (buf[i + j] !== pat[j]) return false;
  return true;
};

/** The digits `buf[i..i+n)` as a number, or -1. */
export const digits = (buf: Uint8Array, i: number, n: number): number => {
  let v = 0;
  for (let j = i; j < i + n; j++) {
    const d = buf[j]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};

/** The day of the instant `buf[vs, vs + 25)` if isCanonicalInstant accepts it (judged by it on a fresh date), else -1. */
function instantDay(buf: Uint8Array, vs: number, out: ScannedContact): number {
  const date = digits(buf, vs, 4) * 10000 + digits(buf, vs + 5, 2) * 100 + digits(buf, vs + 8, 2);
  if (date !== out.lastDate || digits(buf, vs, 4) < 0 || digits(buf, vs + 5, 2) < 0 || digits(buf, vs + 8, 2) < 0) {
    const s = Buffer.from(buf.buffer, buf.byteOffset + vs, 25).toString('latin1');
    if (!isCanonicalInstant(s)) return -1;
    out.lastDate = date;
    return (out.lastDay = dayNumberOfInstant(s));
  }
  // The same valid date as the last one: only the rest of the instant is left to check, as isCanonicalInstant does.
  return timeOk(buf, vs) ? out.lastDay : -1;
}

/** Whether the instant at `vs` (of a date isCanonicalInstant accepted) has a real time and the canonical separators and offset. */
export function timeOk(buf: Uint8Array, vs: number): boolean {
  const hour = digits(buf, vs + 11, 2), minute = digits(buf, vs + 14, 2), second = digits(buf, vs + 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (buf[vs + 4] !== 45 || buf[vs + 7] !== 45 || buf[vs + 10] !== 84 || buf[vs + 13] !== 58 || buf[vs + 16] !== 58) return false;
  return buf[vs + 19] === 43 && buf[vs + 20] === 48 && buf[vs + 21] === 56 && buf[vs + 22] === 58 && buf[vs + 23] === 48 && buf[vs + 24] === 48;
}

/**
 * Reads the contact line `buf[start, end)` (no indentation, no trailing comma) of valid UTF-8;
 * `shopHint` spares a string for the usual shopId. Its punctuation is exact on bytes (UTF-8 never
 * puts a byte below 0x80 inside a character), and the texts kept or checked here (shopId,
 * customerKey, province, city) must be ASCII, so reading them as latin1 is exact.
 */
export function scanContact(buf: Uint8Array, start: number, end: number, shopHint: string, out: ScannedContact): boolean {
  if (buf[start] !== 123 || buf[end - 1] !== 125) return false;
  let i = start + 1, next = 0, seen = 0;
  for (;;) {
    let k = next;
    while (k < KEYS.length && !at(buf, i, KEYS[k]!)) k++;
    if (k === KEYS.length) return false;
    next = k + 1;
    seen |= 1 << k;
    const vs = i + KEYS[k]!.length;
    const onlyAscii = k < 2 || k >= 7;
    let e = vs;
    for (; e < end; e++) {
      const c = buf[e]!;
      if (c === 34) break;
      if (c < 0x20 || c === 92 || (onlyAscii && c >= 0x80)) return false;
    }
    if (e >= end) return false;
    if (k === 0) {
      let same = e - vs === shopHint.length;
      for (let j = 0; same && j < shopHint.length; j++) same = buf[vs + j] === shopHint.charCodeAt(j);
      if (same) out.shopId = shopHint;
      else if (!trimmed((out.shopId = Buffer.from(buf.buffer, buf.byteOffset + vs, e - vs).toString('latin1')))) return false;
    } else if (k === 1) {
      // ASCII without control characters: trimmed means no space at either end.
      if (e === vs || buf[vs] === 32 || buf[e - 1] === 32) return false;
      out.keyStart = vs;
      out.keyEnd = e;
    } else if (k === 2) {
      if (e - vs !== 25) return false;
      const day = instantDay(buf, vs, out);
      if (day < 0) return false;
      out.day = day;
    } else if (k === 3) {
      let kind = 0;
      while (kind < RECORD_KINDS.length && !(RECORD_KINDS[kind]!.length === e - vs && at(buf, vs, RECORD_KINDS[kind]!))) kind++;
      if (kind === RECORD_KINDS.length) return false;
      out.kind = kind;
    } else if (k >= 7) {
      const s = Buffer.from(buf.buffer, buf.byteOffset + vs, e - vs).toString('latin1');
      if (!isAbsentText(s) && !trimmed(s)) return false;
    }
    i = e + 1;
    const c = buf[i];
    if (c === 44) {
      i++;
      continue;
    }
    return c === 125 && i === end - 1 && (seen & 15) === 15;
  }
}
