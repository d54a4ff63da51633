/** The URL pattern a column mapping is remembered under: origin + path (and hash route) with ids wildcarded. */

// A path segment that names one record rather than a page: digits, long hex or uuid-like tokens.
const ID_SEGMENT = /^(?=.*\d)[\w-]{3,}$|^\d+$/;

function wildcard(path: string): string {
  return path
    .split('/')
    .map((seg) => (ID_SEGMENT.test(seg) && !/^v\d$/i.test(seg) && !/\.(htm|html|php|aspx?|jsp)$/i.test(seg) ? '*' : seg))
    .join('/');
}

/**
 * `https://erp.example.com/orders/12345/items?page=2` → `https://erp.example.com/orders/* /items`
 * (no space); a hash route (`home.htm#/trade/123?x=1`) is kept with its ids wildcarded too, since
 * single-page consoles route there. Query strings (filters, page numbers) never matter.
 */
export function urlPattern(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const hashPath = u.hash.startsWith('#/') ? `#${wildcard(u.hash.slice(1).split('?')[0]!)}` : '';
  return `${u.origin}${wildcard(u.pathname)}${hashPath}`;
}
