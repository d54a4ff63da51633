/** One-click CSV of a Douyin tier's members (首单 / 复购) for a window, with their paid-order stats in it. */
import { douyinTiers, toRange, type DayWindow, type Snapshot } from '../engine';
import type { ShopData } from '../model';
import { customerAudienceCsv, customerPurchaseStats, type AudienceMember } from './csv';
import { exportFileName } from './download-names';

export type ExportTier = 'firstOrder' | 'repeat';

export const TIER_LABEL: Record<ExportTier, string> = { firstOrder: '首单用户', repeat: '复购用户' };

/** CSV bytes (SPEC §7) of the tier's members in `window`, biggest spenders first, and its file name. */
export function tierAudienceCsv(data: ShopData, snap: Snapshot, window: DayWindow, tier: ExportTier) {
  const members = douyinTiers(snap, toRange(window))[tier];
  const byKey = new Map(data.customers.map((c) => [c.customerKey, c]));
  const stats = customerPurchaseStats(data.orders, window);
  const rows: AudienceMember[] = [];
  for (const c of members) {
    const key = snap.customerKeys[c]!;
    rows.push(byKey.get(key) ?? { customerKey: key });
  }
  const gmv = (m: AudienceMember) => stats.get(m.customerKey)?.gmvFen ?? 0;
  rows.sort((a, b) => gmv(b) - gmv(a) || (a.customerKey < b.customerKey ? -1 : 1));
  const bytes = customerAudienceCsv(rows, stats, { segmentOf: () => TIER_LABEL[tier] });
  const filename = exportFileName('audience', snap.shopId, `${TIER_LABEL[tier]}_${window.start}_${window.end}`, 'csv');
  return { bytes, rows: rows.length, filename };
}
