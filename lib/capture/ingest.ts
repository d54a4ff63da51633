/**
 * The zod hop between an adapter and Dexie: every candidate record a content script sends
 * is validated here (in the background), failures become rejects with their reason and raw
 * row, and the Capture record keeps what was seen so a better parser can re-read it later.
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { DOUYIN_CONSOLES, TAOBAO_CONSOLES } from './consoles';
import { platformOfHost } from './generic';
import { derivedShopId } from '../model/keys';
import {
  Capture,
  Contact,
  Customer,
  Order,
  PlatformSnapshot,
  Shop,
  dayOf,
  parseWith,
  type Platform,
  type Rejected,
} from '../model';

/** A record an adapter read from one raw row (row = index into rawRows). */
export interface Candidate {
  row: number;
  record: unknown;
}

/** What a content script sends after reading one table (one page of it). */
export interface CaptureBatch {
  adapter: string;
  /** What the capture badge counts for this page (SPEC §10). */
  primary: 'orders' | 'customers' | 'contacts' | 'snapshots' | 'rows';
  url: string;
  capturedAt: string;
  shop: unknown;
  headers: string[];
  rawRows: string[][];
  customers: Candidate[];
  orders: Candidate[];
  contacts: Candidate[];
  snapshots: Candidate[];
  /** Rows the adapter itself could not read, with the reason. */
  rejected: Rejected[];
  /** The DOM reading compared with the page's own JSON (SPEC §8), when both were seen. */
  crossCheck?: unknown;
}

export interface ValidatedBatch {
  shop: Shop;
  customers: Customer[];
  orders: Order[];
  contacts: Contact[];
  snapshots: PlatformSnapshot[];
  capture: Capture;
}

export type IngestResult = { ok: true; batch: ValidatedBatch } | { ok: false; reason: string };

/** Validates a capture batch: records that fail zod become rejects, the rest are typed records of one shop. */
export function validateBatch(input: CaptureBatch, captureId: string): IngestResult {
  const shop = parseWith(Shop, input.shop);
  if (!shop.ok) return { ok: false, reason: `店铺信息无法识别 (shop): ${shop.reason}` };
  const shopId = shop.value.shopId;
  const rejected: Rejected[] = [...input.rejected];

  function take<T>(schema: Parameters<typeof parseWith>[0], kind: string, list: Candidate[]): T[] {
    const out: T[] = [];
    for (const c of list) {
      const r = parseWith(schema, c.record);
      if (!r.ok) rejected.push({ row: c.row, reason: `${kind}: ${r.reason}` });
      else if ((r.value as { shopId: string }).shopId !== shopId)
        rejected.push({ row: c.row, reason: `${kind}: shopId ${(r.value as { shopId: string }).shopId} ≠ ${shopId}` });
      else out.push(r.value as T);
    }
    return out;
  }

  const customers = take<Customer>(Customer, 'customer', input.customers);
  const orders = take<Order>(Order, 'order', input.orders);
  const contacts = take<Contact>(Contact, 'contact', input.contacts);
  const snapshots = take<PlatformSnapshot>(PlatformSnapshot, 'snapshot', input.snapshots);

  // One reject per row: an order row can fail for its order and its customer at once.
  const byRow = new Map<number, string[]>();
  for (const r of rejected) byRow.set(r.row, [...(byRow.get(r.row) ?? []), r.reason]);
  const capture = parseWith(Capture, {
    captureId,
    shopId,
    url: input.url,
    adapter: input.adapter,
    capturedAt: input.capturedAt,
    headers: input.headers,
    rawRows: input.rawRows,
    rowCount: input.rawRows.length,
    rejected: [...byRow].sort((a, b) => a[0] - b[0]).map(([row, reasons]) => ({ row, reason: reasons.join('; ') })),
    ...(input.crossCheck !== undefined ? { crossCheck: input.crossCheck } : {}),
  });
  if (!capture.ok) return { ok: false, reason: `capture: ${capture.reason}` };
  return { ok: true, batch: { shop: shop.value, customers, orders, contacts, snapshots, capture: capture.value } };
}

/**
 * First and last day (UTC+8) of the batch's records of its primary kind: orders by payment (else
 * placement) day, contacts by visit day, snapshots by their window (else the day seen); null for
 * customers and raw rows, which carry no day (the overlay's capture summary).
 */
export function recordDays(batch: ValidatedBatch, primary: CaptureBatch['primary']): { from: string; to: string } | null {
  const days =
    primary === 'orders'
      ? batch.orders.map((o) => dayOf(o.paidAt ?? o.placedAt))
      : primary === 'contacts'
        ? batch.contacts.map((c) => dayOf(c.at))
        : primary === 'snapshots'
          ? batch.snapshots.flatMap((s) => (s.window ? [s.window.start, s.window.end] : [s.seenOn]))
          : [];
  if (days.length === 0) return null;
  days.sort();
  return { from: days[0]!, to: days[days.length - 1]! };
}

/** Why a sender may not store a batch (stable codes, worded in lib/i18n/messages.ts). */
export type SenderRefusal = 'capture.senderUnknown' | 'capture.senderPlatform' | 'capture.senderNotConsole' | 'capture.senderSite';

const CONSOLE_PLATFORMS: [MatchPattern, Platform][] = [
  ...DOUYIN_CONSOLES.map((p): [MatchPattern, Platform] => [new MatchPattern(p), 'douyin']),
  ...TAOBAO_CONSOLES.map((p): [MatchPattern, Platform] => [new MatchPattern(p), 'taobao']),
];

/** The platform of the console page at `url` (the content scripts' own match patterns), or null for any other page. */
export function consolePlatformOf(url: string): Platform | null {
  return CONSOLE_PLATFORMS.find(([m]) => m.includes(url))?.[1] ?? null;
}

/**
 * Whether the page that sent a batch (runtime message sender: its url, else its origin) may store
 * it under `shop`: a console page only for its own platform; any other page only while the
 * generic capture the merchant started runs in that tab, and then only for that site's shop (or its
 * console host's platform); the extension's own pages always. Null when allowed.
 */
export function senderRefusal(
  shop: Shop,
  sender: { url?: string; origin?: string },
  ctx: { extensionOrigin: string; genericStarted: boolean },
): SenderRefusal | null {
  const raw = sender.url ?? (sender.origin ? `${sender.origin}/` : undefined);
  let url: URL;
  try {
    if (!raw) return 'capture.senderUnknown';
    url = new URL(raw);
  } catch {
    return 'capture.senderUnknown';
  }
  if (url.href.startsWith(ctx.extensionOrigin)) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'capture.senderUnknown';
  const consolePlatform = consolePlatformOf(url.href);
  if (consolePlatform) return consolePlatform === shop.platform ? null : 'capture.senderPlatform';
  if (!ctx.genericStarted) return 'capture.senderNotConsole';
  const host = url.hostname.toLowerCase();
  const hostPlatform = platformOfHost(host);
  if (hostPlatform) return hostPlatform === shop.platform ? null : 'capture.senderPlatform';
  return shop.shopId === derivedShopId(shop.platform, `site:${host}`) ? null : 'capture.senderSite';
}
