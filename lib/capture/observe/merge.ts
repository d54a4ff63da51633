/**
 * The DOM reading and the observed JSON of the same page, made one result (SPEC §8): a record
 * the JSON carries wins (exact cents, seconds, ids), the DOM's raw rows stay the capture's rows,
 * records only the DOM shows stay (the fallback), and where both show a record their main fields
 * are compared — a disagreement is recorded in the capture (Capture.crossCheck).
 */
import { normalizeInstant, type CrossCheck } from '../../model';
import { emptyResult, type AdapterResult, type ContactInput, type PlatformSnapshotInput } from '../types';
import type { CustomerInput, OrderInput } from '../../model';

/** At most this many disagreements are kept per capture (the counts stay exact). */
export const MAX_DISAGREEMENTS = 50;

type Kind = 'orders' | 'customers' | 'contacts' | 'snapshots';
const KINDS: readonly Kind[] = ['orders', 'customers', 'contacts', 'snapshots'];

/** The natural key a record is matched by: orderId; customerKey; customerKey + time for contacts; source + day for snapshots. */
export function recordKey(kind: Kind, r: unknown): string {
  const o = r as Record<string, unknown>;
  if (kind === 'orders') return `order:${String(o.orderId ?? '')}`;
  if (kind === 'customers') return `customer:${String(o.customerKey ?? '')}`;
  if (kind === 'contacts') return `contact:${String(o.customerKey ?? '')}|${instant(o.at)}|${String(o.kind ?? '')}`;
  return `snapshot:${String(o.source ?? '')}|${String(o.seenOn ?? '')}`;
}

function instant(v: unknown): string {
  if (typeof v !== 'string') return '';
  return normalizeInstant(v) ?? v;
}

const shown = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Main fields compared per kind (values as stored: fen, ISO instants, enums). */
function compareFields(kind: Kind, dom: unknown, obs: unknown): { field: string; dom: string; observed: string }[] {
  const d = dom as Record<string, unknown>;
  const o = obs as Record<string, unknown>;
  const out: { field: string; dom: string; observed: string }[] = [];
  const same = (field: string, a: unknown, b: unknown, time = false) => {
    // A field one side does not show is not a disagreement (the DOM masks and abbreviates).
    if (a === undefined || b === undefined || a === '' || b === '') return;
    const x = time ? instant(a) : shown(a);
    const y = time ? instant(b) : shown(b);
    if (x !== y) out.push({ field, dom: x, observed: y });
  };
  if (kind === 'orders') {
    const a = d as Partial<OrderInput>;
    const b = o as Partial<OrderInput>;
    same('customerKey', a.customerKey, b.customerKey);
    same('amountFen', a.amountFen, b.amountFen);
    same('status', a.status, b.status);
    same('placedAt', a.placedAt, b.placedAt, true);
    same('paidAt', a.paidAt, b.paidAt, true);
    same('quantity', a.quantity, b.quantity);
  } else if (kind === 'customers') {
    const a = d as Partial<CustomerInput>;
    const b = o as Partial<CustomerInput>;
    same('nickname', a.nickname, b.nickname);
    same('buyerId', a.buyerId, b.buyerId);
  } else if (kind === 'contacts') {
    const a = d as Partial<ContactInput>;
    const b = o as Partial<ContactInput>;
    same('source', a.source, b.source);
    same('page', a.page, b.page);
    same('city', a.city, b.city);
  } else {
    const a = (d as PlatformSnapshotInput).metrics ?? {};
    const b = (o as PlatformSnapshotInput).metrics ?? {};
    for (const key of Object.keys(a)) {
      const x = a[key]?.value;
      const y = b[key]?.value;
      if (typeof x !== 'number' || typeof y !== 'number') continue;
      // The DOM abbreviates (18.25万): within half a percent is the same figure.
      if (Math.abs(x - y) > Math.max(1, Math.abs(y) * 0.005)) out.push({ field: `metrics.${key}`, dom: String(x), observed: String(y) });
    }
  }
  return out;
}

