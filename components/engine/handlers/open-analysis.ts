/** The side panel's start (components/engine/boot.ts, ../first-open.ts): `openAnalysis` answers the panel's first analysis before the page knows its shop. */
import { getDb, listShops, shopDataToken } from '@/lib/db';
import { handleAnalysis } from './report';
import type { Handler } from './context';

/** The shop the side panel opens on (the first by name, as the Dashboard picks it) and its data token, or null. */
async function openingShop(): Promise<{ shopId: string; token: string } | null> {
  const db = getDb();
  const first = (await listShops(db))[0];
  if (!first) return null;
  return { shopId: first.shopId, token: await shopDataToken(db, first.shopId) };
}

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
