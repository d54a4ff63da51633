/**
 * One read of a console page by its adapter, with what the page's own JSON gave (SPEC §8): the
 * shop from the page, else from an observed response, else the merchant's answer (else: ask);
 * the DOM reading merged with the observed records (the JSON's exact values win, the DOM is the
 * fallback and the cross-check); the batches for the background. Pure apart from the log's cache.
 */
import type { Shop } from '../../model';
import { toCaptureBatch } from '../adapters';
import type { CaptureBatch } from '../ingest';
import { NO_SHOP_PROBLEM } from '../read-kit';
import type { ShopSource } from '../shop';
import type { Adapter, AdapterResult } from '../types';
import { mergeObserved, recordKey } from './merge';
import type { ObservedLog } from './observer';

export interface ConsoleReadInput {
  doc: Document;
  url: string;
  capturedAt: string;
  adapter: Adapter;
  /** The observed bodies of this page; null when observation is off. */
  log: ObservedLog | null;
  /** The merchant's answer for this console (remembered per host), if any. */
  answer: Shop | null;
  /** Keys (recordKey) of observed-only records already stored from this tab. */
  stored: ReadonlySet<string>;
}

export type ConsoleRead =
  | {
      kind: 'batches';
      batches: CaptureBatch[];
      /** Keys of the observed-only records in `batches` (mark them stored once the batches are). */
      observedOnlyKeys: string[];
      shopSource: ShopSource | null;
    }
  | { kind: 'needsShop'; platform: Adapter['platform'] }
  | { kind: 'problem'; problem: string };

const usable = (rs: AdapterResult[]) => rs.filter((r) => !r.problem);

/** Reads the page (see the module comment). */
export function readConsolePage(input: ConsoleReadInput): ConsoleRead {
  const { doc, url, capturedAt, adapter, log } = input;
  const confirmed = adapter.confirm(doc);
  const answer = input.answer && input.answer.platform === adapter.platform ? { shop: input.answer, source: 'answer' as const } : null;
  let dom = confirmed ? adapter.read(doc, url, capturedAt, { knownShop: answer }) : null;
  let known: { shop: Shop; source: ShopSource } | null = answer;

  // The page shows no shop: an observed response may name it (千牛 asyncSold's seller.shopName), which beats the answer.
  const pageShown = dom?.shop && dom.shopSource !== 'answer' ? dom.shop : null;
  const probe = !pageShown && log ? log.resultsFor(adapter.id, { pageUrl: url, capturedAt, shop: null }) : [];
  const named = usable(probe).find((r) => r.shop && r.shop.platform === adapter.platform)?.shop ?? null;
  if (named && named.shopId !== answer?.shop.shopId) {
    known = { shop: named, source: 'observed' };
    if (confirmed) dom = adapter.read(doc, url, capturedAt, { knownShop: known });
  }

  const shop = pageShown ?? known?.shop ?? null;
  // Bodies that map (or would, given a shop) wait for the shop as much as the DOM's rows do.
  const observedWaiting = probe.length > 0;
  if (!shop && (dom?.needsShop || dom?.problem === NO_SHOP_PROBLEM || (!dom && observedWaiting) || (!dom?.problem && observedWaiting))) return { kind: 'needsShop', platform: adapter.platform };

  const observed = shop && log ? usable(log.resultsFor(adapter.id, { pageUrl: url, capturedAt, shop })) : [];
  const domOk = dom && !dom.problem ? dom : null;
  if (!domOk && observed.length === 0) return { kind: 'problem', problem: dom?.problem ?? `没有读到${adapter.label}的数据 (nothing read from the page)` };

  const merged = mergeObserved(domOk, observed, input.stored);
  const first = toCaptureBatch(merged.result, url, capturedAt);
  if (merged.crossCheck) first.crossCheck = merged.crossCheck;
  const batches = [first];
  const observedOnlyKeys: string[] = [];
  const keysOf = (r: AdapterResult) => (['orders', 'customers', 'contacts', 'snapshots'] as const).flatMap((k) => (r[k] as unknown[]).map((rec) => recordKey(k, rec)));
  if (merged.observedOnly) {
    batches.push(toCaptureBatch(merged.observedOnly, url, capturedAt));
    observedOnlyKeys.push(...keysOf(merged.observedOnly));
  }
  if (!domOk) observedOnlyKeys.push(...keysOf(merged.result));
  const shopSource = domOk?.shopSource ?? (pageShown ? null : known?.source ?? null);
  return { kind: 'batches', batches, observedOnlyKeys, shopSource };
}
