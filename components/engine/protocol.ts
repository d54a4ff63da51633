/** Messages between the side panel / popup and the engine Web Worker. */
import type { Report } from '@/lib/engine';

export interface WindowRequest {
  from?: string;
  to?: string;
}

export type EngineRequest =
  | { id: number; kind: 'report'; shopId: string; window: WindowRequest; token: string }
  | { id: number; kind: 'tierCsv'; shopId: string; window: WindowRequest; token: string; tier: 'firstOrder' | 'repeat' }
  | { id: number; kind: 'backup'; shopId: string }
  | { id: number; kind: 'restore'; file: Blob };

export interface ReportResult {
  report: Report;
  /** Report of the previous window, for the tiers' change. */
  previous: Report;
  latestDay: string;
  ms: number;
}

export interface CsvResult {
  bytes: Uint8Array;
  filename: string;
  rows: number;
}

export interface BackupResult {
  text: string;
  filename: string;
}

export interface RestoreResult {
  shopId: string;
  shopName: string;
  counts: Record<string, number>;
}

export type EngineResponse =
  | { id: number; ok: true; kind: 'report'; result: ReportResult }
  | { id: number; ok: true; kind: 'tierCsv'; result: CsvResult }
  | { id: number; ok: true; kind: 'backup'; result: BackupResult }
  | { id: number; ok: true; kind: 'restore'; result: RestoreResult }
  | { id: number; ok: false; error: string }
  | { id: number; progress: string };
