/**
 * The content script's side of observation (SPEC §8): takes the bodies the main-world tap hands
 * over, decodes them (UTF-8, else GBK), parses the JSON, finds the adapter endpoint that maps the
 * URL and keeps what it maps — or counts why a body was ignored (not JSON, logged out, too big,
 * observation off …) so the overlay and the diagnostics can say so. Mapping waits for the shop:
 * a body is mapped again when the shop becomes known (the merchant answered, the page showed it).
 */
import type { Adapter, AdapterResult, Endpoint, ObserveContext, ObservedResponse } from '../types';
import { hostAndPath, matchesEndpoint } from './allow-list';
import { decodeBody, NOT_JSON, parseJsonBody } from './decode';
import { TAP_MARK, type TapObserved } from './tap';

/** A body ignored because the merchant (or a test) turned observation off. */
export const OBSERVE_OFF = '已关闭接口数据采集 (observeJson is off)';
/** An allow-listed response no adapter endpoint maps. */
export const NO_MAPPER = '没有对应的解析 (no adapter maps this endpoint)';

/** Counts for one endpoint: responses seen, mapped to records, ignored (by reason). */
export interface EndpointStats {
  seen: number;
  mapped: number;
  ignored: Record<string, number>;
}

interface Body {
  adapter: Adapter;
  endpoint: Endpoint;
  res: ObservedResponse;
  json: unknown;
  /** The last mapping and the shop it was made for. */
  mapped?: { shopKey: string; out: AdapterResult | { ignored: string } };
}

/** True when `data` is a message of the tap (the marker and an observed kind). */
export function isTapObserved(data: unknown): data is TapObserved {
  const d = data as Partial<TapObserved> | null;
  return !!d && typeof d === 'object' && d[TAP_MARK] === 1 && d.kind === 'observed' && typeof d.url === 'string';
}

/** The endpoint (and its adapter) that maps a response URL, or null. */
export function endpointFor(adapters: readonly Adapter[], url: string): { adapter: Adapter; endpoint: Endpoint } | null {
  const hp = hostAndPath(url);
  if (!hp) return null;
  for (const adapter of adapters) for (const endpoint of adapter.endpoints ?? []) if (matchesEndpoint([endpoint], hp.host, hp.path)) return { adapter, endpoint };
  return null;
}

const shopKeyOf = (ctx: ObserveContext) => (ctx.shop ? `${ctx.shop.platform}|${ctx.shop.shopId}|${ctx.shop.name}` : '');

/** The observed bodies of one page: taken from the tap, mapped per adapter, counted per endpoint. */
export class ObservedLog {
  private bodies: Body[] = [];
  /** Seen and ignored before mapping (the mapping's outcome is added by `endpointStats`). */
  private stats = new Map<string, EndpointStats>();

  constructor(
    private adapters: readonly Adapter[],
    /** The newest bodies kept (a long session must not grow without bound). */
    private maxBodies = 100,
  ) {}

  private stat(id: string): EndpointStats {
    let s = this.stats.get(id);
    if (!s) this.stats.set(id, (s = { seen: 0, mapped: 0, ignored: {} }));
    return s;
  }

  private ignore(id: string, reason: string) {
    const s = this.stat(id);
    s.ignored[reason] = (s.ignored[reason] ?? 0) + 1;
  }

  /** One message of the tap: kept for mapping, or counted as ignored with its reason. `enabled` false (observeJson off) ignores it. */
  take(msg: TapObserved, enabled: boolean): void {
    const hit = endpointFor(this.adapters, msg.url);
    const id = hit?.endpoint.id ?? hostAndPath(msg.url)?.path ?? msg.url;
    this.stat(id).seen++;
    if (!enabled) return this.ignore(id, OBSERVE_OFF);
    if (msg.skipped) return this.ignore(id, msg.skipped);
    if (!hit) return this.ignore(id, NO_MAPPER);
    if (msg.status >= 400) return this.ignore(id, `HTTP ${msg.status}`);
    let text: string;
    try {
      text = msg.text ?? (msg.bytes ? decodeBody(msg.bytes) : '');
    } catch {
      return this.ignore(id, NOT_JSON);
    }
    const parsed = parseJsonBody(text);
    if (!parsed) return this.ignore(id, NOT_JSON);
    const res: ObservedResponse = { url: msg.url, method: msg.method, status: msg.status, text, ...(msg.requestBody !== undefined ? { requestBody: msg.requestBody } : {}) };
    this.bodies.push({ adapter: hit.adapter, endpoint: hit.endpoint, res, json: parsed.json });
    if (this.bodies.length > this.maxBodies) this.bodies.splice(0, this.bodies.length - this.maxBodies);
  }

  /** Adapters that have kept bodies (newest last). */
  adaptersSeen(): Adapter[] {
    const out: Adapter[] = [];
    for (const b of this.bodies) if (!out.includes(b.adapter)) out.push(b.adapter);
    return out;
  }

  /** True when some body is waiting for `adapterId`. */
  has(adapterId: string): boolean {
    return this.bodies.some((b) => b.adapter.id === adapterId);
  }

  /** The mapped results of `adapterId`'s bodies for this context (mapped again when the shop changed); ignored bodies are counted once. */
  resultsFor(adapterId: string, ctx: ObserveContext): AdapterResult[] {
    const key = shopKeyOf(ctx);
    const out: AdapterResult[] = [];
    for (const b of this.bodies) {
      if (b.adapter.id !== adapterId) continue;
      if (!b.mapped || b.mapped.shopKey !== key) b.mapped = { shopKey: key, out: safeMap(b, ctx) };
      if (!('ignored' in b.mapped.out)) out.push(b.mapped.out);
    }
    return out;
  }

  /** Per endpoint id: responses seen, mapped (as last mapped) and ignored by reason. A body not mapped yet counts as neither. */
  endpointStats(): Record<string, EndpointStats> {
    const out: Record<string, EndpointStats> = {};
    for (const [id, s] of this.stats) out[id] = { seen: s.seen, mapped: 0, ignored: { ...s.ignored } };
    for (const b of this.bodies) {
      const m = b.mapped?.out;
      if (!m) continue;
      const s = (out[b.endpoint.id] ??= { seen: 0, mapped: 0, ignored: {} });
      if ('ignored' in m) s.ignored[m.ignored] = (s.ignored[m.ignored] ?? 0) + 1;
      else s.mapped++;
    }
    return out;
  }

  /** Ignored bodies, all endpoints: reason → count. */
  ignoredReasons(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of Object.values(this.endpointStats())) for (const [r, n] of Object.entries(s.ignored)) out[r] = (out[r] ?? 0) + n;
    return out;
  }
}

/** A mapper's answer, a thrown bug becoming an ignore reason (a mapper must never lose the page). */
function safeMap(b: Body, ctx: ObserveContext): AdapterResult | { ignored: string } {
  try {
    return b.endpoint.map(b.json, b.res, ctx);
  } catch (e) {
    return { ignored: `解析出错 (mapper error: ${e instanceof Error ? e.message : String(e)})` };
  }
}
