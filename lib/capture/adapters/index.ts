/** The adapter registry: one line per known console page (SPEC §8). */
import type { CaptureBatch } from '../ingest';
import type { Adapter, AdapterResult, ReadOptions } from '../types';
import { douyinOrders } from './douyin-orders';
import { compassUserAsset } from './compass-user-asset';
import { sycmCustomer } from './sycm-customer';
import { sycmVisitors } from './sycm-visitors';
import { qianniuSold } from './qianniu-sold';
import { crmCustomers } from './crm-customers';

export type { Adapter, AdapterResult } from '../types';

/** Every known console page. Adding a page = one adapter file + one line here (+ fixture, truth, test). */
export const adapters: readonly Adapter[] = [douyinOrders, sycmVisitors, compassUserAsset, sycmCustomer, qianniuSold, crmCustomers];

function parseUrl(url: string): { host: string; path: string } | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(url.trim());
  return m ? { host: m[1]!.toLowerCase(), path: m[2] || '/' } : null;
}

const hostMatches = (rule: string | RegExp, host: string) => (typeof rule === 'string' ? rule === host : rule.test(host));

/** Adapters whose URL rules match `url`: exact (host + path) first, then same host with a moved path. */
export function adaptersForUrl(url: string): { adapter: Adapter; pathMatches: boolean }[] {
  const u = parseUrl(url);
  if (!u) return [];
  const hits = adapters
    .filter((a) => a.urls.some((r) => hostMatches(r.host, u.host)))
    .map((adapter) => ({ adapter, pathMatches: adapter.urls.some((r) => hostMatches(r.host, u.host) && r.path.test(u.path)) }));
  return [...hits.filter((h) => h.pathMatches), ...hits.filter((h) => !h.pathMatches)];
}

/**
 * The adapter for this page: one whose URL matches and whose table headers are on the page
 * (a path the console moved still works on the same host); null → the generic adapter.
 */
export function pickAdapter(url: string, doc: Document): Adapter | null {
  for (const { adapter } of adaptersForUrl(url)) if (adapter.confirm(doc)) return adapter;
  return null;
}

/** Adapter id → adapter. */
export function adapterById(id: string): Adapter | undefined {
  return adapters.find((a) => a.id === id);
}

/**
 * Reads the page with an adapter and hands back the batch for the background, or the reason
 * the page could not be read at all (no table, no shop identity, an adapter bug).
 */
export function readWithAdapter(adapter: Adapter, doc: Document, url: string, capturedAt: string, opts?: ReadOptions): CaptureBatch | { error: string } {
  const result = adapter.read(doc, url, capturedAt, opts);
  if (result.problem) return { error: result.problem };
  return toCaptureBatch(result, url, capturedAt);
}

/** An adapter's result as the batch the background validates (lib/capture/ingest.ts), records tagged with their raw row. */
export function toCaptureBatch(result: AdapterResult, url: string, capturedAt: string): CaptureBatch {
  const tag = <T>(records: T[], rows: number[]) => records.map((record, i) => ({ row: rows[i] ?? 0, record }));
  return {
    adapter: result.adapter,
    primary: adapterById(result.adapter)?.kind ?? 'rows',
    url,
    capturedAt,
    shop: result.shop,
    headers: result.headers,
    rawRows: result.rawRows,
    customers: tag(result.customers, result.rowOf.customers),
    orders: tag(result.orders, result.rowOf.orders),
    contacts: tag(result.contacts, result.rowOf.contacts),
    snapshots: tag(result.snapshots, result.rowOf.snapshots),
    rejected: result.rejected,
  };
}
