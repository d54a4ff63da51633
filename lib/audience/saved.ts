/**
 * Saved audiences and frozen exports (SPEC §6.2, §6.4), over the Dexie `audiences` and `exports`
 * tables.
 *
 * A saved audience keeps its expression (not its members), so it refreshes as data grows. Each
 * export freezes the member keys at export time in an ExportRecord; optionally a seeded random
 * control group (default 10%) is held out of the exported file and recorded, so the conversion
 * report can compare members with customers who were not targeted.
 *
 * Control draw: the distinct member keys sorted (code-unit order, so the input order does not
 * matter), shuffled by Fisher–Yates with mulberry32(seed); the first round(n × share) are the
 * control. The same keys, share and seed always give the same control.
 */
import type { Audience, ExportRecord } from '../model';
import type { SellerLensDb } from '../db/schema';

// The records (pure) of saved audiences and exports; their writes are the one writer's commands (lib/db/writer.ts).
export * from './records';

/** One saved audience, or undefined. */
export async function getAudience(db: SellerLensDb, audienceId: string): Promise<Audience | undefined> {
  return db.audiences.get(audienceId);
}

/** Saved audiences of a shop, most recently changed first. */
export async function listAudiences(db: SellerLensDb, shopId: string): Promise<Audience[]> {
  const all = await db.audiences.where('shopId').equals(shopId).toArray();
  const at = (a: Audience) => a.updatedAt ?? a.createdAt;
  return all.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : a.audienceId < b.audienceId ? -1 : 1));
}

/** Export records of a shop (optionally of one audience), newest first. */
export async function listExports(db: SellerLensDb, shopId: string, audienceId?: string): Promise<ExportRecord[]> {
  const all = await db.exports.where('shopId').equals(shopId).toArray();
  return all
    .filter((e) => audienceId === undefined || e.audienceId === audienceId)
    .sort((a, b) => (a.exportedAt < b.exportedAt ? 1 : a.exportedAt > b.exportedAt ? -1 : 0));
}
