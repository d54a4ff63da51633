/**
 * The side panel's start (components/engine/boot.ts, ../first-open.ts): `warm` reads ahead, `openAnalysis` answers the
 * panel's first analysis before the page knows its shop.
 */
import { getDb, listShops, shopDataToken } from '@/lib/db';
import { snapshotFor } from '../snapshot-cache';
import { handleAnalysis, readAheadReport } from './report';
import type { Handler } from './context';

/** The shop the side panel opens on (the first by name, as the Dashboard picks it) and its data token, or null. */
async function openingShop(): Promise<{ shopId: string; token: string } | null> {
  const db = getDb();
  const first = (await listShops(db))[0];
  if (!first) return null;
  return { shopId: first.shopId, token: await shopDataToken(db, first.shopId) };
}

/**
 * `warm`: reads the snapshot of the shop the side panel opens on while the page is still starting, and
 * its default window's report; the 概览's request for it then shares this read and, for that window,
 * this report. Answered with nothing.
 */
export const handleWarm: Handler<'warm'> = async () => {
  const opening = await openingShop();
  if (!opening) return;
  readAheadReport(await snapshotFor(opening.shopId, opening.token, () => undefined, false, true));
};

/**
 * `openAnalysis`: the analysis of the shop the side panel opens on, default window, asked as the page
 * starts (before its Dexie queries know the shop). The shop and data token are resolved here with the
 * page's own functions (listShops' order, shopDataToken) and posted first, so the page adopts the answer
 * only when its queries agree; then it is answered exactly as that `analysis` request.
 */
export const handleOpenAnalysis: Handler<'openAnalysis'> = async (req, ctx) => {
  const opening = await openingShop();
  if (!opening) return ctx.post({ id: req.id, ok: true, kind: 'openAnalysis', result: null });
  ctx.post({ id: req.id, basis: opening });
  await handleAnalysis({ id: req.id, kind: 'analysis', window: {}, ...opening }, ctx);
};
