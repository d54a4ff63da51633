/**
 * One-click audience export (SPEC §6.4, §7): members → rows → file, with the export frozen in an
 * ExportRecord and the control group held out of the file.
 */
import type { SellerLensDb } from '../db';
import type { DayWindow, Snapshot } from '../engine';
import type { ExportRecord, ShopData } from '../model';
import { customerPurchaseStats, type AudienceMember } from '../export/csv';
import { exportFormatOf, recordFormatOf, writeExport, type ExportFormatOptions, type FormatOutput } from '../export/formats';
import { freezeExport } from '../db/writer';

/** Customer records of the members (key-only rows for keys without a record), biggest spenders in `window` first. */
export function audienceRows(data: ShopData, snap: Snapshot, members: ArrayLike<number>, window?: DayWindow): AudienceMember[] {
  const byKey = new Map(data.customers.filter((c) => c.shopId === snap.shopId).map((c) => [c.customerKey, c]));
  const stats = customerPurchaseStats(data.orders.filter((o) => o.shopId === snap.shopId), window);
  const rows: AudienceMember[] = [];
  for (let j = 0; j < members.length; j++) {
    const key = snap.customerKeys[members[j]!]!;
    rows.push(byKey.get(key) ?? { customerKey: key });
  }
  const gmv = (m: AudienceMember) => stats.get(m.customerKey)?.gmvFen ?? 0;
  return rows.sort((a, b) => gmv(b) - gmv(a) || (a.customerKey < b.customerKey ? -1 : 1));
}

/** An audience export's format and options: the export-format registry's one union. */
export type AudienceExportFormat = ExportFormatOptions;

export interface AudienceExportInput {
  data: ShopData;
  snap: Snapshot;
  /** The window the audience was evaluated for (stats in the file are of this window). */
  window: DayWindow;
  /** Audience name (file name, export list). */
  name: string;
  audienceId?: string;
  /** Members as snapshot customer indexes. */
  members: ArrayLike<number>;
  format: AudienceExportFormat;
  /** Control share held out (default 0.1; 0 for none) and its seed (random when omitted). */
  controlShare?: number;
  seed?: number;
  at?: number | string | Date;
}

export interface AudienceExportResult extends FormatOutput {
  record: ExportRecord;
}

/**
 * Freezes the export (members minus a seeded control) and builds its file(s) in the format the
 * options name (CSV, XLSX, a DMP preset, a CRM plan — lib/export/formats). The file holds exactly
 * `record.members`; the control is recorded, not exported.
 */
export async function exportAudience(db: SellerLensDb, input: AudienceExportInput): Promise<AudienceExportResult> {
  const { data, snap, window } = input;
  const at = input.at ?? Date.now();
  const format = exportFormatOf(input.format.kind);
  if (!format) throw new Error(`unknown export format "${String(input.format.kind)}" (未知的导出格式)`);
  const rows = audienceRows(data, snap, input.members, window);
  const memberKeys = format.snapshotOrder ? Array.from(input.members, (c) => snap.customerKeys[c]!) : rows.map((r) => r.customerKey);
  const record = await freezeExport(db, {
    shopId: snap.shopId,
    audienceId: input.audienceId,
    name: input.name,
    format: recordFormatOf(input.format),
    memberKeys,
    window,
    controlShare: input.controlShare,
    seed: input.seed,
    exportedAt: at,
  });
  const exported = new Set(record.members);
  const orders = data.orders.filter((o) => o.shopId === snap.shopId);
  const out = await writeExport(
    {
      members: rows.filter((r) => exported.has(r.customerKey)),
      stats: customerPurchaseStats(orders, window),
      orders,
      shopId: snap.shopId,
      platform: snap.platform,
      audienceName: input.name,
      window,
      at: record.exportedAt,
    },
    input.format,
  );
  return { record, ...out };
}
