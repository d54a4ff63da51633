/**
 * The tier chips' lookup: after the worker computes a report, each customer's tier ids (首单 /
 * 复购 / 高潜 / RFM class — ids, not labels; lib/db/settings/registry.ts tierLookupSetting) are
 * written through the one writer under `tierCache:<shopId>`, so the background can answer a
 * console tab's `customerTiers` (and push changes to open tabs) without running the engine.
 */
import { getDb } from '@/lib/db';
import { saveTierLookup } from '@/lib/db/writer';
import { tierLabel, type TierId, type TierLookup } from '@/lib/db/settings/registry';
import type { CustomerTiers } from '@/lib/messaging';
import { RFM_CLASSES, type Analysis, type DayWindow, type Snapshot } from '@/lib/engine';
import { toShanghaiIso } from '@/lib/model';

/** Each customer's tier ids for one analysed window: Douyin tier first, then 高潜, then the RFM class. */
export function tierIds(snap: Snapshot, analysis: Analysis): Record<string, TierId[]> {
  const out: Record<string, TierId[]> = {};
  const add = (c: number, id: TierId) => {
    const key = snap.customerKeys[c];
    if (key !== undefined) (out[key] ??= []).push(id);
  };
  const dy = analysis.sets.douyin;
  for (const c of dy.firstOrder) add(c, 'firstOrder');
  for (const c of dy.repeat) add(c, 'repeat');
  for (const c of dy.highPotential) add(c, 'highPotential');
  const classOf = analysis.sets.rfm.classOf;
  for (let c = 0; c < classOf.length; c++) {
    const k = classOf[c]!;
    if (k >= 0) add(c, `rfm:${RFM_CLASSES[k]!}`);
  }
  return out;
}

/** Each customer's chip labels (zh-CN) for one analysed window, in tierIds order. */
export function tierLabels(snap: Snapshot, analysis: Analysis): CustomerTiers {
  const out: CustomerTiers = {};
  for (const [k, ids] of Object.entries(tierIds(snap, analysis))) out[k] = ids.map((id) => tierLabel(id));
  return out;
}

/** The latest tier lookup write of this worker (the panel waits for it before telling console tabs). */
let lastWrite: Promise<void> = Promise.resolve();

/** Writes the tier lookup of `snap`'s shop for `window` (best effort: a failure only leaves old chips). */
export function writeTierCache(window: DayWindow, snap: Snapshot, analysis: Analysis): Promise<void> {
  const lookup: TierLookup = { shopId: snap.shopId, window: { start: window.start, end: window.end }, computedAt: toShanghaiIso(Date.now()), tiers: tierIds(snap, analysis) };
  lastWrite = saveTierLookup(getDb(), lookup).catch(() => undefined);
  return lastWrite;
}

/** Resolves once the tier lookup write started before this call has ended. */
export function tierLookupWritten(): Promise<void> {
  return lastWrite;
}
