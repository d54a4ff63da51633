/** `warm`: sent once by the side panel as it starts (components/engine/boot.ts); answered with nothing. */
import { getDb, listShops, shopDataToken } from '@/lib/db';
import { snapshotFor } from '../snapshot-cache';
import { readAheadReport } from './report';
import type { Handler } from './context';

/**
 * Reads the snapshot of the shop the side panel opens on (the first by name, as the Dashboard
 * picks it) while the page is still starting, and its default window's report; the 概览's request
 * for it then shares this read and, for that window, this report.
 */
export const handleWarm: Handler<'warm'> = async () => {
  const db = getDb();
  const first = (await listShops(db))[0];
  if (!first) return;
  const token = await shopDataToken(db, first.shopId);
  readAheadReport(await snapshotFor(first.shopId, token, () => undefined, false, true));
};
