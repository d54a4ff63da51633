/**
 * Reading a persisted analysis snapshot's record (lib/db/analysis-snapshot.ts) in parts: the
 * record with its hot columns' read started at once (or taken over from the worker's early read),
 * then — only when something needs them — the cold columns with the customer keys and names, and
 * the order ids.
 */
import { lacksColdColumns } from '../engine/snapshot/packed';
import type { Snapshot } from '../engine/snapshot';
import type { AnalysisSnapshot, SellerLensDb } from './schema';

/** Order ids of snapshots loaded from a record, still in its Blob: read by readOrderIds. */
const unreadOrderIds = new WeakMap<Snapshot, () => Promise<string[]>>();

/** Makes `snap.orderIds` wait for readOrderIds (reading it before throws, never gives wrong ids); assignable. */
export function orderIdsInBlob(snap: Snapshot, read: () => Promise<string[]>): void {
  const settle = (value: string[]) => {
    unreadOrderIds.delete(snap);
    Object.defineProperty(snap, 'orderIds', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(snap, 'orderIds', {
    get: () => {
      throw new Error('the order ids of a stored snapshot are read with readOrderIds first');
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
  unreadOrderIds.set(snap, read);
}

/** The cold columns' reads of snapshots loaded from a record, and the reads under way (shared by concurrent callers). */
const coldReads = new WeakMap<Snapshot, () => Promise<void>>();
const coldInFlight = new WeakMap<Snapshot, Promise<boolean>>();

async function supplyCold(snap: Snapshot, read: () => Promise<void>): Promise<boolean> {
  try {
    await read();
    coldReads.delete(snap);
    return true;
  } catch {
    return false;
  } finally {
    coldInFlight.delete(snap);
  }
}

/**
 * Makes every column of `snap` readable. A snapshot loaded from its record has only the hot
 * columns (what the 概览 reads); the lists, tags and captures need the rest: this reads them then
 * (once). False when they cannot be read (the snapshot is rebuilt).
 */
export function readColdColumns(snap: Snapshot): Promise<boolean> {
  const read = coldReads.get(snap);
  if (!read || !lacksColdColumns(snap)) return Promise.resolve(true);
  let p = coldInFlight.get(snap);
  if (!p) {
    p = supplyCold(snap, read);
    coldInFlight.set(snap, p);
  }
  return p;
}

/**
 * Makes `snap.orderIds` (and every column) readable. A snapshot loaded from its record leaves the
 * order ids (a million at 1M orders) in the Blob — a cold open does not read them — until a
 * capture's changes need them: this reads them then. False when they cannot be read (the snapshot is rebuilt).
 */
export async function readOrderIds(snap: Snapshot): Promise<boolean> {
  if (!(await readColdColumns(snap))) return false;
  const read = unreadOrderIds.get(snap);
  if (!read) return true;
  try {
    snap.orderIds = await read();
    return true;
  } catch {
    return false;
  }
}

/** A stored record with the read of its data Blob already started (null when the record is not of this layout). */
interface RecordRead {
  r: AnalysisSnapshot | undefined;
  bytes: Promise<ArrayBuffer> | null;
}

/** A record read started before the engine's code had loaded (the worker's first script, components/engine/early-read.ts). */
interface EarlyRecordRead {
  shopId: string;
  record: unknown;
  bytes: Promise<ArrayBuffer> | null;
}
let early: Promise<EarlyRecordRead | null> | null = null;

/** Hands the next load an early read of a shop's record (used once, for that shop; else dropped). */
export function offerEarlyRecordRead(read: Promise<EarlyRecordRead | null>): void {
  early = read;
}

/** Makes readColdColumns read `snap`'s cold columns with `read` (set by the load). */
export function setColdRead(snap: Snapshot, read: () => Promise<void>): void {
  coldReads.set(snap, read);
}

/** The record of `shopId` with its Blob's read started at once (the two are most of a cold open). */
export async function startRead(db: SellerLensDb, shopId: string): Promise<RecordRead> {
  const offered = early;
  early = null;
  const e = offered ? await offered : null;
  if (e && e.shopId === shopId) return { r: e.record as AnalysisSnapshot | undefined, bytes: e.bytes };
  const r = await db.analysisSnapshots.get(shopId);
  // Only the hot columns' range: the rest is read when a list, a tag or a capture needs it.
  const columnBytes = (r as { header?: { packed?: { hotBytes?: unknown } } } | undefined)?.header?.packed?.hotBytes;
  const bytes = r && r.data instanceof Blob && typeof columnBytes === 'number' ? r.data.slice(0, columnBytes).arrayBuffer() : null;
  bytes?.catch(() => undefined); // awaited (and its failure handled) by the load
  return { r, bytes };
}

