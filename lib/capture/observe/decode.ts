/**
 * Bytes of an observed response → text (SPEC §8: UTF-8, else GBK) → JSON. 千牛's asyncSold.htm
 * may answer in GBK whatever its Content-Type says, so the bytes are tried as strict UTF-8 first
 * and read as gb18030 (a superset of GBK) when they are not valid UTF-8.
 */

/** Why a body that is not JSON is ignored (usually a login or risk-control page). */
export const NOT_JSON = '不是 JSON（登录页或风控页？） (not JSON: a login or risk-control page?)';

/** The text of a response body: strict UTF-8 when valid, else GB18030/GBK. A UTF-8 byte-order mark is dropped. */
export function decodeBody(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(view);
  } catch {
    return new TextDecoder('gb18030').decode(view);
  }
}

/** The parsed JSON of a body, or null when it is not JSON (HTML login page, JSONP, empty). */
export function parseJsonBody(text: string): { json: unknown } | null {
  const t = text.trim();
  if (t === '' || (t[0] !== '{' && t[0] !== '[')) return null;
  try {
    return { json: JSON.parse(t) };
  } catch {
    return null;
  }
}
