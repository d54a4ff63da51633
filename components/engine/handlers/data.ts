/**
 * The panel's writes through the worker (issue 12: UI code writes only through the worker or the
 * background): delete a shop, erase one customer (after finding them), prune old captures' raw
 * rows, save / delete an audience — each one command of the one writer (lib/db/writer.ts).
 */
import { getDb } from '@/lib/db';
import { deleteAudience, deleteShop, eraseCustomer, pruneCaptures, putSetting, saveAudience } from '@/lib/db/writer';
import { captureRetentionDaysSetting } from '@/lib/db/settings/registry';
import type { Customer } from '@/lib/model';
import { dropCachedShop, recordsOf, snapshotFor } from '../snapshot-cache';
import type { CustomerMatch } from '../protocol';
import { tierLookupWritten } from '../tier-cache';
import type { Handler } from './context';

/** Matches shown at most for one search. */
const MATCHES_SHOWN = 20;

/** True when `c` answers the merchant's search (nickname part, buyer id, phone digits). */
export function customerMatches(c: Customer, query: string): boolean {
  const q = query.trim();
  if (!q) return false;
  if (c.nickname.includes(q) || c.buyerId === q || c.customerKey === q) return true;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 4 && (c.phone ?? '').replace(/\D/g, '').includes(digits);
}

/** `deleteShop`: every table and setting of the shop (chrome.storage.local entries: the panel, which has that API). */
export const handleDeleteShop: Handler<'deleteShop'> = async (req, h) => {
  dropCachedShop();
  await deleteShop(getDb(), req.shopId);
  h.post({ id: req.id, ok: true, kind: 'deleteShop', result: null });
};

/** `findCustomers`: the shop's customers answering a search, with their order counts. */
export const handleFindCustomers: Handler<'findCustomers'> = async (req, h) => {
  const data = recordsOf(await snapshotFor(req.shopId, req.token, h.progress, true));
  const orders = new Map<string, number>();
  for (const o of data.orders) orders.set(o.customerKey, (orders.get(o.customerKey) ?? 0) + 1);
  const result: CustomerMatch[] = data.customers
    .filter((c) => customerMatches(c, req.query))
    .slice(0, MATCHES_SHOWN)
    .map((c) => ({
      customerKey: c.customerKey,
      nickname: c.nickname,
      ...(c.buyerId ? { buyerId: c.buyerId } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      orders: orders.get(c.customerKey) ?? 0,
    }));
  h.post({ id: req.id, ok: true, kind: 'findCustomers', result });
};

/** `eraseCustomer`: one customer erased everywhere; the held snapshot is dropped (it names them). */
export const handleEraseCustomer: Handler<'eraseCustomer'> = async (req, h) => {
  dropCachedShop();
  const result = await eraseCustomer(getDb(), req.shopId, req.customerKey);
  h.post({ id: req.id, ok: true, kind: 'eraseCustomer', result });
};

/** `pruneCaptures`: raw rows of captures older than the retention setting emptied (on opening the 数据 tab). */
export const handlePruneCaptures: Handler<'pruneCaptures'> = async (req, h) => {
  h.post({ id: req.id, ok: true, kind: 'pruneCaptures', result: await pruneCaptures(getDb(), req.shopId) });
};

/** `saveAudience`: a new saved audience. */
export const handleSaveAudience: Handler<'saveAudience'> = async (req, h) => {
  const result = await saveAudience(getDb(), { shopId: req.shopId, name: req.name, expression: req.expression });
  h.post({ id: req.id, ok: true, kind: 'saveAudience', result });
};

/** `deleteAudience`: a saved audience removed (its export records stay). */
export const handleDeleteAudience: Handler<'deleteAudience'> = async (req, h) => {
  h.post({ id: req.id, ok: true, kind: 'deleteAudience', result: await deleteAudience(getDb(), req.audienceId) });
};

/** `tierLookupReady`: answers once the tier lookup written after the last report is stored (the panel then tells console tabs). */
export const handleTierLookupReady: Handler<'tierLookupReady'> = async (req, h) => {
  await tierLookupWritten();
  h.post({ id: req.id, ok: true, kind: 'tierLookupReady', result: null });
};

/** `setRetentionDays`: how long raw captured rows are kept (1–3650 days; the registry refuses others). */
export const handleSetRetentionDays: Handler<'setRetentionDays'> = async (req, h) => {
  await putSetting(getDb(), captureRetentionDaysSetting, req.days);
  h.post({ id: req.id, ok: true, kind: 'setRetentionDays', result: null });
};
