/**
 * Which response bodies the main-world tap copies (SPEC §8 "observed"): the console endpoints
 * adapters map, as URL patterns. Kept apart from the adapters so the tap bundle (injected into
 * every console frame at document start) stays tiny; a conventions test checks that every
 * adapter endpoint is covered here.
 */

/** One allow-listed endpoint: host (exact, or a pattern) and a path pattern. */
export interface AllowedEndpoint {
  host: string | RegExp;
  path: RegExp;
}

export const OBSERVED_ENDPOINTS: readonly AllowedEndpoint[] = [
  // 抖店 订单管理: GET /api/order/searchlist (CONSOLES.md §1.4)
  { host: 'fxg.jinritemai.com', path: /^\/api\/order\/searchlist\b/ },
  // 罗盘: GET /compass_api/… (CONSOLES.md §2)
  { host: 'compass.jinritemai.com', path: /^\/compass_api\// },
  // 千牛 已卖出的宝贝: POST asyncSold.htm (CONSOLES.md §5; the body may be GBK)
  { host: 'trade.taobao.com', path: /^\/trade\/itemlist\/asyncSold\.htm\b/ },
  // 生意参谋 访客 and 客户概况 (CONSOLES.md §3, §9.2)
  { host: 'sycm.taobao.com', path: /\/getRtVisitor\.json$/ },
  { host: 'sycm.taobao.com', path: /^\/domain\/oneQuery\.json$/ },
];

/** Host and path of an absolute URL (resolved against `base` when relative), or null. */
export function hostAndPath(url: string, base?: string): { host: string; path: string } | null {
  try {
    const u = base ? new URL(url, base) : new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return { host: u.hostname.toLowerCase(), path: u.pathname };
  } catch {
    return null;
  }
}

/** True when `host`/`path` fall under one of `rules`. */
export function matchesEndpoint(rules: readonly AllowedEndpoint[], host: string, path: string): boolean {
  return rules.some((r) => (typeof r.host === 'string' ? r.host === host : r.host.test(host)) && r.path.test(path));
}

/** True when the tap should copy the response of `url` (relative URLs resolve against `base`, the page). */
export function isObservedUrl(url: string, base?: string): boolean {
  const hp = hostAndPath(url, base);
  return hp !== null && matchesEndpoint(OBSERVED_ENDPOINTS, hp.host, hp.path);
}
