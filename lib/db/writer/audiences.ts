/** The one writer's commands for saved audiences and frozen exports (records built in lib/audience/records.ts). */
import type { Audience, ExportRecord } from '../../model';
import { checkAudiencePatch, frozenExportRecord, newAudienceRecord, patchedAudience, type FreezeInput } from '../../audience/records';
import type { SellerLensDb } from '../schema';

/** Creates a saved audience; the expression must parse (ExpressionError otherwise), the name must not be blank. */
export async function createAudience(
  db: SellerLensDb,
  input: { shopId: string; name: string; expression: string; audienceId?: string },
  now?: number | string | Date,
): Promise<Audience> {
  const audience = newAudienceRecord(input, now);
  await db.audiences.put(audience);
  return audience;
}

/** Changes a saved audience's name and/or expression; throws when it does not exist or the expression does not parse. */
export async function updateAudience(
  db: SellerLensDb,
  audienceId: string,
  patch: { name?: string; expression?: string },
  now?: number | string | Date,
): Promise<Audience> {
  checkAudiencePatch(patch);
  return db.transaction('rw', db.audiences, async () => {
    const cur = await db.audiences.get(audienceId);
    if (!cur) throw new Error(`no saved audience ${audienceId} (人群不存在)`);
    const next = patchedAudience(cur, patch, now);
    await db.audiences.put(next);
    return next;
  });
}

/** Deletes a saved audience (its export records stay: they are the history the conversion report reads). True when it existed. */
export async function deleteAudience(db: SellerLensDb, audienceId: string): Promise<boolean> {
  return db.transaction('rw', db.audiences, async () => {
    const had = (await db.audiences.get(audienceId)) !== undefined;
    await db.audiences.delete(audienceId);
    return had;
  });
}

/** Freezes an export: draws the control, stores the ExportRecord and returns it; export exactly `record.members`. */
export async function freezeExport(db: SellerLensDb, input: FreezeInput): Promise<ExportRecord> {
  const record = frozenExportRecord(input);
  await db.exports.put(record);
  return record;
}

/** Deletes one export record. */
export async function deleteExport(db: SellerLensDb, exportId: string): Promise<void> {
  await db.exports.delete(exportId);
}
