/** The shape every console adapter shares (orders, customers, contacts, snapshots pages alike). */
import type { z } from 'zod';
import type { Contact, CustomerInput, OrderInput, Platform, PlatformSnapshot, Rejected, Shop } from '../model';
import type { ShopSource } from './shop';

export type ContactInput = z.input<typeof Contact>;
export type PlatformSnapshotInput = z.input<typeof PlatformSnapshot>;

/** What a page mainly yields (decides what the capture badge counts). */
export type CaptureKind = 'orders' | 'customers' | 'contacts' | 'snapshots' | 'rows';

/** A console URL an adapter serves: host (exact or pattern) and path pattern. */
export interface UrlRule {
  host: string | RegExp;
  path: RegExp;
}

/** What an adapter read from one page of one table: candidates (zod runs downstream) + rows it could not read. */
export interface AdapterResult {
  adapter: string;
  shop: Shop | null;
  headers: string[];
  /** Each table row's cell texts (whitespace collapsed), laid on the header grid. */
  rawRows: string[][];
  orders: OrderInput[];
  customers: CustomerInput[];
  contacts: ContactInput[];
  snapshots: PlatformSnapshotInput[];
  /** For each record above, the index in rawRows it was read from (parallel arrays). */
  rowOf: { orders: number[]; customers: number[]; contacts: number[]; snapshots: number[] };
  rejected: Rejected[];
  /** Why the page could not be read at all (no table, no shop identity), else null. */
  problem: string | null;
  /** Which signal named the shop (diagnostics; never the name itself). */
  shopSource?: ShopSource;
  /** True when the page could be read but shows no shop: the overlay asks the merchant (SPEC §10 shop-prompt). */
  needsShop?: boolean;
}

/** What the content script knows besides the page when it asks an adapter to read. */
export interface ReadOptions {
  /** The shop to use when the page shows none: the merchant's answer, or the shop named by the observed JSON. */
  knownShop?: { shop: Shop; source: ShopSource } | null;
}

export interface Adapter {
  /** Stable id, stored in Capture.adapter and PlatformSnapshot.source. */
  id: string;
  platform: Platform;
  kind: CaptureKind;
  /** zh-CN name of the console page. */
  label: string;
  /** Where the page lives; the host alone (plus confirmed headers) still picks the adapter when a path moves. */
  urls: UrlRule[];
  /** True when the document shows this adapter's table (its headers confirm it). */
  confirm(doc: Document): boolean;
  /** The root element of the table this adapter reads (for the pager walker), or null. */
  findTable(doc: Document): Element | null;
  /** Pure: the document as it is now → what it shows. Never throws. `opts.knownShop` stands in where the page shows no shop. */
  read(doc: Document, url: string, capturedAt: string, opts?: ReadOptions): AdapterResult;
  /** The page's own JSON endpoints this adapter maps (SPEC §8 "observed"); the DOM stays the fallback and cross-check. */
  endpoints?: readonly Endpoint[];
}

/** One response body the page itself received, as the main-world tap copied it (already decoded: UTF-8, else GBK). */
export interface ObservedResponse {
  url: string;
  method: string;
  status: number;
  /** The decoded body text. */
  text: string;
  /** The request's body when it was a string (a form POST such as asyncSold.htm's), else undefined. */
  requestBody?: string;
}

/** What a mapper knows besides the body: the page's URL, when, and the shop read from the page or named by the merchant. */
export interface ObserveContext {
  /** The console page's URL (not the endpoint's). */
  pageUrl: string;
  capturedAt: string;
  /** The shop known from the DOM or the merchant's answer; a mapper may find a better one in the body. */
  shop: Shop | null;
}

/** An allow-listed endpoint of a console page (SPEC §8): which responses, and how their JSON maps to the adapter's records. */
export interface Endpoint {
  /** Stable id, e.g. 'douyin-searchlist'. */
  id: string;
  host: string | RegExp;
  path: RegExp;
  /**
   * Pure: one parsed JSON body → the same records the DOM reading yields (exact values: cents, epoch seconds, ids),
   * or why the body is ignored (logged out, another shape, encrypted …) in the merchant's words. Never throws.
   */
  map(json: unknown, res: ObservedResponse, ctx: ObserveContext): AdapterResult | { ignored: string };
}

/** An empty result to fill in. */
export function emptyResult(adapter: string): AdapterResult {
  return {
    adapter,
    shop: null,
    headers: [],
    rawRows: [],
    orders: [],
    customers: [],
    contacts: [],
    snapshots: [],
    rowOf: { orders: [], customers: [], contacts: [], snapshots: [] },
    rejected: [],
    problem: null,
  };
}
