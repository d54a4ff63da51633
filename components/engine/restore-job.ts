/**
 * The worker's restore jobs: the preview of a chosen backup File (its shop and counts, and what a
 * restore would replace here: read only), and the restore itself, streamed through the one-pass
 * restore (lib/backup; never one string, so a 1.26 GB backup works) with progress as the panel's
 * status text, at most a few times a second. Refusals travel as codes (the panel words them).
 */
import { getDb } from '@/lib/db';
import { restoreShop } from '@/lib/db/writer';
import { previewBackup, replacedData, type RestoreProgress } from '@/lib/backup';
import type { MessageKey } from '@/lib/i18n/messages';
import type { ProgressVars, RestorePreviewResult, RestoreResult } from './protocol';

/** Minimum time between two progress lines (each is a message to the panel and a re-render). */
const PROGRESS_EVERY_MS = 200;

/** A restore progress line as the panel shows it: a catalogue key (lib/i18n/messages-backup.ts) and its values. */
export function restoreProgressLine(p: RestoreProgress): { key: MessageKey; vars?: ProgressVars } {
  // One pass reads, checks and writes the records; then the directories, small arrays and snapshot.
  if (p.phase === 'validating') return p.total > 0 ? { key: 'backup.progressValidatingPct', vars: { pct: Math.floor((p.done / p.total) * 100) } } : { key: 'backup.progressValidating' };
  if (p.phase === 'writing') return { key: 'backup.progressWriting', vars: { done: p.done, total: p.total } };
  return { key: 'backup.progressDone' };
}

/**
 * Storage this browser has left for the extension (quota − usage), or undefined when the browser
 * does not say. A restore needs at least the file's size again (blocks are the records' text), so
 * a bigger file is refused before a byte is read instead of failing with QuotaExceededError late.
 */
export async function storageFreeBytes(): Promise<number | undefined> {
  const est = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
  if (!est || est.quota === undefined || est.usage === undefined) return undefined;
  return est.quota - est.usage;
}

/** The file's header and counts, and what restoring it would replace in this profile. */
export async function runRestorePreview(file: Blob): Promise<RestorePreviewResult> {
  const preview = await previewBackup(file);
  if (!preview.ok) return { ok: false, refusal: preview.refusal };
  const replaced = await replacedData(getDb(), preview.shop.shopId, preview.exportedAt);
  return { ok: true, shop: preview.shop, ...(preview.exportedAt !== undefined ? { exportedAt: preview.exportedAt } : {}), counts: { ...preview.counts }, replaced };
}

/** Restores `file` into the extension's database (refused unless it holds `expectShopId` when given). */
export async function runRestore(file: Blob, progress: (key: MessageKey, vars?: ProgressVars) => void, expectShopId?: string): Promise<RestoreResult> {
  let last = 0, lastText = '', lastPhase = '';
  const free = await storageFreeBytes();
  const r = await restoreShop(getDb(), file, {
    ...(expectShopId !== undefined ? { expectShopId } : {}),
    ...(free !== undefined ? { storageFreeBytes: free } : {}),
    onProgress: (p) => {
      const now = performance.now();
      const line = restoreProgressLine(p);
      const text = `${line.key} ${JSON.stringify(line.vars ?? {})}`;
      // A new phase always shows (the last steps after the 100% of the pass take seconds).
      if (text === lastText || (now - last < PROGRESS_EVERY_MS && p.phase === lastPhase && p.done !== 0)) return;
      last = now;
      lastText = text;
      lastPhase = p.phase;
      progress(line.key, line.vars);
    },
  });
  if (!r.ok) return { ok: false, refusal: r.refusal };
  const shop = await getDb().shops.get(r.shopId);
  return { ok: true, shopId: r.shopId, shopName: shop?.name ?? r.shopId, counts: { ...r.counts } };
}
