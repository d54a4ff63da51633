/**
 * Keeping capture records bounded (issue 11 item 6), inside the capture path's transaction:
 * - the very same page content (equal fingerprint and content) is kept once;
 * - the same rows re-rendered with a few cells changed (a countdown, a live figure) do not add a
 *   record: the latest capture of that page (same url, adapter, headers and row count, every row
 *   differing in at most a quarter of its cells (at least one), never in all of them) is refreshed — its raw
 *   rows become the latest seen, `capturedAt` stays the first sighting, the summary gets
 *   `refreshedAt` and `refreshCount`. Another page of a pager differs in nearly every cell, so it
 *   is a new capture;
 * - retention (captureRetentionDays, default 90) empties the raw rows of older captures; the
 *   capture record, its summary and every record read from it stay.
 */
import { toShanghaiIso } from '../../model';
import { captureContentOf, captureFingerprint } from '../keys';
import { captureSummaryOf, type CaptureSummary, type SellerLensDb, type StoredCapture } from '../schema';
import { captureRetentionDaysSetting, readSetting } from '../settings/registry';
import { InvalidBatchError } from '../store';

/** How many of a shop's latest captures are looked at for "the same page re-rendered". */
const REFRESH_LOOKBACK = 50;

/** True when `next` shows the same rows as `prev` with a few cells changed (see the header). */
export function sameRowsReRendered(prev: Pick<StoredCapture, 'headers' | 'rawRows'>, next: Pick<StoredCapture, 'headers' | 'rawRows'>): boolean {
  if (prev.rawRows.length === 0 || prev.rawRows.length !== next.rawRows.length) return false;
  if (JSON.stringify(prev.headers) !== JSON.stringify(next.headers)) return false;
  return prev.rawRows.every((row, i) => {
    const other = next.rawRows[i]!;
    if (row.length !== other.length) return false;
    let differ = 0;
    for (let c = 0; c < row.length; c++) if (row[c] !== other[c]) differ++;
    return differ <= Math.max(1, Math.floor(row.length / 4)) && differ < row.length;
  });
}

/** Stores a capture record unless kept already; call inside the rw transaction over captures and captureSummaries. */
export async function keepCapture(db: SellerLensDb, shopId: string, capture: StoredCapture): Promise<'added' | 'duplicate' | 'refreshed'> {
  const sameId = await db.captures.get(capture.captureId);
  if (sameId && sameId.shopId !== shopId) throw new InvalidBatchError(`capture id "${capture.captureId}" already belongs to another shop`);
  if (sameId) return 'duplicate';
  const content = captureContentOf(capture);
  const seen = await db.captures.where('[shopId+fingerprint]').equals([shopId, capture.fingerprint]).toArray();
  if (seen.some((c) => captureContentOf(c) === content)) return 'duplicate';

  const recent = await db.captureSummaries
    .where('[shopId+capturedAt]')
    .between([shopId, ''], [shopId, '\uffff'], true, true)
    .reverse()
    .limit(REFRESH_LOOKBACK)
    .toArray();
  const latest = recent.find((s) => s.url === capture.url && s.adapter === capture.adapter && !s.rawRowsPruned);
  const prev = latest && (await db.captures.get(latest.captureId));
  if (latest && prev && sameRowsReRendered(prev, capture)) {
    const { captureId: _id, capturedAt: _at, shopId: _shop, fingerprint: _fp, ...seenNow } = capture;
    const next: StoredCapture = { ...prev, ...seenNow };
    if (capture.crossCheck === undefined) delete next.crossCheck;
    next.fingerprint = captureFingerprint(next);
    await db.captures.put(next);
    await db.captureSummaries.put(
      captureSummaryOf(next, { refreshedAt: capture.capturedAt, refreshCount: (latest.refreshCount ?? 0) + 1 }),
    );
    return 'refreshed';
  }
  await db.captures.add(capture);
  await db.captureSummaries.put(captureSummaryOf(capture));
  return 'added';
}

/** The first instant (UTC+8 ISO) that retention keeps, `days` before `now`. */
export function retentionCutoff(days: number, now: number): string {
  return toShanghaiIso(now - days * 86_400_000);
}

/**
 * Empties the raw rows of a shop's captures older than the retention setting (the records read
 * from them stay); call inside a rw transaction over settings, captures and captureSummaries, or
 * none. Returns how many captures were pruned.
 */
export async function pruneCaptureRows(db: SellerLensDb, shopId: string, now = Date.now()): Promise<number> {
  const days = (await readSetting(db, captureRetentionDaysSetting)) ?? 90;
  const cutoff = retentionCutoff(days, now);
  const old = await db.captureSummaries
    .where('[shopId+capturedAt]')
    .between([shopId, ''], [shopId, cutoff], true, false)
    .filter((s) => !s.rawRowsPruned && (s.refreshedAt ?? s.capturedAt) < cutoff)
    .toArray();
  if (old.length === 0) return 0;
  const captures = await db.captures.bulkGet(old.map((s) => s.captureId));
  const pruned: StoredCapture[] = [];
  const summaries: CaptureSummary[] = [];
  old.forEach((s, i) => {
    const c = captures[i];
    if (c) pruned.push({ ...c, rawRows: [] });
    summaries.push({ ...s, rawRowsPruned: true });
  });
  if (pruned.length > 0) await db.captures.bulkPut(pruned);
  await db.captureSummaries.bulkPut(summaries);
  return old.length;
}

/** Writes the summary of every capture of a shop that has none (captures a restore wrote). */
export async function summarizeCaptures(db: SellerLensDb, shopId: string): Promise<void> {
  await db.transaction('rw', db.captures, db.captureSummaries, async () => {
    const have = new Set(await db.captureSummaries.where('shopId').equals(shopId).primaryKeys());
    const missing: CaptureSummary[] = [];
    await db.captures.where('shopId').equals(shopId).each((c) => {
      if (!have.has(c.captureId)) missing.push(captureSummaryOf(c));
    });
    if (missing.length > 0) await db.captureSummaries.bulkPut(missing);
  });
}
