/** The shape of one export format of the registry (issue 12 item 4): id, label, options schema, write. */
import type { z } from 'zod';
import type { MessageKey } from '../../i18n/messages';
import type { Order, Platform } from '../../model';
import type { AudienceMember, CustomerPurchaseStats } from '../csv';
import type { DmpWarning } from '../dmp';

/** A file to download. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
  mime: string;
}

/** What every format gets: the exported members (control held out) and what their files need. */
export interface FormatInput {
  /** Members in the file, biggest spenders in the window first. */
  members: readonly AudienceMember[];
  /** Purchase figures of the members in the window. */
  stats: Map<string, CustomerPurchaseStats>;
  /** The shop's orders (a CRM plan reads the members' orders waiting to ship). */
  orders: readonly Order[];
  shopId: string;
  platform: Platform;
  /** The audience's name (file names, the segment column). */
  audienceName: string;
  window: { start: string; end: string };
  /** When the export was made (file names). */
  at: number | string | Date;
}

/** What a format wrote: its files and, for DMP and CRM, their counts. */
export interface FormatOutput {
  files: ExportFile[];
  dmp?: { exported: number; skippedNoIdentifier: number; duplicates: number; warnings: DmpWarning[] };
  crm?: { rows: number; duplicates: number; rejected: number };
}

/** One export format. `O` is its options, discriminated by `kind` = the format's id. */
export interface ExportFormat<O extends { kind: string } = { kind: string }> {
  id: O['kind'];
  /** Catalogue key of the button's label (zh-CN and English). */
  labelKey: MessageKey;
  /** Validates the options a request carries. */
  options: z.ZodType<O>;
  /** Options that validate (conventions test, documentation). */
  example: O;
  /** ExportRecord.format of an export with these options: `csv`, `dmp:qianchuan`, `crm:delay`. */
  recordFormat(options: O): string;
  /** Members frozen in the record in snapshot order (a CRM plan) instead of spend order. */
  snapshotOrder?: boolean;
  write(input: FormatInput, options: O): Promise<FormatOutput>;
}

/** Declares a format (typed helper). */
export function defineFormat<O extends { kind: string }>(f: ExportFormat<O>): ExportFormat<O> {
  return f;
}

export const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain;charset=utf-8',
  zip: 'application/zip',
} as const;

/** The MIME type of a file by its extension. */
export function mimeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'csv' || ext === 'xlsx' || ext === 'txt' || ext === 'zip' ? MIME[ext] : 'application/octet-stream';
}
