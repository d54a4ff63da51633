/**
 * The tier chips' cache: after the worker computes a report, each customer's labels (首单 / 复购 /
 * 高潜 / RFM class) are written to Dexie `settings` under `tierCache:<shopId>`, so the background
 * can answer a console tab's `customerTiers` without running the engine in the service worker.
 */
import { getDb } from '@/lib/db';
import { RFM_CLASSES, type Analysis, type DayWindow, type Snapshot } from '@/lib/engine';
import { t } from '@/lib/i18n/messages';
import { tierCacheKey, type CustomerTiers, type TierCache } from '@/lib/messaging';
import { toShanghaiIso } from '@/lib/model';

/** Each customer's chip labels for one analysed window: Douyin tier first, then 高潜, then the RFM class. */
export function tierLabels(snap: Snapshot, analysis: Analysis): CustomerTiers {
  const out: CustomerTiers = {};
  const add = (c: number, label: string) => {
    const key = snap.customerKeys[c];
    if (key !== undefined) (out[key] ??= []).push(label);
  };
  const dy = analysis.sets.douyin;
  for (const c of dy.firstOrder) add(c, '首单');
  for (const c of dy.repeat) add(c, '复购');
  for (const c of dy.highPotential) add(c, '高潜');
  const classOf = analysis.sets.rfm.classOf;
  for (let c = 0; c < classOf.length; c++) {
    const k = classOf[c]!;
    if (k >= 0) add(c, t(`rfm_${RFM_CLASSES[k]!}`, 'zh'));
  }
  return out;
}

/** Writes the tier cache of `snap`'s shop for `window` (best effort: a failure only leaves old chips). */
export async function writeTierCache(window: DayWindow, snap: Snapshot, analysis: Analysis): Promise<void> {
  const value: TierCache = { shopId: snap.shopId, window: { start: window.start, end: window.end }, computedAt: toShanghaiIso(Date.now()), tiers: tierLabels(snap, analysis) };
  await getDb().settings.put({ key: tierCacheKey(snap.shopId), value }).catch(() => undefined);
}
