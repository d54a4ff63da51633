/** The `restore` request: streams a backup file into the database (see ../restore-job.ts). */
import { runRestore, runRestorePreview } from '../restore-job';
import { dropCachedShop } from '../snapshot-cache';
import type { Handler } from './context';

/** `restore`: validates and writes the file; the held snapshot is dropped before (memory) and after (replaced data). */
export const handleRestore: Handler<'restore'> = async (req, h) => {
  h.progress('backup.progressValidating');
  dropCachedShop(); // a held snapshot (maybe of the shop being replaced) is freed before the restore needs the memory
  const result = await runRestore(req.file, h.progress, req.expectShopId);
  dropCachedShop();
  h.post({ id: req.id, ok: true, kind: 'restore', result });
};

/** `restorePreview`: the file's shop and counts and what a restore would replace (reads only). */
export const handleRestorePreview: Handler<'restorePreview'> = async (req, h) => {
  h.post({ id: req.id, ok: true, kind: 'restorePreview', result: await runRestorePreview(req.file) });
};
