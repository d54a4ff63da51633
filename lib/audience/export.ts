/**
 * One-click audience export (SPEC §6.4, §7): members → rows → file, with the export frozen in an
 * ExportRecord and the control group held out of the file.
 */
import type { SellerLensDb } from '../db';
import type { DayWindow, Snapshot } from '../engine';
import type { ExportRecord, ShopData } from '../model';
import { customerAudienceCsv, customerPurchaseStats, type AudienceMember } from '../export/csv';
import { exportDmp, type DmpExport } from '../export/dmp';
import type { DmpIdentifier, DmpPresetId } from '../export/dmp-presets';
import { exportFileName } from '../export/download-names';
import { customerAudienceXlsx } from '../export/xlsx';
import { freezeExport } from './saved';

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

export type AudienceExportFormat = { kind: 'csv' } | { kind: 'xlsx' } | { kind: 'dmp'; preset: DmpPresetId; identifier?: DmpIdentifier; minAudience?: number };

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

export interface AudienceExportResult {
  record: ExportRecord;
  files: { name: string; bytes: Uint8Array }[];
  /** DMP counts and warnings (for format dmp). */
  dmp?: DmpExport;
}

/**
 * Freezes the export (members minus a seeded control) and builds its file(s): CSV, XLSX or a DMP
 * preset. The file holds exactly `record.members`; the control is recorded, not exported.
 */
export async function exportAudience(db: SellerLensDb, input: AudienceExportInput): Promise<AudienceExportResult> {
  const { data, snap, window } = input;
  const at = input.at ?? Date.now();
  const rows = audienceRows(data, snap, input.members, window);
  const formatId = input.format.kind === 'dmp' ? `dmp:${input.format.preset}` : input.format.kind;
  const record = await freezeExport(db, {
    shopId: snap.shopId,
    audienceId: input.audienceId,
    name: input.name,
    format: formatId,
    memberKeys: rows.map((r) => r.customerKey),
    window,
    controlShare: input.controlShare,
    seed: input.seed,
    exportedAt: at,
  });
  const exported = new Set(record.members);
  const kept = rows.filter((r) => exported.has(r.customerKey));
  const label = `${input.name}_${window.start}_${window.end}`;
  if (input.format.kind === 'dmp') {
    const dmp = await exportDmp(kept, {
      preset: input.format.preset,
      identifier: input.format.identifier,
      shopId: snap.shopId,
      platform: snap.platform,
      audienceName: input.name,
      minAudience: input.format.minAudience,
      at,
    });
    return { record, files: dmp.files, dmp };
  }
  const stats = customerPurchaseStats(data.orders.filter((o) => o.shopId === snap.shopId), window);
  const segmentOf = () => input.name;
  const bytes = input.format.kind === 'csv' ? customerAudienceCsv(kept, stats, { segmentOf }) : await customerAudienceXlsx(kept, stats, { segmentOf });
  return { record, files: [{ name: exportFileName('audience', snap.shopId, label, input.format.kind, at), bytes }] };
}
