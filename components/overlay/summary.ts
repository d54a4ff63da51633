/**
 * The summary shown when capture ends (采集全部分页 finished or stopped, or the merchant pressed 完成):
 * built from the background's answers to the batches this tab stored. Pure: answers in, summary out.
 */
import type { CaptureBatch } from '@/lib/capture/ingest';
import { expectedSkip, type SkipWhy } from '@/lib/capture/skips';
import { overlayText } from './text';

/** The badge's text: the count with the unit of what the page stores (笔订单 / 位访客 / 位客户 / 组卡片 / 行). */
export function badgeText(primary: CaptureBatch['primary'] | null | undefined, n: number): string {
  return primary ? overlayText(`overlay_unit_${primary}`, { n }) : overlayText('overlay_captured', { n });
}

/** A row the background could not store as a record, as the tab keeps it. */
export interface RejectedRow {
  /** Identifies the row by its content (a re-read of the same row is one row: the badge's data-rejected). */
  key: string;
  row: number;
  reason: string;
  /** The console's page the row was on, when the page shows a pager. */
  page: number | null;
  /** The row's order number (or other id the merchant can search the console for), when the table shows one. */
  ref: string | null;
}

/** One stored batch's answer, with what the tab knew when it sent it. */
export interface StoredAnswer {
  primary: CaptureBatch['primary'];
  shopName: string;
  keys: readonly string[];
  added?: number;
  updated?: number;
  days?: { from: string; to: string } | null;
  rejected: readonly RejectedRow[];
}

export interface CaptureSummary {
  shopName: string;
  /** What the records are (the badge's unit); null before anything was stored. */
  primary: CaptureBatch['primary'] | null;
  /** Distinct records stored from this tab (= the badge's data-count). */
  records: number;
  range: { from: string; to: string } | null;
  added: number;
  updated: number;
  /** Seen again exactly as stored before. */
  unchanged: number;
  /** Rows skipped as normal, by reason (shown neutrally). */
  skipped: { why: SkipWhy; n: number }[];
  /** Rows that could not be read, in the order seen. */
  errors: RejectedRow[];
}

/** The summary of every answer this tab got (records counted once by key; rejected rows once by their content key). */
export function buildSummary(answers: readonly StoredAnswer[]): CaptureSummary {
  const keys = new Set<string>();
  let added = 0;
  let updated = 0;
  let from: string | null = null;
  let to: string | null = null;
  const rejected = new Map<string, RejectedRow>();
  for (const a of answers) {
    for (const k of a.keys) keys.add(k);
    added += a.added ?? 0;
    updated += a.updated ?? 0;
    if (a.days) {
      if (from === null || a.days.from < from) from = a.days.from;
      if (to === null || a.days.to > to) to = a.days.to;
    }
    for (const r of a.rejected) rejected.set(r.key, r);
  }
  const records = keys.size;
  // A record added on one page and changed on a later one is counted once, as new.
  const newCount = Math.min(added, records);
  const changed = Math.min(updated, records - newCount);
  const skipped = new Map<SkipWhy, number>();
  const errors: RejectedRow[] = [];
  for (const r of rejected.values()) {
    const why = expectedSkip(r.reason);
    if (why) skipped.set(why, (skipped.get(why) ?? 0) + 1);
    else errors.push(r);
  }
  const last = answers[answers.length - 1];
  return {
    shopName: last?.shopName ?? '',
    primary: last?.primary ?? null,
    records,
    range: from !== null && to !== null ? { from, to } : null,
    added: newCount,
    updated: changed,
    unchanged: records - newCount - changed,
    skipped: [...skipped].map(([why, n]) => ({ why, n })),
    errors,
  };
}
