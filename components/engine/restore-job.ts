/**
 * The worker's restore job: streams the chosen backup File through the one-pass restore
 * (lib/export/restore.ts; never one string, so a 1.26 GB backup works) and reports progress as
 * the panel's status text, at most a few times a second.
 */
import { getDb } from '@/lib/db';
import { restoreBackupSource } from '@/lib/export/restore';
import type { RestoreProgress } from '@/lib/export/backup';
import type { RestoreResult } from './protocol';

/** Minimum time between two progress texts (each is a message to the panel and a re-render). */
const PROGRESS_EVERY_MS = 200;

/** Progress as the status text the panel shows. */
export function restoreProgressText(p: RestoreProgress): string {
  // One pass reads, checks and writes the records; then the directories, small arrays and snapshot.
  if (p.phase === 'validating') return p.total > 0 ? `校验并写入备份… ${Math.floor((p.done / p.total) * 100)}%` : '校验并写入备份…';
  if (p.phase === 'writing') return `写入索引与分析快照… ${p.done}/${p.total}`;
  return '完成';
}

/** Restores `file` into the extension's database; throws the refusal or failure reason. */
export async function runRestore(file: Blob, progress: (text: string) => void): Promise<RestoreResult> {
  let last = 0, lastText = '', lastPhase = '';
  const r = await restoreBackupSource(getDb(), file, {
    onProgress: (p) => {
      const now = performance.now();
      const text = restoreProgressText(p);
      // A new phase always shows (the last steps after the 100% of the pass take seconds).
      if (text === lastText || (now - last < PROGRESS_EVERY_MS && p.phase === lastPhase && p.done !== 0)) return;
      last = now;
      lastText = text;
      lastPhase = p.phase;
      progress(text);
    },
  });
  if (!r.ok) throw new Error(r.reason);
  const shop = await getDb().shops.get(r.shopId);
  return { shopId: r.shopId, shopName: shop?.name ?? r.shopId, counts: { ...r.counts } };
}
