/** File requests: a tier's CSV and the shop's backup. */
import { getDb } from '@/lib/db';
import { buildBackup, serializeBackupParts } from '@/lib/backup';
import { backupFileName } from '@/lib/export/download-names';
import { tierAudienceCsv } from '@/lib/export/tier-csv';
import { recordsOf, snapshotFor } from '../snapshot-cache';
import { windowOf, type Handler } from './context';

/** `tierCsv`: the CSV of a tier's members (首单 / 复购) for a window, its bytes transferred. */
export const handleTierCsv: Handler<'tierCsv'> = async (req, h) => {
  const c = await snapshotFor(req.shopId, req.token, h.progress, true);
  const file = tierAudienceCsv(recordsOf(c), c.snap, windowOf(c, req.window).window, req.tier);
  h.post({ id: req.id, ok: true, kind: 'tierCsv', result: file }, [file.bytes.buffer as ArrayBuffer]);
};

/** `backup`: the SPEC §9 backup of one shop, in pieces, with its file name. */
export const handleBackup: Handler<'backup'> = async (req, h) => {
  const backup = await buildBackup(getDb(), req.shopId);
  h.post({ id: req.id, ok: true, kind: 'backup', result: { parts: serializeBackupParts(backup), filename: backupFileName(req.shopId, backup.exportedAt) } });
};
