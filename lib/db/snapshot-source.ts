/**
 * Where the engine's snapshot of a shop's data token comes from, cheapest first: an older
 * snapshot (in memory, else persisted) brought forward through the change log — only the
 * records captures changed are read; the persisted snapshot of that very token; a rebuild from
 * every record. The engine worker calls this; it runs in Node too (tests).
 */
import { applySnapshotChanges, buildSnapshot, customerNames, type Snapshot } from '../engine';
import type { ShopData } from '../model';
import { loadAnalysisSnapshot, readOrderIds } from './analysis-snapshot';
import { changesBetween } from './changes';
import { loadShopData } from './queries';
import type { SellerLensDb } from './schema';

/** A shop's snapshot with its customers' display names and the data token it is of. */
export interface TokenSnapshot {
  snap: Snapshot;
  names: string[];
  token: string;
}

/** How `snapshotOfToken` got its answer ('persisted': read as stored, nothing to save again). */
export type SnapshotOrigin = 'forwarded' | 'persisted' | 'rebuilt';

/** A snapshot of data token `from` brought forward to `to` through the change log; null when only a rebuild can. */
export async function forwardSnapshot(db: SellerLensDb, shopId: string, from: TokenSnapshot, to: string): Promise<TokenSnapshot | null> {
  const changes = await changesBetween(db, shopId, from.token, to);
  if (!changes) return null;
  // A snapshot read from its record has its order ids still in the Blob: applying changes needs them.
  if (!(await readOrderIds(from.snap))) return null;
  return { ...applySnapshotChanges(from.snap, from.names, changes), token: to };
}

/**
 * The shop's snapshot for data token `token`. `previous` is a snapshot of the same shop the
 * caller still holds (any token). `data` is set only when a rebuild read the records anyway.
 */
export async function snapshotOfToken(
  db: SellerLensDb,
  shopId: string,
  token: string,
  opts: { previous?: TokenSnapshot | null; progress?: (step: 'forward' | 'read' | 'build') => void } = {},
): Promise<TokenSnapshot & { origin: SnapshotOrigin; data: ShopData | null }> {
  const { previous, progress } = opts;
  if (previous?.token === token) return { ...previous, origin: 'persisted', data: null };
  const forward = async (from: TokenSnapshot) => {
    progress?.('forward');
    return forwardSnapshot(db, shopId, from, token);
  };
  if (previous && previous.snap.shopId === shopId) {
    const moved = await forward(previous);
    if (moved) return { ...moved, origin: 'forwarded', data: null };
  }
  const stored = await loadAnalysisSnapshot(db, shopId, null);
  if (stored?.token === token) return { snap: stored.snap, names: stored.names, token, origin: 'persisted', data: null };
  if (stored) {
    const moved = await forward(stored);
    if (moved) return { ...moved, origin: 'forwarded', data: null };
  }
  progress?.('read');
  const data = await loadShopData(db, shopId);
  progress?.('build');
  const snap = buildSnapshot(data);
  return { snap, names: customerNames(snap, data.customers), token, origin: 'rebuilt', data };
}
