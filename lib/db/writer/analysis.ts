/** The one writer's analysis commands: the persisted engine snapshot and the fitted 高潜 models. */
import type { Snapshot } from '../../engine/snapshot';
import { analysisSnapshotRecord, type PersistedModel } from '../analysis-snapshot';
import type { SellerLensDb } from '../schema';
import { analysisModelsSetting, analysisTokenSetting, readSetting } from '../settings/registry';
import { putSettingIn } from './settings';

/**
 * Saves `snap` as the shop's analysis snapshot for data token `token` (replacing any older one);
 * `names[i]` is customer i's display name ('' unknown).
 */
export async function saveAnalysisSnapshot(
  db: SellerLensDb,
  snap: Snapshot,
  token: string,
  opts: { names?: string[]; builtAt?: string } = {},
): Promise<void> {
  const record = analysisSnapshotRecord(snap, token, opts);
  await db.transaction('rw', db.analysisSnapshots, db.settings, async () => {
    await db.analysisSnapshots.put(record);
    await putSettingIn(db, analysisTokenSetting, token, snap.shopId);
  });
}

/** Keeps a fitted model of data token `token` (models of another token are dropped). */
export async function saveAnalysisModel(db: SellerLensDb, shopId: string, token: string, model: PersistedModel): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const s = await readSetting(db, analysisModelsSetting, shopId);
    const kept = s && s.token === token ? s.models.filter((m) => m.asOfDay !== model.asOfDay) : [];
    // A handful of days at most in practice (window ends the merchant looked at); keep the latest 16.
    await putSettingIn(db, analysisModelsSetting, { token, models: [...kept, model].slice(-16) }, shopId);
  });
}