/** What `mergeObserved` gives: the result to store (DOM rows, best records), observed records the DOM does not show, and the cross-check. */
export interface Merged {
  /** The page as read: the DOM's headers and raw rows, each record the observed one where the JSON carries it. */
  result: AdapterResult;
  /** Records only the JSON carries (another page's response, rows the DOM did not render), with the mapper's rows; null when none. */
  observedOnly: AdapterResult | null;
  crossCheck: CrossCheck | null;
}

/**
 * Merges the DOM reading (null when the DOM could not be read) with the observed results of the
 * same adapter (later responses win for the same record). `skip` holds keys (recordKey) of
 * observed-only records already stored, so they are not sent again.
 */
export function mergeObserved(dom: AdapterResult | null, observed: readonly AdapterResult[], skip: ReadonlySet<string> = new Set()): Merged {
  const adapter = dom?.adapter ?? observed[0]?.adapter ?? 'unknown';
  // Latest observed record of each key, with the result and row it came from.
  const obs = new Map<string, { kind: Kind; record: unknown; from: AdapterResult; row: number }>();
  for (const r of observed)
    for (const kind of KINDS)
      (r[kind] as unknown[]).forEach((record, i) => obs.set(recordKey(kind, record), { kind, record, from: r, row: r.rowOf[kind][i] ?? 0 }));

  const result: AdapterResult = dom
    ? { ...dom, orders: [], customers: [], contacts: [], snapshots: [], rowOf: { orders: [], customers: [], contacts: [], snapshots: [] } }
    : emptyResult(adapter);
  if (!dom) result.shop = observed.find((r) => r.shop)?.shop ?? null;
  const used = new Set<string>();
  let matched = 0;
  let domCount = 0;
  const disagreements: CrossCheck['disagreements'] = [];
  let disagreementCount = 0;
  if (dom) {
    for (const kind of KINDS) {
      (dom[kind] as unknown[]).forEach((record, i) => {
        domCount++;
        const key = recordKey(kind, record);
        const o = obs.get(key);
        let take = record;
        if (o && o.kind === kind) {
          matched++;
          used.add(key);
          for (const d of compareFields(kind, record, o.record)) {
            disagreementCount++;
            if (disagreements.length < MAX_DISAGREEMENTS) disagreements.push({ key, ...d });
          }
          // Snapshots: the JSON's exact figures over the DOM's, the DOM's other figures kept.
          take =
            kind === 'snapshots'
              ? { ...(record as object), ...(o.record as object), metrics: { ...(record as PlatformSnapshotInput).metrics, ...(o.record as PlatformSnapshotInput).metrics } }
              : o.record;
        }
        (result[kind] as unknown[]).push(take);
        result.rowOf[kind].push(dom.rowOf[kind][i] ?? 0);
      });
    }
  }

  // The rest of the observed records: with the rows of the response they came from.
  let observedOnly: AdapterResult | null = null;
  const rowMaps = new Map<AdapterResult, Map<number, number>>();
  for (const [key, o] of obs) {
    if (used.has(key) || skip.has(key)) continue;
    observedOnly ??= { ...emptyResult(adapter), shop: result.shop ?? o.from.shop, headers: o.from.headers };
    // Keep each source row once; results with other headers still go in (rows are what was seen).
    let rows = rowMaps.get(o.from);
    if (!rows) rowMaps.set(o.from, (rows = new Map()));
    let at = rows.get(o.row);
    if (at === undefined) {
      at = observedOnly.rawRows.length;
      observedOnly.rawRows.push(o.from.rawRows[o.row] ?? []);
      rows.set(o.row, at);
    }
    (observedOnly[o.kind] as unknown[]).push(o.record);
    observedOnly.rowOf[o.kind].push(at);
  }
  if (!dom && observedOnly) {
    // No DOM reading: the observed records are the page's result, rejects of the responses kept.
    observedOnly.rejected = [];
    return { result: observedOnly, observedOnly: null, crossCheck: null };
  }
  const crossCheck: CrossCheck | null =
    dom && obs.size > 0 ? { observed: obs.size, dom: domCount, matched, disagreementCount, disagreements } : null;
  return { result, observedOnly, crossCheck };
}
